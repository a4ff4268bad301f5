/** The scoring job: documents without a score for the current model version are scored in batches into doc_scores. */
import type { Db } from '../../data/db.ts';
import { MODEL_VERSION, scoreBatch } from './score.ts';

export interface ScoreJobOptions {
  /** Only these document ids (e.g. the ones an ingest just stored); default: every unscored document. */
  ids?: readonly string[];
  batchSize?: number;
  modelVersion?: string;
  onProgress?: (done: number, total: number) => void;
  onError?: (docId: string, error: unknown) => void;
}

interface PendingDoc {
  id: string;
  title: string | null;
  text: string;
  published_at: Date | null;
  locality_uid: string | null;
}

const PENDING_SQL = `
  SELECT d.id, d.title, d.text, d.published_at, d.locality_uid
  FROM documents d
  WHERE NOT EXISTS (SELECT 1 FROM doc_scores s WHERE s.doc_id = d.id AND s.model_version = $version)
    AND ($all OR list_contains($ids, d.id))
  ORDER BY d.id`;

/**
 * Score pending documents; each batch is written in one transaction, so a crash leaves whole batches only and a
 * re-run picks up where it stopped. Returns the number of documents scored.
 * `await scoreDocuments(db, { ids: report.newIds }, () => new Date())`
 */
export async function scoreDocuments(db: Db, options: ScoreJobOptions, now: () => Date): Promise<number> {
  const version = options.modelVersion ?? MODEL_VERSION;
  const batchSize = options.batchSize ?? 2000;
  const pending = await db.all<PendingDoc>(PENDING_SQL, {
    version,
    all: options.ids === undefined,
    ids: [...(options.ids ?? [])],
  });
  let done = 0;
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    const scores = scoreBatch(batch, (i, error) => options.onError?.(batch[i]!.id, error));
    const scoredAt = now();
    const rows = batch.map((doc, i) => {
      const score = scores[i]!;
      const topicScores = Object.fromEntries(
        score.topics.map((t) => [t.topic_id, Number(t.confidence.toFixed(4))]),
      );
      return [
        doc.id,
        version,
        score.sentiment.label,
        Number(score.sentiment.score.toFixed(4)),
        score.topics.map((t) => t.topic_id),
        JSON.stringify(topicScores),
        [...new Set(score.places.map((p) => p.uid))],
        doc.locality_uid ?? score.locality,
        scoredAt,
      ];
    });
    await db.transaction(async () => {
      await db.run(`DELETE FROM doc_scores WHERE model_version = $version AND list_contains($ids, doc_id)`, {
        version,
        ids: batch.map((d) => d.id),
      });
      await db.append('doc_scores', rows);
    });
    done += batch.length;
    options.onProgress?.(done, pending.length);
  }
  return done;
}

/** Drop every score of `modelVersion` so the next scoring run recomputes them (after a model change). */
export async function clearScores(db: Db, modelVersion = MODEL_VERSION): Promise<void> {
  await db.run('DELETE FROM doc_scores WHERE model_version = $version', { version: modelVersion });
}
