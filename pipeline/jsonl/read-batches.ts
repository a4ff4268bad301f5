/** Reads a JSONL or CSV file of documents into prepared batches: parsed, checked, normalised and fingerprinted. */
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { errorMessage } from '../../data/errors.ts';
import { loadUnits, type Unit } from '../../data/reference/index.ts';
import { createLocalityResolver } from '../locality/resolve-locality.ts';
import { readLineRuns } from '../read-lines.ts';
import { prepareDocuments, type PreparedBatch } from '../prepare-documents.ts';
import type { IncomingDocument } from '../types.ts';
import { recordToDocument } from './record-to-document.ts';

export interface ReadOptions {
  file: string;
  /** The import's name (raw item ids are hashed with it). */
  source: string;
  batchSize: number;
  /** A batch also ends once its records' lines hold this many characters, so long documents keep batches small. */
  batchChars: number;
  /** When the import started: documents dated more than a day after it get a warning. */
  now: Date;
  /** The gazetteer (default: the bundled one). */
  units?: readonly Unit[];
}

/** One batch as read: how many records it took in, the records that failed and why, the documents prepared. */
export interface ReadBatch {
  in: number;
  failed: number;
  errors: string[];
  warnings: string[];
  prepared: PreparedBatch;
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
 * Batches of at most `batchSize` documents (fewer once their lines reach `batchChars` characters) from a JSONL or CSV (by extension) file; a bad record is counted failed
 * with `file: line N: reason`. The last batch may hold no documents, only the count of records that failed.
 * `for await (const batch of readBatches({ file, source: 'demo', batchSize: 1000, batchChars: 8e6, now })) …`
 */
export async function* readBatches(options: ReadOptions): AsyncGenerator<ReadBatch> {
  const { file, batchSize, batchChars, now } = options;
  const isCsv = /\.csv$/i.test(file);
  const resolveLocality = createLocalityResolver(options.units ?? loadUnits());
  const store = { importSource: options.source };
  let counts = { in: 0, failed: 0, errors: [] as string[], warnings: [] as string[] };
  let docs: IncomingDocument[] = [];
  let chars = 0;
  const take = (): ReadBatch => {
    const taken = { ...counts, prepared: prepareDocuments(docs, store) };
    counts = { in: 0, failed: 0, errors: [], warnings: [] };
    docs = [];
    chars = 0;
    return taken;
  };
  for await (const items of isCsv ? csvRecords(file) : jsonlRecords(file)) {
    for (const item of items) {
      counts.in++;
      const where = `${file}: ${item.position}`;
      if (item.problem) {
        counts.failed++;
        counts.errors.push(`${where}: ${item.problem}`);
        continue;
      }
      const result = recordToDocument(item.record, { now, resolveLocality });
      for (const warning of result.warnings) counts.warnings.push(`${where}: ${warning}`);
      if (result.doc === null) {
        counts.failed++;
        counts.errors.push(`${where}: ${result.problem}`);
        continue;
      }
      result.doc.raw = {
        locator: `${file}:${item.position.slice(5)}`,
        body: item.raw,
        contentType: isCsv ? 'text/csv' : 'application/json',
      };
      docs.push(result.doc);
      chars += item.raw.length;
      if (docs.length >= batchSize || chars >= batchChars) yield take();
    }
  }
  if (docs.length > 0 || counts.in > 0) yield take();
}
