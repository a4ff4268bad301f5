/** Tin sai lệch / misinformation queue: candidates with their evidence, once the misinformation tables exist. */
import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { genericTable } from '../generic-table.ts';
import { emptyState, html } from '../html.ts';
import { t } from '../i18n.ts';
import { inScope, langOf, sendPage, tableExists } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

/** The first of these tables that exists holds the review queue. */
const QUEUE_TABLES = ['misinfo_candidates', 'claim_candidates', 'claims'];

export function misinfoRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst');

  const readQueue = (req: Parameters<typeof inScope>[1]) =>
    inScope(ctx, req, async (scoped) => {
      for (const table of QUEUE_TABLES) {
        if (!(await tableExists(scoped.db, table)) || !scoped.tables.includes(table)) continue;
        return { table, rows: await scoped.db.all(`SELECT * FROM ${table} LIMIT 500`) };
      }
      return { table: null, rows: [] };
    });

  router.get('/api/misinfo', roles, async (req, res) => {
    const queue = await readQueue(req);
    res.json({ table: queue.table, candidates: jsonRows(queue.rows) });
  });

  router.get('/misinfo', roles, async (req, res) => {
    const lang = langOf(req);
    const queue = await readQueue(req);
    const body = html`<h1>${t(lang, 'misinfo.title')}</h1>
      ${queue.rows.length ? genericTable(lang, queue.rows) : emptyState(`${t(lang, 'common.none')}.`)}`;
    sendPage(req, res, t(lang, 'misinfo.title'), body);
  });

  return router;
}
