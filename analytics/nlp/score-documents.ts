/** The scoring job: documents without a score for the current model version are scored in batches into doc_scores. */
import type { Db } from '../../data/db.ts';
import { nextTurn } from '../../data/next-turn.ts';
import { MODEL_VERSION, scoreBatch, type DocumentScore } from './score.ts';
import { PARALLEL_MIN_DOCS, createScorePool, defaultScoreWorkers, type ScorePool } from './score-workers.ts';

export interface ScoreJobOptions {
  /** Only these document ids (e.g. the ones an ingest just stored); default: every unscored document. */
  ids?: readonly string[];
  batchSize?: number;
  modelVersion?: string;
  /**
   * Worker threads for a run of `PARALLEL_MIN_DOCS` documents or more (default `defaultScoreWorkers()`); 0 scores
   * in the calling thread.
   */
  workers?: number;
  /** Threads to score on whatever the run's size, left open (e.g. `sharedScorePool`); `workers` is then ignored. */
  pool?: ScorePool;
  /** When aborted, the job stops after the batch it is writing; a later run picks up the rest. */
  signal?: AbortSignal;
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

const PENDING_WHERE = `
  NOT EXISTS (SELECT 1 FROM doc_scores s WHERE s.doc_id = d.id AND s.model_version = $version)
    AND ($all OR list_contains($ids, d.id))`;

const PENDING_COUNT_SQL = `SELECT count(*) AS n FROM documents d WHERE ${PENDING_WHERE}`;

/** One page of pending documents after `$after` in id order: memory stays one batch, whatever the backlog. */
const PENDING_PAGE_SQL = `
  SELECT d.id, d.title, d.text, d.published_at, d.locality_uid
  FROM documents d
  WHERE ${PENDING_WHERE} AND d.id > $after
  ORDER BY d.id
  LIMIT $limit`;

function scoreRows(
  batch: readonly PendingDoc[],
  scores: readonly DocumentScore[],
  version: string,
  at: Date,
) {
  return batch.map((doc, i) => {
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
      at,
    ];
  });
}

/** Documents scored between two turns of the event loop when scoring runs in the calling thread. */
const IN_THREAD_CHUNK = 250;

/** `scoreBatch` in chunks, giving the event loop a turn between them (a server keeps answering). */
async function scoreInTurns(
  batch: readonly PendingDoc[],
  onError: (i: number, error: unknown) => void,
): Promise<DocumentScore[]> {
  const scores: DocumentScore[] = [];
  for (let from = 0; from < batch.length; from += IN_THREAD_CHUNK) {
    if (from > 0) await nextTurn();
    const part = batch.slice(from, from + IN_THREAD_CHUNK);
    scores.push(...scoreBatch(part, (i, error) => onError(from + i, error)));
  }
  return scores;
}

/**
 * Score pending documents; each batch is written in one transaction, so a crash leaves whole batches only and a
 * re-run picks up where it stopped. A large run is scored on worker threads. Returns the number of documents
 * scored. `await scoreDocuments(db, { ids: report.newIds }, () => new Date())`
 */
export async function scoreDocuments(db: Db, options: ScoreJobOptions, now: () => Date): Promise<number> {
  const version = options.modelVersion ?? MODEL_VERSION;
  const batchSize = options.batchSize ?? 2000;
  const where = { version, all: options.ids === undefined, ids: [...(options.ids ?? [])] };
  const total = (await db.one<{ n: number }>(PENDING_COUNT_SQL, where))!.n;
  const workers = options.workers ?? defaultScoreWorkers();
  let pool: ScorePool | null = options.pool ?? null;
  let done = 0;
  let after = '';
  try {
    while (done < total && !options.signal?.aborted) {
      const batch = await db.all<PendingDoc>(PENDING_PAGE_SQL, { ...where, after, limit: batchSize });
      if (batch.length === 0) break;
      after = batch.at(-1)!.id;
      if (pool === null && workers > 0 && total >= PARALLEL_MIN_DOCS) pool = createScorePool(workers);
      const onError = (i: number, error: unknown) => options.onError?.(batch[i]!.id, error);
      const scores = pool ? await pool.score(batch, onError) : await scoreInTurns(batch, onError);
      const rows = scoreRows(batch, scores, version, now());
      await db.transaction(async () => {
        await db.run(
          `DELETE FROM doc_scores WHERE model_version = $version AND list_contains($ids, doc_id)`,
          {
            version,
            ids: batch.map((d) => d.id),
          },
        );
        await db.append('doc_scores', rows);
      });
      done += batch.length;
      options.onProgress?.(done, total);
    }
  } finally {
    if (pool !== options.pool) await pool?.close();
  }
  return done;
}

/** Drop every score of `modelVersion` so the next scoring run recomputes them (after a model change). */
export async function clearScores(db: Db, modelVersion = MODEL_VERSION): Promise<void> {
  await db.run('DELETE FROM doc_scores WHERE model_version = $version', { version: modelVersion });
}
