import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  builtinSegmenter,
  segmentEval,
  segmentLine,
  trainSegmenter,
} from '../../../analytics/nlp/segment.ts';
import { SHARED_VI } from '../../helpers/temp.ts';

const trainFile = path.join(SHARED_VI, 'wordseg-udvtb-train.txt');
const devFile = path.join(SHARED_VI, 'wordseg-udvtb-dev.txt');
const present = fs.existsSync(trainFile) && fs.existsSync(devFile);

function lines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

// Measured on this data (see scripts/eval-segment.ts): built-in 0.925 F1 on dev, trained-on-train 0.941.
describe.skipIf(!present)('segmentation on UD-VTB (../shared/data/vi)', () => {
  it('built-in segmenter scores at least 0.92 word F1 on dev', () => {
    expect(segmentEval(lines(devFile), builtinSegmenter()).f1).toBeGreaterThanOrEqual(0.92);
  });

  it('trains on train in well under 60 s and scores at least 0.935 word F1 on dev', () => {
    const start = performance.now();
    const model = trainSegmenter(lines(trainFile));
    expect(performance.now() - start).toBeLessThan(30_000);
    const scores = segmentEval(lines(devFile), model);
    expect(scores.f1).toBeGreaterThanOrEqual(0.935);
    expect(scores.f1).toBeGreaterThan(segmentEval(lines(devFile), builtinSegmenter()).f1);
  });

  it('keeps the tokens of every dev sentence', () => {
    const model = trainSegmenter(lines(trainFile).slice(0, 300));
    for (const gold of lines(devFile)) {
      const input = gold.replaceAll('_', ' ');
      expect(segmentLine(input, model).replaceAll('_', ' ')).toBe(input);
    }
  });
});
