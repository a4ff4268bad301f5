import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { parseSources } from '../../pipeline/config.ts';
import { createFetcher, type FetchPolicy, type FetchResult } from '../../pipeline/fetch/fetcher.ts';
import { extractArticle } from '../../pipeline/html/extract-article.ts';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import { ingestRss } from '../../pipeline/rss/ingest-rss.ts';
import { parseFeed } from '../../pipeline/rss/parse-feed.ts';
import { silentLogger } from '../../pipeline/types.ts';
import { FIXED_NOW, openTestDb } from '../pipeline/test-db.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { login, makeFixture, type Fixture } from '../web/fixtures.ts';

const HOSTILE = path.join(REPO_ROOT, 'tests/fixtures/hostile');
const fixture = (name: string) => fs.readFileSync(path.join(HOSTILE, name), 'utf8');
const EXECUTABLE = /<script|<iframe|<svg|javascript:|onerror|onload|alert\(|document\.cookie/i;

/** A 127.0.0.1 server that counts every request and serves the routes given. */
async function startServer(
  routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>,
  host = '127.0.0.1',
) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    origin: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const feedItem = (n: number, description: string, date = 'Mon, 23 Nov 2026 08:00:00 +0700') =>
  `<item><title>Tin ${n}</title><link>https://baodaklak.vn/y-kien/${n}.html</link><pubDate>${date}</pubDate>` +
  `<description>${description}</description></item>`;
// XML with 24,000 unescaped HTML line breaks in one item: as XML they nest 24,000 deep.
const BREAKS_FEED =
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>` +
  feedItem(1, 'Người dân phản ánh ô nhiễm suối Ea Tu.') +
  feedItem(2, 'Dòng ý kiến bạn đọc<br>'.repeat(24_000)) +
  feedItem(3, 'Giá cà phê tăng.', 'hôm qua') +
  feedItem(4, 'Đường liên xã xuống cấp.') +
  `</channel></rss>`;

function feedSource(name: string, url: string) {
  return parseSources([{ name, kind: 'rss', url, allow_private: ['127.0.0.1'], robots: false }])[0]!;
}

describe('hostile feeds and pages', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: Db;
  beforeAll(async () => {
    server = await startServer({
      '/x.dtd': (_req, res) => res.writeHead(200).end('<!ENTITY leak "LEAKED">'),
      '/script.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('script-feed.xml')),
      '/breaks.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(BREAKS_FEED),
    });
    db = await openTestDb();
  });
  afterAll(async () => {
    db.close();
    await server.close();
  });

  it('never resolves external entities (XXE) nor fetches a DTD', () => {
    const xml = fixture('xxe-feed.xml').replaceAll('EXTERNAL_URL', `${server.origin}/x.dtd`);
    const feed = parseFeed(xml, 'https://baodaklak.vn/rss');
    const items = feed.items.flatMap((i) => (i.ok ? [i.item] : []));
    expect(items).toHaveLength(1);
    expect(`${feed.title} ${items[0]!.title} ${items[0]!.text}`).not.toMatch(/root:|LEAKED/);
    expect(server.hits).toEqual([]);
  });

  it('does not expand nested entities (billion laughs) and answers at once', () => {
    const xml = fixture('billion-laughs.xml');
    const started = performance.now();
    const feed = parseFeed(xml, 'https://baodaklak.vn/rss');
    expect(performance.now() - started).toBeLessThan(2000);
    const item = feed.items[0]!;
    expect(item.ok).toBe(true);
    if (!item.ok) return;
    expect(item.item.text.length).toBeLessThan(xml.length);
    expect(item.item.text).not.toMatch(/(lol){3}/);
  });

  it('stores feed text without executable markup, and refuses javascript: links', async () => {
    const [source] = parseSources([
      {
        name: 'hostile',
        kind: 'rss',
        url: `${server.origin}/script.xml`,
        allow_private: ['127.0.0.1'],
        robots: false,
      },
    ]);
    const report = await ingestRss(source!, {
      db,
      logger: silentLogger,
      now: () => FIXED_NOW,
      fetcher: createFetcher(
        { db, now: () => FIXED_NOW, sleep: async () => undefined },
        { hostIntervalMs: 0 },
      ),
    });
    expect(report).toMatchObject({ new: 2, failed: 1 });
    expect(report.errors.join('\n')).toMatch(/invalid link "javascript:alert\('link'\)"/);
    const docs = await db.all<{ id: string; title: string; text: string; url: string }>(
      'SELECT id, title, text, url FROM documents ORDER BY id',
    );
    expect(docs.map((d) => d.url)).toEqual([
      'https://baodaklak.vn/tin/1.html',
      'https://baodaklak.vn/tin/2.html',
    ]);
    for (const doc of docs) expect(`${doc.title}\n${doc.text}`).not.toMatch(EXECUTABLE);
    expect(docs[0]!.text).toBe('Đoạn một.\nliên kết\nĐoạn hai.');
  });

  it('reads a feed whose item holds 24,000 unescaped <br>, and fails only its broken item', async () => {
    const url = `${server.origin}/breaks.xml`;
    const ctx = {
      db,
      logger: silentLogger,
      now: () => FIXED_NOW,
      fetcher: createFetcher(
        { db, now: () => FIXED_NOW, sleep: async () => undefined },
        { hostIntervalMs: 0 },
      ),
    };
    const report = await ingestRss(feedSource('breaks', url), ctx);
    expect(report).toMatchObject({ in: 4, new: 3, failed: 1 });
    expect(report.errors).toEqual([`${url}: item 3: unknown date format "hôm qua"`]);
    const docs = await db.all<{ url: string; text: string }>(
      `SELECT url, text FROM documents WHERE import_source = 'breaks' ORDER BY url`,
    );
    expect(docs.map((d) => d.url)).toEqual([1, 2, 4].map((n) => `https://baodaklak.vn/y-kien/${n}.html`));
    const lines = docs[1]!.text.split('\n');
    expect(lines).toHaveLength(24_000);
    expect(new Set(lines)).toEqual(new Set(['Dòng ý kiến bạn đọc']));

    const again = await ingestRss(feedSource('breaks', url), ctx);
    expect(again).toMatchObject({ new: 0, duplicate: 3, failed: 1 });
    expect(await db.one(`SELECT count(*) AS n FROM documents WHERE import_source = 'breaks'`)).toEqual({
      n: 3,
    });
  }, 60_000);

  it('extracts article text without scripts, handlers or frames', () => {
    const article = extractArticle(fixture('script-article.html'), 'https://baodaklak.vn/tin/1.html');
    expect(article.text).toMatch(/^Thời gian gần đây/);
    expect(article.text).toMatch(/xử lý dứt điểm tình trạng này\.$/);
    expect(`${article.title}\n${article.text}`).not.toMatch(EXECUTABLE);
  });

  it('keeps a batch going when one record has an impossible date (1e20 epoch)', async () => {
    const file = path.join(tempDir('dlxh-hostile-'), 'docs.jsonl');
    fs.writeFileSync(
      file,
      [
        { id: 'a', text: 'Người dân phản ánh', published_at: '2026-11-01' },
        { id: 'b', text: 'Giá cà phê', published_at: 1e20 },
        { id: 'c', text: 'Đường xuống cấp', published_at: -8.64e15 },
        { id: 'd', text: 'Nước sạch', published_at: '2026-11-02' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const report = await ingestJsonl(
      file,
      { source: 'dates' },
      { db, logger: silentLogger, now: () => FIXED_NOW },
    );
    expect(report).toMatchObject({ in: 4, new: 2, failed: 2 });
    expect(report.errors.join('\n')).toMatch(/line 2: invalid published_at "100000000000000000000"/);
  });
});

describe('SSRF through source URLs', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: Db;
  const lookup = async (host: string): Promise<string[]> => {
    const table: Record<string, string[]> = {
      'intranet.test': ['10.1.2.3'],
      'mixed.test': ['93.184.216.34', '127.0.0.1'],
      'v6-loopback.test': ['::1'],
      'mapped.test': ['::ffff:169.254.169.254'],
      'public.test': ['93.184.216.34'],
    };
    if (table[host]) return table[host]!;
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
  const fetchWith = (policy: Partial<FetchPolicy> = {}) =>
    createFetcher(
      { db, now: () => FIXED_NOW, lookup, sleep: async () => undefined },
      { hostIntervalMs: 0, retries: 0, ...policy },
    );

  beforeAll(async () => {
    server = await startServer({
      '/to-metadata': (_req, res) =>
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-v6': (_req, res) => res.writeHead(301, { location: 'http://[::1]/' }).end(),
      '/to-decimal': (_req, res) => res.writeHead(307, { location: 'http://167772161/' }).end(),
      '/to-intranet': (_req, res) => res.writeHead(308, { location: 'http://intranet.test/admin' }).end(),
      '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/secret': (_req, res) => res.writeHead(200).end('secret'),
    });
    db = await openTestDb();
  });
  afterAll(async () => {
    db.close();
    await server.close();
  });

  const refusedUrls = [
    'http://127.0.0.1/',
    'http://localhost/',
    'http://admin.localhost/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
    'http://0/',
    'http://2130706433/',
    'http://017700000001/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[::]/',
    'http://user:pass@127.0.0.1:8080/',
    'http://intranet.test/',
    'http://mixed.test/',
    'http://v6-loopback.test/',
    'http://mapped.test/',
    'http://nowhere.test/',
    'file:///etc/passwd',
    'ftp://public.test/',
    'gopher://127.0.0.1:25/',
    'data:text/plain,hi',
    'not a url',
  ];

  it.each(refusedUrls)('refuses %s', async (url) => {
    const result = await fetchWith().fetch({ url, source: 'ssrf' });
    expect(result.outcome).toBe('refused');
    const logged = await db.one<{ outcome: string; error: string }>(
      'SELECT outcome, error FROM fetch_log WHERE source = $s ORDER BY id DESC LIMIT 1',
      { s: 'ssrf' },
    );
    expect(logged).toMatchObject({ outcome: 'refused' });
    expect(logged!.error).toMatch(
      /loopback|private|linkLocal|uniqueLocal|unspecified|carrierGradeNat|multicast|broadcast|reserved|scheme|invalid URL|cannot resolve/,
    );
  });

  it('refuses redirects to private addresses, whatever form they take', async () => {
    const fetcher = fetchWith({ allowPrivate: ['127.0.0.1'], robots: false });
    for (const route of ['/to-metadata', '/to-v6', '/to-decimal', '/to-intranet', '/to-file']) {
      const result: FetchResult = await fetcher.fetch({
        url: `${server.origin}${route}`,
        source: 'redirect',
      });
      expect(result.outcome, route).toBe('refused');
    }
    expect(server.hits.filter((h) => h === '/secret')).toEqual([]);
  });

  it('checks the address again when connecting, so a name that re-resolves to loopback is refused', async () => {
    let second: Awaited<ReturnType<typeof startServer>>;
    try {
      second = await startServer(
        {
          '/to-localhost': (_req, res) =>
            res.writeHead(302, { location: `http://localhost:${server.port}/secret` }).end(),
        },
        '127.0.0.2',
      );
    } catch {
      console.warn('no second loopback address (127.0.0.2) here: connect-time check not exercised');
      return;
    }
    try {
      const result = await fetchWith({ allowPrivate: ['127.0.0.2'], robots: false }).fetch({
        url: `${second.origin}/to-localhost`,
        source: 'rebind',
      });
      expect(result).toMatchObject({ outcome: 'refused' });
      expect(result.outcome !== 'ok' && result.outcome !== 'not_modified' && result.error).toMatch(
        /127\.0\.0\.1 is loopback|::1 is loopback/,
      );
      expect(server.hits).not.toContain('/secret');
    } finally {
      await second.close();
    }
  });

  it('refuses a configured source on the cloud metadata address and records why on the source', async () => {
    const [source] = parseSources([
      { name: 'metadata', kind: 'rss', url: 'http://169.254.169.254/latest/meta-data/' },
    ]);
    const report = await ingestRss(source!, {
      db,
      logger: silentLogger,
      now: () => FIXED_NOW,
      fetcher: fetchWith(),
    });
    expect(report.new).toBe(0);
    const row = await db.one<{ last_error: string; failures: number }>(
      `SELECT last_error, failures FROM sources WHERE name = 'metadata'`,
    );
    expect(row).toMatchObject({ failures: 1 });
    expect(row!.last_error).toMatch(/refused.*169\.254\.169\.254 is linkLocal/);
  });
});

describe('hostile requests to the web app', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.db.close());

  it('names export files itself, whatever the request asks', async () => {
    const { agent } = await login(f.app, 'analyst1');
    const traversal = await agent.get('/api/export/documents').query({ format: '../../../etc/passwd' });
    expect(traversal.status).toBe(400);
    expect(traversal.text).not.toMatch(/root:/);
    const csv = await agent
      .get('/api/export/documents')
      .query({ format: 'csv', name: '../../evil.sh', filename: '/etc/x' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="?dlxh-documents-\d{4}-\d{2}-\d{2}\.csv"?$/,
    );
  });

  it('refuses oversized bodies and keeps serving', async () => {
    const { agent, csrf } = await login(f.app, 'analyst1');
    const big = await agent
      .post('/api/sql')
      .set('x-csrf-token', csrf)
      .send({ sql: `SELECT '${'x'.repeat(300_000)}'` });
    expect(big.status).toBe(413);
    const after = await agent.post('/api/sql').set('x-csrf-token', csrf).send({ sql: 'SELECT 1 AS n' });
    expect(after.status).toBe(200);
  });

  it('gives the SQL explorer no access to files, other databases or settings', async () => {
    const { agent, csrf } = await login(f.app, 'analyst1');
    for (const sql of [
      `SELECT * FROM read_text('/etc/passwd')`,
      `SELECT * FROM read_csv('/etc/passwd')`,
      `COPY documents TO '/tmp/dlxh-stolen.csv'`,
      `ATTACH '/tmp/other.duckdb' AS other`,
      `SET enable_external_access = true`,
      `SELECT * FROM glob('/*')`,
      `INSTALL httpfs`,
    ]) {
      const response = await agent.post('/api/sql').set('x-csrf-token', csrf).send({ sql });
      expect(response.status, sql).toBeGreaterThanOrEqual(400);
      expect(response.text, sql).not.toMatch(/root:x:0/);
    }
    expect(fs.existsSync('/tmp/dlxh-stolen.csv')).toBe(false);
  });
});
