/** Báo cáo / briefings: the list of generated briefings the user may see (generation comes with the briefings capability). */
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { genericTable } from '../generic-table.ts';
import { emptyState, html } from '../html.ts';
import { t } from '../i18n.ts';
import { inScope, langOf, sendPage, tableExists } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

export function briefingRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst', 'leader');

  const readBriefings = (req: Parameters<typeof inScope>[1]) =>
    inScope(ctx, req, async (scoped) =>
      (await tableExists(scoped.db, 'briefings')) && scoped.tables.includes('briefings')
        ? scoped.db.all('SELECT * FROM briefings LIMIT 200')
        : [],
    );

  router.get('/api/briefings', roles, async (req, res) => {
    res.json({ briefings: jsonRows(await readBriefings(req)) });
  });

  router.get('/briefings', roles, async (req, res) => {
    const lang = langOf(req);
    const rows = await readBriefings(req);
    const body = html`<h1>${t(lang, 'briefings.title')}</h1>
      ${rows.length ? genericTable(lang, rows) : emptyState(`${t(lang, 'common.none')}.`)}`;
    sendPage(req, res, t(lang, 'briefings.title'), body);
  });

  return router;
}
