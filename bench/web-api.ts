/**
 * Benchmark: web API latency under 50 concurrent clients (autocannon against 127.0.0.1) on a database of n
 * synthetic documents (default 1,000,000), for a province analyst and a ward officer. Latencies are printed
 * with the ratio to GET /api/me measured in the same run.
 * `node --import tsx bench/web-api.ts [documents] [seconds per endpoint]`
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { refreshDailyCounts } from '../data/daily-counts.ts';
import { openDb } from '../data/db.ts';
import { memoryLogger } from '../data/logger.ts';
import { migrate } from '../data/migrate.ts';
import { seedReference } from '../data/seed-reference.ts';
import { readSqlFile } from '../data/sql-file.ts';
import { createUser } from '../data/users.ts';
import { createApp } from '../web/app.ts';

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(
    event: 'done',
    listener: (result: { non2xx: number; errors: number; requests: { total: number } }) => void,
  ): void;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  timeout: number;
}) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const sql = readSqlFile(new URL('./web-api.sql', import.meta.url));
const END = new Date('2026-11-24T17:00:00Z');
const PASSWORD = 'bench-password-1';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function signIn(base: string, username: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: PASSWORD, _csrf: csrf }).toString(),
  });
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

function measure(url: string, cookie: string, seconds: number) {
  return new Promise<{ p50: number; p95: number; p99: number; requests: number; failed: number }>(
    (resolve) => {
      const times: number[] = [];
      const instance = autocannon({
        url,
        connections: 50,
        duration: seconds,
        headers: { cookie },
        timeout: 120,
      });
      instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      instance.on('done', (result) => {
        times.sort((a, b) => a - b);
        resolve({
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          requests: result.requests.total,
          failed: result.non2xx + result.errors,
        });
      });
    },
  );
}

const n = Number(process.argv[2] ?? 1_000_000);
const seconds = Number(process.argv[3] ?? 10);
const db = await openDb(':memory:');
await migrate(db);
await seedReference(db);
let started = performance.now();
await db.run(sql('documents'), { n, end: END });
await db.run(sql('scores'));
await db.run(sql('alerts'), { end: END });
await refreshDailyCounts(db);
console.log(
  `${n.toLocaleString('en')} documents generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await createUser(db, { username: 'analyst', role: 'analyst', clearance: 2, password: PASSWORD }, END);
await createUser(
  db,
  { username: 'officer', role: 'officer', unitUid: '24133/2025', clearance: 1, password: PASSWORD },
  END,
);

const app = createApp({ db, logger: memoryLogger(), now: () => END, session: { maxSessions: 1000 } });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const cookies = { analyst: await signIn(base, 'analyst'), officer: await signIn(base, 'officer') };

const endpoints: [keyof typeof cookies, string][] = [
  ['analyst', '/api/me'],
  ['analyst', '/api/documents?limit=50'],
  ['officer', '/api/documents?limit=50'],
  ['analyst', '/api/documents/b12345'],
  ['officer', '/api/hotspots'],
  ['analyst', '/api/hotspots'],
  ['officer', '/api/inbox'],
  ['officer', '/api/overview'],
  ['analyst', '/api/overview'],
];
console.log(`50 concurrent clients, ${seconds} s per endpoint; ms (ratio to /api/me p95)`);
let baseline = NaN;
for (const [user, path] of endpoints) {
  started = performance.now();
  const r = await measure(`${base}${path}`, cookies[user], seconds);
  await fetch(`${base}${path}`, { headers: { cookie: cookies[user] } }); // let the requests still queued finish
  if (Number.isNaN(baseline)) baseline = r.p95;
  console.log(
    `${user.padEnd(8)} ${path.padEnd(28)} p50 ${r.p50.toFixed(0).padStart(6)}  p95 ${r.p95.toFixed(0).padStart(6)}` +
      `  p99 ${r.p99.toFixed(0).padStart(6)}  (${(r.p95 / baseline).toFixed(1)}×)  ${r.requests} requests, ${r.failed} failed`,
  );
}
server.close();
db.close();
