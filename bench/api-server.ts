/**
 * The server side of the API benchmark, run in a process of its own so that its memory is measured apart and
 * the load generator does not share its event loop: builds a database of n synthetic documents with the web
 * helper's bench/web-api.sql, signs in an analyst, serves on 127.0.0.1 and reports how to reach it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { copyDatabaseFiles } from '../data/audit-store.ts';
import { refreshDailyCounts } from '../data/daily-counts.ts';
import { openDb } from '../data/db.ts';
import { stderrLogger } from '../data/logger.ts';
import { migrate } from '../data/migrate.ts';
import { seedReference } from '../data/seed-reference.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { createUser } from '../data/users.ts';
import { MODEL_VERSION } from '../analytics/nlp/score.ts';
import { createApp } from '../web/app.ts';
import { databaseBytes } from './database-bytes.ts';

const sql = readSqlFile(new URL('./web-api.sql', import.meta.url));
/** The clock of the synthetic data: documents fall in the 180 days before it. */
export const API_NOW = new Date('2026-11-24T17:00:00Z');
const PASSWORD = 'bench-password-1';

export interface ApiSession {
  base: string;
  cookie: string;
  csrf: string;
  documents: number;
  /** Whether a copy of a kept database (`--api-db`) was served, not one built by this run. */
  reused: boolean;
  generateSeconds: number;
  /** Of which counting the daily counts (data/daily-counts.ts) from scratch. */
  countSeconds: number;
  dbSizeMb: number;
}

async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${base}/login`);
  const anonymous = form.headers.get('set-cookie')!.split(';')[0]!;
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: PASSWORD, _csrf: loginCsrf }).toString(),
  });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${base}/sql`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error(`bench: sign-in as ${username} failed (status ${response.status})`);
  return { cookie, csrf };
}

/**
 * Build the database in `dir`, listen on an ephemeral port and resolve with the session to load it with. With
 * `kept`, a database file kept between runs: when it exists a copy of it is served instead of building one (so
 * that every run starts from the same data, the audit log included); when not, the one built is copied there.
 */
export async function startApiServer(
  n: number,
  dir: string,
  kept?: string,
): Promise<{ session: ApiSession; stop: () => Promise<void> }> {
  const file = path.join(dir, `api-${n}.duckdb`);
  const reused = kept !== undefined && fs.existsSync(kept);
  if (reused) copyDatabaseFiles(kept, file);
  const built = reused ? null : await buildApiDatabase(n, file);
  if (built && kept !== undefined) copyDatabaseFiles(file, kept);
  const db = await openDb(file);
  await migrate(db);
  const documents = (await db.one<{ n: number }>('SELECT count(*) AS n FROM documents'))!.n;
  if (!(await db.one(`SELECT 1 FROM users WHERE username = 'analyst'`)))
    await createUser(db, { username: 'analyst', role: 'analyst', clearance: 2, password: PASSWORD }, API_NOW);
  const app = createApp({
    db,
    logger: stderrLogger({ quiet: true }),
    now: () => API_NOW,
    session: { maxSessions: 1000 },
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { cookie, csrf } = await signIn(base, 'analyst');
  return {
    session: {
      base,
      cookie,
      csrf,
      documents,
      reused,
      generateSeconds: built?.generateSeconds ?? 0,
      countSeconds: built?.countSeconds ?? 0,
      dbSizeMb: Math.round(databaseBytes(file) / 1048576),
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      db.close();
    },
  };
}

/** Generate `n` documents with their scores, alerts and daily counts into a new database `file`, then close it. */
async function buildApiDatabase(n: number, file: string) {
  // The synthetic million is written in one transaction, which needs more than the serving default; the server then
  // runs under dlxh's default memory limit, as `dlxh serve` does.
  const db = await openDb(file, { memoryLimit: '4GiB' });
  await migrate(db);
  await seedReference(db);
  const t0 = performance.now();
  await db.transaction(async () => {
    await db.run(sql('documents'), { n, end: API_NOW });
    await db.run(sql('scores'));
    await db.run(sql('alerts'), { end: API_NOW });
    // Scored by the current model, as an ingested database is: a server started on it has no scoring to catch up.
    // (Copy and delete: an UPDATE of a key column is far slower in DuckDB.)
    await db.run(`INSERT INTO doc_scores SELECT * REPLACE ($version AS model_version) FROM doc_scores`, {
      version: MODEL_VERSION,
    });
    await db.run(`DELETE FROM doc_scores WHERE model_version <> $version`, { version: MODEL_VERSION });
  });
  const t1 = performance.now();
  // What bin/hooks.ts does after ingest and scoring, for the whole generated database at once.
  await refreshDailyCounts(db);
  const countSeconds = (performance.now() - t1) / 1000;
  await db.run('CHECKPOINT');
  const generateSeconds = (performance.now() - t0) / 1000;
  db.close();
  return { generateSeconds, countSeconds };
}
