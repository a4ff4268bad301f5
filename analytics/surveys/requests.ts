/**
 * Written requests for a survey or opinion study (đề nghị khảo sát) and the year's plan they make up.
 *
 * A unit or agency files a request: what it wants to learn and why, whom to ask, where, on which topics, and when
 * the results are needed. The board's staff then take it into the year's plan, start the fieldwork, and link the
 * survey that answers it once its data is in; or decline it with a reason. The requester may withdraw it before
 * fieldwork. Every step is kept in `survey_request_events` (who, when, from and to, note).
 *
 *   received ─plan→ planned ─start→ in_field ─report→ reported
 *      │               │ └────────────report─────────↗
 *      └─decline / withdraw─┘→ declined / withdrawn
 */
import type { Db } from '../../data/db.ts';
import { DlxhError, inputError, textField } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { localDay } from '../../data/time.ts';

const sql = readSqlFile(new URL('./requests.sql', import.meta.url));

export const REQUEST_STATUSES = [
  'received',
  'planned',
  'in_field',
  'reported',
  'declined',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_STATUS_VI: Record<RequestStatus, string> = {
  received: 'Đã nhận',
  planned: 'Trong kế hoạch',
  in_field: 'Đang khảo sát',
  reported: 'Đã có kết quả',
  declined: 'Không thực hiện',
  withdrawn: 'Đơn vị đã rút',
};

export const REQUEST_ACTIONS = ['plan', 'start', 'report', 'decline', 'withdraw'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const REQUEST_ACTION_VI: Record<RequestAction, string> = {
  plan: 'Đưa vào kế hoạch',
  start: 'Bắt đầu khảo sát',
  report: 'Gắn kết quả khảo sát',
  decline: 'Không thực hiện',
  withdraw: 'Rút đề nghị',
};

/** Where each action may start from, and where it leads. */
const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  plan: { from: ['received'], to: 'planned' },
  start: { from: ['planned'], to: 'in_field' },
  report: { from: ['planned', 'in_field'], to: 'reported' },
  decline: { from: ['received', 'planned'], to: 'declined' },
  withdraw: { from: ['received', 'planned'], to: 'withdrawn' },
};

/** Statuses in which a request still waits on the board. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'planned', 'in_field'];

/** A decline must say why. */
const MIN_DECLINE_NOTE = 10;

export interface SurveyRequest {
  id: string;
  requester_uid: string;
  requester_name: string;
  requested_by: string;
  title: string;
  purpose: string;
  population: string | null;
  locality_uid: string | null;
  locality_name: string | null;
  topics: string[];
  questions: string | null;
  /** `yyyy-mm-dd`, local. */
  wanted_by: string | null;
  plan_year: number;
  status: RequestStatus;
  status_note: string | null;
  survey: string | null;
  classification: number;
  created_at: Date;
  updated_at: Date;
  /** Still open after its wanted-by day. */
  overdue: boolean;
}

export interface RequestEvent {
  at: Date;
  actor: string;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  note: string | null;
}

/** What a unit or agency files, as a form or JSON body gives it (strings; `topics` a list). */
export interface RequestInput {
  requester_uid?: unknown;
  title?: unknown;
  purpose?: unknown;
  population?: unknown;
  locality_uid?: unknown;
  topics?: unknown;
  questions?: unknown;
  wanted_by?: unknown;
  plan_year?: unknown;
  classification?: unknown;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LIMITS = { title: 200, purpose: 4000, population: 500, questions: 8000 } as const;

function text(input: string, field: keyof typeof LIMITS, value: unknown, required: boolean): string | null {
  const s = textField(input, field, value);
  if (!s) {
    if (required) throw inputError(input, field, 'required');
    return null;
  }
  if (s.length > LIMITS[field]) throw inputError(input, field, `longer than ${LIMITS[field]} characters`);
  return s;
}

function wholeNumber(input: string, field: string, value: unknown, min: number, max: number): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n) || n < min || n > max)
    throw inputError(input, field, `invalid ${field} "${String(value)}" (${min}–${max})`);
  return n;
}

function dayField(input: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const s = String(value).trim();
  const valid =
    DAY.test(s) &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
  if (!valid) throw inputError(input, 'wanted_by', `invalid date "${s}" (yyyy-mm-dd)`);
  return s;
}

/**
 * File a request in the name of `requester_uid` (a unit or agency). Throws naming the field for a missing title or
 * purpose, an unknown unit, topic or date. `input` names the source in messages (`POST /api/survey-requests`).
 * `await fileRequest(db, 'form', { requester_uid: 'so-y-te', title: '…', purpose: '…' }, { actor: 'u1', now })`
 */
export async function fileRequest(
  db: Db,
  input: string,
  body: RequestInput,
  who: { actor: string; now: Date },
): Promise<SurveyRequest> {
  const requester = textField(input, 'requester_uid', body.requester_uid);
  if (!requester) throw inputError(input, 'requester_uid', 'required (the unit or agency that asks)');
  const title = text(input, 'title', body.title, true)!;
  const purpose = text(input, 'purpose', body.purpose, true)!;
  const population = text(input, 'population', body.population, false);
  const questions = text(input, 'questions', body.questions, false);
  const locality = textField(input, 'locality_uid', body.locality_uid);
  const rawTopics = Array.isArray(body.topics)
    ? body.topics
    : body.topics == null || body.topics === ''
      ? []
      : [body.topics];
  const topics = [...new Set(rawTopics.map((t) => String(t).trim()).filter(Boolean))];
  const wantedBy = dayField(input, body.wanted_by);
  const planYear =
    wholeNumber(input, 'plan_year', body.plan_year, 2000, 2100) ??
    Number((wantedBy ?? localDay(who.now)).slice(0, 4));
  const classification = wholeNumber(input, 'classification', body.classification, 0, 3) ?? 0;

  return db.transaction(async () => {
    const known = (await db.one<{ requester: boolean; locality: boolean; unknown_topic: string | null }>(
      sql('check_references'),
      { requester, locality, topics },
    ))!;
    if (!known.requester) throw inputError(input, 'requester_uid', `unknown unit or agency "${requester}"`);
    if (locality && !known.locality) throw inputError(input, 'locality_uid', `unknown unit "${locality}"`);
    if (known.unknown_topic) throw inputError(input, 'topics', `unknown topic "${known.unknown_topic}"`);
    const seq = (await db.one<{ n: number }>(sql('next_number'), { prefix: `YC-${planYear}-` }))!.n;
    const id = `YC-${planYear}-${String(seq).padStart(3, '0')}`;
    await db.run(sql('insert_request'), {
      id,
      requester,
      requested_by: who.actor,
      title,
      purpose,
      population,
      locality,
      topics,
      questions,
      wanted_by: wantedBy,
      plan_year: planYear,
      classification,
      now: who.now,
    });
    await db.run(sql('insert_event'), {
      id,
      at: who.now,
      actor: who.actor,
      from_status: null,
      to_status: 'received',
      note: null,
    });
    return (await readRequest(db, id, who.now))!;
  });
}

/** One request with its names, or null. */
export async function readRequest(db: Db, id: string, now: Date): Promise<SurveyRequest | null> {
  return (await listRequests(db, { id, now }))[0] ?? null;
}

/**
 * The year's plan (or every year's, without `year`), newest plan year first, then by wanted-by day: the requests
 * the connection may read (pass a scoped connection for a user).
 */
export async function listRequests(
  db: Db,
  options: { year?: number | null; id?: string; now: Date },
): Promise<SurveyRequest[]> {
  return db.all<SurveyRequest>(sql('list_requests'), {
    year: options.year ?? null,
    id: options.id ?? null,
    today: localDay(options.now),
  });
}

export async function requestEvents(db: Db, id: string): Promise<RequestEvent[]> {
  return db.all<RequestEvent>(sql('events'), { id });
}

/** Counts by status for one plan year: `{ received: 2, planned: 1, … }`, every status present. */
export function countByStatus(requests: readonly SurveyRequest[]): Record<RequestStatus, number> {
  const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const r of requests) counts[r.status]++;
  return counts;
}

/**
 * Move a request: `transitionRequest(db, 'YC-2026-001', 'report', { actor: 'phantich', survey: 'ks-gpmb-2026', now })`.
 * `report` needs the name of a survey already imported; `decline` a reason of at least 10 characters. An action
 * the request's status does not allow is refused naming both.
 */
export async function transitionRequest(
  db: Db,
  id: string,
  action: string,
  who: { actor: string; now: Date; note?: string | null; survey?: string | null },
): Promise<SurveyRequest> {
  const where = `survey request ${id}`;
  if (!(REQUEST_ACTIONS as readonly string[]).includes(action))
    throw inputError(where, null, `unknown action "${action}" (${REQUEST_ACTIONS.join(', ')})`);
  const step = TRANSITIONS[action as RequestAction];
  const note = who.note?.trim() || null;
  if (action === 'decline' && (note?.length ?? 0) < MIN_DECLINE_NOTE)
    throw inputError(
      where,
      'note',
      `a reason of at least ${MIN_DECLINE_NOTE} characters is required to decline`,
    );
  const survey = who.survey?.trim() || null;
  if (action === 'report' && !survey)
    throw inputError(where, 'survey', 'the survey that answers it is required');
  return db.transaction(async () => {
    const current = await db.one<{ status: RequestStatus }>(sql('status'), { id });
    if (!current) throw new DlxhError('NOT_FOUND', `${where}: not found`);
    if (!step.from.includes(current.status))
      throw new DlxhError('CONFLICT', `${where}: cannot ${action} a request that is ${current.status}`);
    if (survey && !(await db.one(sql('survey_exists'), { survey })))
      throw inputError(where, 'survey', `unknown survey "${survey}" (import it first: dlxh ingest survey)`);
    await db.run(sql('update_status'), {
      id,
      status: step.to,
      note,
      survey: action === 'report' ? survey : null,
      now: who.now,
    });
    await db.run(sql('insert_event'), {
      id,
      at: who.now,
      actor: who.actor,
      from_status: current.status,
      to_status: step.to,
      note,
    });
    return (await readRequest(db, id, who.now))!;
  });
}

/** The actions a request's status allows now. */
export function allowedActions(status: RequestStatus): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}
