import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  scanCandidates,
  type DocumentRow,
  type StatementRow,
} from '../../../analytics/misinfo/claim-candidates.ts';
import type { Verdict } from '../../../analytics/misinfo/read-statements.ts';
import { scoreBatch } from '../../../analytics/nlp/score.ts';
import {
  PARALLEL_MIN_DOCS,
  createScorePool,
  scoreBatchParallel,
  sharedScorePool,
} from '../../../analytics/nlp/score-workers.ts';
import { generateDemo } from '../../../data/demo/index.ts';
import { pairs, statements as fixtureStatements } from '../misinfo/fixtures.ts';

const docs = generateDemo({ days: 2 })
  .documents.slice(0, 300)
  .map((d) => ({ text: d.text, title: d.title, published_at: d.published_at }));

const statements: StatementRow[] = fixtureStatements.map((s, i) => ({
  id: s.id,
  claim: s.claim,
  verdict: s.verdict as Verdict,
  issued_at: new Date(s.issued_at),
  topics: i % 2 ? ['y-te'] : [],
  locality_uid: null,
  classification: i % 3 === 0 ? 1 : 0,
}));
const claimDocs: DocumentRow[] = pairs.map((p, i) => ({
  id: p.id,
  title: i % 4 === 0 ? p.text.slice(0, 60) : null,
  text: p.text,
  published_at: i % 5 === 0 ? null : new Date(Date.UTC(2025, 3, 1, i % 24)),
  ingested_at: new Date('2025-04-02T00:00:00Z'),
  extra: i % 3 === 0 ? JSON.stringify({ shares: i * 10 }) : null,
  locality_uid: null,
  classification: i % 2,
  copy_of: null,
  credibility: i % 2 ? 0.5 : null,
  topics: i % 2 ? ['an-ninh'] : null,
}));

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

  it('runs the claim scan with the same candidates, in the same order, as in the calling thread', async () => {
    const pool = createScorePool(2);
    try {
      const inThread = scanCandidates(claimDocs, statements, {});
      expect(inThread.some((scan) => 'rows' in scan && scan.rows.length > 0)).toBe(true);
      expect(await pool.scanClaims(claimDocs, statements)).toEqual(inThread);
      const strict = { thresholds: { suggest: 0.9, auto: 0.95 } };
      expect(await pool.scanClaims(claimDocs, statements, strict)).toEqual(
        scanCandidates(claimDocs, statements, strict),
      );
    } finally {
      await pool.close();
    }
  });

  it('fails a request that cannot be answered, and answers the next one', async () => {
    const pool = createScorePool(1);
    try {
      const broken = [{ ...statements[0]!, claim: null as unknown as string }];
      await expect(pool.scanClaims(claimDocs.slice(0, 3), broken)).rejects.toThrow();
      expect(await pool.scanClaims(claimDocs.slice(0, 3), statements)).toEqual(
        scanCandidates(claimDocs.slice(0, 3), statements, {}),
      );
    } finally {
      await pool.close();
    }
  });

  it('keeps one shared pool per size, whose threads stop when idle and start again when needed', async () => {
    const pool = sharedScorePool(1, 10);
    try {
      expect(sharedScorePool(1, 10)).toBe(pool);
      expect(await pool.score(docs.slice(0, 20))).toEqual(scoreBatch(docs.slice(0, 20)));
      await sleep(200);
      expect(await pool.score(docs.slice(20, 40))).toEqual(scoreBatch(docs.slice(20, 40)));
    } finally {
      await pool.close();
    }
  });
});
