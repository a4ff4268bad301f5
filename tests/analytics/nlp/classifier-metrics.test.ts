import { describe, it, expect } from 'vitest';
import {
  accuracy,
  confusionMatrix,
  macroF1,
  perLabelScores,
  rocAuc,
  weightedF1,
} from '../../../analytics/nlp/metrics.ts';

// gold a a a b b c, predicted a a b b c c:
// a: tp 2, fp 0, fn 1 → P 1, R 2/3, F1 0.8; b: tp 1, fp 1, fn 1 → F1 0.5; c: tp 1, fp 1, fn 0 → P 0.5, R 1, F1 2/3.
const GOLD = ['a', 'a', 'a', 'b', 'b', 'c'];
const PRED = ['a', 'a', 'b', 'b', 'c', 'c'];

describe('metrics', () => {
  it('accuracy counts exact matches', () => {
    expect(accuracy(GOLD, PRED)).toBeCloseTo(4 / 6, 10);
    expect(accuracy([], [])).toBe(0);
  });

  it('confusion matrix rows are gold, columns predicted', () => {
    expect(confusionMatrix(GOLD, PRED)).toEqual({
      labels: ['a', 'b', 'c'],
      matrix: [
        [2, 1, 0],
        [0, 1, 1],
        [0, 0, 1],
      ],
    });
    expect(confusionMatrix(['x'], ['x'], ['x', 'y']).matrix).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('per-label, macro and weighted F1 match hand computation', () => {
    const scores = perLabelScores(GOLD, PRED);
    expect(scores.map((s) => s.f1)).toEqual([
      expect.closeTo(0.8, 10),
      expect.closeTo(0.5, 10),
      expect.closeTo(2 / 3, 10),
    ]);
    expect(macroF1(GOLD, PRED)).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(weightedF1(GOLD, PRED)).toBeCloseTo((3 * 0.8 + 2 * 0.5 + 1 * (2 / 3)) / 6, 10);
  });

  it('a label never predicted has F1 0 and still counts in the macro mean', () => {
    expect(macroF1(['a', 'b'], ['a', 'a'])).toBeCloseTo((2 / 3 + 0) / 2, 10);
  });

  it('ROC-AUC is the share of correctly ordered positive/negative pairs, ties counting half', () => {
    expect(rocAuc([true, false, true, false], [0.9, 0.8, 0.4, 0.1])).toBeCloseTo(0.75, 10);
    expect(rocAuc([true, false], [0.5, 0.5])).toBeCloseTo(0.5, 10);
    expect(rocAuc([true, true, false], [0.2, 0.3, 0.1])).toBe(1);
    expect(rocAuc([true, true], [0.2, 0.3])).toBeNaN();
  });

  it('rejects predictions of the wrong length', () => {
    expect(() => accuracy(['a'], [])).toThrow(/1 gold labels/);
  });
});
