/** Reports sent by a contributor through the API or the form: the file import's path, with the submitter's rules. */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { unitsInArea } from '../data/access.ts';
import { DlxhError, inputError } from '../data/errors.ts';
import type { User } from '../data/users.ts';
import {
  ingestReportRecords,
  type CheckedReport,
  type ReportRunReport,
} from '../pipeline/report/ingest-reports.ts';
import { reportField } from '../pipeline/report/report-fields.ts';
import { currentUser } from './auth/middleware.ts';
import type { WebContext } from './context.ts';

/** At most this many reports in one request (the body is also limited to 200 kB by app.ts). */
export const MAX_REPORTS_PER_REQUEST = 100;

/**
 * A client's own id (a uuid it made, so that sending again stores nothing new), kept apart from other users' ids:
 * `ownReportId('u1', '5f0c…')` → `'W-1a2b3c4d5e6f7a8b'`.
 */
export function ownReportId(userId: string, clientId: string): string {
  return `W-${createHash('sha256').update(`${userId}\u0000${clientId}`).digest('hex').slice(0, 16)}`;
}

function withOwnId(userId: string, item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
  return Object.fromEntries(
    Object.entries(item as Record<string, unknown>).map(([key, value]) =>
      reportField(key) === 'id' && value !== null && value !== undefined && String(value).trim() !== ''
        ? [key, ownReportId(userId, String(value).trim())]
        : [key, value],
    ),
  );
}

/** The submitter's rules: a unit within their own area, a classification they may read themselves. */
function submitterCheck(user: User, area: ReadonlySet<string>) {
  return (report: CheckedReport): string | null => {
    if (report.classification > user.clearance)
      return `classification ${report.classification} is above the submitter's clearance (${user.clearance})`;
    if (report.unitUid === null) {
      return report.unitText === '' || report.unitText === user.unit_uid
        ? null
        : `unknown unit "${report.unitText}"`;
    }
    return area.has(report.unitUid) ? null : `unit "${report.unitText}" is outside the submitter's area`;
  };
}

/**
 * Store the reports of one request as the signed-in user: the same validation, pseudonyms, scrubbing, idempotency,
 * scoring and job record as `dlxh ingest report`; the unit defaults to the user's, the reporter to the user
 * (pseudonymised), `submitted_by` is the user's id. Written to the audit log.
 * `await submitReports(ctx, req, [{ period: '03/2026', summary: '…' }], 'POST /api/reports')`
 */
export async function submitReports(
  ctx: WebContext,
  req: Request,
  items: readonly unknown[],
  input: string,
): Promise<ReportRunReport> {
  if (!ctx.pseudonymSecret)
    throw new DlxhError(
      'NOT_FOUND',
      'report submission is not configured on this server (no pseudonym secret)',
    );
  if (items.length === 0) throw inputError(input, null, 'no report given');
  if (items.length > MAX_REPORTS_PER_REQUEST)
    throw inputError(input, null, `${items.length} reports; at most ${MAX_REPORTS_PER_REQUEST} per request`);
  const user = currentUser(req);
  const area = new Set(
    user.unit_uid ? [user.unit_uid, ...(await unitsInArea(ctx.reads, user.unit_uid))] : [],
  );
  // Answers to watch topics travel in each item (`watch_answers`); the import checks them against the questions
  // put to the report's unit, and an item with a bad answer fails on its own, named with its position.
  const report = await ingestReportRecords(
    input,
    items.map((item) => withOwnId(user.id, item)),
    {
      source: 'web',
      submittedBy: user.id,
      defaults: {
        unit: user.unit_uid ?? undefined,
        reporter: user.username,
        submitted_at: ctx.now().toISOString(),
      },
      check: submitterCheck(user, area),
    },
    { db: ctx.db, logger: ctx.logger, now: ctx.now, secret: ctx.pseudonymSecret },
  );
  await ctx.audit(req, 'report.submit', report.newIds.length === 1 ? `report:${report.newIds[0]}` : null, {
    new: report.newIds,
    duplicate: report.outcomes.filter((o) => o.status === 'duplicate').map((o) => o.id),
    failed: report.failed,
    watch_answers: report.watchAnswers,
    job_run_id: report.job_run_id,
  });
  return report;
}
