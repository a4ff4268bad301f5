/** The status page and GET /api/status (admins): row counts of the stored tables and the most recent job runs. */
import { Router } from 'express';
import { tableCounts } from '../../data/stats.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { html } from '../html.ts';
import { toLocalIso } from '../../data/time.ts';
import { formatDate, formatNumber, t } from '../i18n.ts';
import { langOf, sendPage } from '../route-helpers.ts';

export function statusRoutes(ctx: WebContext): Router {
  const router = Router();
  const recentRuns = () =>
    ctx.db.all<{
      job: string;
      started_at: Date;
      status: string;
      items_in: number;
      error: string | null;
    }>(
      `SELECT job, started_at, status, items_in, error FROM job_runs ORDER BY started_at DESC, id DESC LIMIT 15`,
    );

  router.get('/api/status', requireRole('admin'), async (_req, res) => {
    res.json({
      db: ctx.db.path,
      time: toLocalIso(ctx.now()),
      counts: await tableCounts(ctx.db),
      runs: (await recentRuns()).map((r) => ({ ...r, started_at: toLocalIso(r.started_at) })),
    });
  });

  router.get('/status', requireRole('admin'), async (req, res) => {
    const lang = langOf(req);
    const counts = await tableCounts(ctx.db);
    const runs = await recentRuns();
    const body = html`<h1>${t(lang, 'nav.status')}</h1>
      <section class="cards">
        ${Object.entries(counts).map(
          ([table, n]) =>
            html`<div class="card">
              <div class="n">${formatNumber(lang, n)}</div>
              <div class="l">${table}</div>
            </div>`,
        )}
      </section>
      <h2>job_runs</h2>
      <table>
        <tbody>
          ${runs.map(
            (r) =>
              html`<tr>
                <td>${r.job}</td>
                <td>${formatDate(r.started_at, true)}</td>
                <td>${r.status}</td>
                <td class="num">${formatNumber(lang, r.items_in)}</td>
                <td>${r.error ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    sendPage(req, res, t(lang, 'nav.status'), body);
  });
  return router;
}
