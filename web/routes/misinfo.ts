/** Tin sai lệch / misinformation queue: candidates riskiest first with their evidence, and the review actions. */
import { Router, type Request } from 'express';
import {
  REVIEW_STATUSES,
  candidateEvents,
  getCandidate,
  listCandidates,
  reviewCandidate,
  type ClaimCandidate,
  type ReviewStatus,
} from '../../analytics/misinfo/review.ts';
import { DlxhError } from '../../data/errors.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, html, safeUrl, type SafeHtml } from '../html.ts';
import { formatDate, formatNumber, formatPercent, statusLabel, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { auditView, inScope, intParam, langOf, param, sendPage, tableExists } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

function statusParam(value: string | undefined): ReviewStatus | undefined {
  if (value === undefined) return undefined;
  if (!(REVIEW_STATUSES as readonly string[]).includes(value)) {
    throw new DlxhError('INPUT', `status: invalid value "${value}" (${REVIEW_STATUSES.join(', ')})`);
  }
  return value as ReviewStatus;
}

function reviewForm(lang: Lang, c: ClaimCandidate, csrf: string): SafeHtml {
  return html`<form method="post" action="/misinfo/${encodeURIComponent(c.id)}/review" class="case-action">
    <input type="hidden" name="_csrf" value="${csrf}" />
    <select name="status" aria-label="Trạng thái">
      ${REVIEW_STATUSES.filter((s) => s !== c.status).map((s) => html`<option value="${s}">${statusLabel(lang, s)}</option>`)}
    </select>
    <input name="notes" placeholder="Ghi chú" />
    <textarea
      name="response"
      rows="2"
      placeholder="Thông tin chính thức cần công bố (bắt buộc khi sai sự thật)"
    >
${c.response ?? ''}</textarea>
    <button type="submit">Cập nhật</button>
  </form>`;
}

function renderCandidate(lang: Lang, c: ClaimCandidate, csrf: string | null): SafeHtml {
  const link = safeUrl(c.statement_link);
  return html`<li>
    <div>
      <strong>${statusLabel(lang, c.status)}</strong> · risk ${formatNumber(lang, c.risk, 2)} · ${c.tier}
      ${c.similarity === null ? '' : html` · ${formatPercent(lang, c.similarity)}`}
      ${c.contradiction ? html` · <span class="warn">mâu thuẫn</span>` : ''}
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
            ${c.statement_verdict}: ${c.statement_claim}
            ${c.statement_official_text ? html`<div class="muted">${c.statement_official_text}</div>` : ''}
            ${c.statement_issuing_body ?? ''}
            ${link ? html`<a href="${link}" rel="noopener noreferrer nofollow">↗</a>` : ''}
          </div>`
        : ''
    }
    ${c.response ? html`<div><em>${c.response}</em></div>` : ''} ${csrf ? reviewForm(lang, c, csrf) : ''}
  </li>`;
}

export function misinfoRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst');

  const readQueue = (req: Request) =>
    inScope(ctx, req, async (scoped) => {
      if (!(await tableExists(scoped.db, 'claim_candidates'))) return [];
      const query = req.query as Record<string, unknown>;
      return listCandidates(scoped.db, {
        status: statusParam(param(query, 'status')),
        limit: intParam(query, 'limit', 200, 1, 1000),
        offset: intParam(query, 'offset', 0, 0, 1_000_000),
      });
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

  const review = async (req: Request, id: string) => {
    await readOne(req, id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const status = statusParam(param(body, 'status'));
    if (!status) throw new DlxhError('INPUT', 'status: missing');
    return reviewCandidate(
      ctx.db,
      id,
      {
        status,
        reviewer: currentUser(req).username,
        response: param(body, 'response'),
        notes: param(body, 'notes'),
      },
      { now: ctx.now },
    );
  };

  router.get('/api/misinfo', roles, async (req, res) => {
    res.json({ candidates: jsonRows(await readQueue(req)) });
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
    res.redirect(303, '/misinfo');
  });

  router.get('/misinfo', roles, async (req, res) => {
    const lang = langOf(req);
    const rows = await readQueue(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const current = param(req.query as Record<string, unknown>, 'status');
    const body = html`<h1>${t(lang, 'misinfo.title')}</h1>
      <form method="get" action="/misinfo" class="filters">
        <label
          >${t(lang, 'common.status')}
          <select name="status">
            <option value="">${t(lang, 'common.all')}</option>
            ${REVIEW_STATUSES.map((s) => html`<option value="${s}" ${s === current ? html`selected` : ''}>${statusLabel(lang, s)}</option>`)}
          </select></label
        >
        <button type="submit">${t(lang, 'common.filter')}</button>
      </form>
      ${
        rows.length
          ? html`<ul class="evidence">
              ${rows.map((c) => renderCandidate(lang, c, csrf))}
            </ul>`
          : emptyState(`${t(lang, 'common.none')}.`)
      }`;
    sendPage(req, res, t(lang, 'misinfo.title'), body);
  });

  return router;
}
