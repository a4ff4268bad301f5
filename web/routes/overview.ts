/** Tổng quan / overview: volume and sentiment over time, by topic, by unit (drill-down), open hot spots, freshness. */
import { Router, type Request } from 'express';
import { scopeKey } from '../../data/access.ts';
import { dailyCountsVersion, ensureDailyCounts } from '../../data/daily-counts.ts';
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { localDay, parseTime, toLocalIso } from '../../data/time.ts';
import { currentScope, currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationBadge, emptyState, href, html } from '../html.ts';
import { formatDate, formatNumber, formatPercent, t, type Lang } from '../i18n.ts';
import { JsonBody } from '../json-body.ts';
import {
  chartScripts,
  contentVersion,
  inScope,
  langOf,
  param,
  sendPage,
  tableExists,
  timeParam,
  dateInput,
} from '../route-helpers.ts';

const sql = readSqlFile(new URL('./overview.sql', import.meta.url));
const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

interface Totals {
  documents: number;
  negative: number;
  positive: number;
  outlets: number;
}
interface TopicRow {
  id: string;
  name_vi: string;
  name_en: string;
  n: number;
  negative_share: number;
}
interface UnitRow {
  uid: string | null;
  name: string | null;
  n: number;
  negative_share: number;
}
interface AlertRow {
  id: string;
  label: string;
  severity: string;
  score: number;
  topic: string | null;
  unit_uid: string | null;
  current_uid: string | null;
  first_seen: Date;
  last_seen: Date;
  count: number;
  classification: number;
}
interface FreshnessRow {
  source: string;
  documents: number;
  latest_published: Date | null;
  latest_ingested: Date | null;
  kind?: string | null;
  last_success_at?: Date | null;
  failures?: number | null;
  last_error?: string | null;
}

export interface Overview {
  window: { from: Date; to: Date };
  unit: { uid: string; name: string } | null;
  topic: { id: string; name_vi: string; name_en: string } | null;
  totals: Totals;
  series: { day: string; sentiment: string; n: number }[];
  topics: TopicRow[];
  units: UnitRow[];
  hotspots: AlertRow[];
  freshness: FreshnessRow[];
}

/** Midnight (+07:00) at the start of the local day containing `date`. */
function startOfLocalDay(date: Date): Date {
  const local = date.getTime() + 7 * 3600_000;
  return new Date(local - (local % DAY_MS) - 7 * 3600_000);
}

/** The part of the overview counted from the daily counts. */
type Counted = Omit<Overview, 'hotspots' | 'freshness'> & { freshness: FreshnessRow[] };

async function countOverview(ctx: WebContext, query: Record<string, unknown>, db: Db): Promise<Counted> {
  const fromParam = timeParam(query, 'from');
  const toParam = timeParam(query, 'to');
  let to: Date;
  if (toParam) to = new Date(startOfLocalDay(toParam).getTime() + DAY_MS);
  else {
    const latest = (await db.one<{ day: string | null }>(sql('latest_day'), { now: ctx.now() }))?.day;
    to = new Date(startOfLocalDay((latest && parseTime(latest)) || ctx.now()).getTime() + DAY_MS);
  }
  const from = fromParam ? startOfLocalDay(fromParam) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  const unitUid = param(query, 'unit') ?? null;
  const topicId = param(query, 'topic') ?? null;
  const unit = unitUid
    ? ((await db.one<{ uid: string; name: string }>('SELECT uid, name FROM units WHERE uid = $uid', {
        uid: unitUid,
      })) ?? null)
    : null;
  const topic = topicId
    ? ((await db.one<{ id: string; name_vi: string; name_en: string }>(
        'SELECT id, name_vi, name_en FROM topics WHERE id = $id',
        { id: topicId },
      )) ?? null)
    : null;
  const { totals, series, topics, units } = (await db.one<
    Pick<Overview, 'totals' | 'series' | 'topics' | 'units'>
  >(sql('overview'), {
    from: localDay(from),
    to: localDay(to),
    unit: unit?.uid ?? null,
    topic: topic?.id ?? null,
  }))!;
  const freshness = await db.all<FreshnessRow>(sql('freshness'));
  return { window: { from, to }, unit, topic, totals, series, topics, units, freshness };
}

/** Tables whose content the overview shows: while none of them changes, a cached answer outlives other writes. */
const OVERVIEW_SOURCES = ['daily_counts_state', 'alerts', 'sources'];

async function computeOverview(ctx: WebContext, req: Request): Promise<Overview> {
  if ((await dailyCountsVersion(ctx.reads)) === 0) await ensureDailyCounts(ctx.db);
  const query = req.query as Record<string, unknown>;
  const { counted, hotspots } = await inScope(ctx, req, async (scoped) => ({
    counted: await countOverview(ctx, query, scoped.db),
    hotspots: (await tableExists(scoped.db, 'alerts'))
      ? await scoped.db.all<AlertRow>(sql('open_alerts'))
      : [],
  }));
  const health = new Map(
    (
      await ctx.reads.all<{
        name: string;
        kind: string;
        last_success_at: Date | null;
        failures: number;
        last_error: string | null;
      }>('SELECT name, kind, last_success_at, failures, last_error FROM sources')
    ).map((s) => [s.name, s]),
  );
  const freshness = counted.freshness.map((row) => {
    const source = health.get(row.source);
    return {
      ...row,
      kind: source?.kind ?? null,
      last_success_at: source?.last_success_at ?? null,
      failures: source?.failures ?? null,
      last_error: source?.last_error ?? null,
    };
  });
  return { ...counted, hotspots, freshness };
}

/**
 * The overview for the request's user and filters, shaped by `shape` (the page's object, the API's JSON body),
 * kept per scope and filters until the database is written (`Db.dataVersion`) and the tables it reads change.
 */
async function readOverview<T>(
  ctx: WebContext,
  req: Request,
  use: string,
  shape: (overview: Overview) => T,
): Promise<T> {
  const query = req.query as Record<string, unknown>;
  const scope = await currentScope(ctx, req);
  const filters = ['from', 'to', 'unit', 'topic'].map((name) => param(query, name) ?? null);
  return (await ctx.answerCache.get(
    JSON.stringify(['overview', use, scopeKey(scope), filters]),
    ctx.db.dataVersion,
    async () => shape(await computeOverview(ctx, req)),
    () => contentVersion(ctx.reads, OVERVIEW_SOURCES),
  )) as T;
}

function isoOrNull(date: Date | null | undefined): string | null {
  return date ? toLocalIso(date) : null;
}

/** The overview as JSON: times ISO 8601 with +07:00, proportions 0–1. */
export function overviewJson(o: Overview) {
  return {
    window: { from: toLocalIso(o.window.from), to: toLocalIso(o.window.to) },
    unit: o.unit,
    topic: o.topic,
    totals: o.totals,
    series: o.series,
    topics: o.topics,
    units: o.units,
    hotspots: o.hotspots.map((a) => ({
      ...a,
      first_seen: toLocalIso(a.first_seen),
      last_seen: toLocalIso(a.last_seen),
    })),
    freshness: o.freshness.map((f) => ({
      ...f,
      latest_published: isoOrNull(f.latest_published),
      latest_ingested: isoOrNull(f.latest_ingested),
      last_success_at: isoOrNull(f.last_success_at),
    })),
  };
}

function topicName(lang: Lang, row: { name_vi: string; name_en: string }): string {
  return lang === 'en' ? row.name_en : row.name_vi;
}

function renderOverview(lang: Lang, o: Overview, query: Record<string, unknown>, topics: TopicRow[]) {
  const lastDay = new Date(o.window.to.getTime() - DAY_MS);
  const filters = { from: param(query, 'from'), to: param(query, 'to'), topic: o.topic?.id };
  const apiUrl = href('/api/overview', { ...filters, unit: o.unit?.uid });
  const negShare = o.totals.documents ? o.totals.negative / o.totals.documents : null;
  return html`<h1>${t(lang, 'overview.title')}</h1>
    <form method="get" action="/" class="filters">
      <label>${t(lang, 'common.from')} ${dateInput('from', param(query, 'from'))}</label>
      <label>${t(lang, 'common.to')} ${dateInput('to', param(query, 'to'))}</label>
      <label
        >${t(lang, 'common.topic')}
        <select name="topic">
          <option value="">${t(lang, 'common.all')}</option>
          ${topics.map(
            (tp) =>
              html`<option value="${tp.id}" ${tp.id === o.topic?.id ? html`selected` : ''}>
                ${topicName(lang, tp)}
              </option>`,
          )}
        </select></label
      >
      ${o.unit ? html`<input type="hidden" name="unit" value="${o.unit.uid}" />` : ''}
      <button type="submit">${t(lang, 'common.filter')}</button>
    </form>
    <p class="muted">
      ${t(lang, 'overview.window')}: ${formatDate(o.window.from)} – ${formatDate(lastDay)} ·
      <a href="${href('/', filters)}">${t(lang, 'common.province')}</a>
      ${o.unit ? html` › <strong>${o.unit.name}</strong>` : ''}
    </p>
    <section class="cards">
      <div class="card">
        <div class="n">${formatNumber(lang, o.totals.documents)}</div>
        <div class="l">${t(lang, 'common.documents')}</div>
      </div>
      <div class="card">
        <div class="n">${formatPercent(lang, negShare)}</div>
        <div class="l">${t(lang, 'common.negShare')}</div>
      </div>
      <div class="card">
        <div class="n">${formatNumber(lang, o.hotspots.length)}</div>
        <div class="l">${t(lang, 'overview.openHotspots')}</div>
      </div>
      <div class="card">
        <div class="n">${formatNumber(lang, o.totals.outlets)}</div>
        <div class="l">${t(lang, 'common.source')}</div>
      </div>
    </section>
    <section id="overview-charts" data-api="${apiUrl}">
      <h2>${t(lang, 'overview.volume')}</h2>
      <div
        class="chart"
        id="chart-volume"
        data-chart="volume"
        aria-label="${t(lang, 'overview.volume')}"
      ></div>
      <h2>${t(lang, 'overview.sentiment')}</h2>
      <div class="chart" id="chart-sentiment" data-chart="sentiment"></div>
      <h2>${t(lang, 'overview.byTopic')}</h2>
      <div class="chart" id="chart-topics" data-chart="topics"></div>
    </section>
    <section>
      <table>
        <thead>
          <tr>
            <th>${t(lang, 'common.topic')}</th>
            <th class="num">${t(lang, 'common.documents')}</th>
            <th class="num">${t(lang, 'common.negShare')}</th>
          </tr>
        </thead>
        <tbody>
          ${o.topics.map(
            (tp) =>
              html`<tr>
                <td>
                  <a href="${href('/', { ...filters, unit: o.unit?.uid, topic: tp.id })}"
                    >${topicName(lang, tp)}</a
                  >
                </td>
                <td class="num">${formatNumber(lang, tp.n)}</td>
                <td class="num">${formatPercent(lang, tp.negative_share)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${o.topics.length ? '' : emptyState(t(lang, 'common.none'))}
    </section>
    <section>
      <h2>${t(lang, 'overview.byUnit')}</h2>
      <table class="units">
        <thead>
          <tr>
            <th>${t(lang, 'common.unit')}</th>
            <th class="num">${t(lang, 'common.documents')}</th>
            <th class="num">${t(lang, 'common.negShare')}</th>
          </tr>
        </thead>
        <tbody>
          ${o.units.map(
            (u) =>
              html`<tr>
                <td>
                  ${
                    u.uid && !o.unit
                      ? html`<a href="${href('/', { ...filters, unit: u.uid })}">${u.name ?? u.uid}</a>`
                      : (u.name ?? u.uid ?? t(lang, 'overview.unmapped'))
                  }
                </td>
                <td class="num">${formatNumber(lang, u.n)}</td>
                <td class="num">${formatPercent(lang, u.negative_share)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${o.units.length ? '' : emptyState(t(lang, 'common.none'))}
    </section>
    <section>
      <h2>${t(lang, 'overview.openHotspots')}</h2>
      ${
        o.hotspots.length
          ? html`<ul class="alerts">
              ${o.hotspots.map(
                (a) =>
                  html`<li>
                    <span class="sev sev-${a.severity.replaceAll(' ', '-')}">${a.severity}</span>
                    <a href="/hotspots/${encodeURIComponent(a.id)}">${a.label}</a>
                    ${a.classification > 0 ? classificationBadge(lang, a.classification) : ''}
                    <span class="muted">${formatDate(a.last_seen)}</span>
                  </li>`,
              )}
            </ul>`
          : emptyState(t(lang, 'common.none'))
      }
    </section>
    <section>
      <h2>${t(lang, 'overview.freshness')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t(lang, 'common.source')}</th>
            <th class="num">${t(lang, 'common.documents')}</th>
            <th>${t(lang, 'common.latest')}</th>
            <th>${t(lang, 'common.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${o.freshness.map(
            (f) =>
              html`<tr>
                <td>${f.source}</td>
                <td class="num">${formatNumber(lang, f.documents)}</td>
                <td>${formatDate(f.latest_published, true)}</td>
                <td>
                  ${f.failures ? html`<span class="warn">${f.failures} × ${f.last_error ?? ''}</span>` : 'OK'}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
}

export function overviewRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst', 'leader', 'officer');

  router.get('/api/overview', roles, async (req, res) => {
    const body = await readOverview(ctx, req, 'api', (o) => new JsonBody(overviewJson(o)));
    body.send(req, res);
  });

  router.get('/', async (req, res) => {
    if (currentUser(req).role === 'contributor') return void res.redirect(303, '/mine');
    const lang = langOf(req);
    const overview = await readOverview(ctx, req, 'page', (o) => o);
    const topics = await ctx.reads.all<TopicRow>(
      'SELECT id, name_vi, name_en, 0 AS n, 0 AS negative_share FROM topics ORDER BY name_vi',
    );
    const body = renderOverview(lang, overview, req.query as Record<string, unknown>, topics);
    sendPage(req, res, t(lang, 'overview.title'), body, { scripts: chartScripts('/static/js/overview.js') });
  });

  return router;
}
