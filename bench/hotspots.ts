/**
 * Hot-spot detection speed: N synthetic scored documents over 180 days, generated in SQL, then both detectors.
 * `node --import tsx bench/hotspots.ts [--docs 1000000] [--docs 10000000]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectHotspots } from '../analytics/hotspots/detect-hotspots.ts';
import { bindUsed } from '../analytics/hotspots/bind-used.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { openDatabase } from '../data/database.ts';

const sql = readSqlFile(new URL('./hotspots-generate.sql', import.meta.url));
const START = '2026-01-01T00:00:00+07:00';
const DAYS = 180;

export interface DetectionBench {
  docs: number;
  generateSeconds: number;
  detectSeconds: number;
  /** CPU time of all threads during detection: what the run costs whatever else the machine is doing. */
  cpuSeconds: number;
  rerunSeconds: number;
  alerts: number;
  steps: { step: string; seconds: number }[];
}

/**
 * Generate `nDocs` documents over 180 days in a fresh database file, run detection over all of it, then run it
 * again (the idempotent re-run a schedule does). Times are wall-clock seconds on this machine.
 */
export async function benchDetection(nDocs: number, dir = os.tmpdir()): Promise<DetectionBench> {
  const folder = fs.mkdtempSync(path.join(dir, 'dlxh-bench-hotspots-'));
  const db = await openDatabase(path.join(folder, 'bench.duckdb'));
  try {
    let at = performance.now();
    const params = { n: nDocs, days: DAYS, start: Date.parse(START) / 1000, prefix: 'b' };
    for (const name of ['generate', 'events', 'insert_documents', 'insert_scores', 'drop']) {
      await db.run(sql(name), bindUsed(sql(name), params));
    }
    await db.run('CHECKPOINT');
    const generateSeconds = (performance.now() - at) / 1000;
    const now = new Date(Date.parse(START) + DAYS * 86_400_000);
    const steps: { step: string; seconds: number }[] = [];
    at = performance.now();
    const cpu = process.cpuUsage();
    const alerts = await detectHotspots(db, {
      now,
      onStep: (step, ms) => steps.push({ step, seconds: ms / 1000 }),
    });
    const detectSeconds = (performance.now() - at) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    at = performance.now();
    await detectHotspots(db, { now });
    const rerunSeconds = (performance.now() - at) / 1000;
    return {
      docs: nDocs,
      generateSeconds,
      detectSeconds,
      cpuSeconds,
      rerunSeconds,
      alerts: alerts.length,
      steps,
    };
  } finally {
    db.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { docs: { type: 'string', multiple: true } } });
  const sizes = (values.docs ?? ['1000000']).map(Number);
  console.log(`hot-spot detection, ${DAYS} days, ${os.cpus().length} cores`);
  let baseline: number | null = null;
  for (const n of sizes) {
    const r = await benchDetection(n);
    baseline ??= r.detectSeconds / n;
    console.log(
      `${n.toLocaleString('en-US')} documents: detect ${r.detectSeconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU ` +
        `(load average ${os.loadavg()[0]!.toFixed(1)}; re-run ${r.rerunSeconds.toFixed(2)} s, ` +
        `${r.alerts} alerts; generate ${r.generateSeconds.toFixed(1)} s); per document ×${(r.detectSeconds / n / baseline).toFixed(2)} of the first size`,
    );
    for (const s of r.steps) console.log(`  ${s.step.padEnd(40)} ${s.seconds.toFixed(2)} s`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
