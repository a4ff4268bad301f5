/** The scoring job: documents without a score for the current model version are scored in batches into doc_scores. */
import { sqlString, type Db } from '../../data/db.ts';
import { nextTurn } from '../../data/next-turn.ts';
import { MODEL_VERSION, scoreBatch, type DocumentScore } from './score.ts';
import { PARALLEL_MIN_DOCS, createScorePool, defaultScoreWorkers, type ScorePool } from './score-workers.ts';
import { applyCorrections, hasCorrections } from './corrections.ts';

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

/** Every stored document without a score of `$version`, counted, then read a page of ids at a time. */
const PENDING_COUNT_SQL = `
  SELECT count(*) AS n FROM documents d
  WHERE NOT EXISTS (SELECT 1 FROM doc_scores s WHERE s.doc_id = d.id AND s.model_version = $version)`;

/** The ids of one page of pending documents after `$after` in id order: memory stays one batch, whatever the backlog. */
const PENDING_PAGE_SQL = `
  SELECT d.id FROM documents d
  WHERE NOT EXISTS (SELECT 1 FROM doc_scores s WHERE s.doc_id = d.id AND s.model_version = $version)
    AND d.id > $after
  ORDER BY d.id
  LIMIT $limit`;

/**
 * Of `$ids`, those stored without a score of `$version`, in id order. Both sides are cut to the given ids by a
 * hash semi-join on the unnested list before anything else: an import calls this after every batch, and a
 * `list_contains` per stored row, or an anti-join against every score, grows with the corpus (at 327k documents,
 * 0.2–1 s a batch against 45 ms).
 */
const PENDING_OF_IDS_SQL = `
  SELECT d.id FROM documents d
  WHERE d.id IN (SELECT unnest($ids::VARCHAR[]))
    AND d.id NOT IN (
      SELECT doc_id FROM doc_scores
      WHERE model_version = $version AND doc_id IN (SELECT unnest($ids::VARCHAR[])))
  ORDER BY d.id`;

/**
 * Ids per statement when fetching a page's documents: a constant list of at most DuckDB's `index_scan_max_count`
 * (2,048) keys is looked up in the primary key's index, where a join, or a longer list, reads every stored text.
 */
const FETCH_CHUNK = 1000;

/**
 * The documents of `ids` (pending ids just read) by primary key. Read by key, so that a page costs the same at 10
 * thousand stored documents as at 10 million; the ids are SQL literals because only a constant list reaches the
 * index. An id holding a NUL character cannot be written as a literal (the statement's text would end there), so
 * such ids, which imports accept, are matched by a join instead.
 */
async function fetchDocuments(db: Db, ids: readonly string[]): Promise<PendingDoc[]> {
  const columns = 'id, title, text, published_at, locality_uid';
  const plain: string[] = [];
  const odd: string[] = [];
  for (const id of ids) (id.includes('\u0000') ? odd : plain).push(id);
  const docs: PendingDoc[] = [];
  for (let from = 0; from < plain.length; from += FETCH_CHUNK) {
    const keys = plain
      .slice(from, from + FETCH_CHUNK)
      .map(sqlString)
      .join(', ');
    docs.push(
      ...(await db.all<PendingDoc>(`SELECT ${columns} FROM documents WHERE id IN (${keys}) ORDER BY id`)),
    );
  }
  if (odd.length > 0) {
    docs.push(
      ...(await db.all<PendingDoc>(
        `SELECT ${columns} FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[])) ORDER BY id`,
        { ids: odd },
      )),
    );
  }
  return docs;
}

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
  const ids = options.ids
    ? (await db.all<{ id: string }>(PENDING_OF_IDS_SQL, { version, ids: [...options.ids] })).map((r) => r.id)
    : null;
  const total = ids ? ids.length : (await db.one<{ n: number }>(PENDING_COUNT_SQL, { version }))!.n;
  const workers = options.workers ?? defaultScoreWorkers();
  let pool: ScorePool | null = options.pool ?? null;
  // Analysts' corrections win over the fresh scores (see corrections.ts); most databases have none.
  const corrected = await hasCorrections(db);
  let done = 0;
  let after = ''; // the last id read, when paging through every pending document
  let offset = 0; // how far through `ids`
  try {
    while (done < total && !options.signal?.aborted) {
      const page = ids
        ? ids.slice(offset, (offset += batchSize))
        : (await db.all<{ id: string }>(PENDING_PAGE_SQL, { version, after, limit: batchSize })).map(
            (r) => r.id,
          );
      if (page.length === 0) break;
      after = page.at(-1)!;
      const batch = await fetchDocuments(db, page);
      if (pool === null && workers > 0 && total >= PARALLEL_MIN_DOCS) pool = createScorePool(workers);
      const onError = (i: number, error: unknown) => options.onError?.(batch[i]!.id, error);
      const scores = pool ? await pool.score(batch, onError) : await scoreInTurns(batch, onError);
      const rows = scoreRows(batch, scores, version, now());
      await db.transaction(async () => {
        await db.run(
          `DELETE FROM doc_scores WHERE model_version = $version AND doc_id IN (SELECT unnest($ids::VARCHAR[]))`,
          {
            version,
            ids: batch.map((d) => d.id),
          },
        );
        await db.append('doc_scores', rows);
        if (corrected) await applyCorrections(db, page);
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
