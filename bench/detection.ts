/**
 * Benchmark: hot-spot detection (both detectors, alerts stored) over n scored documents spread over 180 days,
 * generated in SQL by the hot-spot helper's bench/hotspots-generate.sql into a database file, so the figure
 * includes DuckDB reading from disk. Baseline: one full scan that counts documents per topic, unit and day
 * (the least any detector must do) on the same database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseFiles } from '../data/audit-store.ts';
import { openDb, type Db } from '../data/db.ts';
import { migrate } from '../data/migrate.ts';
import { seedReference } from '../data/seed-reference.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { detectHotspots } from '../analytics/hotspots/detect-hotspots.ts';
import { duckdbStorage } from '../data/storage.ts';
import { databaseBytes } from './database-bytes.ts';

const generate = readSqlFile(new URL('./hotspots-generate.sql', import.meta.url));
const NOW = new Date('2026-11-24T17:00:00Z');

export interface DetectionResult {
  documents: number;
  days: number;
  generateSeconds: number;
  dbSizeMb: number;
  detectSeconds: number;
  alerts: number;
  steps: Record<string, number>;
  baselineSeconds: number;
  archive?: ArchiveFigures;
}

/** Archiving the older half of the benchmark database: time, sizes, and a full count through the spanning view. */
export interface ArchiveFigures {
  documents: number;
  seconds: number;
  parquetMb: number;
  dbSizeAfterMb: number;
  countHotMs: number;
  countAllMs: number;
  restoreSeconds: number;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Archive documents older than half the window, measure, then restore them (the database ends as it began). */
async function benchArchive(db: Db, file: string, days: number, dir: string): Promise<ArchiveFigures> {
  const storage = duckdbStorage(db);
  const before = new Date(NOW.getTime() - (days / 2) * 86_400_000);
  let t0 = performance.now();
  const report = await storage.archive({ before, now: NOW, dir: path.join(dir, 'archive') });
  await db.run('CHECKPOINT');
  const seconds = (performance.now() - t0) / 1000;
  const count = `SELECT s.topics[1] AS topic, count(*) AS n FROM documents_all d JOIN doc_scores_all s ON s.doc_id = d.id GROUP BY ALL`;
  const countAllMs = await timeMs(() => db.all(count));
  const countHotMs = await timeMs(() => db.all(count.replaceAll('_all', '')));
  const figures = {
    documents: report.documents,
    seconds,
    parquetMb: Math.round(report.files.reduce((sum, f) => sum + f.bytes, 0) / 1048576),
    dbSizeAfterMb: Math.round(databaseBytes(file) / 1048576),
    countHotMs: Math.round(countHotMs),
    countAllMs: Math.round(countAllMs),
    restoreSeconds: 0,
  };
  t0 = performance.now();
  await storage.restore();
  figures.restoreSeconds = (performance.now() - t0) / 1000;
  return figures;
}

/** `await benchDetection(1_000_000, 180, dir)` → `{ detectSeconds: 6.2, dbSizeMb: 310, alerts: 41, … }`. */
export async function benchDetection(
  n: number,
  days: number,
  dir: string,
  withArchive = false,
): Promise<DetectionResult> {
  const file = path.join(dir, `detect-${n}.duckdb`);
  for (const f of databaseFiles(file)) fs.rmSync(f, { force: true });
  const db = await openDb(file);
  try {
    // DuckDB would take up to 80% of RAM; a bound keeps a 10M run from starving whatever else the machine runs.
    await db.run(`SET memory_limit = '8GB'`);
    await migrate(db);
    await seedReference(db);
    const start = NOW.getTime() / 1000 - days * 86_400;
    let t0 = performance.now();
    await db.run(generate('generate'), { n, days, start, prefix: 'd' });
    await db.transaction(async () => {
      await db.run(generate('insert_documents'));
      await db.run(generate('insert_scores'));
    });
    await db.run(generate('drop'));
    await db.run('CHECKPOINT');
    const generateSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    await db.all(
      `SELECT s.topics[1] AS topic, coalesce(s.locality_uid, d.locality_uid) AS unit,
         date_trunc('day', d.published_at) AS day, count(*) AS n
       FROM documents d JOIN doc_scores s ON s.doc_id = d.id GROUP BY ALL`,
    );
    const baselineSeconds = (performance.now() - t0) / 1000;

    const steps: Record<string, number> = {};
    t0 = performance.now();
    const alerts = await detectHotspots(db, {
      since: new Date(NOW.getTime() - days * 86_400_000),
      until: NOW,
      now: NOW,
      onStep: (step, ms) => (steps[step.replace(/ \(.*\)$/, '')] = Math.round(ms)),
    });
    const detectSeconds = (performance.now() - t0) / 1000;
    const archive = withArchive ? { archive: await benchArchive(db, file, days, dir) } : {};
    return {
      ...archive,
      documents: n,
      days,
      generateSeconds,
      dbSizeMb: Math.round(databaseBytes(file) / 1048576),
      detectSeconds,
      alerts: alerts.length,
      steps,
      baselineSeconds,
    };
  } finally {
    db.close();
  }
}
