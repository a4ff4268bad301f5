/** The status page: real counts from the database (documents by outlet and topic, recent job runs). */
import express, { Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../app.ts';
import { formatDateVi } from '../../data/time.ts';
import { tableCounts } from '../../data/stats.ts';
import { formatNumberVi, html, layout } from '../html.ts';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

export function statusRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use('/static', express.static(PUBLIC_DIR, { fallthrough: false, index: false }));
  router.get('/', async (_req, res) => {
    const counts = await tableCounts(ctx.db);
    const outlets = await ctx.db.all<{ outlet: string; n: number; last: Date | null }>(
      `SELECT coalesce(outlet, import_source) AS outlet, count(*) AS n, max(published_at) AS last
       FROM documents GROUP BY 1 ORDER BY n DESC LIMIT 25`,
    );
    const topics = await ctx.db.all<{ name_vi: string; n: number }>(
      `SELECT t.name_vi, count(s.doc_id) AS n
       FROM topics t LEFT JOIN (SELECT doc_id, unnest(topics) AS topic FROM doc_scores) s ON s.topic = t.id
       GROUP BY t.name_vi ORDER BY n DESC, t.name_vi`,
    );
    const runs = await ctx.db.all<{
      job: string;
      started_at: Date;
      status: string;
      items_in: number;
      items_new: number;
      items_failed: number;
      error: string | null;
    }>(
      `SELECT job, started_at, status, items_in, items_new, items_failed, error
       FROM job_runs ORDER BY started_at DESC, id DESC LIMIT 15`,
    );
    const body = html` <h1>Tình trạng hệ thống</h1>
      <section class="cards">
        ${Object.entries(counts).map(
          ([table, n]) =>
            html`<div class="card">
              <div class="n">${formatNumberVi(n)}</div>
              <div class="l">${table}</div>
            </div>`,
        )}
      </section>
      <section>
        <h2>Tài liệu theo nguồn</h2>
        <table>
          <thead>
            <tr>
              <th>Nguồn</th>
              <th class="num">Số tài liệu</th>
              <th>Mới nhất</th>
            </tr>
          </thead>
          <tbody>
            ${outlets.map(
              (o) =>
                html`<tr>
                  <td>${o.outlet}</td>
                  <td class="num">${formatNumberVi(o.n)}</td>
                  <td>${o.last ? formatDateVi(o.last, true) : '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Tài liệu theo chủ đề</h2>
        <table>
          <thead>
            <tr>
              <th>Chủ đề</th>
              <th class="num">Số tài liệu</th>
            </tr>
          </thead>
          <tbody>
            ${topics.map(
              (t) =>
                html`<tr>
                  <td>${t.name_vi}</td>
                  <td class="num">${formatNumberVi(t.n)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Lần chạy gần nhất</h2>
        <table>
          <thead>
            <tr>
              <th>Tác vụ</th>
              <th>Bắt đầu</th>
              <th>Trạng thái</th>
              <th class="num">Vào</th>
              <th class="num">Mới</th>
              <th class="num">Lỗi</th>
              <th>Thông báo</th>
            </tr>
          </thead>
          <tbody>
            ${runs.map(
              (r) =>
                html`<tr>
                  <td>${r.job}</td>
                  <td>${formatDateVi(r.started_at, true)}</td>
                  <td>${r.status}</td>
                  <td class="num">${formatNumberVi(r.items_in)}</td>
                  <td class="num">${formatNumberVi(r.items_new)}</td>
                  <td class="num">${formatNumberVi(r.items_failed)}</td>
                  <td>${r.error ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>`;
    res.type('html').send(layout('Tình trạng', body));
  });
  return router;
}
