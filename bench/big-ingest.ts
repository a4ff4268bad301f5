/**
 * Memory benchmark: peak resident memory while `ingestJsonl` streams a large JSONL file (1 GB with `--big`) into
 * a fresh database, in a process set up as `dlxh ingest jsonl` sets up its own. The file is written first with the ingestion helper's synthetic generator.
 */
import { sampleMemory } from './memory-peaks.ts';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFiles } from '../data/audit-store.ts';
import { favourMemoryOverSpeed } from '../bin/import-process.ts';
import { IMPORT_SETTINGS, openDb } from '../data/db.ts';
import { migrate } from '../data/migrate.ts';
import { ingestJsonl } from '../pipeline/jsonl/ingest-jsonl.ts';
import { silentLogger } from '../pipeline/types.ts';
import { databaseBytes } from './database-bytes.ts';
import { writeSyntheticJsonl } from './ingest-jsonl.ts';

export interface BigIngestResult {
  fileMb: number;
  documents: number;
  seconds: number;
  docsPerSec: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Database size after the ingest (documents, raw items, LSH keys; not scored). */
  dbSizeMb: number;
}

/**
 * Write the synthetic JSONL file of about `bytes` for `benchBigIngest`, in a process of its own: writing it leaves
 * garbage and allocator pages behind that would count against the ingest's peak if it ran in the same process.
 * `await writeBigJsonl(2 ** 30, dir)` → `'/tmp/…/big.jsonl'`.
 */
export async function writeBigJsonl(bytes: number, dir: string): Promise<string> {
  const probe = path.join(dir, 'probe.jsonl');
  await writeSyntheticJsonl(probe, 2000);
  const perDoc = fs.statSync(probe).size / 2000;
  fs.rmSync(probe);
  const file = path.join(dir, 'big.jsonl');
  await writeSyntheticJsonl(file, Math.ceil(bytes / perDoc));
  return file;
}

/** `await benchBigIngest(file, dir)` → `{ fileMb: 1024, peakRssMb: 480, … }`; removes `file` when done. */
export async function benchBigIngest(file: string, dir: string): Promise<BigIngestResult> {
  const dbFile = path.join(dir, 'big.duckdb');
  // As `dlxh ingest jsonl` runs: its DuckDB settings, and V8 told to favour memory.
  favourMemoryOverSpeed();
  const db = await openDb(dbFile, IMPORT_SETTINGS);
  try {
    await migrate(db);
    const memory = sampleMemory(100);
    const t0 = performance.now();
    const report = await ingestJsonl(
      file,
      { source: 'bench' },
      { db, logger: silentLogger, now: () => new Date() },
    );
    const seconds = (performance.now() - t0) / 1000;
    const peaks = memory.stop();
    await db.run('CHECKPOINT');
    return {
      dbSizeMb: Math.round(databaseBytes(dbFile) / 1048576),
      fileMb: Math.round(fs.statSync(file).size / 1048576),
      documents: report.in,
      seconds,
      docsPerSec: Math.round(report.in / seconds),
      ...peaks,
    };
  } finally {
    db.close();
    fs.rmSync(file, { force: true });
    for (const f of databaseFiles(dbFile)) fs.rmSync(f, { force: true });
  }
}
