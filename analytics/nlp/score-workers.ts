/**
 * Scores documents across cores with worker threads: the same scores, in the same order, as `scoreBatch`; the same
 * threads run the claim scan of the misinformation queue (analytics/misinfo/claim-candidates.ts).
 * The scoring job (score-documents.ts) uses a pool for runs of `PARALLEL_MIN_DOCS` documents or more; smaller
 * runs are scored in the calling thread, where starting workers would cost more than it saves.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentRow, DocumentScan, StatementRow } from '../misinfo/claim-candidates.ts';
import type { Thresholds } from '../misinfo/thresholds.ts';
import { scoreBatch, type DocumentScore, type ScoreInput } from './score.ts';
import type { ClaimsReply, ScoreReply, WorkerRequest } from './score-worker.ts';

type WorkerRequestBody = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/** Below this many documents a run is scored in the calling thread. */
export const PARALLEL_MIN_DOCS = 2000;
const CHUNK = 250;
/** Documents per claim-scan request: matching costs more per document than scoring. */
const CLAIM_CHUNK = 100;
const ENTRY = new URL('./score-worker-entry.js', import.meta.url);

export interface ScorePool {
  readonly size: number;
  /** Scores `docs` across the pool; `onError` as in `scoreBatch`. */
  score(
    docs: readonly ScoreInput[],
    onError?: (index: number, error: Error) => void,
  ): Promise<DocumentScore[]>;
  /** The claim scan of `docs` (analytics/misinfo/claim-candidates.ts) across the pool, in order. */
  scanClaims(
    docs: readonly DocumentRow[],
    statements: readonly StatementRow[],
    options?: { thresholds?: Thresholds },
  ): Promise<DocumentScan[]>;
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
 * A pool of `size` scoring threads; close it when done. With `unrefIdle`, a thread with no work does not keep the
 * process alive (for a pool kept between jobs). A thread that dies is replaced; the requests it held fail.
 * `const pool = createScorePool(3); const scores = await pool.score(docs); await pool.close()`
 */
export function createScorePool(
  size = defaultWorkerCount(),
  options: { unrefIdle?: boolean } = {},
): ScorePool {
  if (!Number.isInteger(size) || size < 1) throw new Error(`invalid worker count: ${size}`);
  const start = () => {
    const worker = new Worker(ENTRY);
    if (options.unrefIdle) worker.unref();
    return worker;
  };
  const workers = new Set(Array.from({ length: size }, start));
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
    if (next) return next(w);
    if (options.unrefIdle) w.unref();
    idle.push(w);
  };
  const run = async <R>(request: WorkerRequestBody): Promise<R> => {
    let worker = await acquire();
    worker.ref();
    try {
      return await new Promise<R>((resolve, reject) => {
        const id = nextId++;
        const done = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
        };
        const onMessage = (reply: { id: number; failure?: string }) => {
          if (reply.id !== id) return;
          done();
          if (reply.failure !== undefined) reject(new Error(reply.failure));
          else resolve(reply as R);
        };
        const onError = (error: Error) => {
          done();
          workers.delete(worker);
          if (!closed) {
            worker = start();
            workers.add(worker);
          }
          reject(error);
        };
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.postMessage({ ...request, id } as WorkerRequest);
      });
    } finally {
      release(worker);
    }
  };
  /** `docs` in chunks of `chunk`, each to the next free thread; the answers in order. */
  const spread = <T, R>(docs: readonly T[], chunk: number, request: (part: T[]) => Promise<R>) => {
    if (closed) throw new Error('score pool is closed');
    const parts: Promise<R>[] = [];
    for (let from = 0; from < docs.length; from += chunk) parts.push(request(docs.slice(from, from + chunk)));
    return Promise.all(parts);
  };

  return {
    size,
    async score(docs, onError) {
      const replies = await spread(docs, CHUNK, (part) => run<ScoreReply>({ kind: 'score', docs: part }));
      const out: DocumentScore[] = [];
      replies.forEach((reply, c) => {
        for (const [i, message] of reply.errors) onError?.(c * CHUNK + i, new Error(message));
        out.push(...reply.scores);
      });
      return out;
    },
    async scanClaims(docs, statements, scanOptions = {}) {
      const registry = [...statements];
      const statementsKey = createHash('sha256').update(JSON.stringify(registry)).digest('hex');
      const replies = await spread(docs, CLAIM_CHUNK, (part) =>
        run<ClaimsReply>({
          kind: 'claims',
          docs: part,
          statements: registry,
          statementsKey,
          thresholds: scanOptions.thresholds,
        }),
      );
      return replies.flatMap((reply) => reply.scans);
    },
    async close() {
      closed = true;
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

const shared = new Map<number, ScorePool>();

/**
 * The process's pool of `size` threads for work that comes in batches, such as scoring and the claim scan after each
 * batch of an ingest in the server: started on first use, its threads stopped after `idleMs` without work (and
 * started again on the next), never keeping the process alive while idle. Do not close it; `close()` only stops
 * the threads early. `await sharedScorePool(1).score(docs)`
 */
export function sharedScorePool(size: number, idleMs = 60_000): ScorePool {
  const existing = shared.get(size);
  if (existing) return existing;
  let inner: ScorePool | null = null;
  let busy = 0;
  let timer: NodeJS.Timeout | undefined;
  const use = async <R>(work: (pool: ScorePool) => Promise<R>): Promise<R> => {
    clearTimeout(timer);
    busy++;
    const pool = (inner ??= createScorePool(size, { unrefIdle: true }));
    try {
      return await work(pool);
    } finally {
      if (--busy === 0) {
        timer = setTimeout(() => {
          if (busy === 0 && inner === pool) {
            inner = null;
            void pool.close();
          }
        }, idleMs);
        timer.unref();
      }
    }
  };
  const pool: ScorePool = {
    size,
    score: (docs, onError) => use((p) => p.score(docs, onError)),
    scanClaims: (docs, statements, options) => use((p) => p.scanClaims(docs, statements, options)),
    async close() {
      clearTimeout(timer);
      const current = inner;
      inner = null;
      await current?.close();
    },
  };
  shared.set(size, pool);
  return pool;
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
