import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../data/db.ts';
import { listMigrations, migrate } from '../../data/migrate.ts';
import { storeDocuments } from '../../pipeline/store-documents.ts';
import type { IncomingDocument } from '../../pipeline/types.ts';
import { FIXED_NOW, openTestDb } from './test-db.ts';

const ARTICLE =
  'Sáng 24/11, UBND tỉnh Đắk Lắk tổ chức hội nghị đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế ' +
  'xã hội năm 2026. Theo báo cáo, tăng trưởng kinh tế của tỉnh ước đạt 7,5%, thu ngân sách vượt kế hoạch. Tuy ' +
  'nhiên, giá cà phê biến động mạnh khiến nhiều hộ nông dân gặp khó khăn. Người dân xã Ea Tu phản ánh tình trạng ' +
  'ô nhiễm do nhà máy xả thải ra suối. Lãnh đạo tỉnh yêu cầu các sở ngành tập trung giải quyết dứt điểm các ' +
  'kiến nghị của cử tri, đẩy nhanh tiến độ giải ngân vốn đầu tư công.';
const OTHER =
  'Chiều 24/11, Sở Y tế tỉnh Đắk Lắk cho biết số ca mắc sốt xuất huyết tăng mạnh so với cùng kỳ. Ngành y tế ' +
  'đã triển khai phun thuốc diệt muỗi tại các điểm nóng, vận động người dân vệ sinh môi trường, loại bỏ lăng quăng.';

const ctx = { importSource: 'test', now: () => FIXED_NOW };

/** Run `fn` on an in-memory database migrated up to (not including) `version`; `fn` then migrates the rest. */
async function withDbMigratedBefore(version: number, fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await openDb(':memory:');
  try {
    await migrate(
      db,
      listMigrations().filter((m) => m.version < version),
    );
    await fn(db);
  } finally {
    db.close();
  }
}

function doc(id: string, text: string, extra: Partial<IncomingDocument> = {}): IncomingDocument {
  return { id, text, publishedAt: new Date('2026-11-24T01:00:00Z'), ...extra };
}

describe('storeDocuments', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.close());

  it('normalises text and URL, detects language and fingerprints', async () => {
    const report = await storeDocuments(
      db,
      [
        doc('a', `  Hoà  bình ${ARTICLE}\r\n`, {
          url: 'HTTPS://BaoDakLak.vn/tin.html?utm_source=fb&b=2&a=1#c',
        }),
        doc('e', 'The provincial committee met on Monday and the members discussed the price of coffee.'),
      ],
      ctx,
    );
    expect(report).toMatchObject({
      in: 2,
      new: 2,
      duplicate: 0,
      nearDuplicate: 0,
      failed: 0,
      newIds: ['a', 'e'],
    });
    const rows = await db.all<{
      id: string;
      text: string;
      canonical_url: string | null;
      lang: string;
      simhash: unknown;
    }>('SELECT id, text, canonical_url, lang, simhash FROM documents ORDER BY id');
    expect(rows[0]!.text.startsWith('Hòa bình Sáng 24/11')).toBe(true);
    expect(rows[0]!.canonical_url).toBe('https://baodaklak.vn/tin.html?a=1&b=2');
    expect(rows.map((r) => r.lang)).toEqual(['vi', 'en']);
    expect(rows[0]!.simhash).not.toBeNull();
  });

  it('links exact copies under a new id, ignores the same id, and is idempotent', async () => {
    const batch = [doc('a', ARTICLE), doc('b', ARTICLE), doc('a', ARTICLE), doc('c', OTHER)];
    const first = await storeDocuments(db, batch, ctx);
    expect(first).toMatchObject({ in: 4, new: 2, duplicate: 2, nearDuplicate: 0, failed: 0 });
    expect(first.newIds.sort()).toEqual(['a', 'b', 'c']);
    const again = await storeDocuments(db, batch, ctx);
    expect(again).toMatchObject({ new: 0, duplicate: 4, newIds: [] });
    const rows = await db.all<{ id: string; duplicate_of: string | null }>(
      'SELECT id, duplicate_of FROM documents ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'a', duplicate_of: null },
      { id: 'b', duplicate_of: 'a' },
      { id: 'c', duplicate_of: null },
    ]);
  });

  it('links a syndicated copy in a later batch to the earliest similar document', async () => {
    await storeDocuments(db, [doc('orig', ARTICLE, { publishedAt: new Date('2026-11-24T01:00:00Z') })], ctx);
    const report = await storeDocuments(
      db,
      [
        doc('copy', `ĐẮK LẮK - ${ARTICLE} (Theo Báo Đắk Lắk)`, {
          publishedAt: new Date('2026-11-24T05:00:00Z'),
        }),
        doc('unrelated', OTHER),
      ],
      ctx,
    );
    expect(report).toMatchObject({ new: 1, nearDuplicate: 1 });
    const copy = await db.one<{ near_duplicate_of: string }>(
      "SELECT near_duplicate_of FROM documents WHERE id = 'copy'",
    );
    expect(copy!.near_duplicate_of).toBe('orig');
    const unrelated = await db.one<{ near_duplicate_of: string | null }>(
      "SELECT near_duplicate_of FROM documents WHERE id = 'unrelated'",
    );
    expect(unrelated!.near_duplicate_of).toBeNull();
  });

  it('fails documents without text and stores the rest, with raw items', async () => {
    const report = await storeDocuments(
      db,
      [
        doc('empty', '   ', { raw: { locator: 'f.jsonl:1', body: '{}' } }),
        doc('ok', OTHER, { raw: { locator: 'f.jsonl:2', body: '{"id":"ok"}' } }),
      ],
      ctx,
    );
    expect(report).toMatchObject({ failed: 1, new: 1, errors: ['f.jsonl:1: empty text'] });
    const raw = await db.all<{ locator: string; body: string }>('SELECT locator, body FROM raw_items');
    expect(raw).toEqual([{ locator: 'f.jsonl:2', body: '{"id":"ok"}' }]);
    const link = await db.one<{ n: number }>(
      'SELECT count(*) AS n FROM documents d JOIN raw_items r ON r.id = d.raw_item_id',
    );
    expect(link!.n).toBe(1);
  });

  it('stores a raw item once when later batches bring documents read from it again', async () => {
    // Two documents from one raw item in separate transactions (a feed item read twice under new ids): raw_items
    // has no key to ignore the second insert (migration 103), so the insert itself must skip it.
    const raw = { locator: 'feed.xml#item-1', body: '<item>…</item>' };
    await storeDocuments(db, [doc('first', ARTICLE, { raw })], ctx);
    const third =
      'Người dân phường Tân Lập phản ánh đường ngập sâu sau mưa lớn, đề nghị sửa cống thoát nước.';
    const again = await storeDocuments(
      db,
      [doc('second', OTHER, { raw }), doc('third', third, { raw })],
      ctx,
    );
    expect(again.new).toBe(2);
    const rawIds = await db.all<{ id: string }>('SELECT id FROM raw_items');
    expect(rawIds).toHaveLength(1);
    const linked = await db.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM documents WHERE raw_item_id = $id',
      { id: rawIds[0]!.id },
    );
    expect(linked!.n).toBe(3);
  });
});

describe('storeDocuments near-duplicate window and stored keys', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.close());

  const copyOf = (text: string) => `ĐẮK LẮK - ${text} (Theo Báo Đắk Lắk)`;
  const nearDuplicateOf = async (id: string) =>
    (await db.one<{ near: string | null }>('SELECT near_duplicate_of AS near FROM documents WHERE id = $id', {
      id,
    }))!.near;

  it('links copies published within the window only, counted from either side', async () => {
    await storeDocuments(db, [doc('orig', ARTICLE, { publishedAt: new Date('2026-11-01T00:00:00Z') })], ctx);
    const report = await storeDocuments(
      db,
      [
        doc('within', copyOf(ARTICLE), { publishedAt: new Date('2026-11-08T00:00:00Z') }),
        doc('earlier', `${copyOf(ARTICLE)} .`, { publishedAt: new Date('2026-10-25T00:00:00Z') }),
        doc('outside', `${copyOf(ARTICLE)} ..`, { publishedAt: new Date('2026-11-20T00:00:00Z') }),
      ],
      { ...ctx, nearDuplicateDays: 10 },
    );
    expect(report).toMatchObject({ new: 1, nearDuplicate: 2 });
    expect(await nearDuplicateOf('within')).toBe('orig');
    expect(await nearDuplicateOf('earlier')).toBe('orig');
    // 12 days after the nearest similar document
    expect(await nearDuplicateOf('outside')).toBeNull();
    // 16 days after the original but 9 after 'within', whose root is the original
    await storeDocuments(
      db,
      [doc('chained', `${copyOf(ARTICLE)} ...`, { publishedAt: new Date('2026-11-17T00:00:00Z') })],
      { ...ctx, nearDuplicateDays: 10 },
    );
    expect(await nearDuplicateOf('chained')).toBe('orig');
  });

  it('keeps the LSH keys of a document with its root and date, and skips documents no longer stored', async () => {
    await storeDocuments(db, [doc('orig', ARTICLE), doc('copy', copyOf(ARTICLE))], ctx);
    const rows = await db.all<{ doc_id: string; root_id: string; n: number }>(
      'SELECT doc_id, root_id, count(*) AS n FROM doc_lsh GROUP BY ALL ORDER BY doc_id',
    );
    expect(rows).toEqual([
      { doc_id: 'copy', root_id: 'orig', n: 16 },
      { doc_id: 'orig', root_id: 'orig', n: 16 },
    ]);
    // What an archive run leaves: the rows gone from documents, their ids in archived_documents, doc_lsh untouched.
    await db.run(`INSERT INTO archived_documents SELECT id, content_hash, '2026-11', 'news' FROM documents`);
    await db.run('DELETE FROM documents');
    await storeDocuments(db, [doc('late', `${copyOf(ARTICLE)} .`)], ctx);
    expect(await nearDuplicateOf('late')).toBeNull();
  });

  it('computes content hashes and raw item ids as before (stored keys stay stable across versions)', async () => {
    const sha = (...parts: string[]) => {
      const h = createHash('sha256');
      for (const part of parts) h.update(part).update('\u0000');
      return h.digest('hex');
    };
    const body = '{"id":"ok","text":"Người dân"}';
    await storeDocuments(
      db,
      [doc('ok', OTHER, { title: 'Tiêu đề', raw: { locator: 'f.jsonl:2', body } })],
      ctx,
    );
    const row = await db.one<{ content_hash: string; raw_item_id: string; raw_hash: string }>(
      `SELECT d.content_hash, d.raw_item_id, r.content_hash AS raw_hash
       FROM documents d JOIN raw_items r ON r.id = d.raw_item_id`,
    );
    expect(row).toEqual({
      content_hash: sha('Tiêu đề', OTHER),
      raw_item_id: sha('test', 'f.jsonl:2', body),
      raw_hash: createHash('sha256').update(body).digest('hex'),
    });
  });
});

describe('migration 094 (doc_lsh with roots and dates)', () => {
  it('carries existing LSH rows over with their documents root and date, dropping rows of missing documents', async () => {
    await withDbMigratedBefore(94, async (db) => {
      await db.run(`INSERT INTO documents (id, import_source, text, published_at, ingested_at, content_hash, near_duplicate_of)
        VALUES ('a', 's', 't', TIMESTAMPTZ '2026-11-01 00:00:00+00', TIMESTAMPTZ '2026-11-02 00:00:00+00', 'h1', NULL),
               ('b', 's', 't', NULL, TIMESTAMPTZ '2026-11-03 00:00:00+00', 'h2', 'a')`);
      await db.run(`INSERT INTO doc_lsh VALUES (1, 'a'), (2, 'a'), (1, 'b'), (3, 'gone')`);
      await migrate(db);
      const rows = await db.all(
        'SELECT band_key, doc_id, root_id, published_at, window_at FROM doc_lsh ORDER BY doc_id, band_key',
      );
      expect(rows).toEqual([
        {
          band_key: 1,
          doc_id: 'a',
          root_id: 'a',
          published_at: new Date('2026-11-01T00:00:00Z'),
          window_at: new Date('2026-11-01T00:00:00Z'),
        },
        {
          band_key: 2,
          doc_id: 'a',
          root_id: 'a',
          published_at: new Date('2026-11-01T00:00:00Z'),
          window_at: new Date('2026-11-01T00:00:00Z'),
        },
        {
          band_key: 1,
          doc_id: 'b',
          root_id: 'a',
          published_at: null,
          window_at: new Date('2026-11-03T00:00:00Z'),
        },
      ]);
    });
  });
});

describe('migration 103 (raw_items without a key)', () => {
  it('keeps every raw item, and a re-import still stores each raw item once', async () => {
    await withDbMigratedBefore(103, async (db) => {
      const body = '{"id":"x1","text":"…"}';
      await db.run(
        `INSERT INTO raw_items (id, source, locator, fetched_at, body, content_hash)
        VALUES ('r1', 'old', 'old.jsonl:1', TIMESTAMPTZ '2026-11-01 00:00:00+00', '<item/>', 'c1'),
               ('r2', 'old', 'old.jsonl:2', TIMESTAMPTZ '2026-11-01 00:00:01+00', $body, 'c2')`,
        { body },
      );
      await migrate(db);
      expect(await db.all('SELECT id, locator, body FROM raw_items ORDER BY id')).toEqual([
        { id: 'r1', locator: 'old.jsonl:1', body: '<item/>' },
        { id: 'r2', locator: 'old.jsonl:2', body },
      ]);
      const raw = { locator: 'f.jsonl:1', body: '{"id":"n1"}' };
      await storeDocuments(db, [doc('n1', ARTICLE, { raw })], ctx);
      await storeDocuments(db, [doc('n1', ARTICLE, { raw }), doc('n2', OTHER, { raw })], ctx);
      const counts = await db.one<{ n: number; distinct_ids: number }>(
        'SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS distinct_ids FROM raw_items',
      );
      expect(counts).toEqual({ n: 3, distinct_ids: 3 });
    });
  });
});
