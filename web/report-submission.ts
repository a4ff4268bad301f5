/** Reports sent by a contributor through the API or the form: the file import's path, with the submitter's rules. */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import {
  checkWatchAnswers,
  saveWatchAnswers,
  watchQuestionsFor,
} from '../analytics/hotspots/watch-topics.ts';
import { unitsInArea } from '../data/access.ts';
import { DlxhError, errorMessage, inputError } from '../data/errors.ts';
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
  // Answers to the watch topics put to this collaborator travel beside each report and are checked first: an item
  // with a bad answer fails on its own, named with its position, and the others go on.
  const asked = await watchQuestionsFor(ctx.db, ctx.reads, user.unit_uid);
  const answers: (Map<string, string> | string)[] = items.map((item, i) => {
    try {
      return isRecord(item)
        ? checkWatchAnswers(`${input}: item ${i + 1}`, item.watch_answers, asked)
        : new Map();
    } catch (error) {
      return errorMessage(error);
    }
  });
  const accepted = items.flatMap((_, i) => (typeof answers[i] === 'string' ? [] : [i]));
  const report = await ingestReportRecords(
    input,
    accepted.map((i) => {
      const item = items[i];
      return withOwnId(user.id, isRecord(item) ? withoutKey(item, 'watch_answers') : item);
    }),
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
  // Back to one outcome per item sent, in order, with the items refused for their answers in place.
  const outcomes = [...report.outcomes];
  report.outcomes = items.map((_, i) => {
    const problem = answers[i];
    if (typeof problem === 'string')
      return { position: `item ${i + 1}`, id: null, status: 'failed' as const };
    const outcome = outcomes.shift()!;
    return { ...outcome, position: `item ${i + 1}` };
  });
  const refused = answers.filter((a): a is string => typeof a === 'string');
  report.in = items.length;
  report.failed += refused.length;
  const itemOf = (error: string) => Number(/: item (\d+)/.exec(error)?.[1] ?? 0);
  report.errors = [...refused, ...report.errors.map((e) => renumber(e, input, accepted))].sort(
    (a, b) => itemOf(a) - itemOf(b),
  );
  let answered = 0;
  for (const [i, outcome] of report.outcomes.entries()) {
    const given = answers[i];
    if (outcome.status !== 'failed' && outcome.id && given instanceof Map && given.size > 0)
      answered += await saveWatchAnswers(ctx.db, outcome.id, given, ctx.now());
  }
  await ctx.audit(req, 'report.submit', report.newIds.length === 1 ? `report:${report.newIds[0]}` : null, {
    new: report.newIds,
    duplicate: report.outcomes.filter((o) => o.status === 'duplicate').map((o) => o.id),
    failed: report.failed,
    watch_answers: answered,
    job_run_id: report.job_run_id,
  });
  return report;
}

/** An ingest error names its item among those sent on (`item 2`); name it among those the client sent. */
function renumber(error: string, input: string, accepted: readonly number[]): string {
  const prefix = `${input}: item `;
  if (!error.startsWith(prefix)) return error;
  const match = /^(\d+)(.*)$/s.exec(error.slice(prefix.length));
  const original = match ? accepted[Number(match[1]) - 1] : undefined;
  return original === undefined ? error : `${prefix}${original + 1}${match![2]}`;
}

function isRecord(item: unknown): item is Record<string, unknown> {
  return !!item && typeof item === 'object' && !Array.isArray(item);
}

function withoutKey(item: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => k !== key));
}
