/** Báo cáo của tôi: a contributor's own reports (page and API), and sending new ones (form and POST /api/reports). */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { watchQuestionsFor } from '../../analytics/hotspots/watch-topics.ts';
import { isBoardStaff, unitsInArea } from '../../data/access.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { localDay } from '../../data/time.ts';
import type { ReportRunReport } from '../../pipeline/report/ingest-reports.ts';
import { reportTemplate } from '../../pipeline/report/report-template.ts';
import { currentUser, requireRole, requireUser } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, classificationLabel, emptyState, html, type SafeHtml } from '../html.ts';
import { formatDate, t, type Lang } from '../i18n.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { requestState } from '../request-state.ts';
import { submitReports } from '../report-submission.ts';
import { inScope, langOf, namedUnit, sendPage } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

const sql = readSqlFile(new URL('./mine.sql', import.meta.url));

const API_INPUT = 'POST /api/reports';
const FORM_INPUT = 'POST /mine/reports';
/** The fields the form sends; anything else in its body (the CSRF token) is not part of the report. */
const FORM_FIELDS = [
  'id',
  'period',
  'unit',
  'locality',
  'organisation',
  'topics',
  'summary',
  'mood',
  'proposals',
  'classification',
] as const;
type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string | string[]>>;

/** Assessed moods offered by the form: the value stored (Vietnamese, as `moodScore` reads it) and its labels. */
const MOODS = [
  { value: 'Phấn khởi', en: 'Enthusiastic' },
  { value: 'Tích cực', en: 'Positive' },
  { value: 'Ổn định', en: 'Stable' },
  { value: 'Lo lắng', en: 'Worried' },
  { value: 'Bức xúc', en: 'Indignant' },
] as const;

interface OwnReport {
  id: string;
  period: string;
  organisation: string | null;
  unit_uid: string | null;
  unit_name: string | null;
  topics: string[];
  summary: string;
  mood: string | null;
  proposals: string | null;
  submitted_at: Date | null;
  classification: number;
  sentiment: string | null;
  sentiment_score: number | null;
}

/** `'2026-03'` → `'03/2026'`. */
function periodLabel(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

function sentimentLabel(lang: Lang, sentiment: string | null): string {
  if (sentiment === 'positive' || sentiment === 'negative' || sentiment === 'neutral')
    return t(lang, `common.${sentiment}`);
  return '—';
}

/** The report of a JSON body: one object, an array of them, or `{"reports": [...]}`. */
function bodyItems(body: unknown): unknown[] {
  const items = Array.isArray(body) ? body : (body as { reports?: unknown } | undefined)?.reports;
  const list = Array.isArray(items) ? items : [body];
  return list.map((item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== '_csrf'))
      : item,
  );
}

function formValues(body: unknown): FormValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of FORM_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') values[field] = value;
    else if (Array.isArray(value)) values[field] = value.map(String);
  }
  return values;
}

/** The form's answers to the watch topics' questions: fields `watch_<id>` → `{ id: answer }`. */
function watchValues(body: unknown): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(source)
      .filter(([key, value]) => key.startsWith('watch_') && typeof value === 'string')
      .map(([key, value]) => [key.slice('watch_'.length), value as string]),
  );
}

function runJson(report: ReportRunReport) {
  return {
    job_run_id: report.job_run_id,
    in: report.in,
    new: report.new,
    duplicate: report.duplicate,
    failed: report.failed,
    reports: report.outcomes.map((o) => ({ item: o.position, id: o.id, status: o.status })),
    errors: report.errors,
    warnings: report.warnings,
  };
}

export function mineRoutes(ctx: WebContext): Router {
  const router = Router();
  const contributor = requireRole('contributor');

  const ownReports = (req: Request) =>
    inScope(ctx, req, (scoped) => scoped.db.all<OwnReport>(sql('own_reports')));

  const reportForm = async (
    req: Request,
    values: FormValues,
    answers: Record<string, string>,
  ): Promise<SafeHtml> => {
    const lang = langOf(req);
    const user = currentUser(req);
    if (!ctx.pseudonymSecret) return emptyState(t(lang, 'mine.unavailable'));
    const units = user.unit_uid
      ? await ctx.reads.all<{ uid: string; name: string }>(sql('unit_choices'), {
          unit: user.unit_uid,
          area: JSON.stringify(await unitsInArea(ctx.reads, user.unit_uid)),
        })
      : [];
    const topics = await ctx.reads.all<{ id: string; name: string }>(sql('topic_choices'), { lang });
    const questions = await watchQuestionsFor(ctx.reads, user.unit_uid);
    const today = localDay(ctx.now());
    const chosen = (field: 'topics', id: string) =>
      [values[field] ?? []].flat().includes(id) ? html`checked` : '';
    const value = (field: keyof FormValues) => [values[field] ?? ''].flat()[0] ?? '';
    return html`<form method="post" action="/mine/reports" class="grid-form" id="report-form">
      <input type="hidden" name="_csrf" value="${requestState(req).session?.csrf ?? ''}" />
      <input type="hidden" name="id" value="${value('id') || randomUUID()}" />
      <label
        >${t(lang, 'mine.period')}
        <input
          name="period"
          required
          placeholder="mm/yyyy"
          value="${value('period') || `${today.slice(5, 7)}/${today.slice(0, 4)}`}"
      /></label>
      <label
        >${t(lang, 'common.unit')}
        <select name="unit">
          ${units.map(
            (u) =>
              html`<option
                value="${u.uid}"
                ${(value('unit') || user.unit_uid) === u.uid ? html`selected` : ''}
              >
                ${u.name}
              </option>`,
          )}
        </select></label
      >
      <label>${t(lang, 'mine.locality')} <input name="locality" value="${value('locality')}" /></label>
      <label
        >${t(lang, 'mine.organisation')} <input name="organisation" value="${value('organisation')}"
      /></label>
      <label
        >${t(lang, 'mine.mood')}
        <select name="mood">
          <option value="">—</option>
          ${MOODS.map(
            (m) =>
              html`<option value="${m.value}" ${value('mood') === m.value ? html`selected` : ''}>
                ${lang === 'en' ? m.en : m.value}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t(lang, 'common.classification')}
        <select name="classification">
          ${Array.from({ length: user.clearance + 1 }, (_, level) => level).map(
            (level) =>
              html`<option
                value="${level}"
                ${value('classification') === String(level) ? html`selected` : ''}
              >
                ${classificationLabel(lang, level)}
              </option>`,
          )}
        </select></label
      >
      <fieldset>
        <legend>${t(lang, 'common.topic')}</legend>
        ${topics.map(
          (tp) =>
            html`<label class="check"
              ><input type="checkbox" name="topics" value="${tp.id}" ${chosen('topics', tp.id)} />
              ${tp.name}</label
            >`,
        )}
      </fieldset>
      <label class="wide"
        >${t(lang, 'mine.summary')} <textarea name="summary" rows="5" required>${value('summary')}</textarea>
      </label>
      <label class="wide"
        >${t(lang, 'mine.proposals')} <textarea name="proposals" rows="3">${value('proposals')}</textarea>
      </label>
      ${
        questions.length
          ? html`<fieldset class="wide" id="watch-questions">
              <legend>${lang === 'en' ? "This period's questions" : 'Câu hỏi của kỳ này'}</legend>
              ${questions.map(
                (q) =>
                  html`<label class="wide"
                    >${q.question} <span class="muted">(${q.proposed_by_name ?? ''})</span>
                    <textarea name="watch_${q.id}" rows="2">${answers[q.id] ?? ''}</textarea>
                  </label>`,
              )}
            </fieldset>`
          : ''
      }
      <p class="muted wide">${t(lang, 'mine.privacy')}</p>
      <button type="submit">${t(lang, 'mine.send')}</button>
    </form>`;
  };

  const renderMine = async (
    req: Request,
    res: Response,
    options: {
      notice?: string;
      problems?: string[];
      values?: FormValues;
      answers?: Record<string, string>;
      status?: number;
    } = {},
  ) => {
    const lang = langOf(req);
    const reports = await ownReports(req);
    sendPage(
      req,
      res,
      t(lang, 'nav.mine'),
      html`<h1>${t(lang, 'nav.mine')}</h1>
        ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
        <h2>${t(lang, 'mine.submit')}</h2>
        ${
          options.problems?.length
            ? html`<div class="error" role="alert">
                <p>${t(lang, 'mine.rejected')}</p>
                <ul>
                  ${options.problems.map((p) => html`<li>${p}</li>`)}
                </ul>
              </div>`
            : ''
        }
        ${await reportForm(req, options.values ?? {}, options.answers ?? {})}
        <p class="muted">
          ${lang === 'en' ? 'Sending many reports as a file?' : 'Gửi nhiều báo cáo bằng tệp?'}
          <a href="/report-template.xlsx" download
            >${
              lang === 'en'
                ? "Download the Excel template, with this period's questions"
                : 'Tải mẫu tệp Excel, có các câu hỏi của kỳ này'
            }</a
          >
        </p>
        <h2>${t(lang, 'mine.list')}</h2>
        ${
          reports.length
            ? html`<table>
                <thead>
                  <tr>
                    <th>${t(lang, 'mine.period')}</th>
                    <th>${t(lang, 'common.unit')}</th>
                    <th>${t(lang, 'mine.organisation')}</th>
                    <th>${t(lang, 'mine.summary')}</th>
                    <th>${t(lang, 'mine.mood')}</th>
                    <th>${t(lang, 'mine.nlp')}</th>
                    <th>${t(lang, 'mine.submittedAt')}</th>
                    <th>${t(lang, 'common.classification')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${reports.map(
                    (r) =>
                      html`<tr id="${r.id}">
                        <td>${periodLabel(r.period)}</td>
                        <td>${r.unit_name ?? ''}</td>
                        <td>${r.organisation ?? ''}</td>
                        <td>${r.summary}</td>
                        <td>${r.mood ?? ''}</td>
                        <td>${sentimentLabel(lang, r.sentiment)}</td>
                        <td>${formatDate(r.submitted_at)}</td>
                        <td>${classificationBadge(lang, r.classification)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : emptyState(`${t(lang, 'common.none')}.`)
        }`,
      { status: options.status },
    );
  };

  router.get('/api/mine', contributor, async (req, res) => {
    res.json({ reports: jsonRows(await ownReports(req)) });
  });

  router.post('/api/reports', contributor, async (req, res) => {
    const report = await submitReports(ctx, req, bodyItems(req.body), API_INPUT);
    res.status(report.failed ? 400 : report.new ? 201 : 200).json(runJson(report));
  });

  // The XLSX template for sending reports as a file, with the watch questions put to one unit: contributors and
  // officers for their own unit or one in its area, the board's staff for any unit (or none: province-wide only).
  router.get('/report-template.xlsx', requireUser(), async (req, res) => {
    const user = currentUser(req);
    const asked = typeof req.query.unit === 'string' && req.query.unit.trim() ? req.query.unit.trim() : null;
    const uid = asked ?? user.unit_uid;
    const input = 'GET /report-template.xlsx';
    const unit = uid ? await namedUnit(ctx.reads, uid) : undefined;
    if (uid && !unit) throw inputError(input, 'unit', `unknown unit "${uid}"`);
    if (
      unit &&
      !isBoardStaff(user.role) &&
      unit.uid !== user.unit_uid &&
      !(user.unit_uid && (await unitsInArea(ctx.reads, user.unit_uid)).includes(unit.uid))
    )
      throw new DlxhError('FORBIDDEN', `${input}: unit "${unit.uid}" is outside your area`);
    const xlsx = await reportTemplate({
      unit: unit ?? null,
      questions: await watchQuestionsFor(ctx.reads, unit?.uid ?? null),
      topics: await ctx.reads.all<{ id: string; name: string }>(sql('topic_choices'), { lang: 'vi' }),
      now: ctx.now(),
    });
    const name = `mau-bao-cao-${unit ? unit.uid.replace(/[^0-9a-z]+/gi, '-') : 'toan-tinh'}.xlsx`;
    res.attachment(name).send(xlsx);
  });

  router.get('/mine', contributor, async (req, res) => {
    const session = requestState(req).session;
    const notice = session?.flash;
    if (session) delete session.flash;
    await renderMine(req, res, { notice });
  });

  router.post('/mine/reports', contributor, async (req, res) => {
    const lang = langOf(req);
    const values = formValues(req.body);
    const answers = watchValues(req.body);
    const report = await submitReports(ctx, req, [{ ...values, watch_answers: answers }], FORM_INPUT);
    const outcome = report.outcomes[0]!;
    if (outcome.status === 'failed') {
      const prefix = `${FORM_INPUT}: ${outcome.position}: `;
      const problems = report.errors.map((e) => (e.startsWith(prefix) ? e.slice(prefix.length) : e));
      return renderMine(req, res, { problems, values, answers, status: 400 });
    }
    const session = requestState(req).session;
    if (session)
      session.flash = t(lang, outcome.status === 'new' ? 'mine.sent' : 'mine.already', {
        id: outcome.id ?? '',
      });
    res.redirect(303, '/mine');
  });

  return router;
}
