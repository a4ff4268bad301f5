/** Khảo sát / surveys: results per question with 95% intervals and the disclosure block, cross-tabs by a second question. */
import { Router, type Request } from 'express';
import { formatDisclosureVi, publishEstimates } from '../../analytics/surveys/disclosure.ts';
import { publishOpenAnswers, type PublishedOpenAnswers } from '../../analytics/surveys/open-answers.ts';
import { summariseReports, type ReportSummaryRow } from '../../analytics/surveys/report-summary.ts';
import type { ScopedDb } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, href, html } from '../html.ts';
import { formatNumber, formatPercent, t, type Lang } from '../i18n.ts';
import { auditView, chartScripts, inScope, langOf, param, sendPage, tableExists } from '../route-helpers.ts';

interface SurveyRow {
  name: string;
  title: string | null;
  population: string | null;
  classification: number;
  respondents: number;
}
interface QuestionRow {
  name: string;
  label: string;
  type: string;
}

const ESTIMABLE = new Set(['select_one', 'select_multiple', 'integer', 'decimal', 'calculate']);

async function listSurveys(scoped: ScopedDb): Promise<SurveyRow[]> {
  if (!(await tableExists(scoped.db, 'surveys'))) return [];
  return scoped.db.all<SurveyRow>(
    `SELECT s.name, s.title, s.population, s.classification,
            (SELECT count(*) FROM survey_respondents r WHERE r.survey = s.name) AS respondents
     FROM surveys s ORDER BY s.updated_at DESC, s.name`,
  );
}

async function readSurvey(ctx: WebContext, req: Request, scoped: ScopedDb, name: string) {
  const survey = (await listSurveys(scoped)).find((s) => s.name === name);
  if (!survey) throw new DlxhError('NOT_FOUND', `survey ${name}: not found`);
  const questions = await scoped.db.all<QuestionRow>(
    'SELECT name, label, type FROM survey_questions WHERE survey = $name ORDER BY position',
    { name },
  );
  const query = req.query as Record<string, unknown>;
  const estimable = questions.filter((q) => ESTIMABLE.has(q.type));
  const openQuestions = questions.filter((q) => q.type === 'text');
  const question = param(query, 'q') ?? estimable[0]?.name;
  const by = param(query, 'by') ?? null;
  const isOpen = openQuestions.some((q) => q.name === question || q.name.endsWith(`/${question}`));
  const published =
    question && !isOpen ? await publishEstimates(scoped.db, { survey: name, question, by }) : null;
  const open =
    question && isOpen ? await publishOpenAnswers(scoped.db, { survey: name, question, by }) : null;
  await auditView(ctx, req, 'survey', name, survey.classification);
  return { survey, questions, estimable, openQuestions, question: question ?? null, by, published, open };
}

/** Open-ended answers by topic: share with its interval, sentiment, the answers that say it best. */
function openAnswersTable(lang: Lang, open: PublishedOpenAnswers) {
  const percent = (x: number | null) => formatPercent(lang, x);
  const rows = open.groups.flatMap((g) => g.topics.map((t) => ({ g, t })));
  if (rows.length === 0) return emptyState(`${t(lang, 'common.none')}.`);
  return html`<table class="open-answers">
    <thead>
      <tr>
        <th>nhóm</th>
        <th>chủ đề</th>
        <th class="num">số ý kiến</th>
        <th class="num">tỷ lệ</th>
        <th class="num">KTC 95%</th>
        <th class="num">tích cực / trung tính / tiêu cực</th>
        <th>ý kiến tiêu biểu</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ({ g, t: topic }) =>
          html`<tr>
            <td>${g.group_label ?? '—'}</td>
            <td>${topic.topic_name}</td>
            <td class="num">${topic.n === null ? '(*)' : formatNumber(lang, topic.n)}</td>
            <td class="num">${topic.suppressed ? '(*)' : percent(topic.estimate)}</td>
            <td class="num">
              ${topic.suppressed ? '' : `${percent(topic.ci_low)} – ${percent(topic.ci_high)}`}
            </td>
            <td class="num">
              ${
                topic.sentiment
                  ? `${topic.sentiment.positive} / ${topic.sentiment.neutral} / ${topic.sentiment.negative}`
                  : ''
              }
            </td>
            <td>
              ${
                topic.examples.length
                  ? html`<ul>
                      ${topic.examples.map((e) => html`<li>${e}</li>`)}
                    </ul>`
                  : ''
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Reports of the last periods, by topic and period. */
async function recentReports(scoped: ScopedDb, periods: number): Promise<ReportSummaryRow[]> {
  if (!(await tableExists(scoped.db, 'report_scores'))) return [];
  const rows = await summariseReports(scoped.db, { by: ['period'], examples: 0 });
  const latest = [...new Set(rows.map((r) => r.period!))].sort().slice(-periods);
  return rows.filter((r) => latest.includes(r.period!));
}

export function surveyRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst', 'leader');

  router.get('/api/surveys', roles, async (req, res) => {
    res.json({ surveys: await inScope(ctx, req, listSurveys) });
  });

  router.get('/api/surveys/:name', roles, async (req, res) => {
    const d = await inScope(ctx, req, (scoped) => readSurvey(ctx, req, scoped, String(req.params.name)));
    res.json({
      survey: d.survey,
      questions: d.questions,
      question: d.question,
      by: d.by,
      estimates: d.published?.rows ?? [],
      open: d.open ? { model_version: d.open.model_version, groups: d.open.groups } : null,
      disclosure: d.published?.disclosure ?? d.open?.disclosure ?? null,
    });
  });

  router.get('/api/reports/summary', roles, async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const by = (param(query, 'by') ?? 'unit,period').split(',').filter(Boolean);
    for (const b of by) {
      if (b !== 'unit' && b !== 'period') throw new DlxhError('INPUT', `by: invalid "${b}" (unit, period)`);
    }
    const rows = await inScope(ctx, req, (scoped) =>
      summariseReports(scoped.db, {
        from: param(query, 'from'),
        to: param(query, 'to'),
        by: by as ('unit' | 'period')[],
      }),
    );
    res.json({ rows });
  });

  router.get('/surveys', roles, async (req, res) => {
    const lang = langOf(req);
    const { surveys, reports } = await inScope(ctx, req, async (scoped) => ({
      surveys: await listSurveys(scoped),
      reports: await recentReports(scoped, 3),
    }));
    const body = html`<h1>${t(lang, 'surveys.title')}</h1>
      ${
        surveys.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t(lang, 'surveys.survey')}</th>
                  <th>${t(lang, 'surveys.population')}</th>
                  <th class="num">${t(lang, 'surveys.respondents')}</th>
                </tr>
              </thead>
              <tbody>
                ${surveys.map(
                  (s) =>
                    html`<tr>
                      <td>
                        <a href="/surveys/${encodeURIComponent(s.name)}">${s.title ?? s.name}</a>
                        ${s.classification > 0 ? classificationBadge(lang, s.classification) : ''}
                      </td>
                      <td>${s.population ?? ''}</td>
                      <td class="num">${formatNumber(lang, s.respondents)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(`${t(lang, 'common.none')}.`)
      }
      <h2>${t(lang, 'surveys.reportsTitle')}</h2>
      ${
        reports.length
          ? html`<table class="report-topics">
              <thead>
                <tr>
                  <th>${t(lang, 'common.topic')}</th>
                  <th>${t(lang, 'surveys.period')}</th>
                  <th class="num">${t(lang, 'surveys.reports')}</th>
                  <th class="num">${t(lang, 'surveys.tones')}</th>
                  <th class="num">${t(lang, 'surveys.mood')}</th>
                </tr>
              </thead>
              <tbody>
                ${reports.map(
                  (r) =>
                    html`<tr>
                      <td>${r.topic_name}</td>
                      <td>${r.period}</td>
                      <td class="num">${formatNumber(lang, r.reports)}</td>
                      <td class="num">
                        ${r.sentiment.positive} / ${r.sentiment.neutral} / ${r.sentiment.negative}
                      </td>
                      <td class="num">${formatNumber(lang, r.mood_score, 1)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(`${t(lang, 'common.none')}.`)
      }`;
    sendPage(req, res, t(lang, 'surveys.title'), body);
  });

  router.get('/surveys/:name', roles, async (req, res) => {
    const lang = langOf(req);
    const name = String(req.params.name);
    const d = await inScope(ctx, req, (scoped) => readSurvey(ctx, req, scoped, name));
    const rows = d.published?.rows ?? [];
    const proportion = (d.published ?? d.open)?.disclosure.estimate_kind === 'proportion';
    const value = (x: number | null) => (proportion ? formatPercent(lang, x) : formatNumber(lang, x, 2));
    const body = html`<p><a href="/surveys">← ${t(lang, 'common.back')}</a></p>
      <h1>${d.survey.title ?? d.survey.name} ${classificationBadge(lang, d.survey.classification)}</h1>
      <form method="get" action="/surveys/${encodeURIComponent(name)}" class="filters">
        <label
          >Câu hỏi
          <select name="q">
            ${d.estimable.map((q) => html`<option value="${q.name}" ${q.name === d.question ? html`selected` : ''}>${q.label}</option>`)}
            ${
              d.openQuestions.length
                ? html`<optgroup label="Câu hỏi mở (theo chủ đề)">
                    ${d.openQuestions.map((q) => html`<option value="${q.name}" ${q.name === d.question ? html`selected` : ''}>${q.label}</option>`)}
                  </optgroup>`
                : ''
            }
          </select></label
        >
        <label
          >Theo nhóm
          <select name="by">
            <option value="">—</option>
            ${d.estimable
              .filter((q) => q.type === 'select_one')
              .map(
                (q) =>
                  html`<option value="${q.name}" ${q.name === d.by ? html`selected` : ''}>
                    ${q.label}
                  </option>`,
              )}
          </select></label
        >
        <button type="submit">${t(lang, 'common.filter')}</button>
      </form>
      <div
        class="chart"
        id="chart-survey"
        data-api="${href(`/api/surveys/${encodeURIComponent(name)}`, { q: d.question, by: d.by })}"
      ></div>
      ${
        d.open
          ? openAnswersTable(lang, d.open)
          : rows.length
            ? html`<table>
                <thead>
                  <tr>
                    <th>nhóm</th>
                    <th>phương án</th>
                    <th class="num">ước lượng</th>
                    <th class="num">KTC 95%</th>
                    <th class="num">deff</th>
                    <th class="num">n</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr>
                        <td>${r.group_label ?? r.group ?? '—'}</td>
                        <td>${r.category_label ?? r.category ?? '—'}</td>
                        <td class="num">${r.suppressed ? '(*)' : value(r.estimate)}</td>
                        <td class="num">${r.suppressed ? '' : `${value(r.ci_low)} – ${value(r.ci_high)}`}</td>
                        <td class="num">${formatNumber(lang, r.deff, 2)}</td>
                        <td class="num">${r.n === null ? '(*)' : formatNumber(lang, r.n)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : emptyState(`${t(lang, 'common.none')}.`)
      }
      ${
        d.published || d.open
          ? html`<pre class="disclosure">${formatDisclosureVi((d.published ?? d.open)!.disclosure)}</pre>`
          : ''
      }`;
    sendPage(req, res, d.survey.title ?? d.survey.name, body, {
      scripts: chartScripts('/static/js/survey.js'),
    });
  });

  return router;
}
