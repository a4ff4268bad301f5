/**
 * Hộp thư / inbox: the alerts and cases routed to the user's unit, with the case actions (verify, resolve with a
 * report, close, dismiss with a reason, reopen, merge into a duplicate), and the briefings delivered to the unit
 * that the user may open.
 */
import { Router, type Request } from 'express';
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { isOverdue, MIN_REPORT_CHARS } from '../../analytics/alerts/cases.ts';
import { DEFAULT_DETECTOR_CONFIG } from '../../analytics/hotspots/detector-config.ts';
import { ACTIONS_BY_STATUS, applyCaseAction, CASE_ACTIONS, type CaseAction } from '../case-actions.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { deliveriesForUser, deliveryJson, renderDeliveries } from '../briefing-deliveries.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, html, type SafeHtml } from '../html.ts';
import { formatDate, statusLabel, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { inScope, langOf, param, sendPage, tableExists } from '../route-helpers.ts';
import { safeNext } from './auth.ts';

const sql = readSqlFile(new URL('./inbox.sql', import.meta.url));
/** Deliveries shown on the inbox page; the Báo cáo page lists them all. */
const RECENT_BRIEFINGS = 10;

export interface CaseRow {
  id: string;
  alert_id: string;
  status: string;
  assignee: string;
  recipients: string[];
  escalated: boolean;
  severity: string;
  deadline: Date;
  resolution_report: string | null;
  classification: number;
  created_at: Date;
  updated_at: Date;
}

export interface InboxRow extends CaseRow {
  label: string | null;
  unit_name: string | null;
}

/** A case another can be merged into: its id and how it is named in the list. */
export interface MergeTarget {
  id: string;
  label: string;
}

/**
 * The forms for the actions a case's status allows: a note to verify, close or reopen; the written report to
 * resolve; the reason to dismiss (which raises the detector's bar for the same topic and place); the case it
 * duplicates to merge, chosen among `mergeTargets`.
 */
export function caseActionsForm(
  lang: Lang,
  row: CaseRow,
  csrf: string,
  back: string,
  mergeTargets: readonly MergeTarget[] = [],
): SafeHtml {
  const targets = mergeTargets.filter((m) => m.id !== row.id);
  const form = (action: CaseAction, fields: SafeHtml, secondary: boolean) =>
    html`<form method="post" action="/cases/${encodeURIComponent(row.id)}/${action}" class="case-action">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="back" value="${back}" />
      ${fields}
      <button type="submit" name="action" value="${action}" class="${secondary ? 'secondary' : ''}">
        ${t(lang, `case.action.${action}`)}
      </button>
    </form>`;
  const note = html`<input name="note" placeholder="${t(lang, 'inbox.note')}" />`;
  const fields: Record<CaseAction, () => SafeHtml | null> = {
    verify: () => note,
    close: () => note,
    reopen: () => note,
    resolve: () =>
      html`<textarea
        name="report"
        required
        minlength="${MIN_REPORT_CHARS}"
        rows="4"
        placeholder="${t(lang, 'inbox.report')}"
      ></textarea>`,
    dismiss: () =>
      html`<input name="reason" required placeholder="${t(lang, 'case.reason')}" />
        <small class="muted"
          >${t(lang, 'case.dismissHint', { days: DEFAULT_DETECTOR_CONFIG.dismissalMemoryDays })}</small
        >`,
    merge: () =>
      targets.length === 0
        ? null
        : html`<select name="into" required>
            ${targets.map((m) => html`<option value="${m.id}">${m.label}</option>`)}
          </select>`,
  };
  // The status's next step in full; the others (dismiss, merge) behind a summary, so a list of cases stays readable.
  const [main, ...others] = (ACTIONS_BY_STATUS[row.status] ?? []).flatMap((action) => {
    const shown = fields[action]();
    return shown === null ? [] : [{ action, shown }];
  });
  if (!main) return html``;
  return html`${form(main.action, main.shown, false)}
  ${
    others.length
      ? html`<details class="case-more">
          <summary>${t(lang, 'case.moreActions')}</summary>
          ${others.map((o) => form(o.action, o.shown, true))}
        </details>`
      : ''
  }`;
}

/** The open cases `db` shows (a user's scoped view) as merge targets. */
export async function openCaseTargets(db: Db): Promise<MergeTarget[]> {
  return mergeTargetsOf(await db.all<InboxRow>(sql('inbox'), { status: null }));
}

/** The open cases of `rows` as merge targets, named as the inbox lists them. */
export function mergeTargetsOf(rows: readonly InboxRow[]): MergeTarget[] {
  return rows
    .filter((r) => r.status === 'received' || r.status === 'verifying')
    .map((r) => ({ id: r.id, label: [r.label ?? r.alert_id, r.unit_name].filter(Boolean).join(' · ') }));
}

function renderCases(lang: Lang, rows: InboxRow[], csrf: string, now: Date, canAct: boolean): SafeHtml {
  if (rows.length === 0) return emptyState(t(lang, 'common.none'));
  const targets = mergeTargetsOf(rows);
  return html`<ul class="inbox">
    ${rows.map(
      (r) =>
        html`<li class="${isOverdue(r.status, r.deadline, now) ? 'overdue' : ''}">
          <div>
            <span class="sev sev-${r.severity.replaceAll(' ', '-')}">${r.severity}</span>
            <a href="/hotspots/${encodeURIComponent(r.alert_id)}">${r.label ?? r.alert_id}</a>
            ${r.classification > 0 ? classificationBadge(lang, r.classification) : ''}
          </div>
          <div class="muted">
            ${r.unit_name ?? ''} · ${r.assignee} · ${statusLabel(lang, r.status)} ·
            ${t(lang, 'inbox.deadline')}: ${formatDate(r.deadline, true)}
            ${isOverdue(r.status, r.deadline, now) ? html`<strong class="warn">${t(lang, 'inbox.overdue')}</strong>` : ''}
          </div>
          ${canAct ? caseActionsForm(lang, r, csrf, '/inbox', targets) : ''}
        </li>`,
    )}
  </ul>`;
}

export function inboxRoutes(ctx: WebContext): Router {
  const router = Router();
  const readers = requireRole('admin', 'analyst', 'leader', 'officer');
  const actors = requireRole('admin', 'analyst', 'officer');

  const readInbox = (req: Request) =>
    inScope(ctx, req, async (scoped) => {
      if (!(await tableExists(scoped.db, 'cases')) || !(await tableExists(scoped.db, 'alerts'))) return [];
      const status = param(req.query as Record<string, unknown>, 'status') ?? null;
      return scoped.db.all<InboxRow>(sql('inbox'), { status });
    });

  router.get('/api/inbox', readers, async (req, res) => {
    const [rows, delivered] = await Promise.all([readInbox(req), deliveriesForUser(ctx, req)]);
    res.json({
      briefings: delivered.map(deliveryJson),
      cases: rows.map((r) => ({
        ...r,
        deadline: toLocalIso(r.deadline),
        created_at: toLocalIso(r.created_at),
        updated_at: toLocalIso(r.updated_at),
        overdue: isOverdue(r.status, r.deadline, ctx.now()),
      })),
    });
  });

  router.get('/inbox', readers, async (req, res) => {
    const lang = langOf(req);
    const rows = await readInbox(req);
    const state = requestState(req);
    const delivered = await deliveriesForUser(ctx, req, { limit: RECENT_BRIEFINGS });
    const cases = renderCases(
      lang,
      rows,
      state.session?.csrf ?? '',
      ctx.now(),
      state.user?.role !== 'leader',
    );
    const en = lang === 'en';
    sendPage(
      req,
      res,
      t(lang, 'inbox.title'),
      html`<h1>${t(lang, 'inbox.title')}</h1>
        <h2 id="briefings">${t(lang, 'briefings.delivered')}</h2>
        ${renderDeliveries(lang, delivered)}
        <p><a href="/briefings">${en ? 'All briefings' : 'Tất cả báo cáo'}</a></p>
        <h2 id="cases">${en ? 'Alerts and cases' : 'Cảnh báo và vụ việc'}</h2>
        ${cases}`,
    );
  });

  const act = async (req: Request, id: string, action: string) => {
    if (!(CASE_ACTIONS as readonly string[]).includes(action))
      throw new DlxhError('INPUT', `action: unknown "${action}"`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const into = param(body, 'into') ?? null;
    const [visible, target] = await inScope(ctx, req, async (scoped) => {
      if (!(await tableExists(scoped.db, 'cases'))) return [undefined, undefined];
      const one = (caseId: string) =>
        scoped.db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id: caseId });
      return [await one(id), into === null ? undefined : await one(into)];
    });
    if (!visible) throw new DlxhError('NOT_FOUND', `case ${id}: not found`);
    if (into !== null && !target) throw new DlxhError('NOT_FOUND', `case ${into}: not found`);
    const updated = await applyCaseAction(ctx.db, {
      caseId: id,
      action: action as CaseAction,
      actor: currentUser(req).username,
      note: param(body, 'note') ?? null,
      report: param(body, 'report') ?? null,
      reason: param(body, 'reason') ?? null,
      into,
      now: ctx.now(),
    });
    await ctx.audit(req, `case.${action}`, `case:${id}`, {
      from: visible.status,
      to: updated.status,
      ...(into === null ? {} : { into }),
    });
    return updated;
  };

  router.post('/api/cases/:id/:action', actors, async (req, res) => {
    const updated = await act(req, String(req.params.id), String(req.params.action));
    res.json({ case: { id: updated.id, status: updated.status } });
  });

  router.post('/cases/:id/:action', actors, async (req, res) => {
    await act(req, String(req.params.id), String(req.params.action));
    res.redirect(303, safeNext(param(req.body as Record<string, unknown>, 'back') ?? '/inbox'));
  });

  return router;
}
