import { describe, expect, it } from 'vitest';
import { openDb } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { clearScores, scoreDocuments } from '../../../analytics/nlp/score-documents.ts';
import { MODEL_VERSION } from '../../../analytics/nlp/score.ts';
import { PARALLEL_MIN_DOCS } from '../../../analytics/nlp/score-workers.ts';
import { generateDemo } from '../../../data/demo/index.ts';

const NOW = () => new Date('2026-11-25T03:00:00Z');

async function dbWithDocs() {
  const db = await openDb(':memory:');
  await migrate(db);
  const docs = [
    ['d1', 'Người dân xã Ea Tu bức xúc vì ô nhiễm mùi hôi từ trại heo kéo dài nhiều tháng', null],
    ['d2', 'Học sinh huyện Krông Pắc được tặng học bổng, phụ huynh rất vui mừng', '24490/2025'],
    ['d3', '', null],
  ];
  for (const [id, text, locality] of docs) {
    await db.run(
      `INSERT INTO documents (id, import_source, text, published_at, ingested_at, locality_uid, content_hash)
       VALUES ($id, 'test', $text, $at, $at, $locality, $id)`,
      { id: id!, text: text!, at: new Date('2026-11-20T01:00:00Z'), locality: locality ?? null },
    );
  }
  return db;
}

describe('scoreDocuments', () => {
  it('scores every pending document once, keeping the input locality over the extracted one', async () => {
    const db = await dbWithDocs();
    expect(await scoreDocuments(db, {}, NOW)).toBe(3);
    const rows = await db.all<{
      doc_id: string;
      sentiment: string;
      topics: string[];
      locality_uid: string | null;
    }>('SELECT doc_id, sentiment, topics, locality_uid FROM doc_scores ORDER BY doc_id');
    expect(rows.map((r) => r.doc_id)).toEqual(['d1', 'd2', 'd3']);
    expect(rows[0]!.sentiment).toBe('negative');
    expect(rows[0]!.topics).toContain('moi-truong');
    expect(rows[0]!.locality_uid).toMatch(/\/(pre2025|2025)$/);
    expect(rows[1]!.locality_uid).toBe('24490/2025');
    expect(rows[2]).toMatchObject({ sentiment: 'neutral', topics: [], locality_uid: null });
    expect(await scoreDocuments(db, {}, NOW)).toBe(0);
    db.close();
  });

  it('scores only the given ids, and rescoring after clearScores recomputes', async () => {
    const db = await dbWithDocs();
    expect(await scoreDocuments(db, { ids: ['d2'] }, NOW)).toBe(1);
    expect(await db.all('SELECT doc_id FROM doc_scores')).toEqual([{ doc_id: 'd2' }]);
    await clearScores(db, MODEL_VERSION);
    expect(await scoreDocuments(db, { batchSize: 2 }, NOW)).toBe(3);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM doc_scores'))!.n).toBe(3);
    db.close();
  });

  it('of the given ids, scores only those stored and unscored, page by page, whatever their characters', async () => {
    const db = await dbWithDocs();
    for (const id of ["it's, 'quoted') OR 1=1 --", 'nul\u0000id'])
      await db.run(
        `INSERT INTO documents (id, import_source, text, ingested_at, content_hash)
         VALUES ($id, 'test', 'Giá cà phê tăng mạnh, nông dân vui mừng', $at, $id)`,
        { id, at: new Date('2026-11-20T01:00:00Z') },
      );
    expect(await scoreDocuments(db, { ids: ['d1'] }, NOW)).toBe(1);
    const ids = ['missing', 'd1', "it's, 'quoted') OR 1=1 --", 'd3', 'nul\u0000id'];
    const progress: number[] = [];
    expect(
      await scoreDocuments(
        db,
        { ids, batchSize: 1, workers: 0, onProgress: (done) => progress.push(done) },
        NOW,
      ),
    ).toBe(3);
    expect(progress).toEqual([1, 2, 3]);
    const rows = await db.all<{ doc_id: string; sentiment: string }>(
      'SELECT doc_id, sentiment FROM doc_scores ORDER BY doc_id',
    );
    expect(rows.map((r) => r.doc_id)).toEqual(['d1', 'd3', "it's, 'quoted') OR 1=1 --", 'nul\u0000id']);
    expect(rows.slice(2).map((r) => r.sentiment)).toEqual(['positive', 'positive']);
    db.close();
  });

  it('scores a large backlog page by page on worker threads, the same as in the calling thread', async () => {
    const db = await openDb(':memory:');
    await migrate(db);
    const demo = generateDemo({ days: 20 }).documents;
    const n = PARALLEL_MIN_DOCS + 150;
    await db.append(
      'documents',
      Array.from({ length: n }, (_, i) => {
        const d = demo[i % demo.length]!;
        const at = new Date(d.published_at);
        return [
          `d${i}`,
          'test',
          null,
          null,
          null,
          null,
          d.title,
          d.text,
          at,
          at,
          null,
          'vi',
          `h${i}`,
          null,
          null,
          null,
          0,
          null,
          null,
        ];
      }),
    );
    const progress: number[] = [];
    expect(
      await scoreDocuments(
        db,
        { workers: 2, batchSize: 500, onProgress: (done) => progress.push(done) },
        NOW,
      ),
    ).toBe(n);
    expect(progress).toEqual([500, 1000, 1500, 2000, n]);
    const threaded = await db.all('SELECT * FROM doc_scores ORDER BY doc_id');
    await clearScores(db);
    expect(await scoreDocuments(db, { workers: 0, batchSize: 1000 }, NOW)).toBe(n);
    expect(await db.all('SELECT * FROM doc_scores ORDER BY doc_id')).toEqual(threaded);
    db.close();
  });

  it('stops after the batch it is writing when its signal is aborted; the next run scores the rest', async () => {
    const db = await dbWithDocs();
    const stop = new AbortController();
    const scored = await scoreDocuments(
      db,
      { batchSize: 1, workers: 0, signal: stop.signal, onProgress: () => stop.abort() },
      NOW,
    );
    expect(scored).toBe(1);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM doc_scores'))!.n).toBe(1);
    expect(await scoreDocuments(db, {}, NOW)).toBe(2);
    db.close();
  });
});
