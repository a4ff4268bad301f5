/** The case actions offered in the inbox: received → verifying → resolved (with a written report) → closed. */
import type { Db } from '../data/db.ts';
import { DlxhError, inputError } from '../data/errors.ts';

export const CASE_ACTIONS = ['verify', 'resolve', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const TRANSITIONS: Record<CaseAction, { from: string; to: string }> = {
  verify: { from: 'received', to: 'verifying' },
  resolve: { from: 'verifying', to: 'resolved' },
  close: { from: 'resolved', to: 'closed' },
};

export interface CaseActionRequest {
  caseId: string;
  action: CaseAction;
  actor: string;
  note: string | null;
  report: string | null;
  now: Date;
}

/** Move a case one step, recording the transition in case_events; a step its status does not allow is refused. */
export async function applyCaseAction(
  db: Db,
  request: CaseActionRequest,
): Promise<{ id: string; status: string }> {
  const { from, to } = TRANSITIONS[request.action];
  const where = `case ${request.caseId}`;
  if (request.action === 'resolve' && (request.report ?? '').trim().length < 10) {
    throw inputError(where, null, 'a resolution needs a written report (at least 10 characters)');
  }
  return db.transaction(async () => {
    const row = await db.one<{ status: string }>('SELECT status FROM cases WHERE id = $id', {
      id: request.caseId,
    });
    if (!row) throw new DlxhError('NOT_FOUND', `${where}: not found`);
    if (row.status !== from)
      throw inputError(where, null, `cannot ${request.action} a case that is ${row.status}`);
    await db.run(
      `UPDATE cases SET status = $to, updated_at = $now,
         resolution_report = CASE WHEN $report IS NULL THEN resolution_report ELSE $report END
       WHERE id = $id`,
      {
        id: request.caseId,
        to,
        now: request.now,
        report: request.action === 'resolve' ? request.report : null,
      },
    );
    await db.run(
      `INSERT INTO case_events (case_id, occurred_at, actor, action, from_status, to_status, note)
       VALUES ($id, $now, $actor, $action, $from, $to, $note)`,
      {
        id: request.caseId,
        now: request.now,
        actor: request.actor,
        action: request.action,
        from,
        to,
        note: request.action === 'resolve' ? request.report : request.note,
      },
    );
    return { id: request.caseId, status: to };
  });
}
