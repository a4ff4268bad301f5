/**
 * Kế hoạch khảo sát / survey plan: units and agencies file written requests for a survey or opinion study; the
 * board's staff keep the year's plan with the status of each (analytics/surveys/requests.ts). Officers file in the
 * name of their own unit or agency and may withdraw its requests; analysts and admins file for anyone and move
 * requests along the plan; leaders read. Everyone sees only the requests their scope allows (data/access.ts).
 */
import { Router, type Request, type Response } from 'express';
import {
  allowedActions,
  countByStatus,
  fileRequest,
  listRequests,
  readRequest,
  REQUEST_ACTION_VI,
  REQUEST_STATUSES,
  requestEvents,
  transitionRequest,
  type RequestAction,
  type RequestStatus,
  type SurveyRequest,
} from '../../analytics/surveys/requests.ts';
import { isBoardStaff } from '../../data/access.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { formatDateVi, localDay } from '../../data/time.ts';
import type { User } from '../../data/users.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, classificationLabel, emptyState, html, type SafeHtml } from '../html.ts';
import { t, type Lang, type MessageKey } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import {
  dateInput,
  displayDay,
  inScope,
  intParam,
  isoDay,
  langOf,
  param,
  params,
  sendPage,
  topicCheckboxes,
  topicList,
  unitChoices,
  wantsJson,
} from '../route-helpers.ts';

const READERS = requireRole('admin', 'analyst', 'leader', 'officer');
const FILER_ROLES = ['admin', 'analyst', 'officer'] as const;
const FILERS = requireRole(...FILER_ROLES);
function mayManage(user: User): boolean {
  return isBoardStaff(user.role);
}

/** Who may take `action` on `request`: the board's staff any; the requesting unit's own users only withdraw. */
function mayAct(user: User, request: SurveyRequest, action: RequestAction): boolean {
  if (mayManage(user)) return true;
  return action === 'withdraw' && user.role === 'officer' && user.unit_uid === request.requester_uid;
}

/** A request's status as `lang` names it: `requestStatus('vi', 'reported')` → `'Đã có kết quả'`. */
function requestStatus(lang: Lang, status: RequestStatus): string {
  return t(lang, `surveyPlan.status.${status}`);
}

function statusCell(lang: Lang, r: SurveyRequest): SafeHtml {
  return html`${requestStatus(lang, r.status)}${r.overdue ? html` <span class="badge">${t(lang, 'inbox.overdue')}</span>` : ''}`;
}

/** The request form's fields as `fileRequest` reads them; an officer always files for their own unit. */
function requestBody(req: Request, user: User): Record<string, unknown> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const wanted = param(body, 'wanted_by');
  const requester = mayManage(user) ? (param(body, 'requester_uid') ?? user.unit_uid) : user.unit_uid;
  if (!requester)
    throw inputError('survey request', 'requester_uid', 'your account has no unit or agency to file for');
  const classification = body.classification;
  if (classification !== undefined && classification !== '' && Number(classification) > user.clearance)
    throw inputError('survey request', 'classification', 'higher than your own clearance');
  return {
    ...body,
    requester_uid: requester,
    topics: Array.isArray(body.topics) ? body.topics : params(body, 'topics'),
    wanted_by: wanted === undefined ? undefined : isoDay(wanted),
  };
}

export function surveyPlanRoutes(ctx: WebContext): Router {
  const router = Router();

  const plan = (req: Request, year: number | null) =>
    inScope(ctx, req, (scoped) => listRequests(scoped.db, { year, now: ctx.now() }));
  const one = async (req: Request, id: string) => {
    const request = await inScope(ctx, req, (scoped) => readRequest(scoped.db, id, ctx.now()));
    if (!request) throw new DlxhError('NOT_FOUND', `survey request ${id}: not found`);
    return request;
  };

  const file = async (req: Request) => {
    const user = currentUser(req);
    const request = await fileRequest(
      ctx.db,
      wantsJson(req) ? 'POST /api/survey-requests' : 'survey request',
      requestBody(req, user),
      {
        actor: user.username,
        now: ctx.now(),
      },
    );
    await ctx.audit(req, 'survey_request.file', request.id, {
      requester: request.requester_uid,
      title: request.title,
    });
    return request;
  };

  const act = async (req: Request, id: string) => {
    const user = currentUser(req);
    const request = await one(req, id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = param(body, 'action') ?? '';
    if (
      (REQUEST_ACTION_VI as Record<string, string>)[action] &&
      !mayAct(user, request, action as RequestAction)
    )
      throw new DlxhError('FORBIDDEN', `survey request ${id}: ${user.role} may not ${action} it`);
    const moved = await transitionRequest(ctx.db, id, action, {
      actor: user.username,
      now: ctx.now(),
      note: param(body, 'note') ?? null,
      survey: param(body, 'survey') ?? null,
    });
    await ctx.audit(req, `survey_request.${action}`, id, { status: moved.status, survey: moved.survey });
    return moved;
  };

  router.get('/api/survey-requests', READERS, async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const year = param(query, 'year') === undefined ? null : intParam(query, 'year', 0, 2000, 2100);
    res.json({ requests: await plan(req, year) });
  });
  router.get('/api/survey-requests/:id', READERS, async (req, res) => {
    const id = String(req.params.id);
    const request = await one(req, id);
    res.json({ request, events: await requestEvents(ctx.db, id) });
  });
  router.post('/api/survey-requests', FILERS, async (req, res) => {
    res.status(201).json({ request: await file(req) });
  });
  router.post('/api/survey-requests/:id/status', READERS, async (req, res) => {
    res.json({ request: await act(req, String(req.params.id)) });
  });

  router.get('/survey-plan', READERS, async (req, res) => {
    const lang = langOf(req);
    const user = currentUser(req);
    const thisYear = Number(localDay(ctx.now()).slice(0, 4));
    const year = intParam(req.query as Record<string, unknown>, 'year', thisYear, 2000, 2100);
    const requests = await plan(req, year);
    const counts = countByStatus(requests);
    const csrf = requestState(req).session?.csrf ?? '';
    const canFile =
      (FILER_ROLES as readonly string[]).includes(user.role) && (mayManage(user) || !!user.unit_uid);
    const body = html`<h1>${t(lang, 'surveyPlan.yearTitle', { year })}</h1>
      <form method="get" action="/survey-plan" class="filters">
        <label
          >${t(lang, 'surveyPlan.year')}
          <input type="number" name="year" value="${year}" min="2000" max="2100" />
        </label>
        <button type="submit">${t(lang, 'common.filter')}</button>
      </form>
      <p class="muted">
        ${REQUEST_STATUSES.map((s) => `${requestStatus(lang, s)}: ${counts[s]}`).join(' · ')}
        ${requests.some((r) => r.overdue) ? ` · ${t(lang, 'surveyPlan.overdueCount', { n: requests.filter((r) => r.overdue).length })}` : ''}
      </p>
      ${
        requests.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t(lang, 'surveyPlan.number')}</th>
                  <th>${t(lang, 'surveyPlan.request')}</th>
                  <th>${t(lang, 'surveyPlan.requester')}</th>
                  <th>${t(lang, 'common.locality')}</th>
                  <th>${t(lang, 'surveyPlan.wanted')}</th>
                  <th>${t(lang, 'common.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${requests.map(
                  (r) =>
                    html`<tr>
                      <td><a href="/survey-plan/${encodeURIComponent(r.id)}">${r.id}</a></td>
                      <td>
                        ${r.title} ${r.classification > 0 ? classificationBadge(lang, r.classification) : ''}
                      </td>
                      <td>${r.requester_name}</td>
                      <td>${r.locality_name ?? t(lang, 'common.province')}</td>
                      <td>${displayDay(r.wanted_by ?? undefined) || '—'}</td>
                      <td>
                        ${statusCell(lang, r)}
                        ${r.survey ? html`<div><a href="/surveys/${encodeURIComponent(r.survey)}">${r.survey}</a></div>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(t(lang, 'surveyPlan.empty', { year }))
      }
      ${canFile ? await requestForm(ctx, lang, user, csrf, year) : ''}`;
    sendPage(req, res, t(lang, 'nav.surveyPlan'), body);
  });

  router.post('/survey-plan/requests', FILERS, async (req, res) => {
    const request = await file(req);
    res.redirect(303, `/survey-plan/${encodeURIComponent(request.id)}`);
  });

  router.get('/survey-plan/:id', READERS, async (req, res) => {
    await detailPage(ctx, req, res, await one(req, String(req.params.id)));
  });

  router.post('/survey-plan/:id/status', READERS, async (req, res) => {
    const moved = await act(req, String(req.params.id));
    res.redirect(303, `/survey-plan/${encodeURIComponent(moved.id)}`);
  });

  return router;
}

async function requestForm(
  ctx: WebContext,
  lang: Lang,
  user: User,
  csrf: string,
  year: number,
): Promise<SafeHtml> {
  const topics = await topicList(ctx.reads, lang);
  const places = await unitChoices(ctx.reads);
  const requesters = mayManage(user) ? await unitChoices(ctx.reads, { agencies: true }) : [];
  return html`<h2 id="new">${t(lang, 'surveyPlan.new')}</h2>
    <form method="post" action="/survey-plan/requests" class="grid-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      ${
        mayManage(user)
          ? html`<label
              >${t(lang, 'surveyPlan.requester')}
              <select name="requester_uid" required>
                ${requesters.map(
                  (u) =>
                    html`<option value="${u.uid}" ${u.uid === user.unit_uid ? html`selected` : ''}>
                      ${u.name}
                    </option>`,
                )}
              </select></label
            >`
          : ''
      }
      <label>${t(lang, 'surveyPlan.titleField')} <input name="title" required maxlength="200" /></label>
      <label
        >${t(lang, 'surveyPlan.purposeField')}
        <textarea name="purpose" required maxlength="4000" rows="3"></textarea>
      </label>
      <label>${t(lang, 'surveyPlan.populationField')} <input name="population" maxlength="500" /></label>
      <label
        >${t(lang, 'common.locality')}
        <select name="locality_uid">
          <option value="">${t(lang, 'common.province')}</option>
          ${places.map(
            (p) =>
              html`<option value="${p.uid}" ${p.uid === user.unit_uid ? html`selected` : ''}>
                ${p.name}
              </option>`,
          )}
        </select></label
      >
      <fieldset>
        <legend>${t(lang, 'common.topic')}</legend>
        ${topicCheckboxes(topics, [])}
      </fieldset>
      <label
        >${t(lang, 'surveyPlan.questions')} <textarea name="questions" maxlength="8000" rows="4"></textarea>
      </label>
      <label>${t(lang, 'surveyPlan.wantedByField')} ${dateInput('wanted_by', undefined)}</label>
      <label
        >${t(lang, 'surveyPlan.planYear')}
        <input type="number" name="plan_year" value="${year}" min="2000" max="2100"
      /></label>
      <label
        >${t(lang, 'common.classification')}
        <select name="classification">
          ${[0, 1, 2, 3]
            .filter((level) => level <= user.clearance)
            .map((level) => html`<option value="${level}">${classificationLabel(lang, level)}</option>`)}
        </select></label
      >
      <button type="submit">${t(lang, 'surveyPlan.file')}</button>
    </form>`;
}

async function detailPage(ctx: WebContext, req: Request, res: Response, r: SurveyRequest): Promise<void> {
  const lang = langOf(req);
  const user = currentUser(req);
  const csrf = requestState(req).session?.csrf ?? '';
  const events = await requestEvents(ctx.db, r.id);
  const topics = new Map((await topicList(ctx.reads, lang)).map((tp) => [tp.id, tp.name]));
  const actions = allowedActions(r.status).filter((a) => mayAct(user, r, a));
  const field = (label: MessageKey, value: SafeHtml | string | null) =>
    value
      ? html`<tr>
          <th scope="row">${t(lang, label)}</th>
          <td>${value}</td>
        </tr>`
      : '';
  const body = html`<p>
      <a href="/survey-plan?year=${r.plan_year}"
        >← ${t(lang, 'surveyPlan.yearTitle', { year: r.plan_year })}</a
      >
    </p>
    <h1>${r.id}: ${r.title} ${classificationBadge(lang, r.classification)}</h1>
    <table>
      <tbody>
        ${field('common.status', statusCell(lang, r))} ${field('surveyPlan.requester', r.requester_name)}
        ${field('surveyPlan.purpose', r.purpose)} ${field('surveys.population', r.population)}
        ${field('common.locality', r.locality_name ?? t(lang, 'common.province'))}
        ${field('surveyPlan.topics', r.topics.map((id) => topics.get(id) ?? id).join(', '))}
        ${field('surveyPlan.questions', r.questions)}
        ${field('surveyPlan.wantedBy', displayDay(r.wanted_by ?? undefined))}
        ${field('inbox.note', r.status_note)}
        ${field('surveys.survey', r.survey ? html`<a href="/surveys/${encodeURIComponent(r.survey)}">${r.survey}</a>` : null)}
      </tbody>
    </table>
    <h2>${t(lang, 'surveyPlan.history')}</h2>
    <ol>
      ${events.map(
        (e) =>
          html`<li>
            ${formatDateVi(e.at, true)} · ${e.actor} ·
            ${requestStatus(lang, e.to_status)}${e.note ? html`: ${e.note}` : ''}
          </li>`,
      )}
    </ol>
    ${actions.map(
      (a) =>
        html`<form method="post" action="/survey-plan/${encodeURIComponent(r.id)}/status" class="grid-form">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <input type="hidden" name="action" value="${a}" />
          ${a === 'report' ? html`<label>${t(lang, 'surveyPlan.surveyName')} <input name="survey" required /></label>` : ''}
          <label
            >${t(lang, a === 'decline' ? 'surveyPlan.reason' : 'inbox.note')}
            <input name="note" ${a === 'decline' ? html`required minlength="10"` : ''} maxlength="2000"
          /></label>
          <button type="submit">${t(lang, `surveyPlan.action.${a}`)}</button>
        </form>`,
    )}`;
  sendPage(req, res, `${r.id}: ${r.title}`, body);
}
