/** Worker-thread side of score-workers.ts: scores the batches it is sent and posts the scores back. */
import { parentPort } from 'node:worker_threads';
import { scoreBatch, type DocumentScore, type ScoreInput } from './score.ts';

export interface ScoreRequest {
  id: number;
  docs: ScoreInput[];
}

export interface ScoreReply {
  id: number;
  scores: DocumentScore[];
  /** Index in the batch and message of each document that could not be scored (it got `emptyScore()`). */
  errors: [number, string][];
}

parentPort?.on('message', (request: ScoreRequest) => {
  const errors: [number, string][] = [];
  const scores = scoreBatch(request.docs, (i, error) =>
    errors.push([i, error instanceof Error ? error.message : String(error)]),
  );
  parentPort!.postMessage({ id: request.id, scores, errors } satisfies ScoreReply);
});
