/** Bulk import of documents from a JSONL (or CSV) file, streamed in batches, each batch one transaction. */
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { inputError, errorMessage } from '../../data/errors.ts';
import { loadUnits, type Unit } from '../../data/reference/index.ts';
import { finishRun, startRun } from '../job-runs.ts';
import { createLocalityResolver } from '../locality/resolve-locality.ts';
import { Messages } from '../messages.ts';
import { readLineRuns } from '../read-lines.ts';
import { commitPrepared, prepareDocuments } from '../store-documents.ts';
import type { IncomingDocument, IngestContext, RunReport } from '../types.ts';
import { recordToDocument } from './record-to-document.ts';

export interface JsonlOptions {
  /** The import's name, stored as documents.import_source. */
  source: string;
  /** Unit uid for documents without a locality. */
  defaultLocality?: string | null;
  classification?: number | null;
  batchSize?: number;
  /** The gazetteer (default: the bundled one). */
  units?: readonly Unit[];
}

interface SourceRecord {
  position: string;
  raw: string;
  record: unknown;
  problem?: string;
}

async function* jsonlRecords(file: string): AsyncGenerator<SourceRecord[]> {
  for await (const lines of readLineRuns(file)) {
    const records: SourceRecord[] = [];
    for (const line of lines) {
      const position = `line ${line.number}`;
      if (line.text === null) {
        records.push({ position, raw: '', record: null, problem: line.problem });
        continue;
      }
      if (line.text.trim() === '') continue;
      try {
        records.push({ position, raw: line.text, record: JSON.parse(line.text) });
      } catch (error) {
        records.push({
          position,
          raw: line.text,
          record: null,
          problem: `invalid JSON (${errorMessage(error)})`,
        });
      }
    }
    yield records;
  }
}

async function* csvRecords(file: string): AsyncGenerator<SourceRecord[]> {
  const skipped: SourceRecord[] = [];
  const parser = fs.createReadStream(file).pipe(
    parseCsv({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({
      position: `line ${error.lines ?? '?'}`,
      raw: '',
      record: null,
      problem: errorMessage(error),
    });
  });
  for await (const row of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
    raw: string;
  }>) {
    yield [...skipped.splice(0), { position: `line ${row.info.lines}`, raw: row.raw, record: row.record }];
  }
  if (skipped.length) yield skipped;
}

/**
 * Import a JSONL or CSV (by extension) file of `{id, published_at, title?, text, url?, source?, locality?, lang?}`
 * documents. Bad records are counted as failed with `file: line N: reason`; the rest is stored. The run is a
 * row in job_runs; new ids go to `ctx.onNewDocuments` after each batch commits.
 * `await ingestJsonl('docs.jsonl', { source: 'demo' }, { db, logger, now: () => new Date() })`
 */
export async function ingestJsonl(file: string, opts: JsonlOptions, ctx: IngestContext): Promise<RunReport> {
  const runId = await startRun(ctx.db, `jsonl:${opts.source}`, ctx.now());
  const errors = new Messages();
  const warnings = new Messages();
  const totals = { in: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0 };
  const batchSize = opts.batchSize ?? 1000;
  const resolveLocality = createLocalityResolver(opts.units ?? loadUnits());
  const now = ctx.now();
  const isCsv = /\.csv$/i.test(file);
  let batch: IncomingDocument[] = [];

  let defaultLocality: string | null = null;
  if (opts.defaultLocality) {
    const resolved = resolveLocality(opts.defaultLocality, null);
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
  // While DuckDB commits one batch, the next one is parsed and fingerprinted.
  let inFlight: Promise<void> | null = null;
  let commitError: unknown = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (commitError !== null) throw commitError;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const prepared = prepareDocuments(batch, storeContext);
    batch = [];
    await settle();
    inFlight = commitPrepared(ctx.db, prepared, storeContext).then(
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

  let fatal: string | null = null;
  try {
    if (!fs.existsSync(file)) throw inputError(file, null, 'file not found');
    if (fs.statSync(file).isDirectory()) throw inputError(file, null, 'is a folder, not a file');
    const records = isCsv ? csvRecords(file) : jsonlRecords(file);
    for await (const items of records) {
      for (const item of items) {
        totals.in++;
        const where = `${file}: ${item.position}`;
        if (item.problem) {
          totals.failed++;
          errors.push(`${where}: ${item.problem}`);
          continue;
        }
        const result = recordToDocument(item.record, { now, resolveLocality });
        warnings.push(...result.warnings.map((w) => `${where}: ${w}`));
        if (result.doc === null) {
          totals.failed++;
          errors.push(`${where}: ${result.problem}`);
          continue;
        }
        result.doc.raw = {
          locator: `${file}:${item.position.slice(5)}`,
          body: item.raw,
          contentType: isCsv ? 'text/csv' : 'application/json',
        };
        batch.push(result.doc);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
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
