/** Tài liệu / documents: a filtered list and one document with its scores; content is always shown as text. */
import { Router, type Request } from 'express';
import {
  correctionOf,
  saveCorrection,
  SENTIMENT_LABELS,
  type Correction,
} from '../../analytics/nlp/corrections.ts';
import { refreshDailyCounts } from '../../data/daily-counts.ts';
import type { Role } from '../../data/users.ts';
import type { ScopedDb } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, href, html, safeUrl, type SafeHtml } from '../html.ts';
import { requestState } from '../request-state.ts';
import { formatDate, formatNumber, sentimentLabel, t, type Lang } from '../i18n.ts';
import type { Reads } from '../../data/readers.ts';
import {
  auditView,
  dateInput,
  inScope,
  intParam,
  langOf,
  param,
  params,
  sendPage,
  timeParam,
  topicCheckboxes,
  topicFilter,
  topicList,
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

/** Topic ids as their names, for showing; an id the taxonomy no longer has is shown as it is. */
function topicNames(topics: readonly string[], names: ReadonlyMap<string, string>): string {
  return topics.map((id) => names.get(id) ?? id).join(', ');
}

/** Unit names of the places a document's scores name, looked up once for the page. */
async function unitNames(reads: Reads, uids: readonly string[]): Promise<Map<string, string>> {
  if (uids.length === 0) return new Map();
  const rows = await reads.all<{ uid: string; name: string }>(
    'SELECT uid, name FROM units WHERE uid IN (SELECT unnest($uids::VARCHAR[]))',
    { uids: [...new Set(uids)] },
  );
  return new Map(rows.map((r) => [r.uid, r.name]));
}

function renderList(
  lang: Lang,
  rows: DocRow[],
  req: Request,
  topics: readonly { id: string; name: string }[],
  filters: ReturnType<typeof documentFilters>,
) {
  const query = req.query as Record<string, unknown>;
  const kept = {
    from: param(query, 'from'),
    to: param(query, 'to'),
    q: param(query, 'q'),
    topic: param(query, 'topic'),
    unit: param(query, 'unit'),
  };
  const names = new Map(topics.map((tp) => [tp.id, tp.name]));
  const exportLink = (format: string) => href('/api/export/documents', { ...kept, format });
  const pageLink = (offset: number) =>
    href('/documents', { ...kept, limit: param(query, 'limit'), offset: offset || undefined });
  const { offset, limit } = filters;
  return html`<h1>${t(lang, 'documents.title')}</h1>
    <form method="get" action="/documents" class="filters">
      <label>${t(lang, 'common.from')} ${dateInput('from', kept.from)}</label>
      <label>${t(lang, 'common.to')} ${dateInput('to', kept.to)}</label>
      ${topicFilter(lang, topics, kept.topic)}
      <label>${t(lang, 'common.search')} <input name="q" value="${kept.q ?? ''}" /></label>
      ${kept.unit ? html`<input type="hidden" name="unit" value="${kept.unit}" />` : ''}
      <button type="submit">${t(lang, 'common.filter')}</button>
      <a class="button" href="${exportLink('csv')}">CSV</a>
      <a class="button" href="${exportLink('json')}">JSON</a>
      <a class="button" href="${exportLink('parquet')}">Parquet</a>
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
                  <th>${t(lang, 'common.sentiment')}</th>
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
                      <td>${topicNames(d.topics, names)}</td>
                      <td>${sentimentLabel(lang, d.sentiment)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p class="pager">
              ${t(lang, 'documents.shown', {
                from: formatNumber(lang, offset + 1),
                to: formatNumber(lang, offset + rows.length),
              })}
              ${offset > 0 ? html` · <a href="${pageLink(Math.max(0, offset - limit))}" rel="prev">${t(lang, 'common.previous')}</a>` : ''}
              ${rows.length === limit ? html` · <a href="${pageLink(offset + limit)}" rel="next">${t(lang, 'common.next')}</a>` : ''}
            </p>`
        : emptyState(t(lang, 'common.none'))
    }`;
}

/** Who may correct a document's sentiment and topics: the board's analysts and admins. */
const CORRECTORS: readonly Role[] = ['admin', 'analyst'];

/**
 * The analyst's correction, if any, and for those who may correct: one form for the sentiment and one for the
 * topics, each sending only its own field, so correcting one never records the other.
 */
function renderCorrection(
  lang: Lang,
  id: string,
  correction: Correction | undefined,
  current: { sentiment: string | null; topics: readonly string[] },
  topics: readonly { id: string; name: string }[],
  csrf: string | null,
): SafeHtml {
  const names = new Map(topics.map((tp) => [tp.id, tp.name]));
  const made = correction
    ? html`<p class="muted">
        ${t(lang, 'correction.made', {
          who: correction.corrected_by,
          when: formatDate(correction.corrected_at, true),
        })}:
        ${correction.sentiment ? html`${t(lang, 'common.sentiment')} ${sentimentLabel(lang, correction.sentiment)}` : ''}
        ${correction.sentiment && correction.topics ? ' · ' : ''}
        ${correction.topics ? html`${t(lang, 'common.topic')} ${topicNames(correction.topics, names) || '—'}` : ''}
        ${correction.note ? html` · ${correction.note}` : ''}
      </p>`
    : html``;
  if (csrf === null) return made;
  const action = `/documents/${encodeURIComponent(id)}/correct`;
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  const note = html`<label>${t(lang, 'inbox.note')} <input name="note" /></label>`;
  return html`${made}
    <form method="post" action="${action}" class="grid-form" id="correct-sentiment">
      ${hidden}
      <label
        >${t(lang, 'common.sentiment')}
        <select name="sentiment" required>
          ${SENTIMENT_LABELS.map(
            (label) =>
              html`<option value="${label}" ${label === current.sentiment ? html`selected` : ''}>
                ${sentimentLabel(lang, label)}
              </option>`,
          )}
        </select></label
      >
      ${note}
      <button type="submit">${t(lang, 'correction.saveSentiment')}</button>
    </form>
    <form method="post" action="${action}" class="grid-form" id="correct-topics">
      ${hidden}
      <input type="hidden" name="field" value="topics" />
      <fieldset>
        <legend>${t(lang, 'common.topic')}</legend>
        ${topicCheckboxes(topics, current.topics)}
      </fieldset>
      ${note}
      <button type="submit">${t(lang, 'correction.saveTopics')}</button>
    </form>`;
}

/** The session's CSRF token when the user may correct documents; null for everyone else (no forms shown). */
function correctorCsrf(req: Request): string | null {
  const state = requestState(req);
  return (CORRECTORS as readonly string[]).includes(state.user?.role ?? '')
    ? (state.session?.csrf ?? '')
    : null;
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
    const filters = documentFilters(req);
    const rows = await inScope(ctx, req, (scoped) => listDocuments(scoped, filters));
    const topics = await topicList(ctx.reads, lang);
    sendPage(req, res, t(lang, 'documents.title'), renderList(lang, rows, req, topics, filters));
  });

  router.get('/documents/:id', roles, async (req, res) => {
    const lang = langOf(req);
    const { doc, scores } = await inScope(ctx, req, (scoped) =>
      readDocument(ctx, req, scoped, String(req.params.id)),
    );
    const url = safeUrl(doc.url);
    const topics = new Map((await topicList(ctx.reads, lang)).map((tp) => [tp.id, tp.name]));
    const places = await unitNames(ctx.reads, [
      ...scores.flatMap((s) => s.places),
      ...scores.flatMap((s) => (s.locality_uid ? [s.locality_uid] : [])),
    ]);
    // The document's own locality, else the one its latest scoring found (as the list shows).
    const scored = scores[0]?.locality_uid ?? null;
    const place = doc.locality_name ?? doc.locality_uid ?? (scored ? (places.get(scored) ?? scored) : null);
    const body = html`<p><a href="/documents">← ${t(lang, 'common.back')}</a></p>
      <article class="document">
        <p>${classificationBadge(lang, doc.classification)}</p>
        <h1>${doc.title ?? doc.id}</h1>
        <p class="muted">
          ${[doc.outlet ?? doc.import_source, formatDate(doc.published_at, true), place]
            .filter(Boolean)
            .join(' · ')}
          ${url ? html` · <a href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : doc.url ? html` · <code>${doc.url}</code>` : ''}
        </p>
        <div class="text">${doc.text}</div>
      </article>
      <h2>${t(lang, 'documents.scores')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t(lang, 'documents.model')}</th>
            <th>${t(lang, 'common.sentiment')}</th>
            <th class="num">${t(lang, 'documents.score')}</th>
            <th>${t(lang, 'common.topic')}</th>
            <th>${t(lang, 'common.places')}</th>
          </tr>
        </thead>
        <tbody>
          ${scores.map(
            (s) =>
              html`<tr>
                <td>${s.model_version}</td>
                <td>${sentimentLabel(lang, s.sentiment)}</td>
                <td class="num">${formatNumber(lang, s.sentiment_score, 2)}</td>
                <td>${topicNames(s.topics, topics)}</td>
                <td>${s.places.map((uid) => places.get(uid) ?? uid).join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t(lang, 'correction.title')}</h2>
      ${renderCorrection(
        lang,
        doc.id,
        await correctionOf(ctx.reads, doc.id),
        { sentiment: scores[0]?.sentiment ?? null, topics: scores[0]?.topics ?? [] },
        [...topics].map(([id, name]) => ({ id, name })),
        correctorCsrf(req),
      )}`;
    sendPage(req, res, doc.title ?? doc.id, body);
  });

  const correct = async (req: Request, id: string) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visible = await inScope(ctx, req, (scoped) =>
      scoped.db.one<{ id: string }>('SELECT id FROM documents WHERE id = $id', { id }),
    );
    if (!visible) throw new DlxhError('NOT_FOUND', `document ${id}: not found`);
    // A form sends one field; the API may send either or both (a topics list, possibly empty).
    const topics =
      param(body, 'field') === 'topics'
        ? params(body, 'topics')
        : Array.isArray(body.topics)
          ? params(body, 'topics')
          : null;
    const known = new Set((await topicList(ctx.reads, 'vi')).map((tp) => tp.id));
    const saved = await saveCorrection(
      ctx.db,
      {
        docId: id,
        sentiment: param(body, 'field') === 'topics' ? null : (param(body, 'sentiment') ?? null),
        topics,
        actor: currentUser(req).username,
        note: param(body, 'note') ?? null,
        now: ctx.now(),
      },
      known,
    );
    await refreshDailyCounts(ctx.db, { ids: [id] });
    await ctx.audit(req, 'document.correct', `document:${id}`, {
      sentiment: saved.sentiment,
      topics: saved.topics,
    });
    return saved;
  };
  const correctors = requireRole(...CORRECTORS);

  router.post('/api/documents/:id/corrections', correctors, async (req, res) => {
    const saved = await correct(req, String(req.params.id));
    res.json({ correction: { ...saved, corrected_at: toLocalIso(saved.corrected_at) } });
  });

  router.post('/documents/:id/correct', correctors, async (req, res) => {
    const id = String(req.params.id);
    await correct(req, id);
    res.redirect(303, `/documents/${encodeURIComponent(id)}`);
  });

  return router;
}
