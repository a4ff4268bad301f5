/**
 * Cases: each alert becomes one, handled by the body it was routed to. received → verifying → resolved (with a
 * written report) → closed, or dismissed with a reason; deadlines by severity, overdue tracking, merging of
 * duplicates, and every transition recorded in `case_events` with who and when.
 */
import type { Db } from '../../data/db.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import type { Alert, Severity } from '../hotspots/types.ts';
import type { Route } from './routing.ts';

export type CaseStatus = 'received' | 'verifying' | 'resolved' | 'closed' | 'dismissed' | 'merged';
export type CaseAction = 'verify' | 'resolve' | 'close' | 'dismiss' | 'reopen' | 'assign' | 'escalate';

/** Hours to resolve a case, by the alert's severity. */
export const DEADLINE_HOURS: Readonly<Record<Severity, number>> = {
  khẩn: 24,
  cao: 72,
  'trung bình': 168,
  thấp: 360,
};

export interface Case {
  id: string;
  alertId: string;
  status: CaseStatus;
  assignee: string;
  recipients: string[];
  escalated: boolean;
  severity: Severity;
  deadline: Date;
  overdue: boolean;
  resolutionReport: string | null;
  dismissReason: string | null;
  mergedInto: string | null;
  classification: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseEvent {
  id: number;
  caseId: string;
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

interface CaseRow {
  id: string;
  alert_id: string;
  status: string;
  assignee: string;
  recipients: string[];
  escalated: boolean;
  severity: string;
  deadline: Date;
  resolution_report: string | null;
  dismiss_reason: string | null;
  merged_into: string | null;
  classification: number;
  created_at: Date;
  updated_at: Date;
}

const OPEN: readonly string[] = ['received', 'verifying'];

/** Whether a case in `status` with `deadline` is overdue at `now`: still received or being verified, and late. */
export function isOverdue(status: string, deadline: Date, now: Date): boolean {
  return OPEN.includes(status) && deadline.getTime() < now.getTime();
}

function fromRow(row: CaseRow, now: Date): Case {
  const status = row.status as CaseStatus;
  return {
    id: row.id,
    alertId: row.alert_id,
    status,
    assignee: row.assignee,
    recipients: row.recipients,
    escalated: row.escalated,
    severity: row.severity as Severity,
    deadline: row.deadline,
    overdue: isOverdue(status, row.deadline, now),
    resolutionReport: row.resolution_report,
    dismissReason: row.dismiss_reason,
    mergedInto: row.merged_into,
    classification: row.classification,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The case id of an alert: `caseIdOf('hs-1a2b…')` → 'case-1a2b…'. */
export function caseIdOf(alertId: string): string {
  return `case-${alertId.replace(/^hs-/, '')}`;
}

async function recordEvent(
  db: Db,
  caseId: string,
  event: {
    at: Date;
    actor: string;
    action: string;
    from: string | null;
    to: string | null;
    note?: string | null;
  },
): Promise<void> {
  await db.run(
    `INSERT INTO case_events (case_id, occurred_at, actor, action, from_status, to_status, note)
     VALUES ($case_id, $at, $actor, $action, $from, $to, $note)`,
    {
      case_id: caseId,
      at: event.at,
      actor: event.actor,
      action: event.action,
      from: event.from,
      to: event.to,
      note: event.note ?? null,
    },
  );
}

/**
 * Open the case of an alert routed by `route`, or bring an existing one up to date: a rise in severity shortens
 * nothing already promised but is recorded, and a newly escalated route adds its recipients. Idempotent.
 * Returns the case and whether it was new or newly escalated.
 */
export async function openCase(
  db: Db,
  alert: Alert,
  route: Route,
  now: Date,
): Promise<{ case: Case; created: boolean; escalated: boolean; severityRaised: boolean }> {
  const id = caseIdOf(alert.id);
  return db.transaction(async () => {
    const existing = await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id });
    if (!existing) {
      const deadline = new Date(now.getTime() + DEADLINE_HOURS[alert.severity] * 3_600_000);
      await db.run(
        `INSERT INTO cases (id, alert_id, status, assignee, recipients, escalated, severity, deadline,
           classification, created_at, updated_at)
         VALUES ($id, $alert_id, 'received', $assignee, $recipients, $escalated, $severity, $deadline,
           $classification, $now, $now)`,
        {
          id,
          alert_id: alert.id,
          assignee: route.assignee,
          recipients: route.recipients,
          escalated: route.escalated,
          severity: alert.severity,
          deadline,
          classification: alert.classification,
          now,
        },
      );
      await recordEvent(db, id, {
        at: now,
        actor: 'hệ thống',
        action: 'open',
        from: null,
        to: 'received',
        note: `giao ${route.recipients.join(', ')}`,
      });
      const row = (await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id }))!;
      return { case: fromRow(row, now), created: true, escalated: route.escalated, severityRaised: false };
    }
    const severityRaised = rank(alert.severity) > rank(existing.severity as Severity);
    const newlyEscalated = route.escalated && !existing.escalated;
    const recipients = [...new Set([...existing.recipients, ...route.recipients])];
    if (severityRaised || newlyEscalated || recipients.length !== existing.recipients.length) {
      await db.run(
        `UPDATE cases SET severity = $severity, escalated = $escalated, recipients = $recipients, updated_at = $now
         WHERE id = $id`,
        {
          id,
          severity: severityRaised ? alert.severity : existing.severity,
          escalated: existing.escalated || route.escalated,
          recipients,
          now,
        },
      );
      if (severityRaised) {
        await recordEvent(db, id, {
          at: now,
          actor: 'hệ thống',
          action: 'severity',
          from: existing.status,
          to: existing.status,
          note: `mức độ ${existing.severity} → ${alert.severity}`,
        });
      }
      if (newlyEscalated) {
        await recordEvent(db, id, {
          at: now,
          actor: 'hệ thống',
          action: 'escalate',
          from: existing.status,
          to: existing.status,
          note: `chuyển cấp trên: ${route.recipients.join(', ')}`,
        });
      }
    }
    const row = (await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id }))!;
    return { case: fromRow(row, now), created: false, escalated: newlyEscalated, severityRaised };
  });
}

function rank(s: Severity): number {
  return ['thấp', 'trung bình', 'cao', 'khẩn'].indexOf(s);
}

/** The least length of the written report that resolves a case. */
export const MIN_REPORT_CHARS = 20;

export interface TransitionInput {
  actor: string;
  note?: string;
  /** The written resolution report; required to resolve. */
  report?: string;
  /** Why the case is dismissed; required to dismiss. */
  reason?: string;
  /** New assignee, for `assign`. */
  assignee?: string;
  now: Date;
}

const TRANSITIONS: Record<
  Exclude<CaseAction, 'assign' | 'escalate'>,
  { from: CaseStatus[]; to: CaseStatus }
> = {
  verify: { from: ['received'], to: 'verifying' },
  resolve: { from: ['verifying'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  dismiss: { from: ['received', 'verifying'], to: 'dismissed' },
  reopen: { from: ['resolved', 'dismissed'], to: 'verifying' },
};

const ALERT_STATUS: Partial<Record<CaseStatus, string>> = {
  received: 'open',
  verifying: 'open',
  resolved: 'open',
  closed: 'closed',
  dismissed: 'dismissed',
};

/**
 * Move a case: `transitionCase(db, 'case-…', 'resolve', { actor: 'ubnd-krong-pac', report: '…', now })`.
 * Throws naming the case and the problem when the action is not allowed from its status or a required text is
 * missing; the case and its alert change together with the event row, in one transaction.
 */
export async function transitionCase(
  db: Db,
  caseId: string,
  action: CaseAction,
  input: TransitionInput,
): Promise<Case> {
  if (!input.actor || input.actor.trim() === '')
    throw inputError(`case ${caseId}`, null, 'actor is required');
  return db.transaction(async () => {
    const row = await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: caseId });
    if (!row) throw new DlxhError('NOT_FOUND', `case ${caseId}: not found`);
    const from = row.status as CaseStatus;
    if (action === 'assign' || action === 'escalate') {
      if (!OPEN.includes(from))
        throw inputError(`case ${caseId}`, null, `cannot ${action} a case that is ${from}`);
      if (action === 'assign') {
        const assignee = input.assignee?.trim();
        if (!assignee) throw inputError(`case ${caseId}`, null, 'assignee is required');
        await db.run(
          `UPDATE cases SET assignee = $assignee, recipients = list_distinct(list_append(recipients, $assignee)),
             updated_at = $now WHERE id = $id`,
          { id: caseId, assignee, now: input.now },
        );
      } else {
        await db.run('UPDATE cases SET escalated = true, updated_at = $now WHERE id = $id', {
          id: caseId,
          now: input.now,
        });
      }
      await recordEvent(db, caseId, {
        at: input.now,
        actor: input.actor,
        action,
        from,
        to: from,
        note:
          action === 'assign'
            ? `giao ${input.assignee!.trim()}${input.note ? `: ${input.note}` : ''}`
            : input.note,
      });
    } else {
      const rule = TRANSITIONS[action];
      if (!rule) throw inputError(`case ${caseId}`, null, `unknown action "${String(action)}"`);
      if (!rule.from.includes(from)) {
        throw inputError(`case ${caseId}`, null, `cannot ${action} a case that is ${from}`);
      }
      const report = input.report?.trim() ?? '';
      const reason = input.reason?.trim() ?? '';
      if (action === 'resolve' && report.length < MIN_REPORT_CHARS) {
        throw inputError(
          `case ${caseId}`,
          null,
          `a written resolution report (at least ${MIN_REPORT_CHARS} characters) is required`,
        );
      }
      if (action === 'dismiss' && reason === '')
        throw inputError(`case ${caseId}`, null, 'a reason is required to dismiss');
      await db.run(
        `UPDATE cases SET status = $to, updated_at = $now,
           resolution_report = CASE WHEN $action = 'resolve' THEN $report ELSE resolution_report END,
           dismiss_reason = CASE WHEN $action = 'dismiss' THEN $reason ELSE dismiss_reason END
         WHERE id = $id`,
        { id: caseId, to: rule.to, now: input.now, action, report, reason },
      );
      await db.run('UPDATE alerts SET status = $status, updated_at = $now WHERE id = $id', {
        id: row.alert_id,
        status: ALERT_STATUS[rule.to] ?? 'open',
        now: input.now,
      });
      await recordEvent(db, caseId, {
        at: input.now,
        actor: input.actor,
        action,
        from,
        to: rule.to,
        note: action === 'resolve' ? report : action === 'dismiss' ? reason : (input.note ?? null),
      });
    }
    return fromRow((await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: caseId }))!, input.now);
  });
}

/** Merge a duplicate case into another: the duplicate becomes 'merged' and points to the kept case. */
export async function mergeCases(
  db: Db,
  keepId: string,
  duplicateId: string,
  input: { actor: string; note?: string; now: Date },
): Promise<Case> {
  if (keepId === duplicateId)
    throw inputError(`case ${duplicateId}`, null, 'cannot merge a case into itself');
  return db.transaction(async () => {
    const keep = await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: keepId });
    const duplicate = await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: duplicateId });
    if (!keep) throw new DlxhError('NOT_FOUND', `case ${keepId}: not found`);
    if (!duplicate) throw new DlxhError('NOT_FOUND', `case ${duplicateId}: not found`);
    if (duplicate.status === 'merged')
      throw inputError(`case ${duplicateId}`, null, `already merged into ${duplicate.merged_into}`);
    if (keep.status === 'merged')
      throw inputError(`case ${keepId}`, null, `is itself merged into ${keep.merged_into}`);
    await db.run(
      `UPDATE cases SET status = 'merged', merged_into = $keep, updated_at = $now WHERE id = $id`,
      { id: duplicateId, keep: keepId, now: input.now },
    );
    await db.run(
      `UPDATE cases SET recipients = list_distinct(list_concat(recipients, $recipients)),
         escalated = escalated OR $escalated, classification = greatest(classification, $classification),
         updated_at = $now
       WHERE id = $id`,
      {
        id: keepId,
        recipients: duplicate.recipients,
        escalated: duplicate.escalated,
        classification: duplicate.classification,
        now: input.now,
      },
    );
    await recordEvent(db, duplicateId, {
      at: input.now,
      actor: input.actor,
      action: 'merge',
      from: duplicate.status,
      to: 'merged',
      note: `gộp vào ${keepId}${input.note ? `: ${input.note}` : ''}`,
    });
    await recordEvent(db, keepId, {
      at: input.now,
      actor: input.actor,
      action: 'merge',
      from: keep.status,
      to: keep.status,
      note: `nhận gộp ${duplicateId}`,
    });
    return fromRow((await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: keepId }))!, input.now);
  });
}

export interface CaseFilter {
  status?: CaseStatus[];
  assignee?: string;
  /** Only cases past their deadline and still open. */
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

/** Cases, newest first, with the overdue flag computed at `now`. */
export async function listCases(db: Db, filter: CaseFilter, now: Date): Promise<Case[]> {
  const rows = await db.all<CaseRow>(
    `SELECT * FROM cases
     WHERE ($statuses IS NULL OR list_contains($statuses, status))
       AND ($assignee IS NULL OR assignee = $assignee OR list_contains(recipients, $assignee))
       AND (NOT $overdue OR (status IN ('received', 'verifying') AND deadline < $now))
     ORDER BY created_at DESC, id
     LIMIT $limit OFFSET $offset`,
    {
      statuses: filter.status ?? null,
      assignee: filter.assignee ?? null,
      overdue: filter.overdue ?? false,
      now,
      limit: filter.limit ?? 100,
      offset: filter.offset ?? 0,
    },
  );
  return rows.map((r) => fromRow(r, now));
}

/** One case with its history, or undefined. */
export async function getCase(
  db: Db,
  caseId: string,
  now: Date,
): Promise<(Case & { events: CaseEvent[] }) | undefined> {
  const row = await db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: caseId });
  if (!row) return undefined;
  const events = await db.all<{
    id: number;
    case_id: string;
    occurred_at: Date;
    actor: string;
    action: string;
    from_status: string | null;
    to_status: string | null;
    note: string | null;
  }>('SELECT * FROM case_events WHERE case_id = $id ORDER BY id', { id: caseId });
  return {
    ...fromRow(row, now),
    events: events.map((e) => ({
      id: e.id,
      caseId: e.case_id,
      at: e.occurred_at,
      actor: e.actor,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
  };
}

/**
 * Mark open cases past their deadline as overdue (one 'overdue' event each, once) and escalate them.
 * Returns the cases newly found overdue; the caller notifies (see `processOverdueCases`).
 */
export async function flagOverdueCases(db: Db, now: Date): Promise<Case[]> {
  return db.transaction(async () => {
    const rows = await db.all<CaseRow>(
      `SELECT * FROM cases c
       WHERE status IN ('received', 'verifying') AND deadline < $now
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'overdue')
       ORDER BY deadline, id`,
      { now },
    );
    for (const row of rows) {
      await db.run('UPDATE cases SET escalated = true, updated_at = $now WHERE id = $id', {
        id: row.id,
        now,
      });
      await recordEvent(db, row.id, {
        at: now,
        actor: 'hệ thống',
        action: 'overdue',
        from: row.status,
        to: row.status,
        note: `quá hạn xử lý (hạn ${row.deadline.toISOString()})`,
      });
    }
    return rows.map((r) => fromRow({ ...r, escalated: true }, now));
  });
}
