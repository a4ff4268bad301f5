import { describe, expect, it } from 'vitest';
import { scoreBatch } from '../../../analytics/nlp/score.ts';
import {
  PARALLEL_MIN_DOCS,
  createScorePool,
  scoreBatchParallel,
} from '../../../analytics/nlp/score-workers.ts';
import { generateDemo } from '../../../data/demo/index.ts';

const docs = generateDemo({ days: 2 })
  .documents.slice(0, 300)
  .map((d) => ({ text: d.text, title: d.title, published_at: d.published_at }));

describe('scoring on worker threads', () => {
  it('gives the same scores in the same order as scoreBatch', async () => {
    const pool = createScorePool(2);
    try {
      const inputs = [...docs, { text: '' }, { text: 42 as unknown as string }];
      expect(await pool.score(inputs)).toEqual(scoreBatch(inputs));
    } finally {
      await pool.close();
    }
  });

  it('scores small batches in the calling thread', async () => {
    expect(docs.length).toBeLessThan(PARALLEL_MIN_DOCS);
    expect(await scoreBatchParallel(docs.slice(0, 10), { workers: 4 })).toEqual(
      scoreBatch(docs.slice(0, 10)),
    );
  });

  it('refuses a closed pool and a bad size', async () => {
    const pool = createScorePool(1);
    await pool.close();
    await expect(pool.score(docs)).rejects.toThrow('score pool is closed');
    expect(() => createScorePool(0)).toThrow('invalid worker count: 0');
  });
});
