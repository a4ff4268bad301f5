/**
 * Analysts' corrections of a document's sentiment and topics (table `doc_corrections`, migration 104). A correction
 * wins over the models: it is written into the document's `doc_scores` rows at once and again after every scoring
 * run, so the overview, hot spots, briefings and exports count it; and `correctionExamples` turns the corrections
 * into `{id, text, label}` lines that `dlxh nlp train` learns from. Scores already moved to the archive tier keep
 * the model's values.
 */
import type { Db } from '../../data/db.ts';
import { inputError } from '../../data/errors.ts';
import type { Reads } from '../../data/readers.ts';

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** The sentiment score a corrected label gets when it differs from the model's (which keeps its own otherwise). */
const CORRECTED_SCORE: Record<SentimentLabel, number> = { positive: 0.5, neutral: 0, negative: -0.5 };

export interface CorrectionInput {
  docId: string;
  /** The right sentiment; null or undefined leaves the current one (a model's, or an earlier correction). */
  sentiment?: string | null;
  /** The right topics (taxonomy ids, possibly none); null or undefined leaves the current ones. */
  topics?: readonly string[] | null;
  actor: string;
  note?: string | null;
  now: Date;
}

export interface Correction {
  doc_id: string;
  sentiment: SentimentLabel | null;
  topics: string[] | null;
  corrected_by: string;
  corrected_at: Date;
  note: string | null;
}

/**
 * Record a correction and apply it to the document's scores. Throws naming the document and the problem for an
 * unknown sentiment or topic, or a correction that changes nothing.
 * `await saveCorrection(db, { docId: 'd1', sentiment: 'negative', actor: 'analyst1', now }, topicIds)`
 */
export async function saveCorrection(
  db: Db,
  input: CorrectionInput,
  knownTopics: ReadonlySet<string>,
): Promise<Correction> {
  const where = `document ${input.docId}`;
  const sentiment = input.sentiment?.trim() || null;
  if (sentiment !== null && !(SENTIMENT_LABELS as readonly string[]).includes(sentiment)) {
    throw inputError(where, null, `unknown sentiment "${sentiment}" (use ${SENTIMENT_LABELS.join(', ')})`);
  }
  const topics = input.topics == null ? null : [...new Set(input.topics.map((t) => t.trim()))];
  const unknown = topics?.filter((t) => !knownTopics.has(t)) ?? [];
  if (unknown.length > 0) throw inputError(where, null, `unknown topic "${unknown[0]}"`);
  if (sentiment === null && topics === null) throw inputError(where, null, 'nothing to correct');
  return db.transaction(async () => {
    const exists = await db.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM documents WHERE id = $id',
      { id: input.docId },
    );
    if (!exists?.n) throw inputError(where, null, 'not found');
    await db.run(
      `INSERT INTO doc_corrections (doc_id, sentiment, topics, corrected_by, corrected_at, note)
       VALUES ($id, $sentiment, $topics::VARCHAR[], $actor, $now, $note)
       ON CONFLICT (doc_id) DO UPDATE SET
         sentiment = coalesce(excluded.sentiment, doc_corrections.sentiment),
         topics = coalesce(excluded.topics, doc_corrections.topics),
         corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at, note = excluded.note`,
      {
        id: input.docId,
        sentiment,
        topics,
        actor: input.actor,
        now: input.now,
        note: input.note?.trim() || null,
      },
    );
    await applyCorrections(db, [input.docId]);
    return (await correctionOf(db, input.docId))!;
  });
}

/**
 * Write the corrections of documents `ids` (all when omitted) over their rows in `doc_scores`, of every model
 * version. A corrected sentiment that differs from a row's takes the score ±0.5 (0 for neutral).
 */
export async function applyCorrections(db: Db, ids?: readonly string[]): Promise<void> {
  await db.run(
    `UPDATE doc_scores s SET
       sentiment = coalesce(c.sentiment, s.sentiment),
       sentiment_score = CASE
         WHEN c.sentiment IS NULL OR c.sentiment = s.sentiment THEN s.sentiment_score
         WHEN c.sentiment = 'positive' THEN ${CORRECTED_SCORE.positive}
         WHEN c.sentiment = 'negative' THEN ${CORRECTED_SCORE.negative}
         ELSE ${CORRECTED_SCORE.neutral} END,
       topics = coalesce(c.topics, s.topics)
     FROM doc_corrections c
     WHERE s.doc_id = c.doc_id AND ($ids::VARCHAR[] IS NULL OR list_contains($ids::VARCHAR[], s.doc_id))`,
    { ids: ids ? [...ids] : null },
  );
}

/** Whether any document has been corrected (the scoring job skips re-applying otherwise). */
export async function hasCorrections(db: Reads): Promise<boolean> {
  return ((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM doc_corrections'))?.n ?? 0) > 0;
}

/** The correction of one document, or undefined. */
export async function correctionOf(db: Reads, docId: string): Promise<Correction | undefined> {
  return db.one<Correction>(
    'SELECT doc_id, sentiment, topics, corrected_by, corrected_at, note FROM doc_corrections WHERE doc_id = $id',
    { id: docId },
  );
}

export const CORRECTION_TASKS = ['sentiment', 'topic', 'misinfo'] as const;
export type CorrectionTask = (typeof CORRECTION_TASKS)[number];

export interface CorrectionExample {
  id: string;
  text: string;
  label: string;
  /** For `topic`: every corrected topic (the label is the first). */
  topics?: string[];
}

/**
 * The analysts' verdicts as labelled examples for `dlxh nlp train`, oldest first. `sentiment`: each corrected
 * sentiment. `topic`: each document corrected to at least one topic, labelled with the first (the classifier is
 * single-label) and listing all of them. `misinfo`: each document whose claim the misinformation queue judged,
 * labelled "1" when a claim in it was judged false (sai sự thật) and "0" when its claims were judged true (đúng sự
 * thật), as ReINTEL labels unreliable posts; "không áp dụng" is no verdict. The text is the title and the text, as
 * scoring reads them.
 */
export async function correctionExamples(db: Reads, task: CorrectionTask): Promise<CorrectionExample[]> {
  const text = (r: { title: string | null; text: string }) => (r.title ? `${r.title}\n${r.text}` : r.text);
  if (task === 'misinfo') {
    const rows = await db.all<{ id: string; title: string | null; text: string; label: number }>(
      `SELECT d.id, d.title, d.text, max(CASE WHEN c.status = 'sai sự thật' THEN 1 ELSE 0 END)::INTEGER AS label
       FROM claim_candidates c JOIN documents d ON d.id = c.doc_id
       WHERE c.status IN ('sai sự thật', 'đúng sự thật')
       GROUP BY d.id, d.title, d.text
       ORDER BY min(c.reviewed_at), d.id`,
    );
    return rows.map((r) => ({ id: r.id, text: text(r), label: String(r.label) }));
  }
  const rows = await db.all<{
    id: string;
    title: string | null;
    text: string;
    sentiment: string | null;
    topics: string[] | null;
  }>(
    `SELECT d.id, d.title, d.text, c.sentiment, c.topics
     FROM doc_corrections c JOIN documents d ON d.id = c.doc_id
     WHERE ${task === 'sentiment' ? 'c.sentiment IS NOT NULL' : 'len(c.topics) > 0'}
     ORDER BY c.corrected_at, c.doc_id`,
  );
  return rows.map((r) =>
    task === 'sentiment'
      ? { id: r.id, text: text(r), label: r.sentiment! }
      : { id: r.id, text: text(r), label: r.topics![0]!, topics: r.topics! },
  );
}
