/**
 * Benchmark: hot-spot detection (both detectors, alerts stored) over n scored documents spread over 180 days,
 * generated in SQL by the hot-spot helper's bench/hotspots-generate.sql into a database file, so the figure
 * includes DuckDB reading from disk. Baseline: one full scan that counts documents per topic, unit and day
 * (the least any detector must do) on the same database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../data/db.ts';
import { migrate } from '../data/migrate.ts';
import { seedReference } from '../data/seed-reference.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { detectHotspots } from '../analytics/hotspots/detect-hotspots.ts';

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
}

/** Size on disk of a DuckDB file and its write-ahead log. */
export function databaseBytes(file: string): number {
  return [file, `${file}.wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

/** `await benchDetection(1_000_000, 180, dir)` → `{ detectSeconds: 6.2, dbSizeMb: 310, alerts: 41, … }`. */
export async function benchDetection(n: number, days: number, dir: string): Promise<DetectionResult> {
  const file = path.join(dir, `detect-${n}.duckdb`);
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
  const db = await openDb(file);
  try {
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
    return {
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
