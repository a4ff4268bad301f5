/**
 * Tin sai lệch / misinformation queue: a summary by matched official statement, filters, pages of candidates
 * riskiest first with their evidence, and the review actions (one candidate, or every candidate of a filter).
 */
import { Router, type Request } from 'express';
import { unitsInArea } from '../../data/access.ts';
import {
  BULK_REVIEW_LIMIT,
  REVIEW_STATUSES,
  bulkTargets,
  candidateEvents,
  candidateIds,
  countCandidates,
  getCandidate,
  listCandidates,
  reviewCandidate,
  reviewCandidates,
  statementGroups,
  type CandidateFilter,
  type ClaimCandidate,
  type ReviewStatus,
  type StatementGroup,
} from '../../analytics/misinfo/review.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, href, html, safeUrl, type SafeHtml } from '../html.ts';
import {
  formatDate,
  formatNumber,
  formatPercent,
  statusLabel,
  t,
  type Lang,
  type MessageKey,
} from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { auditView, inScope, intParam, langOf, param, sendPage, tableExists } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

const sql = readSqlFile(new URL('./misinfo.sql', import.meta.url));
const PAGE_SIZE = 50;
/** The statement filter's value for candidates matching no statement. */
const NO_STATEMENT = 'none';

function statusParam(value: string | undefined): ReviewStatus | undefined {
  if (value === undefined) return undefined;
  if (!(REVIEW_STATUSES as readonly string[]).includes(value)) {
    throw new DlxhError('INPUT', `status: invalid value "${value}" (${REVIEW_STATUSES.join(', ')})`);
  }
  return value as ReviewStatus;
}

/** The queue filter as written in a query string: `statement` (an id or `none`), `status`, `topic`, `unit`. */
interface QueueQuery {
  statement?: string;
  status?: string;
  topic?: string;
  unit?: string;
}

function queueQuery(query: Record<string, unknown>): QueueQuery {
  return {
    statement: param(query, 'statement'),
    status: statusParam(param(query, 'status')),
    topic: param(query, 'topic'),
    unit: param(query, 'unit'),
  };
}

/** Whether the query narrows the queue at all: a bulk review needs it to (never the whole queue by a slip). */
function hasFilter(q: QueueQuery): boolean {
  return Object.values(q).some((v) => v !== undefined);
}

async function candidateFilter(ctx: WebContext, q: QueueQuery): Promise<CandidateFilter> {
  return {
    status: statusParam(q.status),
    statementId: q.statement === NO_STATEMENT ? null : q.statement,
    topic: q.topic,
    units: q.unit ? [q.unit, ...(await unitsInArea(ctx.reads, q.unit))] : undefined,
  };
}

const VERDICT_KEYS: Record<string, MessageKey> = {
  true: 'misinfo.verdict.true',
  false: 'misinfo.verdict.false',
  misleading: 'misinfo.verdict.misleading',
  unverified: 'misinfo.verdict.unverified',
};
const TIER_KEYS: Record<string, MessageKey> = {
  auto: 'misinfo.tier.auto',
  suggest: 'misinfo.tier.suggest',
  new: 'misinfo.tier.new',
};

function verdictLabel(lang: Lang, verdict: string | null): string {
  return verdict === null ? '' : VERDICT_KEYS[verdict] ? t(lang, VERDICT_KEYS[verdict]) : verdict;
}

function reviewFields(lang: Lang, statuses: readonly ReviewStatus[], response: string | null): SafeHtml {
  return html`<select name="status" aria-label="${t(lang, 'misinfo.newStatus')}">
      ${statuses.map((s) => html`<option value="${s}">${statusLabel(lang, s)}</option>`)}
    </select>
    <input name="notes" placeholder="${t(lang, 'misinfo.notes')}" aria-label="${t(lang, 'misinfo.notes')}" />
    <textarea
      name="response"
      rows="2"
      placeholder="${t(lang, 'misinfo.responsePlaceholder')}"
      aria-label="${t(lang, 'misinfo.response')}"
    >
${response ?? ''}</textarea>`;
}

function reviewForm(lang: Lang, c: ClaimCandidate, csrf: string, back: string): SafeHtml {
  return html`<form
    method="post"
    action="${href(`/misinfo/${encodeURIComponent(c.id)}/review`, { back })}"
    class="case-action"
  >
    <input type="hidden" name="_csrf" value="${csrf}" />
    ${reviewFields(
      lang,
      REVIEW_STATUSES.filter((s) => s !== c.status),
      c.response,
    )}
    <button type="submit">${t(lang, 'misinfo.update')}</button>
  </form>`;
}

function renderCandidate(lang: Lang, c: ClaimCandidate, csrf: string | null, back: string): SafeHtml {
  const link = safeUrl(c.statement_link);
  return html`<li>
    <div>
      <strong>${statusLabel(lang, c.status)}</strong> · ${t(lang, 'misinfo.risk')}
      ${formatNumber(lang, c.risk, 2)} · ${TIER_KEYS[c.tier] ? t(lang, TIER_KEYS[c.tier]) : c.tier}
      ${c.similarity === null ? '' : html` · ${formatPercent(lang, c.similarity)}`}
      ${c.contradiction ? html` · <span class="warn">${t(lang, 'misinfo.contradiction')}</span>` : ''}
      ${classificationBadge(lang, c.classification)}
    </div>
    <blockquote>${c.sentence}</blockquote>
    <div class="muted">
      <a href="/documents/${encodeURIComponent(c.doc_id)}">${c.doc_title ?? c.doc_id}</a> ·
      ${c.doc_outlet ?? ''} · ${formatDate(c.doc_published_at, true)}
      ${c.cues.length ? html` · ${c.cues.join(', ')}` : ''}
    </div>
    ${
      c.statement_claim
        ? html`<div>
            ${verdictLabel(lang, c.statement_verdict)}: ${c.statement_claim}
            ${c.statement_official_text ? html`<div class="muted">${c.statement_official_text}</div>` : ''}
            ${c.statement_issuing_body ?? ''}
            ${link ? html`<a href="${link}" rel="noopener noreferrer nofollow">↗</a>` : ''}
          </div>`
        : ''
    }
    ${c.response ? html`<div><em>${c.response}</em></div>` : ''}
    ${csrf ? reviewForm(lang, c, csrf, back) : ''}
  </li>`;
}

function renderGroups(lang: Lang, groups: StatementGroup[], q: QueueQuery): SafeHtml {
  if (!groups.length) return html``;
  const link = (g: StatementGroup) => href('/misinfo', { ...q, statement: g.statement_id ?? NO_STATEMENT });
  return html`<section>
    <h2>${t(lang, 'misinfo.byStatement')}</h2>
    <table class="misinfo-groups">
      <thead>
        <tr>
          <th>${t(lang, 'misinfo.statement')}</th>
          <th>${t(lang, 'misinfo.verdict')}</th>
          <th>${t(lang, 'misinfo.issuingBody')}</th>
          <th class="num">${t(lang, 'misinfo.openTotal')}</th>
          <th class="num">${t(lang, 'misinfo.maxRisk')}</th>
          <th>${t(lang, 'misinfo.latestDocument')}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr
              ${(g.statement_id ?? NO_STATEMENT) === q.statement ? html`class="selected" aria-current="true"` : ''}
            >
              <td>
                <a href="${link(g)}"
                  >${g.statement_id === null ? t(lang, 'misinfo.noStatement') : (g.claim ?? g.statement_id)}</a
                >
              </td>
              <td>${verdictLabel(lang, g.verdict)}</td>
              <td>${g.issuing_body ?? ''}</td>
              <td class="num">${formatNumber(lang, g.open)} / ${formatNumber(lang, g.total)}</td>
              <td class="num">${formatNumber(lang, g.max_open_risk, 2)}</td>
              <td>${formatDate(g.latest_at)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function renderFilters(
  lang: Lang,
  q: QueueQuery,
  groups: StatementGroup[],
  topics: { id: string; name_vi: string; name_en: string }[],
  units: { uid: string; name: string }[],
): SafeHtml {
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}" ${value === current ? html`selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/misinfo" class="filters">
    <label
      >${t(lang, 'misinfo.statement')}
      <select name="statement">
        <option value="">${t(lang, 'common.all')}</option>
        ${option(NO_STATEMENT, t(lang, 'misinfo.noStatement'), q.statement)}
        ${groups
          .filter((g) => g.statement_id !== null)
          .map((g) => option(g.statement_id!, (g.claim ?? g.statement_id!).slice(0, 80), q.statement))}
      </select></label
    >
    <label
      >${t(lang, 'common.status')}
      <select name="status">
        <option value="">${t(lang, 'common.all')}</option>
        ${REVIEW_STATUSES.map((s) => option(s, statusLabel(lang, s), q.status))}
      </select></label
    >
    <label
      >${t(lang, 'common.topic')}
      <select name="topic">
        <option value="">${t(lang, 'common.all')}</option>
        ${topics.map((tp) => option(tp.id, lang === 'en' ? tp.name_en : tp.name_vi, q.topic))}
      </select></label
    >
    <label
      >${t(lang, 'common.unit')}
      <select name="unit">
        <option value="">${t(lang, 'common.all')}</option>
        ${units.map((u) => option(u.uid, u.name, q.unit))}
      </select></label
    >
    <button type="submit">${t(lang, 'common.filter')}</button>
  </form>`;
}

function renderBulk(lang: Lang, q: QueueQuery, counts: Map<ReviewStatus, number>, csrf: string): SafeHtml {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return html``;
  const targets = bulkTargets([...counts.keys()]);
  const n = formatNumber(lang, total);
  let content: SafeHtml;
  if (!hasFilter(q)) {
    content = html`<p class="muted">${t(lang, 'misinfo.bulkNeedsFilter')}</p>`;
  } else if (total > BULK_REVIEW_LIMIT) {
    content = html`<p class="muted">
      ${t(lang, 'misinfo.bulkTooMany', { n, max: formatNumber(lang, BULK_REVIEW_LIMIT) })}
    </p>`;
  } else if (!targets.length) {
    content = html`<p class="muted">${t(lang, 'misinfo.bulkMixed')}</p>`;
  } else {
    content = html`<form method="post" action="${href('/misinfo/review-bulk', { ...q })}" class="case-action">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="expected" value="${total}" />
      ${reviewFields(lang, targets, null)}
      <button type="submit">${t(lang, 'misinfo.bulkApply', { n })}</button>
    </form>`;
  }
  return html`<section class="bulk-review">
    <h2>${t(lang, 'misinfo.bulkTitle')}</h2>
    ${content}
  </section>`;
}

function renderPager(lang: Lang, q: QueueQuery, offset: number, limit: number, shown: number, total: number) {
  const at = (o: number) =>
    href('/misinfo', { ...q, offset: o || undefined, limit: limit === PAGE_SIZE ? undefined : limit });
  return html`<p class="pager">
    ${t(lang, 'misinfo.shown', {
      from: formatNumber(lang, shown ? offset + 1 : 0),
      to: formatNumber(lang, offset + shown),
      total: formatNumber(lang, total),
    })}
    ${offset > 0 ? html` · <a href="${at(Math.max(0, offset - limit))}" rel="prev">${t(lang, 'common.previous')}</a>` : ''}
    ${offset + shown < total ? html` · <a href="${at(offset + limit)}" rel="next">${t(lang, 'common.next')}</a>` : ''}
  </p>`;
}

export function misinfoRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst');

  /** One page of the queue for a filter, with the count per status of everything the filter picks. */
  const readQueue = (req: Request) =>
    inScope(ctx, req, async (scoped) => {
      const query = req.query as Record<string, unknown>;
      const q = queueQuery(query);
      const limit = intParam(query, 'limit', PAGE_SIZE, 1, 1000);
      const offset = intParam(query, 'offset', 0, 0, 1_000_000);
      if (!(await tableExists(scoped.db, 'claim_candidates'))) {
        return { q, limit, offset, rows: [], counts: new Map<ReviewStatus, number>() };
      }
      const filter = await candidateFilter(ctx, q);
      return {
        q,
        limit,
        offset,
        rows: await listCandidates(scoped.db, { ...filter, limit, offset }),
        counts: await countCandidates(scoped.db, filter),
      };
    });

  /** The summary by statement (status, topic and unit filters apply) and the options of the filters. */
  const readSummary = (req: Request, q: QueueQuery) =>
    inScope(ctx, req, async (scoped) => {
      if (!(await tableExists(scoped.db, 'claim_candidates'))) return { groups: [], topics: [], units: [] };
      const filter = await candidateFilter(ctx, { ...q, statement: undefined });
      return {
        groups: await statementGroups(scoped.db, filter),
        topics: await scoped.db.all<{ id: string; name_vi: string; name_en: string }>(sql('topic_options')),
        units: await scoped.db.all<{ uid: string; name: string }>(sql('unit_options')),
      };
    });

  const readOne = (req: Request, id: string) =>
    inScope(ctx, req, async (scoped) => {
      const candidate = (await tableExists(scoped.db, 'claim_candidates'))
        ? await getCandidate(scoped.db, id)
        : undefined;
      if (!candidate) throw new DlxhError('NOT_FOUND', `claim ${id}: not found`);
      await auditView(ctx, req, 'claim', id, candidate.classification);
      return { candidate, events: await candidateEvents(scoped.db, id) };
    });

  const reviewInput = (req: Request) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const status = statusParam(param(body, 'status'));
    if (!status) throw new DlxhError('INPUT', 'status: missing');
    return {
      status,
      reviewer: currentUser(req).username,
      response: param(body, 'response'),
      notes: param(body, 'notes'),
    };
  };

  const review = async (req: Request, id: string) => {
    await readOne(req, id);
    return reviewCandidate(ctx.db, id, reviewInput(req), { now: ctx.now });
  };

  /**
   * Every candidate the query's filter picks among those the user may see, moved at once: the selection runs
   * in scope, the moves and one audit entry (filter and count) in one transaction.
   */
  const reviewBulk = async (req: Request) => {
    const input = reviewInput(req);
    const q = queueQuery(req.query as Record<string, unknown>);
    if (!hasFilter(q)) {
      throw new DlxhError(
        'INPUT',
        'filter: set at least one of statement, status, topic, unit for a bulk review',
      );
    }
    const ids = await inScope(ctx, req, async (scoped) =>
      (await tableExists(scoped.db, 'claim_candidates'))
        ? candidateIds(scoped.db, await candidateFilter(ctx, q), BULK_REVIEW_LIMIT + 1)
        : [],
    );
    if (ids.length > BULK_REVIEW_LIMIT) {
      throw new DlxhError(
        'INPUT',
        `filter: matches more than ${BULK_REVIEW_LIMIT} candidates; narrow it (statement, status, topic, unit)`,
      );
    }
    if (ids.length === 0) throw new DlxhError('INPUT', 'filter: matches no candidate');
    const body = (req.body ?? {}) as Record<string, unknown>;
    // A JSON number or a form's string: the count the user was shown.
    const expected = intParam(
      { expected: typeof body.expected === 'number' ? String(body.expected) : body.expected },
      'expected',
      ids.length,
      0,
      1_000_000,
    );
    if (expected !== ids.length) {
      throw new DlxhError(
        'CONFLICT',
        `filter: now matches ${ids.length} candidates, not the ${expected} shown; reload the page`,
      );
    }
    const filter = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
    return ctx.db.transaction(async () => {
      const updated = await reviewCandidates(ctx.db, ids, input, { now: ctx.now });
      await ctx.audit(req, 'claim.review-bulk', null, { filter, status: input.status, count: updated });
      return { updated, filter };
    });
  };

  router.get('/api/misinfo', roles, async (req, res) => {
    const { rows, counts, limit, offset } = await readQueue(req);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    res.json({ total, offset, limit, candidates: jsonRows(rows) });
  });

  router.get('/api/misinfo/groups', roles, async (req, res) => {
    const { groups } = await readSummary(req, queueQuery(req.query as Record<string, unknown>));
    res.json({ groups: jsonRows(groups) });
  });

  router.post('/api/misinfo/review-bulk', roles, async (req, res) => {
    res.json(await reviewBulk(req));
  });

  router.post('/misinfo/review-bulk', roles, async (req, res) => {
    const { updated } = await reviewBulk(req);
    res.redirect(
      303,
      href('/misinfo', { ...queueQuery(req.query as Record<string, unknown>), done: updated }),
    );
  });

  router.get('/api/misinfo/:id', roles, async (req, res) => {
    const { candidate, events } = await readOne(req, String(req.params.id));
    res.json({ candidate: jsonRows([candidate])[0], events: jsonRows(events) });
  });

  router.post('/api/misinfo/:id/review', roles, async (req, res) => {
    res.json({ candidate: jsonRows([await review(req, String(req.params.id))])[0] });
  });

  router.post('/misinfo/:id/review', roles, async (req, res) => {
    await review(req, String(req.params.id));
    const back = param(req.query as Record<string, unknown>, 'back');
    res.redirect(303, back?.startsWith('/misinfo') ? back : '/misinfo');
  });

  router.get('/misinfo', roles, async (req, res) => {
    const lang = langOf(req);
    const { q, rows, counts, limit, offset } = await readQueue(req);
    const { groups, topics, units } = await readSummary(req, q);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const csrf = requestState(req).session?.csrf ?? '';
    const done = intParam(req.query as Record<string, unknown>, 'done', -1, 0, 1_000_000);
    const back = req.originalUrl.replace(/([?&])done=\d+&?/, '$1').replace(/[?&]$/, '');
    const body = html`<h1>${t(lang, 'misinfo.title')}</h1>
      ${done >= 0 ? html`<p class="notice">${t(lang, 'misinfo.bulkDone', { n: formatNumber(lang, done) })}</p>` : ''}
      ${renderFilters(lang, q, groups, topics, units)} ${renderGroups(lang, groups, q)}
      ${renderBulk(lang, q, counts, csrf)} ${renderPager(lang, q, offset, limit, rows.length, total)}
      ${
        rows.length
          ? html`<ul class="evidence">
              ${rows.map((c) => renderCandidate(lang, c, csrf, back))}
            </ul>`
          : emptyState(`${t(lang, 'common.none')}.`)
      }
      ${rows.length ? renderPager(lang, q, offset, limit, rows.length, total) : ''}`;
    sendPage(req, res, t(lang, 'misinfo.title'), body);
  });

  return router;
}
