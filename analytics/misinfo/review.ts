// The review queue of claim candidates: listing by risk with evidence, status changes by a reviewer, history.
import type { Db } from '../../data/db.ts';
import { appendAudit } from '../../data/audit.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import type { Verdict } from './read-statements.ts';

const sql = readSqlFile(new URL('./review.sql', import.meta.url));

export const REVIEW_STATUSES = [
  'chưa xác định',
  'đang xác minh',
  'sai sự thật',
  'đúng sự thật',
  'không áp dụng',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Allowed moves: open → verifying → a verdict; a verdict or a dismissal can be reopened for verification. */
const TRANSITIONS: Record<ReviewStatus, readonly ReviewStatus[]> = {
  'chưa xác định': ['đang xác minh', 'không áp dụng'],
  'đang xác minh': ['sai sự thật', 'đúng sự thật', 'không áp dụng', 'chưa xác định'],
  'sai sự thật': ['đang xác minh'],
  'đúng sự thật': ['đang xác minh'],
  'không áp dụng': ['chưa xác định', 'đang xác minh'],
};

/** One queue entry with its evidence. */
export interface ClaimCandidate {
  id: string;
  doc_id: string;
  statement_id: string | null;
  sentence: string;
  sentence_start: number | null;
  sentence_end: number | null;
  claim_score: number;
  similarity: number | null;
  tier: 'auto' | 'suggest' | 'new';
  contradiction: boolean;
  cues: string[];
  risk: number;
  risk_signals: Record<string, unknown> | null;
  status: ReviewStatus;
  reviewer: string | null;
  notes: string | null;
  response: string | null;
  reviewed_at: Date | null;
  locality_uid: string | null;
  topics: string[];
  classification: number;
  created_at: Date;
  updated_at: Date;
  statement_claim: string | null;
  statement_verdict: Verdict | null;
  statement_official_text: string | null;
  statement_link: string | null;
  statement_issuing_body: string | null;
  doc_title: string | null;
  doc_url: string | null;
  doc_outlet: string | null;
  doc_published_at: Date | null;
}

export interface ListCandidatesOptions {
  status?: ReviewStatus;
  statementId?: string;
  docId?: string;
  minRisk?: number;
  /** Highest classification to include (the caller's clearance); default 3. */
  maxClassification?: number;
  limit?: number;
  offset?: number;
}

function isStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}

type Row = Omit<ClaimCandidate, 'risk_signals'> & { risk_signals: string | null };

function toCandidate(row: Row): ClaimCandidate {
  return {
    ...row,
    risk_signals: row.risk_signals ? (JSON.parse(row.risk_signals) as Record<string, unknown>) : null,
  };
}

async function select(db: Db, options: ListCandidatesOptions & { id?: string }): Promise<ClaimCandidate[]> {
  if (options.status !== undefined && !isStatus(options.status)) {
    throw new DlxhError(
      'INPUT',
      `invalid status ${JSON.stringify(options.status)} (${REVIEW_STATUSES.join(', ')})`,
    );
  }
  const rows = await db.all<Row>(sql('list'), {
    status: options.status ?? null,
    statement_id: options.statementId ?? null,
    doc_id: options.docId ?? null,
    id: options.id ?? null,
    min_risk: options.minRisk ?? 0,
    max_classification: options.maxClassification ?? 3,
    limit: options.limit ?? 100,
    offset: options.offset ?? 0,
  });
  return rows.map(toCandidate);
}

/**
 * The review queue, riskiest first, with the matched statement and the document as evidence.
 * `await listCandidates(db, { status: 'chưa xác định', limit: 20 })`.
 */
export async function listCandidates(db: Db, options: ListCandidatesOptions = {}): Promise<ClaimCandidate[]> {
  return select(db, options);
}

/** One candidate by id, or undefined. */
export async function getCandidate(db: Db, id: string): Promise<ClaimCandidate | undefined> {
  return (await select(db, { id, limit: 1 }))[0];
}

export interface ReviewInput {
  status: ReviewStatus;
  reviewer: string;
  /** The official response to publish; required for `sai sự thật` unless the matched statement has official text. */
  response?: string | null;
  notes?: string | null;
}

/**
 * Moves a candidate to a new status, by a named reviewer, with the event recorded and audited. Allowed moves:
 * chưa xác định → đang xác minh | không áp dụng; đang xác minh → sai sự thật | đúng sự thật | không áp dụng |
 * chưa xác định; a verdict or dismissal can be reopened. A confirmed false claim records the response to publish.
 * `await reviewCandidate(db, 'cc-…', { status: 'đang xác minh', reviewer: 'phantich' }, { now })`.
 */
export async function reviewCandidate(
  db: Db,
  id: string,
  input: ReviewInput,
  ctx: { now: () => Date },
): Promise<ClaimCandidate> {
  if (!isStatus(input.status)) {
    throw new DlxhError(
      'INPUT',
      `claim ${id}: invalid status ${JSON.stringify(input.status)} (${REVIEW_STATUSES.join(', ')})`,
    );
  }
  const reviewer = typeof input.reviewer === 'string' ? input.reviewer.trim() : '';
  if (reviewer === '') throw new DlxhError('INPUT', `claim ${id}: a reviewer is required`);
  const now = ctx.now();
  const updated = await db.transaction(async () => {
    const current = await getCandidate(db, id);
    if (!current) throw new DlxhError('NOT_FOUND', `claim ${id}: no such candidate`);
    if (!TRANSITIONS[current.status].includes(input.status)) {
      throw new DlxhError('INPUT', `claim ${id}: cannot go from "${current.status}" to "${input.status}"`);
    }
    const given = input.response?.trim() || null;
    const response =
      input.status === 'sai sự thật'
        ? (given ?? current.statement_official_text ?? null)
        : (given ?? current.response);
    if (input.status === 'sai sự thật' && !response) {
      throw new DlxhError('INPUT', `claim ${id}: a false claim needs the official response to publish`);
    }
    const notes = input.notes?.trim() || current.notes;
    await db.run(sql('review'), { id, status: input.status, reviewer, notes, response, now });
    await db.run(sql('event'), {
      id,
      now,
      actor: reviewer,
      from_status: current.status,
      to_status: input.status,
      note: input.notes?.trim() || null,
    });
    return (await getCandidate(db, id))!;
  });
  await appendAudit(
    db,
    { actor: reviewer, action: 'claim.review', object: id, details: { status: updated.status } },
    now,
  );
  return updated;
}

export interface CandidateEvent {
  id: number;
  claim_candidate_id: string;
  occurred_at: Date;
  actor: string;
  from_status: ReviewStatus | null;
  to_status: ReviewStatus;
  note: string | null;
}

/** The status history of one candidate, oldest first. */
export async function candidateEvents(db: Db, id: string): Promise<CandidateEvent[]> {
  return db.all<CandidateEvent>(sql('events'), { id });
}

/** Documents carrying the candidate's claim per hour, for the spread chart. */
export async function candidateSpread(
  db: Db,
  id: string,
): Promise<{ hour: Date; documents: number; outlets: number }[]> {
  return db.all(sql('spread_series'), { id });
}

/**
 * Analysts' verdicts as labelled examples for the unreliable-post classifier: `sai sự thật` → `unreliable`,
 * `đúng sự thật` → `reliable`. `train(await reviewTrainingExamples(db))`.
 */
export async function reviewTrainingExamples(db: Db): Promise<{ id: string; text: string; label: string }[]> {
  const rows = await db.all<{ id: string; text: string; status: ReviewStatus }>(sql('training'));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    label: r.status === 'sai sự thật' ? 'unreliable' : 'reliable',
  }));
}
