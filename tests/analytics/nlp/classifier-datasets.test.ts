import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { BENCHMARKS, runBenchmark } from '../../../analytics/nlp/evaluate.ts';
import { REPO_ROOT } from '../../helpers/temp.ts';

const DATA = path.resolve(REPO_ROOT, '../shared/data/vi');
const exists = fs.existsSync(DATA);
const bench = (name: string) => BENCHMARKS.find((b) => b.name === name)!;

describe.skipIf(!exists)(`NLP targets on ${DATA} (skipped when the folder is absent)`, () => {
  it('built-in sentiment reaches its VLSP 2016 macro-F1 target without training', () => {
    const result = runBenchmark(DATA, bench('builtin-sentiment-vlsp2016'));
    expect(result.value).toBeGreaterThanOrEqual(result.target);
  });

  it('the classifier trained on UIT-VSFC train reaches its weighted-F1 target on dev', () => {
    const result = runBenchmark(DATA, bench('sentiment-uitvsfc'));
    expect(result.protocol).toMatch(/^train → (dev|test)$/);
    expect(result.value).toBeGreaterThanOrEqual(result.target);
  });
});
