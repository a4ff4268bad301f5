/**
 * Chủ đề theo dõi / watch topics: units and agencies propose a keyword query (AND, OR, NOT, "phrases",
 * parentheses) or a taxonomy topic to watch more closely, optionally within an area, and the hot-spot detector tests
 * it at a lower bar from its next run (analytics/hotspots/watch-topics.ts). Officers propose for their own unit and
 * see its proposals; the board's staff and leaders see all; the board's staff, or the proposing unit, switch one off.
 */
import { Router, type Request } from 'express';
import {
  watchAnswers,
  watchAnswerSummaries,
  listWatchTopics,
  proposeWatchTopic,
  setWatchTopicActive,
  WATCH_FACTORS,
  DEFAULT_WATCH_FACTOR,
  type WatchAnswerSummary,
  type WatchTopic,
} from '../../analytics/hotspots/watch-topics.ts';
import { isBoardStaff } from '../../data/access.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { formatDateVi } from '../../data/time.ts';
import type { User } from '../../data/users.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { emptyState, html, type SafeHtml } from '../html.ts';
import { formatNumber, isMessageKey, sentimentLabel, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { inScope, langOf, param, sendPage, topicList, unitChoices } from '../route-helpers.ts';

const READERS = requireRole('admin', 'analyst', 'leader', 'officer');
const PROPOSER_ROLES = ['admin', 'analyst', 'officer'] as const;
const PROPOSERS = requireRole(...PROPOSER_ROLES);
const SEES_ALL: readonly string[] = ['admin', 'analyst', 'leader'];

/** A watch's bar as `lang` names it: `factorLabel('vi', 0.5)` → `'thấp (một nửa)'`; any other factor as a number. */
function factorLabel(lang: Lang, factor: number): string {
  const key = `watch.factor.${factor}`;
  return isMessageKey(key) ? t(lang, key) : String(factor);
}

function mayManage(user: User): boolean {
  return isBoardStaff(user.role);
}

function maySwitch(user: User, w: WatchTopic): boolean {
  return mayManage(user) || (user.role === 'officer' && !!user.unit_uid && user.unit_uid === w.proposed_by);
}

export function watchTopicRoutes(ctx: WebContext): Router {
  const router = Router();

  const visible = (user: User) =>
    listWatchTopics(ctx.db, SEES_ALL.includes(user.role) ? {} : { proposedBy: user.unit_uid ?? '(none)' });

  const propose = async (req: Request) => {
    const user = currentUser(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const proposer = mayManage(user) ? (param(body, 'proposed_by') ?? user.unit_uid) : user.unit_uid;
    if (!proposer) throw inputError('watch topic', 'proposed_by', 'your account has no unit or agency');
    const input = req.is('json') ? 'POST /api/watch-topics' : 'watch topic';
    const topic = await proposeWatchTopic(ctx.db, input, body, { proposer, now: ctx.now() });
    await ctx.audit(req, 'watch_topic.propose', topic.id, {
      name: topic.name,
      query: topic.query,
      topic: topic.topic_id,
    });
    return topic;
  };

  const setActive = async (req: Request, id: string) => {
    const user = currentUser(req);
    const current = (await visible(user)).find((w) => w.id === id);
    if (!current) throw new DlxhError('NOT_FOUND', `watch topic ${id}: not found`);
    if (!maySwitch(user, current))
      throw new DlxhError('FORBIDDEN', `watch topic ${id}: proposed by another unit`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const active = body.active === true || body.active === '1' || body.active === 'true';
    const changed = await setWatchTopicActive(ctx.db, id, active);
    await ctx.audit(req, active ? 'watch_topic.activate' : 'watch_topic.deactivate', id, {
      name: changed.name,
    });
    return changed;
  };

  router.get('/api/watch-topics', READERS, async (req, res) => {
    const topics = await visible(currentUser(req));
    const shown = new Set(topics.map((w) => w.id));
    const answers = await inScope(ctx, req, (scoped) => watchAnswers(scoped.db));
    res.json({ watch_topics: topics, answers: answers.filter((a) => shown.has(a.watch_topic_id)) });
  });
  router.post('/api/watch-topics', PROPOSERS, async (req, res) => {
    res.status(201).json({ watch_topic: await propose(req) });
  });
  router.post('/api/watch-topics/:id/active', PROPOSERS, async (req, res) => {
    res.json({ watch_topic: await setActive(req, String(req.params.id)) });
  });

  router.get('/watch-topics', READERS, async (req, res) => {
    const lang = langOf(req);
    const user = currentUser(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const topics = await visible(user);
    const shown = new Set(topics.map((w) => w.id));
    // Collaborators' answers, each read with its report's access rule.
    const [answers, summaries] = await inScope(ctx, req, async (scoped) => [
      (await watchAnswers(scoped.db)).filter((a) => shown.has(a.watch_topic_id)),
      new Map((await watchAnswerSummaries(scoped.db)).map((s) => [s.watch_topic_id, s])),
    ]);
    const body = html`<h1>${t(lang, 'watch.title')}</h1>
      <p class="muted">${t(lang, 'watch.intro')}</p>
      ${
        topics.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t(lang, 'watch.name')}</th>
                  <th>${t(lang, 'watch.query')}</th>
                  <th>${t(lang, 'common.locality')}</th>
                  <th>${t(lang, 'watch.threshold')}</th>
                  <th>${t(lang, 'watch.proposer')}</th>
                  <th class="num">${t(lang, 'watch.alerts')}</th>
                  <th class="num">${t(lang, 'watch.answerCount')}</th>
                  <th>${t(lang, 'common.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${topics.map(
                  (w) =>
                    html`<tr>
                      <td>
                        ${w.name}
                        <div class="muted">
                          ${formatDateVi(w.created_at)} · ${t(lang, 'watch.ask', { question: w.question })}
                        </div>
                      </td>
                      <td>${w.query ?? w.topic_name ?? w.topic_id}</td>
                      <td>${w.unit_name ?? t(lang, 'common.province')}</td>
                      <td>${factorLabel(lang, w.threshold_factor)}</td>
                      <td>${w.proposed_by_name ?? '—'}</td>
                      <td class="num">${w.alerts}</td>
                      <td class="num">${w.answers}</td>
                      <td>
                        ${t(lang, w.active ? 'watch.active' : 'watch.inactive')}
                        ${maySwitch(user, w) ? switchForm(lang, csrf, w) : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(t(lang, 'watch.empty'))
      }
      ${
        answers.length
          ? html`<h2>${t(lang, 'watch.answers')}</h2>
              ${topics
                .filter((w) => answers.some((a) => a.watch_topic_id === w.id))
                .map(
                  (w) =>
                    html`<h3>${w.name}</h3>
                      ${answerSummary(lang, summaries.get(w.id), answers.filter((a) => a.watch_topic_id === w.id).length)}
                      <ul>
                        ${answers
                          .filter((a) => a.watch_topic_id === w.id)
                          .map(
                            (a) =>
                              html`<li>
                                <span class="muted"
                                  >${a.period.slice(5, 7)}/${a.period.slice(0, 4)} ·
                                  ${a.unit_name ?? '—'}:</span
                                >
                                ${a.answer}
                                ${a.sentiment ? html`<span class="badge">${sentimentLabel(lang, a.sentiment)}</span>` : ''}
                              </li>`,
                          )}
                      </ul>`,
                )}`
          : ''
      }
      ${await templateForm(ctx, lang, user)}
      ${(PROPOSER_ROLES as readonly string[]).includes(user.role) && (mayManage(user) || user.unit_uid) ? await proposeForm(ctx, lang, user, csrf) : ''}`;
    sendPage(req, res, t(lang, 'watch.title'), body);
  });

  router.post('/watch-topics', PROPOSERS, async (req, res) => {
    await propose(req);
    res.redirect(303, '/watch-topics');
  });
  router.post('/watch-topics/:id/active', PROPOSERS, async (req, res) => {
    await setActive(req, String(req.params.id));
    res.redirect(303, '/watch-topics');
  });

  return router;
}

/** How many answered, from how many units, and how the NLP reads them; says when the list shows only the latest. */
function answerSummary(lang: Lang, s: WatchAnswerSummary | undefined, listed: number): SafeHtml {
  if (!s) return html``;
  const parts = [
    t(lang, 'watch.summary', {
      answers: formatNumber(lang, s.answers),
      units: formatNumber(lang, s.units),
      negative: formatNumber(lang, s.negative),
      neutral: formatNumber(lang, s.neutral),
      positive: formatNumber(lang, s.positive),
    }),
    ...(s.unscored ? [t(lang, 'watch.unscored', { n: formatNumber(lang, s.unscored) })] : []),
    ...(listed < s.answers ? [t(lang, 'watch.latest', { n: formatNumber(lang, listed) })] : []),
  ];
  return html`<p class="muted">${parts.join(' · ')}</p>`;
}

/**
 * Where units that send files learn how to answer: the board's staff download any unit's template, others their
 * own unit's (the route keeps them to their area).
 */
async function templateForm(ctx: WebContext, lang: Lang, user: User): Promise<SafeHtml> {
  const units = mayManage(user) ? await unitChoices(ctx.reads) : [];
  return html`<p class="muted">${t(lang, 'watch.files')}</p>
    <form method="get" action="/report-template.xlsx" class="filters" id="report-template">
      <label
        >${t(lang, 'watch.templateFor')}
        ${
          units.length
            ? html`<select name="unit">
                <option value="">${t(lang, 'common.province')}</option>
                ${units.map((u) => html`<option value="${u.uid}">${u.name}</option>`)}
              </select>`
            : html`<input type="hidden" name="unit" value="${user.unit_uid ?? ''}" />
                ${t(lang, 'watch.ownUnit')}`
        }</label
      >
      <button type="submit">${t(lang, 'common.download')}</button>
    </form>`;
}

function switchForm(lang: Lang, csrf: string, w: WatchTopic): SafeHtml {
  return html`<form method="post" action="/watch-topics/${encodeURIComponent(w.id)}/active">
    <input type="hidden" name="_csrf" value="${csrf}" />
    <input type="hidden" name="active" value="${w.active ? '0' : '1'}" />
    <button type="submit">${t(lang, w.active ? 'watch.switchOff' : 'watch.switchOn')}</button>
  </form>`;
}

async function proposeForm(ctx: WebContext, lang: Lang, user: User, csrf: string): Promise<SafeHtml> {
  const topics = await topicList(ctx.reads, lang);
  const units = await unitChoices(ctx.reads);
  return html`<h2>${t(lang, 'watch.propose')}</h2>
    <form method="post" action="/watch-topics" class="grid-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <label>${t(lang, 'watch.name')} <input name="name" required maxlength="120" /></label>
      <label
        >${t(lang, 'watch.queryField')}
        <input name="query" maxlength="1000" placeholder='"sạt lở" OR "nứt đất" NOT "diễn tập"'
      /></label>
      <label>${t(lang, 'watch.questionField')} <input name="question" maxlength="500" /></label>
      <label
        >${t(lang, 'watch.orTopic')}
        <select name="topic_id">
          <option value="">—</option>
          ${topics.map((tp) => html`<option value="${tp.id}">${tp.name}</option>`)}
        </select></label
      >
      <label
        >${t(lang, 'common.locality')}
        <select name="unit_uid">
          <option value="">${t(lang, 'common.province')}</option>
          ${units.map((u) => html`<option value="${u.uid}" ${u.uid === user.unit_uid ? html`selected` : ''}>${u.name}</option>`)}
        </select></label
      >
      <label
        >${t(lang, 'watch.threshold')}
        <select name="threshold_factor">
          ${WATCH_FACTORS.map(
            (f) =>
              html`<option value="${String(f)}" ${f === DEFAULT_WATCH_FACTOR ? html`selected` : ''}>
                ${factorLabel(lang, f)}
              </option>`,
          )}
        </select></label
      >
      <button type="submit">${t(lang, 'watch.submit')}</button>
    </form>`;
}
