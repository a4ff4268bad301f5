/**
 * Load during ingest: `dlxh serve` (web server and scheduler in one process, the only holder of the database)
 * serves concurrent dashboard clients, each signed in as a demo user from an address of its own, while a
 * large JSONL source runs through the scheduler's run-now. Afterwards the database is checked: every record of
 * the file stored and scored exactly once, the job recorded, every SQL query audited once, the audit chain whole.
 *
 * `node --import tsx bench/load-during-ingest.ts [--clients 50] [--seconds 60] [--docs 60000] [--think-min 1000]
 * [--think-max 3000] [--profile DIR]` (think times 0 for a stress test; --profile writes the server's CPU profile)
 * (tests/reliability/load-during-ingest.test.ts runs a shorter variant in CI)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_VERSION } from '../analytics/nlp/score.ts';
import { attachAuditStore } from '../data/audit-store.ts';
import { verifyAuditChain } from '../data/audit.ts';
import { openDatabase } from '../data/database.ts';
import { openDb } from '../data/db.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { DEMO_USERS, ensureDemoUsers } from '../data/users.ts';
import { API_NOW } from './api-server.ts';
import { writeSyntheticJsonl } from './ingest-jsonl.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const baseline = readSqlFile(new URL('./web-api.sql', import.meta.url));
const SOURCE = 'bulk';
const JOB = `jsonl:${SOURCE}`;
/** The demo users who see the dashboard; admins and analysts also use the SQL explorer. */
const CLIENT_USERS = ['quantri', 'phantich', 'lanhdao', 'canbo'] as const;
const EXPLORER_QUERY = `SELECT published_at::DATE AS day, count(*) AS n
FROM documents WHERE published_at >= TIMESTAMPTZ '2026-10-25 00:00:00+07'
GROUP BY day ORDER BY day`;
const SLOW_MS = 2000;

export interface LoadDuringIngestOptions {
  /** Concurrent dashboard clients (at most 250: each connects from its own 127.0.0.x address). */
  clients: number;
  /** The load lasts at least this long, and until the ingest has finished. */
  seconds: number;
  /** …but no longer than this. */
  maxSeconds: number;
  /** New documents in the JSONL file. */
  docs: number;
  /** Lines of the file repeated at its end (exact duplicates, to be skipped). */
  repeats: number;
  /** Documents, scores and alerts in the database before the server starts. */
  baselineDocs: number;
  dir: string;
  /** Pauses between one client's requests, uniform in [min, max] ms: [0, 0] makes a stress test. */
  thinkMs: [number, number];
  /** Node options for the server process, e.g. `['--cpu-prof', '--cpu-prof-dir', DIR]`. */
  serverNodeArgs?: string[];
  log?: (message: string) => void;
}

interface Sample {
  endpoint: string;
  status: number;
  ms: number;
  /** Whether the ingest job was running when the request was sent. */
  duringIngest: boolean;
  /** When it was sent, in seconds since run-now. */
  at: number;
}

export interface LatencySummary {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadDuringIngestResult {
  clients: number;
  thinkMs: [number, number];
  loadSeconds: number;
  /** CPU time the server process used during the load (Linux /proc; null elsewhere), all its threads. */
  serverCpuSeconds: number | null;
  /** From run-now to the job's end; null when it outlasted the load (it then finished after the load stopped). */
  ingestSeconds: number | null;
  requests: number;
  requestsDuringIngest: number;
  /** Requests that failed or got another status than expected, described. */
  errors: string[];
  overSlowMs: number;
  latency: LatencySummary;
  latencyDuringIngest: LatencySummary;
  byEndpoint: Record<string, LatencySummary>;
  /** The ten slowest requests, with when they were sent (seconds since run-now), to line up with the server's work. */
  slowest: { endpoint: string; ms: number; at: number }[];
  file: { lines: number; uniqueIds: number };
  stored: {
    documents: number;
    distinctIds: number;
    missingIds: number;
    scored: number;
    distinctScored: number;
  };
  job: { status: string; itemsIn: number; itemsNew: number; itemsDup: number; itemsFailed: number } | null;
  sqlQueries: { answered: number; audited: number };
  auditChainOk: boolean;
  /** What the server logged as errors (`lỗi:`) and warnings (`cảnh báo:`). */
  serverErrors: string[];
  serverWarnings: string[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

function summarise(samples: readonly Sample[]): LatencySummary {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    requests: ms.length,
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    p99: round(percentile(ms, 99)),
    max: round(ms[ms.length - 1] ?? 0),
  };
}

interface Reply {
  status: number;
  body: string;
  cookie?: string;
}

/** One HTTP client with its own keep-alive connection from its own loopback address, and its session cookie. */
class Client {
  private readonly agent: http.Agent;
  cookie = '';
  csrf = '';

  constructor(
    private readonly base: URL,
    localAddress: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  }

  request(method: 'GET' | 'POST', target: string, body?: string, headers: Record<string, string> = {}) {
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path: target,
          method,
          agent: this.agent,
          headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  async signIn(username: string): Promise<void> {
    const password = DEMO_USERS.find((u) => u.username === username)!.password;
    const form = await this.request('GET', '/login');
    this.cookie = form.cookie ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const done = await this.request(
      'POST',
      '/login',
      new URLSearchParams({ username, password, _csrf: csrf }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    if (done.status !== 303 || !done.cookie) throw new Error(`sign-in as ${username}: status ${done.status}`);
    this.cookie = done.cookie;
    const page = await this.request('GET', '/');
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    if (!this.csrf) throw new Error(`sign-in as ${username}: no CSRF token on the overview page`);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What each client asks for, in turn: overview, hot spots, documents (pages and API), and the SQL explorer. */
function endpointsFor(username: string) {
  const list: { name: string; method: 'GET' | 'POST'; path: string; body?: string }[] = [
    { name: 'overview page', method: 'GET', path: '/' },
    { name: 'overview API', method: 'GET', path: '/api/overview' },
    { name: 'hot spots page', method: 'GET', path: '/hotspots' },
    { name: 'hot spots API', method: 'GET', path: '/api/hotspots' },
    { name: 'documents page', method: 'GET', path: '/documents' },
    { name: 'documents API', method: 'GET', path: '/api/documents?limit=50' },
  ];
  if (username === 'quantri' || username === 'phantich') {
    list.push({
      name: 'SQL explorer API',
      method: 'POST',
      path: '/api/sql',
      body: JSON.stringify({ sql: EXPLORER_QUERY }),
    });
  }
  return list;
}

async function writeIngestFile(file: string, docs: number, repeats: number): Promise<number> {
  await writeSyntheticJsonl(file, docs, 7);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  fs.appendFileSync(
    file,
    lines
      .slice(0, repeats)
      .map((l) => `${l}\n`)
      .join(''),
  );
  return lines.length + repeats;
}

async function prepareDatabase(file: string, baselineDocs: number): Promise<void> {
  const db = await openDatabase(file);
  try {
    await ensureDemoUsers(db, API_NOW);
    await db.transaction(async () => {
      await db.run(baseline('documents'), { n: baselineDocs, end: API_NOW });
      await db.run(baseline('scores'));
      await db.run(baseline('alerts'), { end: API_NOW });
      // Scored by the current model, as an ingested database is, so that the server has no scoring to catch up.
      await db.run('UPDATE doc_scores SET model_version = $version', { version: MODEL_VERSION });
    });
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
}

/** Start `dlxh serve` on an ephemeral port; resolves with its base URL once it listens. */
function startServe(
  dbFile: string,
  config: string,
  nodeArgs: string[],
  stderr: string[],
): Promise<{ child: ChildProcess; base: URL }> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      path.join(REPO, 'bin/dlxh.js'),
      '--db',
      dbFile,
      '--config',
      config,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(...d.split('\n').filter(Boolean)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const port = /http:\/\/[^:]+:(\d+)\//.exec(out)?.[1];
      if (port) resolve({ child, base: new URL(`http://127.0.0.1:${port}`) });
    });
    child.once('exit', (code) => reject(new Error(`dlxh serve exited (${code}): ${stderr.join(' | ')}`)));
  });
}

/** User + system CPU seconds of a process so far, from /proc (Linux); null where unavailable. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface RunRow {
  job: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  items_in: number;
  items_new: number;
  items_dup: number;
  items_failed: number;
}

async function jobRuns(monitor: Client): Promise<RunRow[]> {
  const reply = await monitor.request('GET', '/api/sources');
  if (reply.status !== 200) throw new Error(`/api/sources: status ${reply.status}`);
  return (JSON.parse(reply.body) as { runs: RunRow[] }).runs;
}

/** Wait until no job is running (the catch-up runs of a fresh server: scoring, hot spots, briefings). */
async function waitIdle(monitor: Client, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await jobRuns(monitor)).some((r) => r.finished_at === null)) {
    if (Date.now() > until) throw new Error('the server’s start-up jobs did not finish');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function loadDuringIngest(o: LoadDuringIngestOptions): Promise<LoadDuringIngestResult> {
  const log = o.log ?? (() => undefined);
  if (o.clients > 250) throw new Error('clients: at most 250');
  const dbFile = path.join(o.dir, 'load.duckdb');
  const jsonl = path.join(o.dir, 'ingest.jsonl');
  const config = path.join(o.dir, 'config.yaml');
  log(`writing ${o.docs} documents (+${o.repeats} repeated lines) and a baseline of ${o.baselineDocs}…`);
  const lines = await writeIngestFile(jsonl, o.docs, o.repeats);
  await prepareDatabase(dbFile, o.baselineDocs);
  fs.writeFileSync(
    config,
    `sources:\n  - name: ${SOURCE}\n    kind: jsonl\n    url: ${JSON.stringify(jsonl)}\n`,
  );

  const serverLog: string[] = [];
  const { child, base } = await startServe(dbFile, config, o.serverNodeArgs ?? [], serverLog);
  const samples: Sample[] = [];
  const errors: string[] = [];
  const clients: Client[] = [];
  let sqlAnswered = 0;
  let loadSeconds = 0;
  let serverCpu: number | null = null;
  let ingestSeconds = 0;
  let ingestRunning = true;
  try {
    const monitor = new Client(base, '127.0.0.1');
    clients.push(monitor);
    await monitor.signIn('quantri');
    log('waiting for the server’s start-up jobs…');
    await waitIdle(monitor, 600_000);

    log(`signing in ${o.clients} clients…`);
    for (let i = 0; i < o.clients; i++) {
      const client = new Client(base, `127.0.0.${i + 2}`);
      clients.push(client);
      await client.signIn(CLIENT_USERS[i % CLIENT_USERS.length]!);
    }

    let stop = false;
    const cpuAtStart = cpuSeconds(child.pid);
    const started = performance.now();
    const trigger = await monitor.request('POST', `/api/jobs/${SOURCE}/run`, '', {
      'x-csrf-token': monitor.csrf,
    });
    if (trigger.status !== 202) throw new Error(`run-now: status ${trigger.status} ${trigger.body}`);
    log(`ingest started; ${o.clients} clients loading the dashboard…`);

    const watch = (async () => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const run = (await jobRuns(monitor)).find((r) => r.job === JOB);
        if (run?.finished_at) {
          ingestSeconds = (performance.now() - started) / 1000;
          ingestRunning = false;
          log(`ingest finished after ${ingestSeconds.toFixed(1)} s`);
          return;
        }
        if ((performance.now() - started) / 1000 > o.maxSeconds) return;
      }
    })();
    const clock = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if ((elapsed >= o.seconds && !ingestRunning) || elapsed >= o.maxSeconds) stop = true;
    }, 100);

    await Promise.all(
      clients.slice(1).map(async (client, i) => {
        const username = CLIENT_USERS[i % CLIENT_USERS.length]!;
        const endpoints = endpointsFor(username);
        for (let k = i; !stop; k++) {
          const e = endpoints[k % endpoints.length]!;
          const during = ingestRunning;
          const t0 = performance.now();
          try {
            const reply = await client.request(
              e.method,
              e.path,
              e.body,
              e.body ? { 'content-type': 'application/json', 'x-csrf-token': client.csrf } : {},
            );
            samples.push({
              endpoint: e.name,
              status: reply.status,
              ms: performance.now() - t0,
              duringIngest: during,
              at: (t0 - started) / 1000,
            });
            if (reply.status !== 200)
              errors.push(`${username} ${e.method} ${e.path}: status ${reply.status}`);
            else if (e.name === 'SQL explorer API') sqlAnswered++;
          } catch (error) {
            samples.push({
              endpoint: e.name,
              status: 0,
              ms: performance.now() - t0,
              duringIngest: during,
              at: (t0 - started) / 1000,
            });
            errors.push(`${username} ${e.method} ${e.path}: ${(error as Error).message}`);
          }
          const [least, most] = o.thinkMs;
          if (most > 0) await new Promise((r) => setTimeout(r, least + Math.random() * (most - least)));
        }
      }),
    );
    clearInterval(clock);
    loadSeconds = (performance.now() - started) / 1000;
    const cpuAtEnd = cpuSeconds(child.pid);
    serverCpu =
      cpuAtStart === null || cpuAtEnd === null ? null : Math.round((cpuAtEnd - cpuAtStart) * 10) / 10;
    await watch;
  } finally {
    for (const client of clients) client.close();
    // On SIGTERM the scheduler lets a running ingest finish before the server exits.
    await stopServe(child);
  }

  const db = await openDb(dbFile);
  try {
    await attachAuditStore(db);
    const ids = Array.from({ length: o.docs }, (_, i) => String(i + 1));
    const stored = (await db.one<{ documents: number; distinct_ids: number; missing: number }>(
      `SELECT count(*) AS documents, count(DISTINCT id) AS distinct_ids,
         (SELECT count(*) FROM unnest($ids::VARCHAR[]) u(id) WHERE id NOT IN (SELECT id FROM documents)) AS missing
       FROM documents WHERE import_source = $source`,
      { ids, source: SOURCE },
    ))!;
    const scored = (await db.one<{ scored: number; distinct_scored: number }>(
      `SELECT count(*) AS scored, count(DISTINCT s.doc_id) AS distinct_scored
       FROM doc_scores s JOIN documents d ON d.id = s.doc_id
       WHERE d.import_source = $source AND s.model_version = $version`,
      { source: SOURCE, version: MODEL_VERSION },
    ))!;
    const job = await db.one<RunRow>(
      `SELECT status, items_in, items_new, items_dup, items_failed FROM job_runs WHERE job = $job ORDER BY id DESC LIMIT 1`,
      { job: JOB },
    );
    const audited = (await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM dlxh_audit.audit_log WHERE action = 'sql.query' AND actor IN ('quantri', 'phantich')`,
    ))!.n;
    const chain = await verifyAuditChain(db);
    const during = samples.filter((s) => s.duringIngest);
    const endpoints = [...new Set(samples.map((s) => s.endpoint))];
    return {
      clients: o.clients,
      thinkMs: o.thinkMs,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      serverCpuSeconds: serverCpu,
      ingestSeconds: ingestRunning ? null : Math.round(ingestSeconds * 10) / 10,
      requests: samples.length,
      requestsDuringIngest: during.length,
      errors,
      overSlowMs: samples.filter((s) => s.ms > SLOW_MS).length,
      latency: summarise(samples),
      latencyDuringIngest: summarise(during),
      byEndpoint: Object.fromEntries(
        endpoints.map((e) => [e, summarise(samples.filter((s) => s.endpoint === e))]),
      ),
      slowest: [...samples]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map((s) => ({ endpoint: s.endpoint, ms: Math.round(s.ms), at: Math.round(s.at * 10) / 10 })),
      file: { lines, uniqueIds: o.docs },
      stored: {
        documents: stored.documents,
        distinctIds: stored.distinct_ids,
        missingIds: stored.missing,
        scored: scored.scored,
        distinctScored: scored.distinct_scored,
      },
      job: job
        ? {
            status: job.status,
            itemsIn: job.items_in,
            itemsNew: job.items_new,
            itemsDup: job.items_dup,
            itemsFailed: job.items_failed,
          }
        : null,
      sqlQueries: { answered: sqlAnswered, audited },
      auditChainOk: chain.ok,
      serverErrors: serverLog.filter((line) => line.startsWith('lỗi:')),
      serverWarnings: serverLog.filter((line) => line.startsWith('cảnh báo:')),
    };
  } finally {
    db.close();
  }
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-load-'));
  const seconds = argument('seconds', 60);
  loadDuringIngest({
    clients: argument('clients', 50),
    seconds,
    maxSeconds: argument('max-seconds', seconds * 5),
    docs: argument('docs', 60_000),
    repeats: argument('repeats', 2000),
    baselineDocs: argument('baseline', 20_000),
    thinkMs: [argument('think-min', 1000), argument('think-max', 3000)],
    serverNodeArgs: process.argv.includes('--profile')
      ? ['--cpu-prof', '--cpu-prof-dir', process.argv[process.argv.indexOf('--profile') + 1]!]
      : [],
    dir,
    log: (m) => process.stderr.write(`load: ${m}\n`),
  })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
