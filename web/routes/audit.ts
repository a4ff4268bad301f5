/** Nhật ký / audit log: the newest entries with filters, and verification of the hash chain (admins). */
import { Router } from 'express';
import { listAudit, verifyAuditChain, type AuditRecord } from '../../data/audit.ts';
import { toLocalIso } from '../../data/time.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { href, html } from '../html.ts';
import { formatDate, t } from '../i18n.ts';
import { intParam, langOf, param, sendPage } from '../route-helpers.ts';

function auditQuery(query: Record<string, unknown>) {
  return {
    actor: param(query, 'actor'),
    action: param(query, 'action'),
    limit: intParam(query, 'limit', 200, 1, 1000),
    beforeSeq:
      param(query, 'before') === undefined
        ? undefined
        : intParam(query, 'before', 0, 1, Number.MAX_SAFE_INTEGER),
  };
}

function recordJson(r: AuditRecord) {
  return {
    ...r,
    logged_at: toLocalIso(r.logged_at),
    details: r.details === null ? null : (JSON.parse(r.details) as unknown),
  };
}

export function auditRoutes(ctx: WebContext): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.get('/api/audit', admin, async (req, res) => {
    res.json({
      entries: (await listAudit(ctx.db, auditQuery(req.query as Record<string, unknown>))).map(recordJson),
    });
  });

  router.get('/api/audit/verify', admin, async (req, res) => {
    const result = await verifyAuditChain(ctx.db);
    await ctx.audit(req, 'audit.verify', null, { ok: result.ok, entries: result.entries });
    res.json(result);
  });

  router.get('/audit', admin, async (req, res) => {
    const lang = langOf(req);
    const query = auditQuery(req.query as Record<string, unknown>);
    const verify = req.query.verify === '1' ? await verifyAuditChain(ctx.db) : undefined;
    if (verify) await ctx.audit(req, 'audit.verify', null, { ok: verify.ok, entries: verify.entries });
    const entries = await listAudit(ctx.db, query);
    const last = entries.at(-1);
    const body = html`<h1>${t(lang, 'audit.title')}</h1>
      <form method="get" action="/audit" class="filters">
        <label>${t(lang, 'audit.actor')} <input name="actor" value="${query.actor ?? ''}" /></label>
        <label>${t(lang, 'audit.action')} <input name="action" value="${query.action ?? ''}" /></label>
        <button type="submit">${t(lang, 'common.filter')}</button>
        <a class="button" href="/audit?verify=1">${t(lang, 'audit.verify')}</a>
      </form>
      ${
        verify
          ? verify.ok
            ? html`<p class="notice" role="status">${t(lang, 'audit.ok', { n: verify.entries })}</p>`
            : html`<p class="error" role="alert">
                ${t(lang, 'audit.broken', { seq: verify.broken?.seq ?? '?', problem: verify.broken?.problem ?? '' })}
              </p>`
          : ''
      }
      <table class="audit">
        <thead>
          <tr>
            <th>#</th>
            <th>${t(lang, 'common.time')}</th>
            <th>${t(lang, 'audit.actor')}</th>
            <th>${t(lang, 'audit.action')}</th>
            <th>${t(lang, 'audit.object')}</th>
            <th>${t(lang, 'audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr>
                <td>${e.seq}</td>
                <td>${formatDate(e.logged_at, true)}</td>
                <td>${e.actor}</td>
                <td>${e.action}</td>
                <td>${e.object ?? ''}</td>
                <td><code>${e.details ?? ''}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${last && last.seq > 1 ? html`<p><a href="${href('/audit', { actor: query.actor, action: query.action, before: last.seq })}">→</a></p>` : ''}`;
    sendPage(req, res, t(lang, 'audit.title'), body);
  });

  return router;
}
