// The review queue of claim candidates: listing by risk with evidence, status changes by a reviewer, history.
import type { Db, SqlValue } from '../../data/db.ts';
import { appendAudit } from '../../data/audit.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import type { Verdict } from './read-statements.ts';

const sql = readSqlFile(new URL('./review.sql', import.meta.url));
/** A statement that reads from `picked`, the candidates a filter picks. */
const fromPicked = (name: string) => `WITH picked AS (${sql('picked')}) ${sql(name)}`;

export const REVIEW_STATUSES = [
  'chưa xác định',
  'đang xác minh',
  'sai sự thật',
  'đúng sự thật',
  'không áp dụng',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** Statuses still waiting for a verdict: the work left in the queue. */
export const OPEN_STATUSES: readonly ReviewStatus[] = ['chưa xác định', 'đang xác minh'];
/** The most candidates one bulk review may change. */
export const BULK_REVIEW_LIMIT = 2000;

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

/** Which candidates a queue shows; every field left out matches all. */
export interface CandidateFilter {
  status?: ReviewStatus;
  /** A statement id, or `null` for the candidates matching no statement. */
  statementId?: string | null;
  docId?: string;
  /** A topic id the candidate carries. */
  topic?: string;
  /** Locality uids (a unit and its area): candidates located in one of them. */
  units?: readonly string[];
  minRisk?: number;
  /** Highest classification to include (the caller's clearance); default 3. */
  maxClassification?: number;
}

export interface ListCandidatesOptions extends CandidateFilter {
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

function filterParams(filter: CandidateFilter & { id?: string }): Record<string, SqlValue> {
  if (filter.status !== undefined && !isStatus(filter.status)) {
    throw new DlxhError(
      'INPUT',
      `invalid status ${JSON.stringify(filter.status)} (${REVIEW_STATUSES.join(', ')})`,
    );
  }
  return {
    status: filter.status ?? null,
    statement_id: filter.statementId ?? null,
    no_statement: filter.statementId === null,
    doc_id: filter.docId ?? null,
    id: filter.id ?? null,
    topic: filter.topic ?? null,
    by_unit: filter.units !== undefined,
    units: [...(filter.units ?? [])],
    min_risk: filter.minRisk ?? 0,
    max_classification: filter.maxClassification ?? 3,
  };
}

async function select(db: Db, options: ListCandidatesOptions & { id?: string }): Promise<ClaimCandidate[]> {
  const rows = await db.all<Row>(fromPicked('list'), {
    ...filterParams(options),
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

function checkInput(input: ReviewInput, what: string): string {
  if (!isStatus(input.status)) {
    throw new DlxhError(
      'INPUT',
      `${what}: invalid status ${JSON.stringify(input.status)} (${REVIEW_STATUSES.join(', ')})`,
    );
  }
  const reviewer = typeof input.reviewer === 'string' ? input.reviewer.trim() : '';
  if (reviewer === '') throw new DlxhError('INPUT', `${what}: a reviewer is required`);
  return reviewer;
}

/** Moves one candidate (inside the caller's transaction) and records the event; returns nothing to keep bulk runs lean. */
async function applyReview(
  db: Db,
  id: string,
  input: ReviewInput,
  reviewer: string,
  now: Date,
): Promise<void> {
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
  const reviewer = checkInput(input, `claim ${id}`);
  const now = ctx.now();
  const updated = await db.transaction(async () => {
    await applyReview(db, id, input, reviewer, now);
    return (await getCandidate(db, id))!;
  });
  await appendAudit(
    db,
    { actor: reviewer, action: 'claim.review', object: id, details: { status: updated.status } },
    now,
  );
  return updated;
}

/** The statuses a bulk review may move every one of `present` to (each allowed from all of them). */
export function bulkTargets(present: readonly ReviewStatus[]): ReviewStatus[] {
  return REVIEW_STATUSES.filter(
    (to) => present.length > 0 && present.every((from) => TRANSITIONS[from].includes(to)),
  );
}

/**
 * Moves every candidate of `ids` to one status in one transaction, each as `reviewCandidate` would (same
 * checks, same fields, one event each; set-based, a few statements for the lot), or none of them: a move not allowed from one of their statuses refuses the lot,
 * naming the statuses. Marking them `sai sự thật` needs the response to publish (one text for all of them).
 * The caller writes one audit entry for the lot inside the same transaction (the web route adds the filter).
 * `await reviewCandidates(db, ['cc-1', 'cc-2'], { status: 'đang xác minh', reviewer: 'phantich' }, { now })` → 2
 */
export async function reviewCandidates(
  db: Db,
  ids: readonly string[],
  input: ReviewInput,
  ctx: { now: () => Date },
): Promise<number> {
  const reviewer = checkInput(input, 'bulk review');
  if (ids.length > BULK_REVIEW_LIMIT) {
    throw inputError(
      'bulk review',
      null,
      `${ids.length} candidates is more than ${BULK_REVIEW_LIMIT} at once; narrow the filter`,
    );
  }
  if (input.status === 'sai sự thật' && !input.response?.trim()) {
    throw inputError(
      'response',
      null,
      `required to mark candidates "sai sự thật" (the official response to publish)`,
    );
  }
  const now = ctx.now();
  return db.transaction(async () => {
    const present = await db.all<{ status: ReviewStatus; n: number }>(sql('count_ids_by_status'), {
      ids: [...ids],
    });
    const refused = present.filter((p) => !TRANSITIONS[p.status].includes(input.status));
    if (refused.length) {
      throw inputError(
        'status',
        null,
        `cannot move ${refused.map((p) => `${p.n} "${p.status}"`).join(', ')} candidate(s) to "${input.status}"; filter by status first`,
      );
    }
    const found = present.reduce((sum, p) => sum + p.n, 0);
    if (found !== new Set(ids).size) {
      throw new DlxhError(
        'NOT_FOUND',
        `bulk review: ${new Set(ids).size - found} of the candidates no longer exist`,
      );
    }
    // Set-based, with the same effect as applyReview per candidate: the response is given (required above for a
    // false claim, so the statement's official text is never needed), a response or notes left out keep theirs.
    const note = input.notes?.trim() || null;
    const list = [...ids];
    await db.run(sql('event_bulk'), { ids: list, now, actor: reviewer, to_status: input.status, note });
    await db.run(sql('review_bulk'), {
      ids: list,
      status: input.status,
      reviewer,
      notes: note,
      response: input.response?.trim() || null,
      now,
    });
    return found;
  });
}

/** How many candidates a filter picks, per status. */
export async function countCandidates(db: Db, filter: CandidateFilter): Promise<Map<ReviewStatus, number>> {
  const rows = await db.all<{ status: ReviewStatus; n: number }>(
    fromPicked('count_by_status'),
    filterParams(filter),
  );
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** The ids a filter picks, riskiest first, at most `limit`. */
export async function candidateIds(db: Db, filter: CandidateFilter, limit: number): Promise<string[]> {
  return (await db.all<{ id: string }>(fromPicked('ids'), { ...filterParams(filter), limit })).map(
    (r) => r.id,
  );
}

/** Picked candidates per matched statement (`statement_id` null: matching none). */
export interface StatementGroup {
  statement_id: string | null;
  claim: string | null;
  verdict: Verdict | null;
  issuing_body: string | null;
  /** Candidates still waiting for a verdict (OPEN_STATUSES). */
  open: number;
  total: number;
  /** Highest risk among the open ones; null when none is open. */
  max_open_risk: number | null;
  /** The latest date of a candidate's document (published, else ingested). */
  latest_at: Date | null;
}

/** The queue grouped by the official statement the candidates match, most open first. */
export async function statementGroups(db: Db, filter: CandidateFilter = {}): Promise<StatementGroup[]> {
  return db.all<StatementGroup>(fromPicked('groups'), { ...filterParams(filter), open: [...OPEN_STATUSES] });
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
