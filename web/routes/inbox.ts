/**
 * Hộp thư / inbox: the alerts and cases routed to the user's unit, with the case actions (verify, resolve with a
 * report, close), and the briefings delivered to the unit that the user may open.
 */
import { Router, type Request } from 'express';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { applyCaseAction, CASE_ACTIONS, type CaseAction } from '../case-actions.ts';
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

interface InboxRow extends CaseRow {
  label: string | null;
  unit_name: string | null;
}

const ACTION_LABELS: Record<CaseAction, [string, string]> = {
  verify: ['Tiếp nhận, xác minh', 'Acknowledge and verify'],
  resolve: ['Gửi báo cáo giải quyết', 'Submit resolution report'],
  close: ['Đóng vụ việc', 'Close case'],
};

/** The forms for the actions a case's status allows; the resolution needs a written report. */
export function caseActionsForm(lang: Lang, row: CaseRow, csrf: string, back: string): SafeHtml {
  const label = (a: CaseAction) => ACTION_LABELS[a][lang === 'en' ? 1 : 0];
  const form = (action: CaseAction, extra: SafeHtml | string = '') =>
    html`<form method="post" action="/cases/${encodeURIComponent(row.id)}/${action}" class="case-action">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="back" value="${back}" />
      ${extra}
      <button type="submit" name="action" value="${action}">${label(action)}</button>
    </form>`;
  if (row.status === 'received')
    return form('verify', html`<input name="note" placeholder="${t(lang, 'inbox.note')}" />`);
  if (row.status === 'verifying') {
    return form(
      'resolve',
      html`<textarea
        name="report"
        required
        minlength="10"
        rows="4"
        placeholder="${t(lang, 'inbox.report')}"
      ></textarea>`,
    );
  }
  if (row.status === 'resolved')
    return form('close', html`<input name="note" placeholder="${t(lang, 'inbox.note')}" />`);
  return html``;
}

function renderCases(lang: Lang, rows: InboxRow[], csrf: string, now: Date, canAct: boolean): SafeHtml {
  if (rows.length === 0) return emptyState(t(lang, 'common.none'));
  return html`<ul class="inbox">
    ${rows.map(
      (r) =>
        html`<li class="${r.deadline < now && !['resolved', 'closed'].includes(r.status) ? 'overdue' : ''}">
          <div>
            <span class="sev sev-${r.severity.replaceAll(' ', '-')}">${r.severity}</span>
            <a href="/hotspots/${encodeURIComponent(r.alert_id)}">${r.label ?? r.alert_id}</a>
            ${r.classification > 0 ? classificationBadge(lang, r.classification) : ''}
          </div>
          <div class="muted">
            ${r.unit_name ?? ''} · ${r.assignee} · ${statusLabel(lang, r.status)} ·
            ${t(lang, 'inbox.deadline')}: ${formatDate(r.deadline, true)}
            ${r.deadline < now && !['resolved', 'closed'].includes(r.status) ? html`<strong class="warn">${t(lang, 'inbox.overdue')}</strong>` : ''}
          </div>
          ${canAct ? caseActionsForm(lang, r, csrf, '/inbox') : ''}
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
        overdue: r.deadline < ctx.now() && !['resolved', 'closed'].includes(r.status),
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
    const visible = await inScope(ctx, req, async (scoped) =>
      (await tableExists(scoped.db, 'cases'))
        ? scoped.db.one<CaseRow>('SELECT * FROM cases WHERE id = $id', { id })
        : undefined,
    );
    if (!visible) throw new DlxhError('NOT_FOUND', `case ${id}: not found`);
    const updated = await applyCaseAction(ctx.db, {
      caseId: id,
      action: action as CaseAction,
      actor: currentUser(req).username,
      note: param(body, 'note') ?? null,
      report: param(body, 'report') ?? null,
      now: ctx.now(),
    });
    await ctx.audit(req, `case.${action}`, `case:${id}`, { from: visible.status, to: updated.status });
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
