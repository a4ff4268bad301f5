/**
 * `npm run bench [-- options]`: every benchmark of issue 10, each stage in a process of its own, printed as one
 * table in which every figure stands beside a baseline measured in the same run. Never part of `npm test`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions, type BenchOptions } from './bench-options.ts';
import { spawnStage } from './child-stage.ts';
import { coldStart } from './cold-start.ts';
import { loadTest, type LoadRequest, type LoadResult } from './load.ts';
import { describeMachine, machineInfo } from './machine.ts';
import { fmt, renderTable, type BenchRow } from './report-table.ts';

const EXPLORER_QUERY = `SELECT published_at::DATE AS day, count(*) AS n
FROM documents WHERE published_at >= TIMESTAMPTZ '2026-10-25 00:00:00+07'
GROUP BY day ORDER BY day`;

interface ScalingRow {
  documents: number;
  dbSizeMb: number;
  generateSeconds: number;
  detectSeconds: number;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function millions(n: number): string {
  return n >= 1e6 ? `${fmt(n / 1e6, n % 1e6 ? 1 : 0)}M` : n >= 1e3 ? `${fmt(n / 1e3, 0)}k` : String(n);
}

async function ingestRows(o: BenchOptions): Promise<BenchRow[]> {
  log(`ingest ${o.docs} documents…`);
  const r = (await spawnStage('ingest', { n: o.docs, dir: o.dir }).result) as Record<string, number>;
  const ratio = r.docsPerSec! / r.bulkDocsPerSec!;
  return [
    {
      figure: `Ingest ${millions(o.docs)} JSONL docs (docs/s)`,
      value: fmt(r.docsPerSec!),
      baseline: `${fmt(r.bulkDocsPerSec!)} DuckDB read_json`,
      ratio,
      aim: '≥ 0.5',
      met: ratio >= 0.5,
    },
    {
      figure: `Peak RSS ingesting ${millions(o.docs)} docs (MB)`,
      value: fmt(r.peakRssMb!),
      baseline: `JS heap ${fmt(r.peakHeapMb!)} MB`,
      ratio: null,
      aim: '< 600',
      met: r.peakRssMb! < 600,
    },
  ];
}

async function scoringRows(o: BenchOptions): Promise<BenchRow[]> {
  log(`scoring ${o.scoreDocs} documents per pass…`);
  const r = (await spawnStage('scoring', { n: o.scoreDocs, dir: o.dir, workers: o.workers }).result) as Record<
    string,
    number | string
  >;
  const perCore = r.syllablesPerSec as number;
  const ratio = perCore / (r.baselineSyllablesPerSec as number);
  const rows: BenchRow[] = [
    {
      figure: 'Scoring, 1 core (syllables/s)',
      value: fmt(perCore),
      baseline: `${fmt(r.baselineSyllablesPerSec as number)} ${r.baseline as string}`,
      ratio,
      aim: '≥ 0.5',
      met: ratio >= 0.5,
    },
  ];
  if (typeof r.workerSyllablesPerSec === 'number') {
    rows.push({
      figure: `Scoring, ${r.workers} worker threads (syllables/s)`,
      value: fmt(r.workerSyllablesPerSec),
      baseline: `${fmt(perCore)} on 1 core`,
      ratio: r.workerSyllablesPerSec / perCore,
      aim: 'grows with cores',
      met: null,
    });
  }
  return rows;
}

async function detectionRows(o: BenchOptions, scaling: ScalingRow[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of o.detect) {
    log(`detection over ${n} documents, ${o.days} days (generating the data first)…`);
    const r = (await spawnStage('detection', { n, days: o.days, dir: o.dir }).result) as Record<string, number> & {
      steps: Record<string, number>;
    };
    scaling.push({ documents: n, dbSizeMb: r.dbSizeMb!, generateSeconds: r.generateSeconds!, detectSeconds: r.detectSeconds! });
    const limit = (10 * n) / 1e6; // the aim is 10 s at 1M documents, growing no worse than linearly
    const steps = Object.entries(r.steps)
      .map(([k, v]) => `${k} ${fmt(v / 1000, 1)}`)
      .join(', ');
    rows.push({
      figure: `Detection, ${millions(n)} docs × ${o.days} days (s)`,
      value: fmt(r.detectSeconds!),
      baseline: `${fmt(r.baselineSeconds!)} s one group-by scan`,
      ratio: r.detectSeconds! / r.baselineSeconds!,
      aim: n >= 1e6 ? `< ${fmt(limit, 0)}` : '< 10 at 1M',
      met: n >= 1e6 ? r.detectSeconds! < limit : null,
    });
    rows.push({
      figure: `  steps (s), ${fmt(r.alerts!, 0)} alerts, peak RSS ${fmt(r.maxRssMb!)} MB`,
      value: steps,
      baseline: '',
      ratio: null,
      aim: '',
      met: null,
    });
  }
  return rows;
}

function loadRow(name: string, r: LoadResult, baseline: LoadResult, connections: number): BenchRow {
  return {
    figure: `API ${name}, ${connections} clients: p50/p95/p99 ms (req/s)`,
    value: `${fmt(r.p50, 0)} / ${fmt(r.p95, 0)} / ${fmt(r.p99, 0)} (${fmt(r.requestsPerSec)})${r.failed ? `, ${r.failed} failed` : ''}`,
    baseline: `/api/me p95 ${fmt(baseline.p95, 0)} ms`,
    ratio: r.p95 / Math.max(baseline.p95, 1),
    aim: 'p95 < 100',
    met: r.p95 < 100 && r.failed === 0,
  };
}

async function apiRows(o: BenchOptions): Promise<{ rows: BenchRow[]; dbFile: string }> {
  log(`API: building a database of ${o.apiDocs} documents and serving it…`);
  const stage = spawnStage('api-server', { n: o.apiDocs, dir: o.dir });
  const rows: BenchRow[] = [];
  try {
    const s = (await stage.ready) as { base: string; cookie: string; csrf: string; generateSeconds: number; dbSizeMb: number };
    const get = (p: string): LoadRequest => ({ url: `${s.base}${p}`, headers: { cookie: s.cookie } });
    const measure = async (name: string, request: LoadRequest) => {
      log(`API: ${name} for ${o.apiSeconds} s…`);
      const result = await loadTest(request, o.connections, o.apiSeconds);
      await fetch(request.url, { method: request.method, body: request.body, headers: request.headers });
      return result;
    };
    const baseline = await measure('/api/me', get('/api/me'));
    rows.push(loadRow('/api/overview', await measure('/api/overview', get('/api/overview')), baseline, o.connections));
    rows.push(loadRow('/api/hotspots', await measure('/api/hotspots', get('/api/hotspots')), baseline, o.connections));
    const sqlRequest: LoadRequest = {
      url: `${s.base}/api/sql`,
      method: 'POST',
      body: JSON.stringify({ sql: EXPLORER_QUERY }),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    };
    rows.push(loadRow('POST /api/sql (explorer)', await measure('POST /api/sql', sqlRequest), baseline, o.connections));
    rows.push({
      figure: `  database: ${millions(o.apiDocs)} docs, ${fmt(s.dbSizeMb)} MB on disk`,
      value: `built in ${fmt(s.generateSeconds)} s`,
      baseline: '',
      ratio: null,
      aim: '',
      met: null,
    });
  } finally {
    stage.child.stdin!.end();
  }
  const end = (await stage.result) as Record<string, number>;
  rows.push({
    figure: `Peak RSS serving ${millions(o.apiDocs)} docs under load (MB)`,
    value: fmt(end.maxRssMb!),
    baseline: '',
    ratio: null,
    aim: '< 600',
    met: end.maxRssMb! < 600,
  });
  return { rows, dbFile: path.join(o.dir, `api-${o.apiDocs}.duckdb`) };
}

async function helpSeconds(): Promise<number> {
  const dlxh = fileURLToPath(new URL('../bin/dlxh.js', import.meta.url));
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [dlxh, '--help'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return (performance.now() - started) / 1000;
}

async function coldStartRows(o: BenchOptions, largeDb: string | null): Promise<BenchRow[]> {
  log('cold start of dlxh serve…');
  const baseline = await helpSeconds();
  const fresh = path.join(o.dir, 'fresh.duckdb');
  for (const f of [fresh, `${fresh}.wal`, `${fresh}.secret`]) fs.rmSync(f, { force: true });
  const rows: BenchRow[] = [];
  const row = (what: string, seconds: number): BenchRow => ({
    figure: `Cold start dlxh serve → /api/health, ${what} (s)`,
    value: fmt(seconds),
    baseline: `${fmt(baseline)} s dlxh --help`,
    ratio: seconds / baseline,
    aim: '< 60',
    met: seconds < 60,
  });
  rows.push(row('new database', await coldStart(fresh)));
  if (largeDb && fs.existsSync(largeDb)) rows.push(row(`${millions(o.apiDocs)}-doc database`, await coldStart(largeDb)));
  return rows;
}

async function memoryRows(o: BenchOptions): Promise<BenchRow[]> {
  const bytes = o.big ? 2 ** 30 : o.bigMb * 2 ** 20;
  log(`memory: ingesting a ${fmt(bytes / 2 ** 20, 0)} MB JSONL file${o.big ? ' (this takes a while)' : ''}…`);
  const r = (await spawnStage('big-ingest', { n: 0, bytes, dir: o.dir }).result) as Record<string, number>;
  return [
    {
      figure: `Peak RSS ingesting a ${fmt(r.fileMb!, 0)} MB JSONL file (MB)`,
      value: fmt(r.peakRssMb!),
      baseline: `JS heap ${fmt(r.peakHeapMb!)} MB; ${fmt(r.docsPerSec!)} docs/s`,
      ratio: null,
      aim: o.big ? '< 600' : '< 600 (1 GB: --big)',
      met: r.peakRssMb! < 600,
    },
  ];
}

function scalingTable(rows: readonly ScalingRow[], apiP95: string): string {
  const lines = ['| documents | DB on disk (MB) | generate (s) | detection (s) | detection s per 1M |', '|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${millions(r.documents)} | ${fmt(r.dbSizeMb)} | ${fmt(r.generateSeconds)} | ${fmt(r.detectSeconds)} | ${fmt((r.detectSeconds * 1e6) / r.documents)} |`,
    );
  }
  return `${lines.join('\n')}\n${apiP95}`;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  fs.mkdirSync(options.dir, { recursive: true });
  const machine = machineInfo();
  const started = performance.now();
  const rows: BenchRow[] = [];
  const scaling: ScalingRow[] = [];
  const want = (s: string) => (options.only as string[]).includes(s);
  let largeDb: string | null = null;
  try {
    if (want('ingest')) rows.push(...(await ingestRows(options)));
    if (want('scoring')) rows.push(...(await scoringRows(options)));
    if (want('detection')) rows.push(...(await detectionRows(options, scaling)));
    if (want('api')) {
      const api = await apiRows(options);
      rows.push(...api.rows);
      largeDb = api.dbFile;
    }
    if (want('coldstart')) rows.push(...(await coldStartRows(options, largeDb)));
    if (want('memory')) rows.push(...(await memoryRows(options)));
  } finally {
    fs.rmSync(options.dir, { recursive: true, force: true });
  }
  const after = machineInfo();
  process.stdout.write(`\ndlxh benchmarks — ${describeMachine(machine)}; load ${after.load} at end\n\n`);
  process.stdout.write(`${renderTable(rows)}\n`);
  if (scaling.length > 1) {
    const api = rows.find((r) => r.figure.startsWith('API /api/overview'));
    process.stdout.write(`\nScaling (detection over ${options.days} days)\n\n`);
    process.stdout.write(`${scalingTable(scaling, api ? `API overview at ${millions(options.apiDocs)}: ${api.value}` : '')}\n`);
  }
  process.stdout.write(`\n${fmt((performance.now() - started) / 1000)} s in all\n`);
  if (options.json) {
    fs.writeFileSync(options.json, JSON.stringify({ machine, options, rows, scaling }, null, 2));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
