/** Tài liệu / documents: a filtered list and one document with its scores; content is always shown as text. */
import { Router, type Request } from 'express';
import type { ScopedDb } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, href, html, safeUrl } from '../html.ts';
import { formatDate, formatNumber, t, type Lang } from '../i18n.ts';
import {
  auditView,
  dateInput,
  inScope,
  intParam,
  langOf,
  param,
  sendPage,
  timeParam,
} from '../route-helpers.ts';

const sql = readSqlFile(new URL('./documents.sql', import.meta.url));
const DAY_MS = 86_400_000;

interface DocRow {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published_at: Date | null;
  locality_uid: string | null;
  locality_name: string | null;
  classification: number;
  sentiment: string | null;
  topics: string[];
}

/** The documents filter shared by the list, its API and the exports. */
export function documentFilters(req: Request, maxLimit = 500) {
  const query = req.query as Record<string, unknown>;
  const to = timeParam(query, 'to');
  return {
    from: timeParam(query, 'from') ?? null,
    to: to ? new Date(to.getTime() + DAY_MS) : null,
    topic: param(query, 'topic') ?? null,
    unit: param(query, 'unit') ?? null,
    q: param(query, 'q') ?? null,
    limit: intParam(query, 'limit', Math.min(100, maxLimit), 1, maxLimit),
    offset: intParam(query, 'offset', 0, 0, 10_000_000),
  };
}

export async function listDocuments(scoped: ScopedDb, filters: ReturnType<typeof documentFilters>) {
  return scoped.db.all<DocRow>(sql('list'), filters);
}

async function readDocument(ctx: WebContext, req: Request, scoped: ScopedDb, id: string) {
  const doc = await scoped.db.one<
    DocRow & {
      text: string;
      import_source: string;
      ingested_at: Date;
      kind: string | null;
      lang: string | null;
      duplicate_of: string | null;
      near_duplicate_of: string | null;
    }
  >(sql('one'), { id });
  if (!doc) throw new DlxhError('NOT_FOUND', `document ${id}: not found`);
  const scores = await scoped.db.all<{
    model_version: string;
    sentiment: string;
    sentiment_score: number;
    topics: string[];
    places: string[];
    locality_uid: string | null;
    scored_at: Date;
  }>(sql('scores'), { id });
  await auditView(ctx, req, 'document', id, doc.classification);
  return { doc, scores };
}

function renderList(lang: Lang, rows: DocRow[], req: Request) {
  const query = req.query as Record<string, unknown>;
  return html`<h1>${t(lang, 'documents.title')}</h1>
    <form method="get" action="/documents" class="filters">
      <label>${t(lang, 'common.from')} ${dateInput('from', param(query, 'from'))}</label>
      <label>${t(lang, 'common.to')} ${dateInput('to', param(query, 'to'))}</label>
      <label>Tìm <input name="q" value="${param(query, 'q') ?? ''}" /></label>
      <button type="submit">${t(lang, 'common.filter')}</button>
      <a
        class="button"
        href="${href('/api/export/documents', { from: param(query, 'from'), to: param(query, 'to'), q: param(query, 'q'), topic: param(query, 'topic'), unit: param(query, 'unit'), format: 'csv' })}"
        >CSV</a
      >
      <a
        class="button"
        href="${href('/api/export/documents', { from: param(query, 'from'), to: param(query, 'to'), q: param(query, 'q'), topic: param(query, 'topic'), unit: param(query, 'unit'), format: 'json' })}"
        >JSON</a
      >
      <a
        class="button"
        href="${href('/api/export/documents', { from: param(query, 'from'), to: param(query, 'to'), q: param(query, 'q'), topic: param(query, 'topic'), unit: param(query, 'unit'), format: 'parquet' })}"
        >Parquet</a
      >
    </form>
    ${
      rows.length
        ? html`<table>
            <thead>
              <tr>
                <th>${t(lang, 'common.time')}</th>
                <th>${t(lang, 'documents.title')}</th>
                <th>${t(lang, 'common.source')}</th>
                <th>${t(lang, 'common.unit')}</th>
                <th>${t(lang, 'common.topic')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (d) =>
                  html`<tr>
                    <td>${formatDate(d.published_at, true)}</td>
                    <td>
                      <a href="/documents/${encodeURIComponent(d.id)}">${d.title ?? d.id}</a>
                      ${d.classification > 0 ? classificationBadge(lang, d.classification) : ''}
                    </td>
                    <td>${d.outlet ?? ''}</td>
                    <td>${d.locality_name ?? d.locality_uid ?? ''}</td>
                    <td>${d.topics.join(', ')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : emptyState(t(lang, 'common.none'))
    }`;
}

export function documentRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst', 'leader', 'officer');
  const json = (d: DocRow) => ({ ...d, published_at: d.published_at ? toLocalIso(d.published_at) : null });

  router.get('/api/documents', roles, async (req, res) => {
    const filters = documentFilters(req);
    const rows = await inScope(ctx, req, (scoped) => listDocuments(scoped, filters));
    res.json({ documents: rows.map(json), limit: filters.limit, offset: filters.offset });
  });

  router.get('/api/documents/:id', roles, async (req, res) => {
    const { doc, scores } = await inScope(ctx, req, (scoped) =>
      readDocument(ctx, req, scoped, String(req.params.id)),
    );
    res.json({
      document: { ...json(doc), ingested_at: toLocalIso(doc.ingested_at) },
      scores: scores.map((s) => ({ ...s, scored_at: toLocalIso(s.scored_at) })),
    });
  });

  router.get('/documents', roles, async (req, res) => {
    const lang = langOf(req);
    const rows = await inScope(ctx, req, (scoped) => listDocuments(scoped, documentFilters(req)));
    sendPage(req, res, t(lang, 'documents.title'), renderList(lang, rows, req));
  });

  router.get('/documents/:id', roles, async (req, res) => {
    const lang = langOf(req);
    const { doc, scores } = await inScope(ctx, req, (scoped) =>
      readDocument(ctx, req, scoped, String(req.params.id)),
    );
    const url = safeUrl(doc.url);
    const body = html`<p><a href="/documents">← ${t(lang, 'common.back')}</a></p>
      <article class="document">
        <p>${classificationBadge(lang, doc.classification)}</p>
        <h1>${doc.title ?? doc.id}</h1>
        <p class="muted">
          ${doc.outlet ?? doc.import_source} · ${formatDate(doc.published_at, true)} ·
          ${doc.locality_name ?? doc.locality_uid ?? ''}
          ${url ? html` · <a href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : doc.url ? html` · <code>${doc.url}</code>` : ''}
        </p>
        <div class="text">${doc.text}</div>
      </article>
      <h2>Điểm phân tích / scores</h2>
      <table>
        <thead>
          <tr>
            <th>model</th>
            <th>sentiment</th>
            <th class="num">score</th>
            <th>topics</th>
            <th>places</th>
          </tr>
        </thead>
        <tbody>
          ${scores.map(
            (s) =>
              html`<tr>
                <td>${s.model_version}</td>
                <td>${s.sentiment}</td>
                <td class="num">${formatNumber(lang, s.sentiment_score, 2)}</td>
                <td>${s.topics.join(', ')}</td>
                <td>${s.places.join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    sendPage(req, res, doc.title ?? doc.id, body);
  });

  return router;
}
