/**
 * `npm run bench [-- options]`: every benchmark of issue 10, each stage in a process of its own, printed as one
 * table in which every figure stands beside a baseline measured in the same run. Never part of `npm test`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFiles } from '../data/audit-store.ts';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions, type BenchOptions } from './bench-options.ts';
import { spawnStage } from './child-stage.ts';
import { coldStart } from './cold-start.ts';
import { loadTest, type LoadRequest, type LoadResult } from './load.ts';
import type { ArchiveFigures } from './detection.ts';
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
      figure: '  the same per CPU-second (all threads)',
      value: fmt(r.docsPerCpuSec!),
      baseline: `${fmt(r.bulkDocsPerCpuSec!)} DuckDB read_json`,
      ratio: r.docsPerCpuSec! / r.bulkDocsPerCpuSec!,
      aim: '',
      met: null,
    },
    {
      figure: '  DuckDB-only NFC + SHA-256 + dedupe, same file (docs/s)',
      value: fmt(r.nativeDocsPerSec!),
      baseline: `${fmt(r.bulkDocsPerSec!)} DuckDB read_json`,
      ratio: r.nativeDocsPerSec! / r.bulkDocsPerSec!,
      aim: '',
      met: null,
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
  const r = (await spawnStage('scoring', { n: o.scoreDocs, dir: o.dir, workers: o.workers })
    .result) as Record<string, number | string>;
  const num = (key: string) => r[key] as number;
  const ratio = num('syllablesPerCpuSec') / num('baselineSyllablesPerCpuSec');
  const rows: BenchRow[] = [
    {
      figure: 'Scoring per core (syllables per CPU-second)',
      value: fmt(num('syllablesPerCpuSec')),
      baseline: `${fmt(num('baselineSyllablesPerCpuSec'))} ${r.baseline as string}`,
      ratio,
      aim: '≥ 0.5',
      met: ratio >= 0.5,
    },
    {
      figure: '  the same, wall clock on 1 thread (syllables/s)',
      value: fmt(num('syllablesPerSec')),
      baseline: `${fmt(num('baselineSyllablesPerSec'))} tokenize-only`,
      ratio: num('syllablesPerSec') / num('baselineSyllablesPerSec'),
      aim: '',
      met: null,
    },
  ];
  if (typeof r.workerSyllablesPerSec === 'number') {
    rows.push({
      figure: `Scoring on ${r.workers} worker threads, wall clock (syllables/s)`,
      value: fmt(r.workerSyllablesPerSec),
      baseline: `${fmt(num('syllablesPerSec'))} on 1 thread; ${fmt(num('workerSyllablesPerCpuSec'))} per CPU-s`,
      ratio: r.workerSyllablesPerSec / num('syllablesPerSec'),
      aim: 'grows with free cores',
      met: null,
    });
  }
  return rows;
}

async function detectionRows(o: BenchOptions, scaling: ScalingRow[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [i, n] of o.detect.entries()) {
    log(`detection over ${n} documents, ${o.days} days (generating the data first)…`);
    const archive = i === 0 && !o.skipArchive;
    const r = (await spawnStage('detection', { n, days: o.days, dir: o.dir, archive }).result) as Record<
      string,
      number
    > & {
      steps: Record<string, number>;
      archive?: ArchiveFigures;
    };
    scaling.push({
      documents: n,
      dbSizeMb: r.dbSizeMb!,
      generateSeconds: r.generateSeconds!,
      detectSeconds: r.detectSeconds!,
    });
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
    if (r.archive) rows.push(...archiveRows(n, r.archive));
  }
  return rows;
}

function archiveRows(n: number, a: ArchiveFigures): BenchRow[] {
  return [
    {
      figure: `Archive ${millions(a.documents)} of ${millions(n)} docs to Parquet (s)`,
      value: fmt(a.seconds),
      baseline: `${fmt(a.parquetMb)} MB Parquet; DB ${fmt(a.dbSizeAfterMb)} MB after`,
      ratio: null,
      aim: '',
      met: null,
    },
    {
      figure: `  count by topic over documents_all vs the database alone (ms)`,
      value: fmt(a.countAllMs),
      baseline: `${fmt(a.countHotMs)} ms database only`,
      ratio: a.countAllMs / Math.max(a.countHotMs, 1),
      aim: '',
      met: null,
    },
    {
      figure: `  restore-archive of the same documents (s)`,
      value: fmt(a.restoreSeconds),
      baseline: '',
      ratio: null,
      aim: '',
      met: null,
    },
  ];
}

function loadRow(
  name: string,
  r: LoadResult,
  single: number,
  baseline: LoadResult,
  o: BenchOptions,
): BenchRow {
  const answered = r.requests - r.failed > 0;
  return {
    figure: `API ${name}, ${o.connections} clients: p50/p95/p99 ms (req/s)`,
    value: answered
      ? `${fmt(r.p50, 0)} / ${fmt(r.p95, 0)} / ${fmt(r.p99, 0)} (${fmt(r.requestsPerSec)})${r.failed ? `, ${r.failed} failed` : ''}`
      : `no answer within ${o.apiSeconds} s`,
    baseline: `1 client ${fmt(single, 0)} ms; /api/me p95 ${fmt(baseline.p95, 0)} ms`,
    ratio: answered ? r.p95 / Math.max(baseline.p95, 1) : null,
    aim: 'p95 < 100',
    met: answered && r.p95 < 100 && r.failed === 0,
  };
}

/** Median latency of a few requests sent one after another (ms). */
async function singleClient(request: LoadRequest, times = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const response = await fetch(request.url, {
      method: request.method,
      body: request.body,
      headers: request.headers,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`bench: ${request.url} answered ${response.status}`);
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

async function apiRows(o: BenchOptions): Promise<{ rows: BenchRow[]; dbFile: string }> {
  const dbFile = path.join(o.dir, `api-${o.apiDocs}.duckdb`);
  log(
    o.apiDb && fs.existsSync(o.apiDb)
      ? `API: serving a copy of ${o.apiDb}…`
      : `API: building a database of ${o.apiDocs} documents and serving it…`,
  );
  const stage = spawnStage('api-server', { n: o.apiDocs, dir: o.dir, kept: o.apiDb ?? undefined });
  const rows: BenchRow[] = [];
  try {
    const s = (await stage.ready) as {
      base: string;
      cookie: string;
      csrf: string;
      documents: number;
      reused: boolean;
      generateSeconds: number;
      dbSizeMb: number;
    };
    // Every client asks for gzip, as the dashboard's browsers do: a 140 kB hot-spot list sent uncompressed to 50
    // clients on the same machine measures the loopback, not the server.
    const client = { cookie: s.cookie, 'accept-encoding': 'gzip' };
    const get = (p: string): LoadRequest => ({ url: `${s.base}${p}`, headers: client });
    const measure = async (name: string, request: LoadRequest) => {
      const single = await singleClient(request);
      log(`API: ${name} for ${o.apiSeconds} s…`);
      const result = await loadTest(request, o.connections, o.apiSeconds);
      await fetch(request.url, { method: request.method, body: request.body, headers: request.headers });
      return { result, single };
    };
    const baseline = (await measure('/api/me', get('/api/me'))).result;
    const sqlRequest: LoadRequest = {
      url: `${s.base}/api/sql`,
      method: 'POST',
      body: JSON.stringify({ sql: EXPLORER_QUERY }),
      headers: { ...client, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    };
    const endpoints: [string, LoadRequest][] = [
      ['/api/overview', get('/api/overview')],
      ['/api/hotspots', get('/api/hotspots')],
      ['POST /api/sql (explorer)', sqlRequest],
    ];
    for (const [name, request] of endpoints) {
      const { result, single } = await measure(name, request);
      rows.push(loadRow(name, result, single, baseline, o));
    }
    rows.push({
      figure: `  database: ${millions(s.documents)} docs, ${fmt(s.dbSizeMb)} MB on disk`,
      value: s.reused ? `a copy of --api-db ${o.apiDb}` : `built in ${fmt(s.generateSeconds)} s`,
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
    value: fmt(end.peakServingMb!),
    baseline: `${fmt(end.maxRssMb!)} MB peak of the process, building the database included`,
    ratio: null,
    aim: '< 600',
    met: end.peakServingMb! < 600,
  });
  return { rows, dbFile };
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
  for (const f of [...databaseFiles(fresh), `${fresh}.secret`]) fs.rmSync(f, { force: true });
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
  if (largeDb && fs.existsSync(largeDb))
    rows.push(row(`${millions(o.apiDocs)}-doc database`, await coldStart(largeDb)));
  return rows;
}

async function memoryRows(o: BenchOptions): Promise<BenchRow[]> {
  const bytes = o.big ? 2 ** 30 : o.bigMb * 2 ** 20;
  log(`memory: ingesting a ${fmt(bytes / 2 ** 20, 0)} MB JSONL file${o.big ? ' (this takes a while)' : ''}…`);
  const { file } = (await spawnStage('big-file', { n: 0, bytes, dir: o.dir }).result) as { file: string };
  const r = (await spawnStage('big-ingest', { n: 0, file, dir: o.dir }).result) as Record<string, number>;
  return [
    {
      figure: `Peak RSS ingesting a ${fmt(r.fileMb!, 0)} MB JSONL file (MB)`,
      value: fmt(r.peakRssMb!),
      baseline: `JS heap ${fmt(r.peakHeapMb!)} MB; ${fmt(r.docsPerSec!)} docs/s; ${fmt(r.documents!)} docs → DB ${fmt(r.dbSizeMb!)} MB`,
      ratio: null,
      aim: o.big ? '< 600' : '< 600 (1 GB: --big)',
      met: r.peakRssMb! < 600,
    },
  ];
}

function scalingTable(rows: readonly ScalingRow[], apiP95: string): string {
  const lines = [
    '| documents | DB on disk (MB) | generate (s) | detection (s) | detection s per 1M |',
    '|---|---|---|---|---|',
  ];
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
  // Work in a folder of our own inside --dir, and remove only that.
  options.dir = fs.mkdtempSync(path.join(options.dir, 'dlxh-bench-'));
  const machine = machineInfo();
  const started = performance.now();
  const rows: BenchRow[] = [];
  const scaling: ScalingRow[] = [];
  const want = (s: string) => (options.only as string[]).includes(s);
  let largeDb: string | null = null;
  // A stage that fails is a row saying so; the others still run and print.
  const stage = async (name: string, fn: () => Promise<BenchRow[]>) => {
    if (!want(name)) return;
    try {
      rows.push(...(await fn()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} failed: ${message}`);
      rows.push({
        figure: `${name}: failed`,
        value: message.slice(0, 120),
        baseline: '',
        ratio: null,
        aim: '',
        met: false,
      });
    }
  };
  try {
    await stage('ingest', () => ingestRows(options));
    await stage('scoring', () => scoringRows(options));
    await stage('detection', () => detectionRows(options, scaling));
    await stage('api', async () => {
      const api = await apiRows(options);
      largeDb = api.dbFile;
      return api.rows;
    });
    await stage('coldstart', () => coldStartRows(options, largeDb));
    await stage('memory', () => memoryRows(options));
  } finally {
    fs.rmSync(options.dir, { recursive: true, force: true });
  }
  const after = machineInfo();
  process.stdout.write(`\ndlxh benchmarks — ${describeMachine(machine)}; load ${after.load} at end\n\n`);
  process.stdout.write(`${renderTable(rows)}\n`);
  if (scaling.length > 1) {
    const api = rows.find((r) => r.figure.startsWith('API /api/overview'));
    process.stdout.write(`\nScaling (detection over ${options.days} days)\n\n`);
    process.stdout.write(
      `${scalingTable(scaling, api ? `API overview at ${millions(options.apiDocs)}: ${api.value}` : '')}\n`,
    );
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
