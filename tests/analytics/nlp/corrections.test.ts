import { describe, expect, it } from 'vitest';
import { correctionExamples, correctionOf, saveCorrection } from '../../../analytics/nlp/corrections.ts';
import { clearScores, scoreDocuments } from '../../../analytics/nlp/score-documents.ts';
import { MODEL_VERSION } from '../../../analytics/nlp/score.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';

const NOW = () => new Date('2026-11-25T03:00:00Z');
const TOPICS = new Set(['moi-truong', 'dat-dai', 'gia-ca']);

async function scoredDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  const docs = [
    ['d1', 'Mùi hôi', 'Người dân xã Ea Tu bức xúc vì ô nhiễm mùi hôi từ trại heo kéo dài nhiều tháng'],
    ['d2', null, 'Giá phân bón tăng, bà con trồng cà phê ở Krông Pắc lo lắng'],
  ];
  for (const [id, title, text] of docs) {
    await db.run(
      `INSERT INTO documents (id, import_source, title, text, published_at, ingested_at, content_hash)
       VALUES ($id, 'test', $title, $text, $at, $at, $id)`,
      { id: id!, title, text: text!, at: new Date('2026-11-20T01:00:00Z') },
    );
  }
  await scoreDocuments(db, {}, NOW);
  return db;
}

const score = (db: Db, id: string) =>
  db.one<{ sentiment: string; sentiment_score: number; topics: string[] }>(
    'SELECT sentiment, sentiment_score, topics FROM doc_scores WHERE doc_id = $id',
    { id },
  );

describe('analysts’ corrections', () => {
  it('win over the model’s scores at once, and again after re-scoring', async () => {
    const db = await scoredDb();
    const before = await score(db, 'd1');
    expect(before?.sentiment).toBe('negative');
    await saveCorrection(db, { docId: 'd1', sentiment: 'neutral', actor: 'analyst1', now: NOW() }, TOPICS);
    expect(await score(db, 'd1')).toEqual({ ...before, sentiment: 'neutral', sentiment_score: 0 });

    // A later correction of the topics keeps the earlier sentiment correction.
    await saveCorrection(
      db,
      {
        docId: 'd1',
        topics: ['dat-dai', 'moi-truong', 'dat-dai'],
        actor: 'analyst2',
        note: 'đất',
        now: NOW(),
      },
      TOPICS,
    );
    expect(await correctionOf(db, 'd1')).toMatchObject({
      sentiment: 'neutral',
      topics: ['dat-dai', 'moi-truong'],
      corrected_by: 'analyst2',
      note: 'đất',
    });

    await clearScores(db, MODEL_VERSION);
    expect(await scoreDocuments(db, {}, NOW)).toBe(2);
    expect(await score(db, 'd1')).toMatchObject({ sentiment: 'neutral', topics: ['dat-dai', 'moi-truong'] });
    expect((await score(db, 'd2'))?.sentiment).toBe('negative');
    db.close();
  });

  it('refuses an unknown label or document, or a correction of nothing, and changes nothing', async () => {
    const db = await scoredDb();
    const input = { docId: 'd1', actor: 'analyst1', now: NOW() };
    await expect(saveCorrection(db, { ...input, sentiment: 'angry' }, TOPICS)).rejects.toThrow(
      /document d1: unknown sentiment "angry"/,
    );
    await expect(saveCorrection(db, { ...input, topics: ['bong-da'] }, TOPICS)).rejects.toThrow(
      /document d1: unknown topic "bong-da"/,
    );
    await expect(saveCorrection(db, input, TOPICS)).rejects.toThrow(/nothing to correct/);
    await expect(
      saveCorrection(db, { ...input, docId: 'nope', sentiment: 'positive' }, TOPICS),
    ).rejects.toThrow(/document nope: not found/);
    expect(await db.all('SELECT * FROM doc_corrections')).toEqual([]);
    db.close();
  });

  it('become labelled examples for `nlp train`: title and text, sentiment or first topic', async () => {
    const db = await scoredDb();
    await saveCorrection(db, { docId: 'd2', sentiment: 'negative', actor: 'a', now: NOW() }, TOPICS);
    await saveCorrection(
      db,
      {
        docId: 'd1',
        sentiment: 'neutral',
        topics: ['moi-truong'],
        actor: 'a',
        now: new Date('2026-11-26T00:00:00Z'),
      },
      TOPICS,
    );
    await saveCorrection(db, { docId: 'd2', topics: [], actor: 'a', now: NOW() }, TOPICS);
    expect(await correctionExamples(db, 'sentiment')).toEqual([
      { id: 'd2', text: 'Giá phân bón tăng, bà con trồng cà phê ở Krông Pắc lo lắng', label: 'negative' },
      {
        id: 'd1',
        text: 'Mùi hôi\nNgười dân xã Ea Tu bức xúc vì ô nhiễm mùi hôi từ trại heo kéo dài nhiều tháng',
        label: 'neutral',
      },
    ]);
    // d2 was corrected to no topic: not an example of any.
    expect((await correctionExamples(db, 'topic')).map((e) => [e.id, e.label, e.topics])).toEqual([
      ['d1', 'moi-truong', ['moi-truong']],
    ]);
    db.close();
  });

  it('misinformation verdicts become unreliable (1) / reliable (0) examples; "không áp dụng" is none', async () => {
    const db = await scoredDb();
    const candidate = async (id: string, doc: string, status: string, day: number) =>
      db.run(
        `INSERT INTO claim_candidates (id, doc_id, sentence, claim_score, tier, risk, status, reviewed_at,
           created_at, updated_at)
         VALUES ($id, $doc, 'câu', 0.5, 'suggest', 0.5, $status, $at, $at, $at)`,
        { id, doc, status, at: new Date(Date.UTC(2026, 10, day)) },
      );
    await candidate('k1', 'd1', 'đúng sự thật', 21);
    await candidate('k2', 'd1', 'sai sự thật', 22); // one false claim makes the document unreliable
    await candidate('k3', 'd2', 'đúng sự thật', 20);
    await candidate('k4', 'd2', 'không áp dụng', 19);
    expect((await correctionExamples(db, 'misinfo')).map((e) => [e.id, e.label])).toEqual([
      ['d2', '0'],
      ['d1', '1'],
    ]);
    await db.run(`UPDATE claim_candidates SET status = 'không áp dụng' WHERE doc_id = 'd2'`);
    expect((await correctionExamples(db, 'misinfo')).map((e) => e.id)).toEqual(['d1']);
    db.close();
  });
});
