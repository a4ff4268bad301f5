/**
 * Worker-thread side of score-workers.ts: scores the batches it is sent, or runs the claim scan on them, and posts
 * the results back.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../data/errors.ts';
import {
  claimIndexOf,
  scanCandidates,
  type DocumentRow,
  type DocumentScan,
  type StatementRow,
} from '../misinfo/claim-candidates.ts';
import type { ClaimIndex } from '../misinfo/claim-index.ts';
import type { Thresholds } from '../misinfo/thresholds.ts';
import { scoreBatch, type DocumentScore, type ScoreInput } from './score.ts';

export type WorkerRequest =
  | { id: number; kind: 'score'; docs: ScoreInput[] }
  | {
      id: number;
      kind: 'claims';
      docs: DocumentRow[];
      /** The registry, sent with every request; its index is built once per distinct `statementsKey`. */
      statements: StatementRow[];
      statementsKey: string;
      thresholds?: Thresholds;
    };

export interface ScoreReply {
  id: number;
  scores: DocumentScore[];
  /** Index in the batch and message of each document that could not be scored (it got `emptyScore()`). */
  errors: [number, string][];
}

export interface ClaimsReply {
  id: number;
  scans: DocumentScan[];
}

let claimIndex: { key: string; index: ClaimIndex } | null = null;

function answer(request: WorkerRequest): ScoreReply | ClaimsReply {
  if (request.kind === 'claims') {
    if (claimIndex?.key !== request.statementsKey)
      claimIndex = { key: request.statementsKey, index: claimIndexOf(request.statements) };
    const options = { thresholds: request.thresholds };
    return {
      id: request.id,
      scans: scanCandidates(request.docs, request.statements, options, claimIndex.index),
    };
  }
  const errors: [number, string][] = [];
  const scores = scoreBatch(request.docs, (i, error) =>
    errors.push([i, error instanceof Error ? error.message : String(error)]),
  );
  return { id: request.id, scores, errors };
}

/** A request that failed as a whole (not one document of it): the pool rejects its promise with this message. */
export interface FailedReply {
  id: number;
  failure: string;
}

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: ScoreReply | ClaimsReply | FailedReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { id: request.id, failure: errorMessage(error) };
  }
  parentPort!.postMessage(reply);
});
