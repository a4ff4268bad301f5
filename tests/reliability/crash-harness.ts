/**
 * Kills `dlxh ingest` with SIGKILL at seeded random moments, restarts it, and compares the database with one clean
 * run. The moment is drawn within the run's writing phase: from the first write (DuckDB's WAL file appears) to the
 * end of the clean run, so kills land mid-run rather than while Node is still loading modules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../data/database.ts';
import { copyDatabaseFiles } from '../../data/audit-store.ts';
import { openDb, type Db } from '../../data/db.ts';
import { REPO_ROOT } from '../helpers/temp.ts';

/** Deterministic uniform [0, 1) numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECRET = 'crash-harness-secret-0123456789abcdef';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from spawn to the first write (WAL file), or null when none was seen. */
  firstWriteMs: number | null;
  totalMs: number;
}

function spawnCli(args: string[]): ChildProcess & { stderrText: () => string } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/dlxh.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DLXH_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return Object.assign(child, { stderrText: () => stderr });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run the CLI on `db`; with `killAfterWriteMs`, SIGKILL it that long after its first write. Resolves when the
 * process has exited.
 */
export async function runCli(db: string, args: string[], killAfterWriteMs?: number): Promise<CliRun> {
  const wal = `${db}.wal`;
  const started = performance.now();
  const child = spawnCli(['--db', db, ...args]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  let firstWriteMs: number | null = null;
  while (!done) {
    if (fs.existsSync(wal)) {
      firstWriteMs = performance.now() - started;
      break;
    }
    await sleep(5);
  }
  if (killAfterWriteMs !== undefined && !done) {
    await Promise.race([sleep(killAfterWriteMs), exited]);
    if (!done) child.kill('SIGKILL');
  }
  const { code, signal } = await exited;
  return { code, signal, stderr: child.stderrText(), firstWriteMs, totalMs: performance.now() - started };
}

/** A migrated database with the reference data, made once and copied for every trial. */
export async function makeTemplate(file: string): Promise<string> {
  const db = await openDatabase(file);
  db.close();
  return file;
}

export function copyDatabase(template: string, file: string): string {
  copyDatabaseFiles(template, file);
  return file;
}

/** Sorted rows per table as JSON strings: what must be equal between a clean and a crashed-and-restarted run. */
export type Snapshot = Record<string, string[]>;

const SNAPSHOT_QUERIES: Record<string, string> = {
  documents: `SELECT id, import_source, outlet, title, text, published_at, locality_uid, lang, content_hash,
      CAST(simhash AS VARCHAR) AS simhash, duplicate_of, near_duplicate_of, classification, raw_item_id FROM documents`,
  doc_scores: `SELECT doc_id, model_version, sentiment, sentiment_score, topics, places, locality_uid FROM doc_scores`,
  doc_lsh: `SELECT band_key, doc_id FROM doc_lsh`,
  raw_items: `SELECT id, source, locator, content_type, body, content_hash FROM raw_items`,
  survey_respondents: `SELECT survey, respondent, submitted_at, form_version, weight, stratum, cluster, source_row
      FROM survey_respondents`,
  survey_responses: `SELECT survey, respondent, question, value, value_num FROM survey_responses`,
  survey_questions: `SELECT survey, name, label, type, choices, position FROM survey_questions`,
  pseudonym_map: `SELECT * EXCLUDE (created_at) FROM pseudonym_map`,
};

export async function snapshot(db: Db): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [table, query] of Object.entries(SNAPSHOT_QUERIES)) {
    const rows = await db.all(query);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Differences between two snapshots, at most a few rows per table, for a readable failure. */
export function snapshotDiff(expected: Snapshot, actual: Snapshot): string[] {
  const problems: string[] = [];
  for (const table of Object.keys(expected)) {
    const want = new Set(expected[table]);
    const have = new Set(actual[table]);
    const missing = [...want].filter((r) => !have.has(r));
    const extra = [...have].filter((r) => !want.has(r));
    const dupes = actual[table]!.length - have.size;
    if (missing.length || extra.length || dupes) {
      problems.push(
        `${table}: ${actual[table]!.length} rows (expected ${expected[table]!.length}), ${missing.length} missing, ` +
          `${extra.length} unexpected, ${dupes} duplicated; e.g. missing ${missing[0]?.slice(0, 160) ?? '-'}, ` +
          `unexpected ${extra[0]?.slice(0, 160) ?? '-'}`,
      );
    }
  }
  return problems;
}

export function digest(snap: Snapshot): string {
  return createHash('sha256').update(JSON.stringify(snap)).digest('hex').slice(0, 16);
}

export interface JobRunRow {
  id: number;
  status: string;
  items_new: number;
}

export async function jobRuns(db: Db, job: string): Promise<JobRunRow[]> {
  return db.all<JobRunRow>('SELECT id, status, items_new FROM job_runs WHERE job = $job ORDER BY id', {
    job,
  });
}

/** Open the file in this process (replaying its WAL as a restart would), run `fn`, close. */
export async function inspect<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(file);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export interface ChainResult {
  kills: number;
  /** Killed runs that had opened their job_runs row (so must show as interrupted). */
  killedWithRun: number;
  /** Where each kill landed, as `check` describes it. */
  landings: string[];
  /** The run that completed: the last one, or one that finished before its kill was due. */
  final: CliRun;
}

export interface ChainOptions {
  template: string;
  file: string;
  args: string[];
  job: string;
  /** Kill at most this many runs; the chain ends early when a run finishes before its kill is due. */
  kills: number;
  random: () => number;
  /** Milliseconds from the first write to the end of a clean run: kills are drawn in [from, to) of it. */
  window: number;
  span?: [from: number, to: number];
  /** After each kill: check what must hold at any instant, and say where the kill landed. */
  check: (db: Db) => Promise<string>;
}

/** Copy the template, run-and-kill up to `kills` times, then run to completion. */
export async function crashChain(options: ChainOptions): Promise<ChainResult> {
  const file = copyDatabase(options.template, options.file);
  const landings: string[] = [];
  let kills = 0;
  let killedWithRun = 0;
  while (kills < options.kills) {
    const [from, to] = options.span ?? [0, 1];
    const delay = Math.floor((from + options.random() * (to - from)) * options.window);
    const run = await runCli(file, options.args, delay);
    if (run.signal !== 'SIGKILL') return { kills, killedWithRun, landings, final: run };
    kills++;
    const { running, where } = await inspect(file, async (db) => {
      const where = await options.check(db);
      const runs = await jobRuns(db, options.job);
      return { running: runs.filter((r) => r.status === 'running').length, where };
    });
    if (fs.existsSync(`${file}.wal`)) throw new Error(`${file}.wal left after a clean close`);
    if (running > 1) throw new Error(`${options.job}: ${running} runs left 'running' after one kill`);
    killedWithRun += running;
    landings.push(`${where}, killed ${delay} ms after the first write`);
  }
  const final = await runCli(file, options.args);
  return { kills, killedWithRun, landings, final };
}

/** Rows of `current` that the clean run does not have: at no instant may a crash leave anything else. */
export function strayRows(reference: Snapshot, current: Snapshot): string[] {
  const out: string[] = [];
  for (const [table, rows] of Object.entries(current)) {
    const allowed = new Set(reference[table]);
    const seen = new Set<string>();
    for (const row of rows) {
      if (!allowed.has(row)) out.push(`${table}: unexpected ${row.slice(0, 160)}`);
      else if (seen.has(row)) out.push(`${table}: duplicated ${row.slice(0, 160)}`);
      seen.add(row);
    }
  }
  return out;
}

export interface TrialsOptions {
  dir: string;
  args: string[];
  job: string;
  /** Kills in total (over as many chains as needed). */
  kills: number;
  perChain: number;
  seed: number;
  /** Part of the clean run's writing phase the kills are drawn from (default all of it). */
  span?: [from: number, to: number];
  /** Invariants at any instant beyond "every row is one the clean run has": e.g. whole batches only. */
  check: (db: Db, current: Snapshot) => string;
}

export interface TrialsReport {
  kills: number;
  chains: number;
  interrupted: number;
  landings: string[];
  problems: string[];
  reference: Snapshot;
}

/** One clean run, then crash chains until `kills` runs were killed; every chain must end equal to the clean run. */
export async function runCrashTrials(options: TrialsOptions): Promise<TrialsReport> {
  const template = await makeTemplate(path.join(options.dir, 'template.duckdb'));
  const cleanFile = copyDatabase(template, path.join(options.dir, 'clean.duckdb'));
  const clean = await runCli(cleanFile, options.args);
  if (clean.code !== 0) throw new Error(`clean run failed (${clean.code}): ${clean.stderr}`);
  const { reference, cleanStatus } = await inspect(cleanFile, async (db) => ({
    reference: await snapshot(db),
    cleanStatus: (await jobRuns(db, options.job)).map((r) => r.status),
  }));
  // The machine's load changes how long a run takes: a fresh run that ends before its kill was due becomes the
  // new measure of the writing phase.
  let window = clean.totalMs - (clean.firstWriteMs ?? 0);
  const random = seededRandom(options.seed);
  const report: TrialsReport = { kills: 0, chains: 0, interrupted: 0, landings: [], problems: [], reference };
  while (report.kills < options.kills) {
    if (report.chains >= options.kills * 3)
      throw new Error(
        `${report.chains} chains for ${report.kills} kills: runs keep finishing before the kill`,
      );
    const file = path.join(options.dir, `chain-${report.chains}.duckdb`);
    const chain = await crashChain({
      template,
      file,
      args: options.args,
      job: options.job,
      kills: Math.min(options.perChain, options.kills - report.kills),
      random,
      window,
      span: options.span,
      check: async (db) => {
        const current = await snapshot(db);
        const stray = strayRows(reference, current);
        if (stray.length) report.problems.push(`chain ${report.chains}: ${stray.slice(0, 3).join('; ')}`);
        return options.check(db, current);
      },
    });
    report.chains++;
    report.kills += chain.kills;
    if (chain.kills === 0 && chain.final.firstWriteMs !== null)
      window = Math.min(window, chain.final.totalMs - chain.final.firstWriteMs);
    report.interrupted += chain.killedWithRun;
    report.landings.push(...chain.landings);
    if (chain.final.code !== 0) {
      report.problems.push(
        `chain ${report.chains - 1}: restart failed (${chain.final.code}): ${chain.final.stderr}`,
      );
      continue;
    }
    await inspect(file, async (db) => {
      const diff = snapshotDiff(reference, await snapshot(db));
      report.problems.push(...diff.map((d) => `chain ${report.chains - 1}: ${d}`));
      const statuses = (await jobRuns(db, options.job)).map((r) => r.status);
      const interrupted = statuses.filter((s) => s === 'interrupted').length;
      if (interrupted !== chain.killedWithRun)
        report.problems.push(
          `chain ${report.chains - 1}: ${interrupted} runs marked interrupted, ${chain.killedWithRun} were killed mid-run`,
        );
      if (statuses.includes('running'))
        report.problems.push(`chain ${report.chains - 1}: a run is still 'running'`);
      if (statuses.at(-1) !== cleanStatus.at(-1))
        report.problems.push(
          `chain ${report.chains - 1}: last run ${statuses.at(-1)}, clean run ${cleanStatus.at(-1)}`,
        );
    });
  }
  return report;
}
