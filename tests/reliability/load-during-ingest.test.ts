/**
 * Load during ingest, CI variant: 50 dashboard clients (demo users, each from its own loopback address) for at
 * least 10 s while `dlxh serve` ingests a JSONL source through run-now in the same process. Checked here: every
 * request answered as expected, every record stored and scored exactly once, every SQL query audited once, the
 * audit chain whole. Latency is printed, not asserted (speed belongs to benchmarks); the 60 s run with the
 * 2-second criterion is `node --import tsx bench/load-during-ingest.ts`.
 */
import { describe, expect, it } from 'vitest';
import { loadDuringIngest } from '../../bench/load-during-ingest.ts';
import { tempDir } from '../helpers/temp.ts';

describe('50 dashboard clients while a large ingest runs', () => {
  it('answers every request and loses or duplicates no write', async () => {
    const result = await loadDuringIngest({
      clients: 50,
      seconds: 10,
      maxSeconds: 240,
      docs: 2000,
      repeats: 200,
      baselineDocs: 5000,
      thinkMs: [250, 1000],
      dir: tempDir('dlxh-load-'),
    });
    console.info(
      `load during ingest: ${result.requests} requests (${result.requestsDuringIngest} during the ingest) in ` +
        `${result.loadSeconds} s, ingest ${result.ingestSeconds ?? `> ${result.loadSeconds}`} s; latency ms ` +
        `p50 ${result.latency.p50}, p95 ${result.latency.p95}, max ${result.latency.max}; ` +
        `${result.overSlowMs} over 2 s; server CPU ${result.serverCpuSeconds} s`,
    );
    expect(result.errors).toEqual([]);
    expect(result.serverErrors).toEqual([]);
    // Scoring and the claim scan run on worker threads: a document they failed on would be warned about.
    expect(result.serverWarnings.filter((w) => /claim scan failed|score: document/.test(w))).toEqual([]);
    expect(result.requestsDuringIngest).toBeGreaterThanOrEqual(50);
    expect(Object.keys(result.byEndpoint).sort()).toEqual([
      'SQL explorer API',
      'documents API',
      'documents page',
      'hot spots API',
      'hot spots page',
      'overview API',
      'overview page',
    ]);
    expect(result.file).toEqual({ lines: 2200, uniqueIds: 2000 });
    expect(result.stored).toEqual({
      documents: 2000,
      distinctIds: 2000,
      missingIds: 0,
      scored: 2000,
      distinctScored: 2000,
    });
    expect(result.job).toMatchObject({ status: 'ok', itemsIn: 2200, itemsFailed: 0 });
    expect(result.job!.itemsNew + result.job!.itemsDup).toBe(2200);
    expect(result.sqlQueries.answered).toBeGreaterThan(0);
    expect(result.sqlQueries.audited).toBe(result.sqlQueries.answered);
    expect(result.auditChainOk).toBe(true);
  }, 420_000);
});
