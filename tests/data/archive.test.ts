import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  archiveDocuments,
  archiveFiles,
  archiveRoot,
  restoreArchive,
  spanningRelation,
  verifyArchive,
} from '../../data/archive.ts';
import { openScopedDb, type AccessScope } from '../../data/access.ts';
import type { Db } from '../../data/db.ts';
import { openDb } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';
import { duckdbStorage } from '../../data/storage.ts';

const NOW = new Date('2026-11-24T03:00:00Z');
const CUT = new Date('2025-11-24T00:00:00+07:00');
const KINDS = ['news', null, 'news', 'news'];

/** 160 documents over 16 months, one without a date and one of an odd kind; scores in two model versions. */
async function seed(db: Db): Promise<void> {
  const docs = [];
  const scores = [];
  const raws = [];
  for (let i = 0; i < 160; i++) {
    const published = new Date(Date.UTC(2025, 1, 1) + i * 3 * 86_400_000 + (i % 24) * 3_600_000);
    const id = `doc-${String(i).padStart(3, '0')}`;
    docs.push([
      id,
      'test',
      `outlet-${i % 5}`,
      i === 7 ? 'Mạng XH/../lạ' : (KINDS[i % 4] ?? null),
      `https://example.vn/${i}`,
      null,
      i % 7 ? `Tiêu đề ${i}` : null,
      `Người dân xã Ea Tu phản ánh số ${i} — giá cà phê "tăng" 'mạnh'`,
      i === 5 ? null : published,
      published,
      i % 3 ? '24163/pre2025' : null,
      'vi',
      `hash-${i % 150}`,
      BigInt(i) * 1_000_000_007n,
      i % 50 === 49 ? 'doc-000' : null,
      null,
      i % 4,
      i % 10 === 0 ? null : `raw-${i}`,
      i % 9 ? null : JSON.stringify({ note: `x${i}` }),
    ]);
    if (i % 10)
      raws.push([
        `raw-${i}`,
        'test',
        `f.jsonl:${i}`,
        published,
        'application/json',
        null,
        `{"id":${i}}`,
        `h${i}`,
        1,
      ]);
    scores.push([
      id,
      'nlp-1',
      i % 3 ? 'neutral' : 'negative',
      -0.5,
      i % 2 ? ['dat-dai'] : [],
      '{"dat-dai":0.8}',
      [],
      null,
      published,
    ]);
    if (i % 2)
      scores.push([
        id,
        'nlp-0',
        'positive',
        0.25,
        ['gia-ca', 'nong-nghiep'],
        null,
        ['24163/pre2025'],
        '24163/pre2025',
        published,
      ]);
  }
  await db.append('documents', docs as never);
  await db.append('doc_scores', scores as never);
  await db.append('raw_items', raws as never);
}

/** Query results the archive must not change, read through the spanning views. */
async function snapshot(db: Db) {
  return {
    documents: await db.all('SELECT * FROM documents_all ORDER BY id'),
    scores: await db.all('SELECT * FROM doc_scores_all ORDER BY doc_id, model_version'),
    raw: await db.all('SELECT * FROM raw_items_all ORDER BY id'),
    monthly: await db.all(
      `SELECT strftime(d.published_at, '%Y-%m') AS month, d.kind, s.sentiment, count(*) AS n,
         sum(s.sentiment_score) AS score
       FROM documents_all d JOIN doc_scores_all s ON s.doc_id = d.id
       GROUP BY ALL ORDER BY ALL`,
    ),
  };
}

describe('archive tier', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-archive-'));
    db = await openDb(path.join(dir, 'test.duckdb'));
    await migrate(db);
    await seed(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const archiveDir = () => path.join(dir, 'archive');
  const archive = (before = CUT) => archiveDocuments(db, { before, now: NOW, defaultDir: archiveDir() });
  const count = async (table: string) =>
    (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

  it('moves old rows to checksummed Hive-partitioned Parquet and queries see the same data', async () => {
    const before = await snapshot(db);
    const oldDocs = await count(`documents WHERE published_at < '2025-11-24 00:00:00+07'`);
    expect(oldDocs).toBeGreaterThan(80);

    const report = await archive();
    expect(report.documents).toBe(oldDocs);
    expect(await count('documents')).toBe(160 - oldDocs);
    expect(await count(`documents WHERE published_at < '2025-11-24 00:00:00+07'`)).toBe(0);
    expect(await count('archived_documents')).toBe(oldDocs);
    expect(await snapshot(db)).toEqual(before);

    const files = await archiveFiles(db);
    const documentPaths = files.filter((f) => f.table_name === 'documents').map((f) => f.path);
    expect(
      documentPaths.some((p) =>
        /^documents\/month=2025-02\/source_kind=unknown\/part-[\w-]+\.parquet$/.test(p),
      ),
    ).toBe(true);
    expect(documentPaths.some((p) => p.startsWith('documents/month=2025-02/source_kind=m_ng_xh_l_/'))).toBe(
      true,
    );
    expect(new Set(files.map((f) => f.table_name))).toEqual(
      new Set(['documents', 'doc_scores', 'raw_items']),
    );
    const sums = fs.readFileSync(path.join(archiveDir(), 'SHA256SUMS'), 'utf8');
    for (const f of files) {
      expect(fs.existsSync(path.join(archiveDir(), f.path))).toBe(true);
      expect(sums).toContain(`${f.sha256}  ${f.path}`);
    }
    const hive = await db.all<{ month: string; n: number }>(
      `SELECT month, count(*) AS n FROM read_parquet($glob, hive_partitioning = true) GROUP BY month ORDER BY month`,
      { glob: path.join(archiveDir(), 'documents', '*', '*', '*.parquet') },
    );
    expect(hive[0]).toEqual({ month: '2025-02', n: expect.any(Number) });
    expect((await verifyArchive(db)).problems).toEqual([]);
  });

  it('is idempotent, and a later cut-off adds files without touching earlier ones', async () => {
    await archive(new Date('2025-06-01T00:00:00+07:00'));
    const first = await archiveFiles(db);
    const again = await archive(new Date('2025-06-01T00:00:00+07:00'));
    expect(again.documents).toBe(0);
    expect(await archiveFiles(db)).toEqual(first);

    const snap = await snapshot(db);
    const later = await archive();
    expect(later.documents).toBeGreaterThan(0);
    expect((await archiveFiles(db)).filter((f) => first.some((g) => g.path === f.path))).toEqual(first);
    expect(await snapshot(db)).toEqual(snap);
  });

  it('restores every row exactly, and restoring again changes nothing', async () => {
    const original = await snapshot(db);
    const tables = async () => ({
      documents: await db.all('SELECT * FROM documents ORDER BY id'),
      scores: await db.all('SELECT * FROM doc_scores ORDER BY doc_id, model_version'),
      raw: await db.all('SELECT * FROM raw_items ORDER BY id'),
    });
    const hot = await tables();
    const archived = await archive();
    const restored = await restoreArchive(db);
    expect(restored.documents).toBe(archived.documents);
    expect(restored.doc_scores).toBe(archived.doc_scores);
    expect(restored.raw_items).toBe(archived.raw_items);
    expect(await tables()).toEqual(hot);
    expect(await snapshot(db)).toEqual(original);
    expect(await archiveFiles(db)).toEqual([]);
    expect(await count('archived_documents')).toBe(0);
    expect(await spanningRelation(db, 'documents')).toBe('"documents"');
    expect(fs.existsSync(path.join(archiveDir(), 'documents'))).toBe(false);

    const twice = await restoreArchive(db);
    expect(twice.documents + twice.doc_scores + twice.raw_items).toBe(0);
  });

  it('restores a range of months only', async () => {
    const original = await snapshot(db);
    await archive();
    const report = await restoreArchive(db, { from: '2025-03', to: '2025-04' });
    expect(report.files.length).toBeGreaterThan(0);
    expect(report.files.every((p) => /month=2025-0[34]\//.test(p))).toBe(true);
    expect(await count(`documents WHERE published_at < '2025-11-24 00:00:00+07'`)).toBe(report.documents);
    expect((await archiveFiles(db)).some((f) => f.month === '2025-03')).toBe(false);
    expect((await archiveFiles(db)).some((f) => f.month === '2025-02')).toBe(true);
    expect(await snapshot(db)).toEqual(original);
  });

  it('refuses to restore from an altered file and changes nothing', async () => {
    await archive();
    const file = (await archiveFiles(db)).find((f) => f.table_name === 'documents')!;
    const full = path.join(archiveDir(), file.path);
    const bytes = fs.readFileSync(full);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(full, bytes);
    const hotBefore = await count('documents');
    await expect(restoreArchive(db)).rejects.toThrow(`${file.path}: checksum mismatch; nothing was restored`);
    expect(await count('documents')).toBe(hotBefore);
    expect((await verifyArchive(db)).problems).toEqual([`${file.path}: checksum mismatch`]);
  });

  it('after a crash between writing files and deleting rows, loses and duplicates nothing', async () => {
    const original = await snapshot(db);
    // Simulate the crash: files of a run that never committed, beside the records of one that did.
    await archive(new Date('2025-03-01T00:00:00+07:00'));
    const orphan = path.join(
      archiveDir(),
      'documents',
      'month=2025-05',
      'source_kind=news',
      'part-orphan.parquet',
    );
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    await db.run(
      `COPY (SELECT * FROM documents WHERE published_at < '2025-06-01 00:00:00+07') TO $f (FORMAT parquet)`,
      {
        f: orphan,
      },
    );
    fs.mkdirSync(path.join(archiveDir(), '.staging-dead'), { recursive: true });
    expect(await snapshot(db)).toEqual(original);

    const report = await archive();
    expect(report.removedOrphans).toEqual([
      '.staging-dead',
      'documents/month=2025-05/source_kind=news/part-orphan.parquet',
    ]);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(await snapshot(db)).toEqual(original);
  });

  it('users see archived rows through their access views, filtered as before', async () => {
    const officer: AccessScope = {
      viewer: { id: 'u1', username: 'u1', role: 'officer', unit_uid: '24163/pre2025', clearance: 1 },
      clearance: 1,
      province: false,
      areas: ['24163/pre2025'],
      topics: [],
      ownOnly: false,
    };
    const seen = async () => {
      const scoped = await openScopedDb(db, officer);
      try {
        return {
          documents: await scoped.db.all(
            'SELECT id, classification, locality_uid FROM documents ORDER BY id',
          ),
          scores: await scoped.db.all('SELECT doc_id, model_version FROM doc_scores ORDER BY ALL'),
        };
      } finally {
        scoped.close();
      }
    };
    const before = await seen();
    expect(before.documents.length).toBeGreaterThan(20);
    expect(before.documents.length).toBeLessThan(100);
    await archive();
    expect(await duckdbStorage(db).describe()).toMatch(/^DuckDB file \+ Parquet archive \(\d+ files\) in /);
    expect(await seen()).toEqual(before);
  });

  it('keeps the archive in one folder', async () => {
    await archive();
    expect(await archiveRoot(db)).toBe(archiveDir());
    await expect(
      archiveDocuments(db, {
        before: CUT,
        now: NOW,
        dir: path.join(dir, 'elsewhere'),
        defaultDir: archiveDir(),
      }),
    ).rejects.toThrow(/the archive is in .*archive; restore it/);
  });
});
