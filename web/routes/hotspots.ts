/** Điểm nóng / hot spots: the list with filters and severity, and a detail page with explanation, series, evidence, routing and case timeline. */
import { SEVERITY_FACTORS } from '../../analytics/hotspots/severity.ts';
import { Router, type Request } from 'express';
import {
  alertAreaReports,
  alertSeries,
  flashReport,
  reportMonths,
  type AreaReport,
} from '../../analytics/briefings/flash-report.ts';
import { renderBriefingDocx } from '../../analytics/briefings/render-docx.ts';
import { renderBriefingHtml } from '../../analytics/briefings/render-html.ts';
import { scopeKey, type ScopedDb } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { DOCX_TYPE } from '../../analytics/briefings/deliver-briefing.ts';
import type { NamedAlertRow } from '../../analytics/hotspots/store-alerts.ts';
import { sendSelfContained } from '../self-contained-page.ts';
import { currentScope, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, html, safeUrl, type SafeHtml } from '../html.ts';
import { requestState } from '../request-state.ts';
import {
  caseEventLabel,
  formatDate,
  formatNumber,
  formatPercent,
  formatProbability,
  statusLabel,
  t,
  type Lang,
} from '../i18n.ts';
import {
  auditView,
  chartScripts,
  contentVersion,
  inScope,
  namedUnit,
  intParam,
  langOf,
  param,
  sendPage,
  tableExists,
  topicFilter,
  topicList,
} from '../route-helpers.ts';
import { JsonBody } from '../json-body.ts';
import { caseActionsForm, openCaseTargets, type CaseRow } from './inbox.ts';

const sql = readSqlFile(new URL('./hotspots.sql', import.meta.url));

export const SEVERITIES = ['khẩn', 'cao', 'trung bình', 'thấp'];
const STATUSES = ['open', 'closed', 'dismissed'];

export type AlertRow = NamedAlertRow;

interface EvidenceDoc {
  id: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published_at: Date | null;
  classification: number;
  snippet: string;
}

interface CaseEvent {
  occurred_at: Date;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

function listFilters(req: Request) {
  const query = req.query as Record<string, unknown>;
  const status = param(query, 'status') ?? 'open';
  const severity = param(query, 'severity') ?? null;
  if (status !== 'all' && !STATUSES.includes(status))
    throw new DlxhError('INPUT', `status: invalid value "${status}"`);
  if (severity && !SEVERITIES.includes(severity))
    throw new DlxhError('INPUT', `severity: invalid value "${severity}"`);
  return {
    status: status === 'all' ? null : status,
    severity,
    topic: param(query, 'topic') ?? null,
    unit: param(query, 'unit') ?? null,
    limit: intParam(query, 'limit', 200, 1, 1000),
  };
}

async function listAlerts(scoped: ScopedDb, filters: ReturnType<typeof listFilters>): Promise<AlertRow[]> {
  if (!(await tableExists(scoped.db, 'alerts'))) return [];
  return scoped.db.all<AlertRow>(sql('list'), filters);
}

/** What a hot-spot list reads besides the access rule's tables: a document ingest leaves the list as it was. */
const HOTSPOT_SOURCES = ['alerts', 'topics', 'units'];

/**
 * The hot spots `filters` select for the request's user, shaped by `shape` (the page's rows, the API's JSON),
 * kept per scope and filters until the database is written (`Db.dataVersion`) and the tables it reads change.
 */
async function cachedAlerts<T>(
  ctx: WebContext,
  req: Request,
  filters: ReturnType<typeof listFilters>,
  use: string,
  shape: (alerts: AlertRow[]) => T,
): Promise<T> {
  const scope = await currentScope(ctx, req);
  return (await ctx.answerCache.get(
    JSON.stringify(['hotspots', use, scopeKey(scope), filters]),
    ctx.db.dataVersion,
    async () => shape(await inScope(ctx, req, (scoped) => listAlerts(scoped, filters))),
    () => contentVersion(ctx.reads, HOTSPOT_SOURCES),
  )) as T;
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readAlert(ctx: WebContext, req: Request, scoped: ScopedDb, id: string) {
  if (!(await tableExists(scoped.db, 'alerts')))
    throw new DlxhError('NOT_FOUND', `hot spot ${id}: not found`);
  const alert = await scoped.db.one<AlertRow>(sql('one'), { id });
  if (!alert) throw new DlxhError('NOT_FOUND', `hot spot ${id}: not found`);
  const evidence = alert.doc_ids.length
    ? await scoped.db.all<EvidenceDoc>(sql('evidence'), { ids: alert.doc_ids })
    : [];
  const caseRow = (await tableExists(scoped.db, 'cases'))
    ? await scoped.db.one<CaseRow>(sql('case_of_alert'), { id })
    : undefined;
  const events = caseRow ? await scoped.db.all<CaseEvent>(sql('case_events'), { id: caseRow.id }) : [];
  const mergeTargets =
    caseRow && (caseRow.status === 'received' || caseRow.status === 'verifying')
      ? await openCaseTargets(scoped.db)
      : [];
  await auditView(ctx, req, 'alert', id, alert.classification);
  const explanation = parseJson(alert.explanation);
  return {
    alert,
    explanation,
    reports: await alertAreaReports(scoped.db, ctx.reads, alert),
    series: alertSeries(explanation),
    evidence,
    hiddenEvidence: alert.doc_ids.length - evidence.length,
    case: caseRow ?? null,
    events,
    mergeTargets,
  };
}

function alertJson(a: AlertRow) {
  return {
    ...a,
    explanation: parseJson(a.explanation),
    first_seen: toLocalIso(a.first_seen),
    last_seen: toLocalIso(a.last_seen),
    detected_at: toLocalIso(a.detected_at),
  };
}

function severityBadge(severity: string): SafeHtml {
  return html`<span class="sev sev-${severity.replaceAll(' ', '-')}">${severity}</span>`;
}

/** The explanation's fields as the detector stores them; each is checked before it is shown (older alerts differ). */
type Explanation = Record<string, unknown>;

const OUTLETS_SHOWN = 10;

function num(e: Explanation, key: string): number | null {
  const v = e[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function list<T>(e: Explanation, key: string, ok: (v: unknown) => v is T): T[] {
  const v = e[key];
  return Array.isArray(v) ? v.filter(ok) : [];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function unitPath(value: unknown): string | null {
  if (!isObject(value)) return null;
  const path = Array.isArray(value.path) ? value.path.filter((p) => typeof p === 'string') : [];
  if (path.length) return path.join(' › ');
  return typeof value.name === 'string' ? value.name : null;
}

/** What analysts' dismissals did to the alert's bar, or null when none held. */
function dismissalsText(lang: Lang, value: unknown): string | null {
  if (!isObject(value)) return null;
  const count = num(value, 'count');
  const factor = num(value, 'alpha_factor');
  const days = num(value, 'memory_days');
  if (count === null || factor === null || days === null || count <= 0) return null;
  return t(lang, 'explain.dismissalsText', {
    count: formatNumber(lang, count),
    days: formatNumber(lang, days),
    factor: formatProbability(lang, factor),
  });
}

/** Whose view a flash report shows: the whole province, or the reader's unit or agency. */
async function scopeName(ctx: WebContext, scoped: ScopedDb, lang: Lang): Promise<string> {
  const unit = scoped.scope.viewer.unit_uid;
  const named = scoped.scope.province || !unit ? undefined : await namedUnit(ctx.reads, unit);
  return named?.name ?? t(lang, 'common.province');
}

/** What the collaborators on the ground reported from the alert's area on its topic, the latest first. */
function renderAreaReports(lang: Lang, a: AlertRow, reports: readonly AreaReport[]): SafeHtml {
  const { from, to } = reportMonths(a);
  const month = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
  const total = reports[0]?.total ?? 0;
  return html`<h2 id="area-reports">${t(lang, 'hotspots.reports')}</h2>
    ${
      reports.length
        ? html`<p class="muted">
              ${t(lang, 'hotspots.reportsSummary', {
                n: formatNumber(lang, total),
                from: month(from),
                to: month(to),
              })}${total > reports.length ? ` · ${t(lang, 'hotspots.reportsLatest', { n: reports.length })}` : ''}
            </p>
            <ul class="evidence">
              ${reports.map(
                (r) =>
                  html`<li>
                    <span class="muted"
                      >${month(r.period)} · ${r.unit_name ?? '—'}${r.mood ? ` · ${r.mood}` : ''}</span
                    >
                    ${r.classification > 0 ? classificationBadge(lang, r.classification) : ''}
                    <div class="snippet">${r.answer ?? truncate(r.summary, 280)}</div>
                  </li>`,
              )}
            </ul>`
        : emptyState(t(lang, 'hotspots.reportsNone', { from: month(from), to: month(to) }))
    }`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The explanation an analyst reads: the detector's sentence, the test's figures, outlets, terms and severity. */
function renderExplanation(lang: Lang, value: unknown): SafeHtml {
  if (!isObject(value)) return html`—`;
  const e = value;
  const row = (label: string, shown: string | SafeHtml | null) =>
    shown === null || shown === ''
      ? ''
      : html`<dt>${label}</dt>
          <dd>${shown}</dd>`;
  const n = (key: string, digits?: number) => {
    const v = num(e, key);
    return v === null ? null : formatNumber(lang, v, digits);
  };
  const unit = unitPath(e.unit);
  const current = unitPath(e.current_unit);
  const p = num(e, 'p_value');
  const outlets = list(
    e,
    'outlets',
    (o): o is { name: string; documents: number } =>
      isObject(o) && typeof o.name === 'string' && typeof o.documents === 'number',
  );
  const elevated = list(
    e,
    'also_elevated',
    (u): u is { name: string; count: number; expected: number } =>
      isObject(u) &&
      typeof u.name === 'string' &&
      typeof u.count === 'number' &&
      typeof u.expected === 'number',
  );
  const terms = list(
    e,
    'terms',
    (term): term is { term: string; documents: number; history: number } =>
      isObject(term) && typeof term.term === 'string' && typeof term.documents === 'number',
  );
  const factors = isObject(e.severity_factors)
    ? Object.entries(e.severity_factors).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      )
    : [];
  const merged = list(e, 'merged', (m): m is string => typeof m === 'string');
  const factorLabel = (key: string) => {
    const known = SEVERITY_FACTORS.find((factor) => factor === key);
    return known ? t(lang, `explain.factor.${known}`) : key;
  };
  return html`${typeof e.summary === 'string' ? html`<p>${e.summary}</p>` : ''}
    <h3>${t(lang, 'explain.figures')}</h3>
    <dl class="explain">
      ${row(t(lang, 'explain.unit'), unit)}
      ${current && current !== unit ? row(t(lang, 'explain.currentUnit'), current) : ''}
      ${row(t(lang, 'explain.observed'), n('observed'))}
      ${row(t(lang, 'hotspots.expected'), n('expected', 2))} ${row(t(lang, 'explain.ratio'), n('ratio', 1))}
      ${row(t(lang, 'explain.pValue'), p === null ? null : formatProbability(lang, p))}
      ${row(t(lang, 'explain.method'), e.method === 'poisson' ? 'Poisson' : e.method === 'negative-binomial' ? t(lang, 'explain.negativeBinomial') : null)}
      ${row(t(lang, 'explain.alpha'), n('alpha', 2))} ${row(t(lang, 'explain.tested'), n('tested_series'))}
      ${row(t(lang, 'explain.stories'), n('stories'))} ${row(t(lang, 'explain.documents'), n('documents'))}
      ${row(t(lang, 'explain.dismissals'), dismissalsText(lang, e.dismissals))}
    </dl>
    ${
      outlets.length
        ? html`<h3>${t(lang, 'explain.outlets')}</h3>
            <table class="compact">
              <tbody>
                ${outlets.slice(0, OUTLETS_SHOWN).map(
                  (o) =>
                    html`<tr>
                      <td>${o.name}</td>
                      <td class="num">${formatNumber(lang, o.documents)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${
      elevated.length
        ? html`<h3>${t(lang, 'explain.alsoElevated')}</h3>
            <ul>
              ${elevated.map(
                (u) =>
                  html`<li>
                    ${u.name}: ${formatNumber(lang, u.count)} (${t(lang, 'hotspots.expected').toLowerCase()}
                    ${formatNumber(lang, u.expected, 1)})
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      terms.length
        ? html`<h3>${t(lang, 'explain.terms')}</h3>
            <table class="compact">
              <thead>
                <tr>
                  <th></th>
                  <th class="num">${t(lang, 'explain.documents')}</th>
                  <th class="num">${t(lang, 'explain.history')}</th>
                </tr>
              </thead>
              <tbody>
                ${terms.map(
                  (term) =>
                    html`<tr>
                      <td>${term.term}</td>
                      <td class="num">${formatNumber(lang, term.documents)}</td>
                      <td class="num">${formatNumber(lang, term.history)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    ${
      factors.length
        ? html`<h3>${t(lang, 'explain.severity')}</h3>
            <dl class="explain">
              ${factors.map(([key, v]) => row(factorLabel(key), formatNumber(lang, v, 1)))}
            </dl>`
        : ''
    }
    ${merged.length ? html`<p class="muted">${t(lang, 'explain.merged')}: ${merged.join(', ')}</p>` : ''}
    <details>
      <summary>${t(lang, 'explain.technical')}</summary>
      <pre>${JSON.stringify(e, null, 2)}</pre>
    </details>`;
}

function renderList(
  lang: Lang,
  alerts: AlertRow[],
  filters: ReturnType<typeof listFilters>,
  topics: { id: string; name: string }[],
) {
  return html`<h1>${t(lang, 'hotspots.title')}</h1>
    <p><a href="/watch-topics">${lang === 'en' ? 'Watch topics' : 'Chủ đề theo dõi'}</a></p>
    <form method="get" action="/hotspots" class="filters">
      <label
        >${t(lang, 'common.status')}
        <select name="status">
          ${['open', 'closed', 'dismissed', 'all'].map(
            (s) =>
              html`<option value="${s}" ${(filters.status ?? 'all') === s ? html`selected` : ''}>
                ${statusLabel(lang, s)}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t(lang, 'common.severity')}
        <select name="severity">
          <option value="">${t(lang, 'common.all')}</option>
          ${SEVERITIES.map((s) => html`<option value="${s}" ${filters.severity === s ? html`selected` : ''}>${s}</option>`)}
        </select></label
      >
      ${topicFilter(lang, topics, filters.topic)}
      <button type="submit">${t(lang, 'common.filter')}</button>
    </form>
    ${
      alerts.length
        ? html`<table class="hotspots">
            <thead>
              <tr>
                <th>${t(lang, 'common.severity')}</th>
                <th>${t(lang, 'hotspots.title')}</th>
                <th>${t(lang, 'common.unit')}</th>
                <th class="num">${t(lang, 'common.count')}</th>
                <th class="num">${t(lang, 'hotspots.expected')}</th>
                <th class="num">${t(lang, 'common.negShare')}</th>
                <th>${t(lang, 'common.time')}</th>
              </tr>
            </thead>
            <tbody>
              ${alerts.map(
                (a) =>
                  html`<tr>
                    <td>${severityBadge(a.severity)}</td>
                    <td>
                      <a href="/hotspots/${encodeURIComponent(a.id)}">${a.label}</a>
                      ${a.classification > 0 ? classificationBadge(lang, a.classification) : ''}
                    </td>
                    <td>${a.current_name ?? a.unit_name ?? a.unit_uid ?? '—'}</td>
                    <td class="num">${formatNumber(lang, a.count)}</td>
                    <td class="num">${formatNumber(lang, a.expected, 1)}</td>
                    <td class="num">${formatPercent(lang, a.neg_share)}</td>
                    <td>${formatDate(a.first_seen)} – ${formatDate(a.last_seen)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : emptyState(t(lang, 'common.none'))
    }`;
}

function renderDetail(lang: Lang, d: Awaited<ReturnType<typeof readAlert>>, csrf: string, canAct: boolean) {
  const a = d.alert;
  return html`<p><a href="/hotspots">← ${t(lang, 'common.back')}</a></p>
    <h1>${a.label} ${classificationBadge(lang, a.classification)}</h1>
    <p class="actions" id="flash-report">
      <a href="/hotspots/${encodeURIComponent(a.id)}/flash" target="_blank" rel="noopener"
        >${t(lang, 'hotspots.flash')}</a
      >
      <a href="/hotspots/${encodeURIComponent(a.id)}/flash.docx" download>DOCX</a>
    </p>
    <p>
      ${severityBadge(a.severity)} · ${a.topic_name ?? a.topic ?? ''} · ${a.current_name ?? a.unit_name ?? ''}
      · ${formatDate(a.first_seen, true)} – ${formatDate(a.last_seen, true)} · ${statusLabel(lang, a.status)}
    </p>
    <section class="cards">
      <div class="card">
        <div class="n">${formatNumber(lang, a.count)}</div>
        <div class="l">${t(lang, 'hotspots.observed')}</div>
      </div>
      <div class="card">
        <div class="n">${formatNumber(lang, a.expected, 1)}</div>
        <div class="l">${t(lang, 'hotspots.expected')}</div>
      </div>
      <div class="card">
        <div class="n">${formatPercent(lang, a.neg_share)}</div>
        <div class="l">${t(lang, 'common.negShare')}</div>
      </div>
      <div class="card">
        <div class="n">${formatNumber(lang, a.score, 0)}</div>
        <div class="l">score · p = ${formatProbability(lang, a.p_value)}</div>
      </div>
    </section>
    <h2>${t(lang, 'hotspots.series')}</h2>
    <div class="chart" id="chart-series" data-api="/api/hotspots/${encodeURIComponent(a.id)}"></div>
    ${d.series.length ? '' : emptyState(t(lang, 'common.none'))}
    <h2>${t(lang, 'hotspots.explanation')}</h2>
    <p>${a.top_terms.length ? html`<strong>${a.top_terms.join(', ')}</strong>` : ''}</p>
    ${renderExplanation(lang, d.explanation)}
    <h2>${t(lang, 'explain.allOutlets', { n: a.outlets.length })}</h2>
    <p>${a.outlets.join(', ') || '—'}</p>
    <h2>${t(lang, 'hotspots.evidence')}</h2>
    <ul class="evidence">
      ${d.evidence.map((doc) => {
        const url = safeUrl(doc.url);
        return html`<li>
          <a href="/documents/${encodeURIComponent(doc.id)}">${doc.title ?? doc.id}</a>
          ${doc.classification > 0 ? classificationBadge(lang, doc.classification) : ''}
          <span class="muted">${doc.outlet ?? ''} · ${formatDate(doc.published_at, true)}</span>
          ${url ? html`<a class="ext" href="${url}" rel="noopener noreferrer nofollow">↗</a>` : ''}
          <div class="snippet">${doc.snippet}</div>
        </li>`;
      })}
    </ul>
    ${d.hiddenEvidence > 0 ? html`<p class="muted">+ ${d.hiddenEvidence} (${t(lang, 'error.forbidden')})</p>` : ''}
    ${a.topic ? renderAreaReports(lang, a, d.reports) : ''}
    <h2>${t(lang, 'hotspots.routing')}</h2>
    ${
      d.case
        ? html`<p>
              ${d.case.assignee} ${d.case.recipients.length ? html`→ ${d.case.recipients.join(', ')}` : ''}
              ${d.case.escalated ? html`<span class="warn">${t(lang, 'case.escalated')}</span>` : ''} ·
              ${t(lang, 'inbox.deadline')}: ${formatDate(d.case.deadline, true)} ·
              ${statusLabel(lang, d.case.status)}
            </p>
            ${d.case.resolution_report ? html`<blockquote>${d.case.resolution_report}</blockquote>` : ''}
            ${canAct ? caseActionsForm(lang, d.case, csrf, `/hotspots/${a.id}`, d.mergeTargets) : ''}`
        : emptyState(t(lang, 'common.none'))
    }
    <h2>${t(lang, 'hotspots.timeline')}</h2>
    ${
      d.events.length
        ? html`<ol class="timeline">
            ${d.events.map(
              (e) =>
                html`<li>
                  <time>${formatDate(e.occurred_at, true)}</time> · ${e.actor} ·
                  ${caseEventLabel(lang, e.action)}
                  ${e.from_status || e.to_status ? html`(${statusLabel(lang, e.from_status)} → ${statusLabel(lang, e.to_status)})` : ''}
                  ${e.note ? html`<div>${e.note}</div>` : ''}
                </li>`,
            )}
          </ol>`
        : emptyState(t(lang, 'common.none'))
    }`;
}

export function hotspotRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst', 'leader', 'officer');

  router.get('/api/hotspots', roles, async (req, res) => {
    const body = await cachedAlerts(
      ctx,
      req,
      listFilters(req),
      'api',
      (alerts) => new JsonBody({ alerts: alerts.map(alertJson) }),
    );
    body.send(req, res);
  });

  router.get('/api/hotspots/:id', roles, async (req, res) => {
    const d = await inScope(ctx, req, (scoped) => readAlert(ctx, req, scoped, String(req.params.id)));
    res.json({
      alert: alertJson(d.alert),
      series: d.series,
      evidence: d.evidence.map((doc) => ({
        ...doc,
        published_at: doc.published_at ? toLocalIso(doc.published_at) : null,
      })),
      hidden_evidence: d.hiddenEvidence,
      reports: d.reports,
      case: d.case,
      events: d.events.map((e) => ({ ...e, occurred_at: toLocalIso(e.occurred_at) })),
    });
  });

  router.get('/hotspots', roles, async (req, res) => {
    const lang = langOf(req);
    const filters = listFilters(req);
    const alerts = await cachedAlerts(ctx, req, filters, 'page', (rows) => rows);
    const topics = await topicList(ctx.reads, lang);
    sendPage(req, res, t(lang, 'hotspots.title'), renderList(lang, alerts, filters, topics));
  });

  // A flash report (báo cáo nhanh) on the hot spot, made on demand through the reader's scope: HTML to read and
  // print, DOCX to edit and sign. Audited like an export.
  const flash = async (req: Request) => {
    const id = String(req.params.id);
    const lang = langOf(req);
    const report = await inScope(ctx, req, async (scoped) =>
      flashReport(scoped.db, ctx.db, ctx.reads, id, {
        lang,
        now: ctx.now(),
        scopeName: await scopeName(ctx, scoped, lang),
        maxClassification: scoped.scope.clearance,
      }),
    );
    await ctx.audit(req, 'alert.flash_report', `alert:${id}`, {
      classification: report.classification,
      lang,
    });
    return report;
  };
  router.get('/hotspots/:id/flash', roles, async (req, res) => {
    sendSelfContained(res, renderBriefingHtml(await flash(req)));
  });
  router.get('/hotspots/:id/flash.docx', roles, async (req, res) => {
    const report = await flash(req);
    res
      .type(DOCX_TYPE)
      .attachment(`${report.id}.docx`)
      .send(await renderBriefingDocx(report));
  });

  router.get('/hotspots/:id', roles, async (req, res) => {
    const lang = langOf(req);
    const d = await inScope(ctx, req, (scoped) => readAlert(ctx, req, scoped, String(req.params.id)));
    const state = requestState(req);
    const canAct = state.user?.role !== 'leader';
    sendPage(req, res, d.alert.label, renderDetail(lang, d, state.session?.csrf ?? '', canAct), {
      scripts: chartScripts('/static/js/hotspot.js'),
    });
  });

  return router;
}
