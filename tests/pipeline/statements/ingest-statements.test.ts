import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCandidates } from '../../../analytics/misinfo/review.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { parseSources, type SourceConfig } from '../../../pipeline/config.ts';
import { createFetcher } from '../../../pipeline/fetch/fetcher.ts';
import { ingestSource, sourceJobs } from '../../../pipeline/ingest-source.ts';
import { statementId } from '../../../pipeline/statements/ingest-statements.ts';
import type { SourceContext } from '../../../pipeline/source-run.ts';
import { storeDocuments } from '../../../pipeline/store-documents.ts';
import { REPO_ROOT } from '../../helpers/temp.ts';

const FEED = fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures/misinfo/official-feed.xml'));
const now = () => new Date('2025-04-03T03:00:00Z');
const LINK = 'https://congan.daklak.gov.vn/cai-chinh/nuoc-may-bmt';

let server: http.Server;
let base = '';
let requests = 0;
let db: Db;
let source: SourceConfig;
let ctx: SourceContext;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    if (req.url === '/rss')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = await openDb(':memory:');
  await migrate(db);
  [source] = parseSources([
    {
      name: 'congan-daklak',
      kind: 'statements',
      url: `${base}/rss`,
      schedule: '0 */2 * * *',
      allow_private: true,
      robots: false,
      issuing_body: 'Công an tỉnh Đắk Lắk',
      verdict: 'false',
    },
  ]) as [SourceConfig];
  ctx = { db, logger: memoryLogger(), now, fetcher: createFetcher({ db, now }) };
  // A rumour seen the day before the denial: the new statement must reach it.
  await storeDocuments(
    db,
    [
      {
        id: 'rumour-1',
        text: 'Nghe nói nước máy ở BMT bị nhiễm độc, người dân không được dùng để ăn uống. Chia sẻ ngay!',
        publishedAt: new Date('2025-04-01T08:00:00+07:00'),
        outlet: 'nhom-zalo',
      },
    ],
    { importSource: 'test', now },
  );
});
afterAll(async () => {
  db.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('a feed of official statements (kind: statements)', () => {
  it('registers each new item: claim, official text, link, issuing body, verdict, date, topics', async () => {
    const report = await ingestSource(source, ctx);
    expect(report.errors).toEqual([`${base}/rss: item 3: no title (the claim of a statement)`]);
    expect(report).toMatchObject({ in: 4, new: 2, duplicate: 1, failed: 1 });
    const rows = await db.all<Record<string, unknown>>(
      `SELECT id, claim, verdict, official_text, link, issuing_body, issued_at, topics, imported_from
       FROM official_statements ORDER BY issued_at`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: statementId('congan-daklak', { link: LINK, guid: LINK }),
      claim: 'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống',
      verdict: 'false',
      link: LINK,
      issuing_body: 'Công an tỉnh Đắk Lắk',
      imported_from: 'congan-daklak',
    });
    expect(rows[0]!.official_text).toBe(
      'Kết quả kiểm nghiệm của Trung tâm Kiểm soát bệnh tật tỉnh cho thấy nước sạch cấp cho TP. Buôn Ma Thuột đạt quy chuẩn; thông tin nước máy bị nhiễm độc là sai sự thật.',
    );
    expect((rows[0]!.issued_at as Date).toISOString()).toBe('2025-04-02T02:30:00.000Z');
    expect(rows[0]!.topics).toContain('nuoc-sinh-hoat');
    expect(rows[1]).toMatchObject({
      claim: 'Kidnappers in cars are taking children in Krong Pac district',
      link: 'https://congan.daklak.gov.vn/en/krong-pac-kidnapping',
    });
    const raw = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM raw_items WHERE source = 'congan-daklak'`,
    );
    expect(raw!.n).toBe(2);
    const run = await db.one<{ job: string; status: string }>(
      `SELECT job, status FROM job_runs WHERE job LIKE 'statements:%'`,
    );
    expect(run).toEqual({ job: 'statements:congan-daklak', status: 'partial' });
  });

  it('matches the documents that came before the statement', async () => {
    const queue = await listCandidates(db, { docId: 'rumour-1' });
    expect(queue.map((c) => c.statement_id)).toContain(
      statementId('congan-daklak', { link: LINK, guid: LINK }),
    );
  });

  it('changes nothing when the same items come again', async () => {
    const before = await db.all('SELECT * FROM official_statements ORDER BY id');
    const report = await ingestSource(source, ctx);
    expect(report).toMatchObject({ new: 0, duplicate: 3, failed: 1 });
    expect(await db.all('SELECT * FROM official_statements ORDER BY id')).toEqual(before);
    expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM raw_items`))!.n).toBe(2);
  });

  it('is scheduled like any source, and its settings belong to statement sources only', async () => {
    const jobs = sourceJobs([source], ctx);
    expect(jobs.map((j) => [j.name, j.runKey, j.schedule])).toEqual([
      ['congan-daklak', 'statements:congan-daklak', '0 */2 * * *'],
    ]);
    const seen = requests;
    await jobs[0]!.run();
    expect(requests).toBe(seen + 1);
    expect(() =>
      parseSources([{ name: 'x', kind: 'rss', url: 'https://x.example/rss', verdict: 'false' }]),
    ).toThrow('sources[0].verdict: only for sources of kind statements');
    expect(() =>
      parseSources([{ name: 'x', kind: 'statements', url: 'https://x.example/rss', verdict: 'sai' }]),
    ).toThrow(/sources\[0\]\.verdict/);
    // YAML reads a bare `verdict: false` as a boolean
    const [yaml] = parseSources([
      { name: 'x', kind: 'statements', url: 'https://x.example/rss', verdict: false },
    ]);
    expect(yaml!.verdict).toBe('false');
  });
});
