import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { parseSources, type SourceConfig } from '../../pipeline/config.ts';
import { createFetcher } from '../../pipeline/fetch/fetcher.ts';
import { ingestHtml } from '../../pipeline/html/ingest-html.ts';
import { ingestRss } from '../../pipeline/rss/ingest-rss.ts';
import type { SourceContext } from '../../pipeline/source-run.ts';
import { silentLogger } from '../../pipeline/types.ts';
import { SITES_DIR, startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { FIXED_NOW, openTestDb } from './test-db.ts';

describe('ingestRss and ingestHtml against a local news server', () => {
  let server: FixtureServer;
  let db: Db;
  let now: Date;
  let hooked: string[];
  let ctx: SourceContext;
  const source = (
    name: string,
    kind: 'rss' | 'html',
    route: string,
    extra: Record<string, unknown> = {},
  ): SourceConfig =>
    parseSources([
      { name, kind, url: `${server.origin}${route}`, allow_private: ['127.0.0.1'], ...extra },
    ])[0]!;
  const golden = (name: string) => fs.readFileSync(path.join(SITES_DIR, 'golden', name), 'utf8').trim();
  const doc = (id: string) =>
    db.one<{
      title: string;
      text: string;
      published_at: Date;
      outlet: string;
      near_duplicate_of: string | null;
      locality_uid: string | null;
    }>(
      'SELECT title, text, published_at, outlet, near_duplicate_of, locality_uid FROM documents WHERE id = $id',
      { id },
    );

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    db = await openTestDb();
    now = FIXED_NOW;
    hooked = [];
    server.hits.clear();
    ctx = {
      db,
      logger: silentLogger,
      now: () => now,
      fetcher: createFetcher(
        { db, now: () => now, sleep: async () => undefined },
        { hostIntervalMs: 0, retryBaseMs: 1 },
      ),
      onNewDocuments: (ids) => void hooked.push(...ids),
    };
  });
  afterEach(() => db.close());

  it('stores a feed with CDATA, HTML, relative links and a missing date; broken items fail alone; re-runs add nothing', async () => {
    const rss = source('bdl-rss', 'rss', '/feeds/rss.xml', { default_locality: 'Xã Ea Tu' });
    const report = await ingestRss(rss, ctx);
    const url = rss.url;
    expect(report).toMatchObject({ in: 5, new: 3, duplicate: 0, failed: 2 });
    expect(report.errors).toEqual([
      `${url}: item 3: no title and no text`,
      `${url}: item 4: unknown date format "hôm qua"`,
    ]);
    expect(report.warnings).toEqual([`${url}: item 2: no date; using the time it was fetched`]);
    const first = await doc(`${server.origin}/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html`);
    expect(first).toMatchObject({
      title: 'Người dân xã Ea Tu phản ánh ô nhiễm từ nhà máy chế biến cà phê',
      text:
        'Thời gian gần đây, nhiều hộ dân ở thôn 4, xã Ea Tu liên tục phản ánh việc nhà máy chế biến cà phê xả nước thải ra suối, gây mùi hôi thối kéo dài.\n' +
        'Lãnh đạo UBND xã Ea Tu cho biết đã yêu cầu doanh nghiệp nâng cấp hệ thống xử lý nước thải.',
      outlet: 'bdl-rss',
      locality_uid: '24163/pre2025',
    });
    expect(first!.published_at.toISOString()).toBe('2026-11-24T01:15:00.000Z');
    const undated = await doc('http://example.invalid/baodaklak/kinh-te/gia-ca-phe-tang-102.html');
    expect(undated!.text).toBe(
      'Giá cà phê nhân xô vượt mốc mới trong tuần qua, nông dân phấn khởi nhưng lo chi phí vật tư tăng cao.',
    );
    expect(undated!.published_at.getTime()).toBe(FIXED_NOW.getTime());
    expect((await doc(`${server.origin}/baodaklak/xa-hoi/duong-lien-xa-104.html`))!.text).toBe(
      'Nhiều đoạn đường liên xã ở Krông Bông xuất hiện ổ gà, gây nguy hiểm cho người đi đường & học sinh.',
    );
    expect(hooked).toHaveLength(3);

    const again = await ingestRss(rss, ctx);
    expect(again).toMatchObject({ in: 0, new: 0, failed: 0 });
    expect(server.lastHeaders.get('/feeds/rss.xml')?.['if-none-match']).toBe('"rss-v1"');
    const runs = await db.all<{ status: string }>('SELECT status FROM job_runs ORDER BY id');
    expect(runs.map((r) => r.status)).toEqual(['partial', 'ok']);
    const counts = await db.one<{ docs: number; raw: number }>(
      'SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM raw_items) AS raw',
    );
    expect(counts).toEqual({ docs: 3, raw: 3 });
  });

  it('reads Atom with xml:base, and a feed re-served in full adds only duplicates', async () => {
    const atom = source('dlo-atom', 'rss', '/feeds/atom.xml');
    expect(await ingestRss(atom, ctx)).toMatchObject({ in: 2, new: 2, failed: 0 });
    expect(await doc(`${server.origin}/dlo/tin-tuc/2026/11/sot-xuat-huyet-tang-manh.html`)).toMatchObject({
      text: 'Toàn tỉnh ghi nhận hơn 600 ca mắc sốt xuất huyết từ đầu tháng 11.\nNgành y tế tổ chức phun hóa chất diệt muỗi.',
    });
    expect(await ingestRss(atom, ctx)).toMatchObject({ in: 2, new: 0, duplicate: 2 });
    expect(server.lastHeaders.get('/feeds/atom.xml')?.['if-modified-since']).toBe(
      'Mon, 24 Nov 2026 03:30:00 GMT',
    );
  });

  it('records bad feeds as failed runs with a reason and backs off the source', async () => {
    const cases: Array<[string, string]> = [
      ['/feeds/malformed.xml', 'malformed XML: <description> opened on line 8 is not closed'],
      ['/feeds/empty.xml', 'empty response (0 bytes)'],
      ['/feeds/binary.xml', 'binary or undecodable content'],
      ['/teapot/feed.xml', 'HTTP 404'],
    ];
    for (const [route, reason] of cases) {
      const report = await ingestRss(source(`bad${route.replace(/\W/g, '-')}`, 'rss', route), ctx);
      expect(report.errors[0]).toContain(`${server.origin}${route}: ${reason}`);
    }
    const runs = await db.all<{ status: string; error: string }>(
      'SELECT status, error FROM job_runs ORDER BY id',
    );
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    const malformed = source('bad-feeds-malformed-xml', 'rss', '/feeds/malformed.xml');
    const health = await db.one<{ failures: number; backoff_until: Date }>(
      'SELECT failures, backoff_until FROM sources WHERE name = $name',
      { name: malformed.name },
    );
    expect(health).toEqual({ failures: 1, backoff_until: new Date(FIXED_NOW.getTime() + 5 * 60_000) });
    const hitsBefore = server.hits.get('/feeds/malformed.xml');
    const skipped = await ingestRss(malformed, ctx);
    expect(skipped.errors[0]).toMatch(
      /skipped, backing off after failures until 2026-11-24T10:05:00\+07:00$/,
    );
    expect(server.hits.get('/feeds/malformed.xml')).toBe(hitsBefore);
    now = new Date(FIXED_NOW.getTime() + 6 * 60_000);
    await ingestRss(malformed, ctx);
    const after = await db.one<{ failures: number }>('SELECT failures FROM sources WHERE name = $name', {
      name: malformed.name,
    });
    expect(after!.failures).toBe(2);
  });

  it('fails the item with invalid UTF-8 and stores the rest of the feed', async () => {
    const report = await ingestRss(source('utf8', 'rss', '/feeds/invalid-utf8.xml'), ctx);
    expect(report).toMatchObject({ in: 2, new: 1, failed: 1 });
    expect(report.errors).toEqual([`${server.origin}/feeds/invalid-utf8.xml: item 2: invalid UTF-8`]);
  });

  it('crawls a listing with site selectors, decodes Windows-1258, and skips known articles on the next run', async () => {
    const site = source('baodaklak', 'html', '/baodaklak/', {
      selectors: {
        links: '.list-news h3 a',
        title: 'h1.title',
        date: '.date-time',
        content: '.detail-content',
        remove: ['.box-related'],
      },
    });
    const report = await ingestHtml(site, ctx);
    expect(report).toMatchObject({ in: 2, new: 2, failed: 0 });
    const a101 = await doc(`${server.origin}/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html`);
    expect(a101).toMatchObject({ text: golden('baodaklak-101.txt'), outlet: 'Báo Đắk Lắk' });
    const a102 = await doc(`${server.origin}/baodaklak/kinh-te/gia-ca-phe-tang-102.html`);
    expect(a102!.text).toBe(golden('baodaklak-102.txt'));
    expect(a102!.published_at.toISOString()).toBe('2026-11-23T09:40:00.000Z');

    const again = await ingestHtml(site, ctx);
    expect(again).toMatchObject({ in: 2, new: 0, duplicate: 2 });
    expect(server.hits.get('/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html')).toBe(1);
  });

  it('links a syndicated copy on another site as a near-duplicate and honours robots.txt on article links', async () => {
    await ingestHtml(
      source('baodaklak', 'html', '/baodaklak/', {
        selectors: { links: '.list-news h3 a', content: '.detail-content' },
      }),
      ctx,
    );
    const report = await ingestHtml(source('dlo', 'html', '/dlo/'), ctx);
    expect(report).toMatchObject({ in: 3, new: 1, nearDuplicate: 1, failed: 1 });
    expect(report.errors).toEqual([
      `${server.origin}/private/bao-cao-noi-bo.html: refused: disallowed by robots.txt`,
    ]);
    const copy = await doc(`${server.origin}/dlo/tin-tuc/2026/11/nuoc-thai-ca-phe-ea-tu.html`);
    expect(copy!.near_duplicate_of).toBe(`${server.origin}/baodaklak/xa-hoi/o-nhiem-suoi-ea-tu-101.html`);
    expect((await doc(`${server.origin}/dlo/tin-tuc/2026/11/sot-xuat-huyet-tang-manh.html`))!.text).toBe(
      golden('dlo-sot-xuat-huyet.txt'),
    );
    expect(server.hits.get('/private/bao-cao-noi-bo.html')).toBeUndefined();
  });

  it('reads a legacy table-layout site in TCVN3 and fails pages with an unknown date or invalid UTF-8', async () => {
    const report = await ingestHtml(source('cu', 'html', '/cu/'), ctx);
    expect(report).toMatchObject({ in: 3, new: 1, failed: 2 });
    expect(report.errors).toEqual([
      `${server.origin}/cu/tin/ngay-khong-ro-20261120.htm: unknown date format "Cập nhật: hôm qua lúc sáng sớm"`,
      `${server.origin}/cu/tin/hong-utf8-20261119.htm: invalid UTF-8`,
    ]);
    const article = await doc(`${server.origin}/cu/tin/hop-cu-tri-20261124.htm`);
    expect(article).toMatchObject({
      title: 'Hội nghị tiếp xúc cử tri trước kỳ họp cuối năm',
      text: golden('cu-hop-cu-tri.txt'),
    });
    const raw = await db.one<{ body: string }>('SELECT body FROM raw_items WHERE locator = $url', {
      url: `${server.origin}/cu/tin/hop-cu-tri-20261124.htm`,
    });
    expect(raw!.body).toContain('Hội nghị tiếp xúc cử tri');
  });

  it('refuses a source on a private address unless the config allows it', async () => {
    const strict = parseSources([{ name: 'strict', kind: 'rss', url: `${server.origin}/feeds/rss.xml` }])[0]!;
    const report = await ingestRss(strict, ctx);
    expect(report.errors[0]).toBe(`${strict.url}: refused: address 127.0.0.1 is loopback`);
    expect(server.hits.size).toBe(0);
  });
});
