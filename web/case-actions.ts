/**
 * The case actions the dashboard offers, carried out by analytics/alerts/cases.ts (the one state machine, which also
 * keeps the alert's status in step): received → verifying → resolved (with a written report) → closed, dismissed
 * with a reason, reopened, or merged into another case.
 */
import { mergeCases, transitionCase } from '../analytics/alerts/cases.ts';
import type { Db } from '../data/db.ts';
import { inputError } from '../data/errors.ts';

export const CASE_ACTIONS = ['verify', 'resolve', 'close', 'dismiss', 'reopen', 'merge'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The actions each status allows, in the order the forms are shown. */
export const ACTIONS_BY_STATUS: Readonly<Record<string, readonly CaseAction[]>> = {
  received: ['verify', 'dismiss', 'merge'],
  verifying: ['resolve', 'dismiss', 'merge'],
  resolved: ['close', 'reopen'],
  dismissed: ['reopen'],
};

export interface CaseActionRequest {
  caseId: string;
  action: CaseAction;
  actor: string;
  note: string | null;
  /** The written resolution report, for `resolve`. */
  report: string | null;
  /** Why the case is dismissed, for `dismiss`. */
  reason: string | null;
  /** The case this one duplicates, for `merge`. */
  into: string | null;
  now: Date;
}

/** Carry out one action; a step its status does not allow, or a missing report, reason or target, is refused. */
export async function applyCaseAction(
  db: Db,
  request: CaseActionRequest,
): Promise<{ id: string; status: string }> {
  const { caseId, action, actor, now } = request;
  const note = request.note ?? undefined;
  if (action === 'merge') {
    if (!request.into) throw inputError(`case ${caseId}`, null, 'the case to merge into is required');
    await mergeCases(db, request.into, caseId, { actor, note, now });
    return { id: caseId, status: 'merged' };
  }
  const moved = await transitionCase(db, caseId, action, {
    actor,
    note,
    report: request.report ?? undefined,
    reason: request.reason ?? undefined,
    now,
  });
  return { id: moved.id, status: moved.status };
}
