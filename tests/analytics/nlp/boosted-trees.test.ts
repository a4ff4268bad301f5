import { describe, it, expect } from 'vitest';
import { ensembleValue, fitBoostedTrees, plattScale } from '../../../analytics/nlp/boosted-trees.ts';
import { seededRandom } from '../../../analytics/nlp/classifier.ts';
import { rocAuc } from '../../../analytics/nlp/metrics.ts';

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

describe('boosted trees', () => {
  it('learns a band of one feature that no single threshold (or linear model) separates', () => {
    const random = seededRandom(3);
    const x: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = random() * 10;
      const noise = random() * 10;
      x.push(Float64Array.of(a, noise));
      y.push(a > 4 && a < 6 ? 1 : 0);
    }
    const trees = fitBoostedTrees(x, y, new Float64Array(x.length), { trees: 30, depth: 2, rate: 0.3 });
    expect(trees).toHaveLength(30);
    expect(sigmoid(ensembleValue(trees, [5, 1]))).toBeGreaterThan(0.8);
    expect(sigmoid(ensembleValue(trees, [2, 1]))).toBeLessThan(0.2);
    expect(sigmoid(ensembleValue(trees, [8, 9]))).toBeLessThan(0.2);
    const scores = x.map((row) => ensembleValue(trees, row));
    expect(
      rocAuc(
        y.map((v) => v === 1),
        scores,
      ),
    ).toBeGreaterThan(0.98);
  });

  it('routes missing values to the side that fits them', () => {
    const x: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const missing = i % 4 === 0;
      x.push(Float64Array.of(missing ? NaN : i % 50));
      y.push(missing ? 1 : 0);
    }
    const trees = fitBoostedTrees(x, y, new Float64Array(x.length), { trees: 20, depth: 1, rate: 0.5 });
    expect(sigmoid(ensembleValue(trees, [NaN]))).toBeGreaterThan(0.8);
    expect(sigmoid(ensembleValue(trees, [10]))).toBeLessThan(0.2);
  });

  it('adds nothing where the offset already explains the labels', () => {
    const x = Array.from({ length: 100 }, (_, i) => Float64Array.of(i));
    const y = x.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const offset = y.map((v) => (v === 1 ? 20 : -20));
    const trees = fitBoostedTrees(x, y, offset, { trees: 5 });
    for (const row of x) expect(Math.abs(ensembleValue(trees, row))).toBeLessThan(1e-3);
  });

  it('is deterministic', () => {
    const x = Array.from({ length: 60 }, (_, i) => Float64Array.of(i % 7, i % 5));
    const y = x.map((row) => (row[0]! + row[1]! > 5 ? 1 : 0));
    const a = fitBoostedTrees(x, y, new Float64Array(60));
    const b = fitBoostedTrees(x, y, new Float64Array(60));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('plattScale', () => {
  it('recovers the slope and intercept of a logistic relation', () => {
    const random = seededRandom(5);
    const m: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const v = random() * 8 - 4;
      m.push(v);
      y.push(random() < sigmoid(0.5 * v - 1) ? 1 : 0);
    }
    const { a, c } = plattScale(m, y);
    expect(a).toBeCloseTo(0.5, 1);
    expect(c).toBeCloseTo(-1, 1);
  });

  it('stays finite on margins that carry no signal (a plain Newton step diverges there)', () => {
    const m = Array.from({ length: 96 }, () => 0.25);
    const y = m.map((_, i) => (i % 8 === 0 ? 1 : 0));
    const { a, c } = plattScale(m, y);
    expect(sigmoid(a * 0.25 + c)).toBeCloseTo(1 / 8, 2);
    expect(Math.abs(a) + Math.abs(c)).toBeLessThan(10);
  });
});
