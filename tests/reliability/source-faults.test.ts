import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../data/db.ts';
import { memoryLogger } from '../../data/logger.ts';
import { migrate } from '../../data/migrate.ts';
import { seedReference } from '../../data/seed-reference.ts';
import { createUser } from '../../data/users.ts';
import { parseSources, type SourceConfig } from '../../pipeline/config.ts';
import { createFetcher } from '../../pipeline/fetch/fetcher.ts';
import { ingestSource } from '../../pipeline/ingest-source.ts';
import { silentLogger, type RunReport } from '../../pipeline/types.ts';
import { createApp } from '../../web/app.ts';
import { tempDir } from '../helpers/temp.ts';
import { FIXED_NOW } from '../pipeline/test-db.ts';
import { csrfFrom } from '../web/fixtures.ts';

const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>
${[1, 2, 3]
  .map(
    (i) =>
      `<item><title>Tin tốt số ${i}</title><link>/tin/${i}.html</link><pubDate>Mon, 23 Nov 2026 0${i}:00:00 +0700</pubDate><description>Người dân xã Ea Tu phản ánh việc số ${i}.</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

/** Self-signed certificate for 127.0.0.1 made with the openssl CLI, or null where openssl is missing. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } | null {
  const dir = tempDir('dlxh-tls-');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 20_000 },
    );
  } catch {
    return null;
  }
  return {
    key: fs.readFileSync(path.join(dir, 'key.pem')),
    cert: fs.readFileSync(path.join(dir, 'cert.pem')),
  };
}

const tls = selfSignedCertificate();

describe('fault injection on sources', () => {
  let db: Db;
  let origin = '';
  let tlsOrigin = '';
  const servers: (http.Server | https.Server)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const reports = new Map<string, RunReport>();
  let elapsedMs = 0;

  const handler: http.RequestListener = (req, res) => {
    const url = req.url ?? '/';
    const rss = { 'content-type': 'application/rss+xml' };
    if (url === '/good.xml' || url === '/rss') return void res.writeHead(200, rss).end(FEED);
    if (url === '/slowloris.xml') {
      res.writeHead(200, rss);
      res.write('<?xml version="1.0"?><rss><channel>');
      const timer = setInterval(() => res.write(' '), 100);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/reset.xml') {
      res.writeHead(200, { ...rss, 'content-length': String(FEED.length) });
      res.write(FEED.slice(0, 120));
      setTimeout(() => req.socket.destroy(), 50);
      return;
    }
    if (url === '/endless.xml') {
      res.writeHead(200, rss);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    const hop = /^\/chain\/(\d+)$/.exec(url);
    if (hop) return void res.writeHead(302, { location: `/chain/${Number(hop[1]) + 1}` }).end();
    res.writeHead(404).end();
  };

  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await seedReference(db);
    const plain = http.createServer(handler);
    servers.push(plain);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    if (tls) {
      const secure = https.createServer(tls, handler);
      servers.push(secure);
      await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
      tlsOrigin = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
    }

    const local = { allow_private: ['127.0.0.1'], robots: false, timeout_ms: 1500 };
    const sources: SourceConfig[] = parseSources([
      { name: 'good', kind: 'rss', url: `${origin}/good.xml`, ...local },
      { name: 'slowloris', kind: 'rss', url: `${origin}/slowloris.xml`, ...local },
      { name: 'reset', kind: 'rss', url: `${origin}/reset.xml`, ...local },
      { name: 'endless', kind: 'rss', url: `${origin}/endless.xml`, ...local },
      { name: 'redirects', kind: 'rss', url: `${origin}/chain/0`, ...local },
      { name: 'dns', kind: 'rss', url: 'http://mat-dns.example/rss' },
      ...(tls ? [{ name: 'tls', kind: 'rss', url: `${tlsOrigin}/rss`, ...local }] : []),
    ]);
    const fetcher = createFetcher(
      {
        db,
        now: () => FIXED_NOW,
        sleep: async () => undefined,
        lookup: async (host) => {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        },
      },
      { hostIntervalMs: 0, retries: 1, maxBytes: 1024 * 1024 },
    );
    const started = performance.now();
    await Promise.all(
      sources.map(async (source) => {
        reports.set(
          source.name,
          await ingestSource(source, {
            db,
            logger: silentLogger,
            now: () => FIXED_NOW,
            fetcher,
            ignoreBackoff: true,
          }),
        );
      }),
    );
    elapsedMs = performance.now() - started;
  }, 60_000);

  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    db.close();
  });

  const source = (name: string) =>
    db.one<{ failures: number; last_error: string | null; last_success_at: Date | null }>(
      'SELECT failures, last_error, last_success_at FROM sources WHERE name = $name',
      { name },
    );
  const outcomes = async (name: string) =>
    (
      await db.all<{ outcome: string }>('SELECT outcome FROM fetch_log WHERE source = $name ORDER BY id', {
        name,
      })
    ).map((r) => r.outcome);

  it('completes every run within the time limits, and the healthy source is unaffected', async () => {
    expect(reports.size).toBe(tls ? 7 : 6);
    expect(elapsedMs).toBeLessThan(20_000);
    expect(reports.get('good')).toMatchObject({ new: 3, failed: 0 });
    expect(await source('good')).toMatchObject({ failures: 0, last_error: null });
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM documents'))!.n).toBe(3);
    const runs = await db.all<{ job: string; status: string }>(
      'SELECT job, status FROM job_runs ORDER BY job',
    );
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
    expect(runs.find((r) => r.job === 'rss:good')?.status).toBe('ok');
  });

  it.each([
    ['slowloris', /timeout.*no complete response within 1500 ms/, ['timeout', 'timeout']],
    ['reset', /error.*(ECONNRESET|aborted|socket hang up)/i, ['error', 'error']],
    ['endless', /too_large.*body exceeds the 1048576-byte limit/, ['too_large']],
    [
      'redirects',
      /more than 5 redirects/,
      ['redirect', 'redirect', 'redirect', 'redirect', 'redirect', 'redirect'],
    ],
    ['dns', /refused.*cannot resolve mat-dns\.example \(ENOTFOUND\)/, ['refused']],
  ] as const)('%s: the failure is recorded on the source and in fetch_log', async (name, error, logged) => {
    expect(reports.get(name)?.new).toBe(0);
    const row = await source(name);
    expect(row).toMatchObject({ failures: 1, last_success_at: null });
    expect(row!.last_error).toMatch(error);
    expect(await outcomes(name)).toEqual(logged);
    const run = await db.one<{ status: string; error: string }>(
      'SELECT status, error FROM job_runs WHERE job = $job',
      {
        job: `rss:${name}`,
      },
    );
    expect(run).toMatchObject({ status: 'failed' });
  });

  it.skipIf(!tls)(
    'invalid TLS (self-signed certificate) fails the source without retrying forever',
    async () => {
      const row = await source('tls');
      expect(row).toMatchObject({ failures: 1 });
      expect(row!.last_error).toMatch(/self[- ]signed certificate|SELF_SIGNED/i);
      expect((await outcomes('tls')).every((o) => o === 'error')).toBe(true);
    },
  );

  it('shows each failure on the sources page', async () => {
    await createUser(
      db,
      { username: 'quantri', role: 'admin', unitUid: '66/2025', clearance: 3, password: 'correct-horse-42' },
      FIXED_NOW,
    );
    const app = createApp({ db, logger: memoryLogger(), now: () => FIXED_NOW });
    const agent = request.agent(app);
    const form = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ username: 'quantri', password: 'correct-horse-42', _csrf: csrfFrom(form.text), next: '/' })
      .expect(303);
    const page = await agent.get('/sources').expect(200);
    for (const name of ['slowloris', 'reset', 'endless', 'redirects', 'dns', ...(tls ? ['tls'] : [])]) {
      const error = (await source(name))!.last_error!;
      expect(page.text).toContain(name);
      expect(page.text).toContain(
        error.slice(0, 20).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;'),
      );
    }
  });
});
