/** Bulk import of documents from a JSONL (or CSV) file, streamed in batches, each batch one transaction. */
import fs from 'node:fs';
import { inputError, errorMessage } from '../../data/errors.ts';
import { loadUnits, type Unit } from '../../data/reference/index.ts';
import { finishRun, startRun } from '../job-runs.ts';
import { createLocalityResolver } from '../locality/resolve-locality.ts';
import { Messages } from '../messages.ts';
import { joinBatches, type PreparedBatch } from '../prepare-documents.ts';
import { commitPrepared, stagePrepared } from '../store-documents.ts';
import type { IngestContext, RunReport } from '../types.ts';
import { readBatches } from './read-batches.ts';

export interface JsonlOptions {
  /** The import's name, stored as documents.import_source. */
  source: string;
  /** Unit uid for documents without a locality. */
  defaultLocality?: string | null;
  classification?: number | null;
  batchSize?: number;
  /** Characters of input lines after which a batch ends early (default `DEFAULT_BATCH_CHARS`). */
  batchChars?: number;
  /** The gazetteer (default: the bundled one). */
  units?: readonly Unit[];
}

/** Documents per batch (deduplicated together, sorted by date) unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 1000;
/**
 * Characters of input per batch at most (a batch of news articles ends sooner): with two batches per transaction
 * and the next one being prepared, the documents held at once stay near 24 M characters, however long they are.
 */
export const DEFAULT_BATCH_CHARS = 8_000_000;
/**
 * Batches stored per transaction. Each transaction pays fixed costs (lookups that scan the LSH keys of its dates'
 * window, the commit): two batches in one cost less CPU than two transactions and decide the same. Four were
 * faster still but raised peak RSS by ~130 MB on a 64 MB file (bench/big-ingest.ts).
 */
export const BATCHES_PER_TRANSACTION = 2;

/**
 * Import a JSONL or CSV (by extension) file of `{id, published_at, title?, text, url?, source?, locality?, lang?}`
 * documents. Bad records are counted as failed with `file: line N: reason`; the rest is stored. The run is a
 * row in job_runs; new ids go to `ctx.onNewDocuments` after each transaction commits.
 * `await ingestJsonl('docs.jsonl', { source: 'demo' }, { db, logger, now: () => new Date() })`
 */
export async function ingestJsonl(file: string, opts: JsonlOptions, ctx: IngestContext): Promise<RunReport> {
  const runId = await startRun(ctx.db, `jsonl:${opts.source}`, ctx.now());
  const errors = new Messages();
  const warnings = new Messages();
  const totals = { in: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0 };
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const now = ctx.now();

  let defaultLocality: string | null = null;
  if (opts.defaultLocality) {
    const resolved = createLocalityResolver(opts.units ?? loadUnits())(opts.defaultLocality, null);
    if (resolved.uid === null) warnings.push(`${file}: default locality: ${resolved.problem}`);
    defaultLocality = resolved.uid;
  }
  const storeContext = {
    importSource: opts.source,
    now: ctx.now,
    defaultLocality,
    classification: opts.classification ?? null,
    jobRunId: runId,
    nearDuplicateDays: ctx.nearDuplicateDays,
  };
  // While DuckDB stores one batch, the next one is read, prepared and staged.
  let inFlight: Promise<void> | null = null;
  let commitError: unknown = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (commitError !== null) throw commitError;
  };
  const store = async (prepared: PreparedBatch) => {
    // Converted for the appender while the batch before is still being stored.
    const staged = stagePrepared(prepared, storeContext);
    await settle();
    inFlight = commitPrepared(ctx.db, staged, storeContext).then(
      async (stored) => {
        totals.new += stored.new;
        totals.duplicate += stored.duplicate;
        totals.nearDuplicate += stored.nearDuplicate;
        totals.failed += stored.failed;
        errors.push(...stored.errors);
        warnings.push(...stored.warnings);
        if (stored.newIds.length && ctx.onNewDocuments) await ctx.onNewDocuments(stored.newIds);
      },
      (error: unknown) => {
        commitError = error;
      },
    );
  };

  let pending: PreparedBatch[] = [];
  const storePending = async () => {
    const joined = joinBatches(pending);
    pending = [];
    if (joined.prepared.length > 0 || joined.report.failed > 0) await store(joined);
  };

  let fatal: string | null = null;
  try {
    if (!fs.existsSync(file)) throw inputError(file, null, 'file not found');
    if (fs.statSync(file).isDirectory()) throw inputError(file, null, 'is a folder, not a file');
    for await (const batch of readBatches({
      file,
      source: opts.source,
      batchSize,
      batchChars: opts.batchChars ?? DEFAULT_BATCH_CHARS,
      now,
      units: opts.units,
    })) {
      totals.in += batch.in;
      totals.failed += batch.failed;
      errors.push(...batch.errors);
      warnings.push(...batch.warnings);
      pending.push(batch.prepared);
      if (pending.length === BATCHES_PER_TRANSACTION) await storePending();
    }
    await storePending();
    await settle();
  } catch (error) {
    await inFlight;
    fatal = errorMessage(error);
  }
  const report: RunReport = {
    job_run_id: runId,
    ...totals,
    errors: errors.toArray(),
    warnings: warnings.toArray(),
  };
  await finishRun(ctx.db, runId, { ...report, fatal }, ctx.now());
  if (fatal !== null) {
    ctx.logger.warn(fatal);
    throw inputError(file, null, fatal.startsWith(`${file}: `) ? fatal.slice(file.length + 2) : fatal);
  }
  if (totals.failed) ctx.logger.warn(`${file}: ${totals.failed} of ${totals.in} records failed`);
  return report;
}
