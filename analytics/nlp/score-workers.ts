/**
 * Scores documents across cores with worker threads: the same scores, in the same order, as `scoreBatch`.
 * The scoring job (score-documents.ts) uses a pool for runs of `PARALLEL_MIN_DOCS` documents or more; smaller
 * runs are scored in the calling thread, where starting workers would cost more than it saves.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { scoreBatch, type DocumentScore, type ScoreInput } from './score.ts';
import type { ScoreReply, ScoreRequest } from './score-worker.ts';

/** Below this many documents a run is scored in the calling thread. */
export const PARALLEL_MIN_DOCS = 2000;
const CHUNK = 250;
const ENTRY = new URL('./score-worker-entry.js', import.meta.url);

export interface ScorePool {
  readonly size: number;
  /** Scores `docs` across the pool; `onError` as in `scoreBatch`. */
  score(
    docs: readonly ScoreInput[],
    onError?: (index: number, error: Error) => void,
  ): Promise<DocumentScore[]>;
  close(): Promise<void>;
}

function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Worker threads to use by default: one per core (the calling thread only waits), at most 8. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, cores()));
}

/**
 * Worker threads for the scoring job: one core stays with the server and the database, at most 4 go to scoring
 * (0 on a single core: score in the calling thread).
 */
export function defaultScoreWorkers(): number {
  return Math.max(0, Math.min(4, cores() - 1));
}

/**
 * A pool of `size` scoring threads; close it when done.
 * `const pool = createScorePool(3); const scores = await pool.score(docs); await pool.close()`
 */
export function createScorePool(size = defaultWorkerCount()): ScorePool {
  if (!Number.isInteger(size) || size < 1) throw new Error(`invalid worker count: ${size}`);
  const workers = Array.from({ length: size }, () => new Worker(ENTRY));
  const idle = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  let nextId = 0;
  let closed = false;

  const acquire = () =>
    new Promise<Worker>((resolve) => {
      const w = idle.pop();
      if (w) resolve(w);
      else waiting.push(resolve);
    });
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const run = async (docs: ScoreInput[]): Promise<ScoreReply> => {
    const worker = await acquire();
    try {
      return await new Promise<ScoreReply>((resolve, reject) => {
        const id = nextId++;
        const onMessage = (reply: ScoreReply) => {
          if (reply.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', onError);
          resolve(reply);
        };
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.postMessage({ id, docs } satisfies ScoreRequest);
      });
    } finally {
      release(worker);
    }
  };

  return {
    size,
    async score(docs, onError) {
      if (closed) throw new Error('score pool is closed');
      const chunks: Promise<ScoreReply>[] = [];
      for (let start = 0; start < docs.length; start += CHUNK)
        chunks.push(run(docs.slice(start, start + CHUNK)));
      const replies = await Promise.all(chunks);
      const out: DocumentScore[] = [];
      replies.forEach((reply, c) => {
        for (const [i, message] of reply.errors) onError?.(c * CHUNK + i, new Error(message));
        out.push(...reply.scores);
      });
      return out;
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Scores `docs` like `scoreBatch`, on worker threads when the batch has at least `PARALLEL_MIN_DOCS` documents
 * and more than one core is available; a pool passed in is reused (and left open).
 * `const scores = await scoreBatchParallel(batch, { onError })`
 */
export async function scoreBatchParallel(
  docs: readonly ScoreInput[],
  options: { pool?: ScorePool; workers?: number; onError?: (index: number, error: unknown) => void } = {},
): Promise<DocumentScore[]> {
  const workers = options.pool?.size ?? options.workers ?? defaultWorkerCount();
  if (docs.length < PARALLEL_MIN_DOCS || workers < 2) return scoreBatch(docs, options.onError);
  const pool = options.pool ?? createScorePool(workers);
  try {
    return await pool.score(docs, options.onError);
  } finally {
    if (!options.pool) await pool.close();
  }
}
