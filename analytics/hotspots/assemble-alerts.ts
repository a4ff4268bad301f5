/**
 * From flagged windows to alerts: windows of one series close in time become one alert that grows; a unit
 * above whose excess is the same documents as a unit below is folded into it; copies of one alert on two series
 * (a split commune) are merged; then naming, severity and the explanation.
 */
import { createHash } from 'node:crypto';
import { localDay } from '../../data/time.ts';
import type { SeriesDoc } from './count-series.ts';
import { DAY_MS, dayNumber, dayStartMs, effectiveCount } from './count-series.ts';
import type { DetectorConfig, Granularity } from './detector-config.ts';
import { holidayOf } from './holidays.ts';
import type { FlaggedWindow } from './scan-running.ts';
import type { Channel, ScanState } from './scan-series.ts';
import { CHANNELS, dismissalsInForce, expectedOver, sizeOf } from './scan-series.ts';
import { scoreSeverity } from './severity.ts';
import { logNegBinomialUpperTail, poissonUpperTail } from './tail-probability.ts';
import type { Alert, AlertExplanation, AlertUnit, Detector, UnitCount } from './types.ts';
import type { UnitTree } from './unit-tree.ts';
import { PROVINCE_UID } from './unit-tree.ts';

/** An alert being built: its documents are kept until the merges are done. */
export interface AlertDraft {
  detector: Detector;
  granularity: Granularity;
  topic: string | null;
  /** Index of the series in `ScanState.counts.series`, for topic alerts. */
  seriesIndex: number | null;
  seriesUid: string | null;
  level: number | null;
  /** What the alert's count, expectation and p-value measure. */
  channel: Channel;
  /** Independent stories and their expectation, whichever channel the alert reports. */
  stories: { count: number; expected: number };
  startMs: number;
  endMs: number;
  detectedAtMs: number;
  /** The family-wise error rate of the test that made the detection at `detectedAtMs`. */
  alpha: number;
  docs: SeriesDoc[];
  count: number;
  expected: number;
  logP: number;
  size: number;
  topTerms: string[];
  terms?: { term: string; documents: number; history: number }[];
  spread: UnitCount[];
  alsoElevated: UnitCount[];
  merged: string[];
  watchId: string | null;
  /** Daily counts for the sparkline when there is no series (terms clusters). */
  series?: { day: string; count: number; expected: number }[];
}

interface Period {
  seriesIndex: number;
  startMs: number;
  endMs: number;
  detectedAtMs: number;
  alpha: number;
}

/** `keep` takes `other`'s detection — its time and the error rate of the test that made it — when that came first. */
export function takeEarlierDetection(
  keep: { detectedAtMs: number; alpha: number },
  other: { detectedAtMs: number; alpha: number },
): void {
  if (other.detectedAtMs >= keep.detectedAtMs) return;
  keep.detectedAtMs = other.detectedAtMs;
  keep.alpha = other.alpha;
}

/** Windows of one series no more than `gapDays` apart become one period, detected when its first window fired. */
export function mergeWindows(windows: readonly FlaggedWindow[], gapDays: number): Period[] {
  const bySeries = new Map<number, FlaggedWindow[]>();
  for (const w of windows) bySeries.set(w.series.index, [...(bySeries.get(w.series.index) ?? []), w]);
  const periods: Period[] = [];
  for (const [seriesIndex, list] of [...bySeries].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
    let current: Period | null = null;
    for (const w of list) {
      if (current && w.startMs <= current.endMs + gapDays * DAY_MS) {
        current.endMs = Math.max(current.endMs, w.endMs);
        takeEarlierDetection(current, w);
      } else {
        const { startMs, endMs, detectedAtMs, alpha } = w;
        current = { seriesIndex, startMs, endMs, detectedAtMs, alpha };
        periods.push(current);
      }
    }
  }
  return periods;
}

/** Day ranges to fetch documents for each period. */
export function periodRanges(state: ScanState, periods: readonly Period[]) {
  return periods.map((p) => {
    const s = state.counts.series[p.seriesIndex]!;
    return {
      topic: s.topic,
      seriesUid: s.seriesUid,
      dayFrom: dayNumber(p.startMs),
      dayTo: dayNumber(p.endMs - 1),
    };
  });
}

/** Drafts of the topic detector from its periods and their documents. */
export function topicDrafts(
  state: ScanState,
  config: DetectorConfig,
  periods: readonly Period[],
  docs: readonly SeriesDoc[][],
  watchIdOf: (topic: string) => string | null,
): AlertDraft[] {
  return periods.map((p, k) => {
    const s = state.counts.series[p.seriesIndex]!;
    const inPeriod = docs[k]!.filter((d) => d.ms >= p.startMs && d.ms < p.endMs);
    const counted = effectiveCount(inPeriod, config.capPerOutlet[s.level] ?? 2);
    const stats = CHANNELS.map((channel) => {
      const count = channel === 'stories' ? counted.count : counted.negative;
      const expected = expectedOver(state, channel, p.seriesIndex, p.startMs, p.endMs);
      const size = sizeOf(state, channel, p.seriesIndex, dayNumber(p.startMs) - state.counts.day0);
      return {
        channel,
        count,
        expected,
        size,
        logP: logNegBinomialUpperTail(count, Math.max(expected, 1e-6), size),
      };
    });
    const best = stats.reduce((a, b) => (b.logP < a.logP ? b : a));
    return {
      detector: 'topic',
      granularity: config.granularity,
      topic: s.topic,
      seriesIndex: p.seriesIndex,
      seriesUid: s.seriesUid,
      level: s.level,
      channel: best.channel,
      stories: { count: stats[0]!.count, expected: stats[0]!.expected },
      startMs: p.startMs,
      endMs: p.endMs,
      detectedAtMs: p.detectedAtMs,
      alpha: p.alpha,
      docs: inPeriod,
      count: best.count,
      expected: best.expected,
      logP: best.logP,
      size: best.size,
      topTerms: [],
      spread: [],
      alsoElevated: [],
      merged: [],
      watchId: watchIdOf(s.topic),
    };
  });
}

function overlaps(a: AlertDraft, b: AlertDraft, gapMs = 0): boolean {
  return a.startMs < b.endMs + gapMs && b.startMs < a.endMs + gapMs;
}

function docIdSet(d: AlertDraft): Set<string> {
  return new Set(d.docs.map((x) => x.id));
}

function unitCount(tree: UnitTree, d: AlertDraft): UnitCount {
  return {
    unit_uid: d.seriesUid ?? '',
    name: tree.units.get(d.seriesUid ?? '')?.name ?? d.seriesUid ?? '',
    count: d.count,
    expected: round(d.expected, 3),
  };
}

/** Share of `docs` that carry `topic`: `shareCarrying('dat-dai', draft.docs)`. */
export function shareCarrying(topic: string | null, docs: readonly SeriesDoc[]): number {
  if (topic === null || docs.length === 0) return 0;
  return docs.filter((d) => d.topics.includes(topic)).length / docs.length;
}

/** Share of `b`'s documents that also carry `a`'s topic. */
function tagged(a: AlertDraft, b: AlertDraft): number {
  return shareCarrying(a.topic, b.docs);
}

function sharedDocs(a: AlertDraft, b: AlertDraft): number {
  const ids = docIdSet(a);
  return b.docs.filter((d) => ids.has(d.id)).length;
}

/** The documents of `a`, then those of `b` that `a` lacks. */
function unionDocs(a: AlertDraft, b: AlertDraft): SeriesDoc[] {
  const inA = docIdSet(a);
  return [...a.docs, ...b.docs.filter((d) => !inA.has(d.id))];
}

function absorb(keep: AlertDraft, other: AlertDraft, label: string): void {
  keep.merged.push(label, ...other.merged);
  keep.docs = unionDocs(keep, other).sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1));
  keep.startMs = Math.min(keep.startMs, other.startMs);
  keep.endMs = Math.max(keep.endMs, other.endMs);
  takeEarlierDetection(keep, other);
  keep.alsoElevated.push(...other.alsoElevated);
}

/** Lifts within this factor of each other say nothing about which topic rose more. */
const CLOSE_LIFTS = 1.5;

/**
 * Of two alerts on the same documents, which names the event: a sensitive topic (security, corruption, ethnicity
 * and religion, rumours) when most of the other alert's documents also carry it, since it changes who must know;
 * when both hold a comparable share of the stories, the topic that rose most above its own baseline (a rare topic
 * outranks the commoner one the same posts also touch), or, when they rose alike, the topic their documents are
 * mostly about (the one tagged with most confidence: compensation for a road is a land story that names a road);
 * otherwise the one with more stories.
 */
function primaryOf(a: AlertDraft, b: AlertDraft, sensitive: ReadonlySet<string>): [AlertDraft, AlertDraft] {
  const lift = (d: AlertDraft) => d.stories.count / Math.max(d.stories.expected, 0.05);
  const isSensitive = (d: AlertDraft) => d.topic !== null && sensitive.has(d.topic);
  if (isSensitive(a) !== isSensitive(b)) {
    const [s, other] = isSensitive(a) ? [a, b] : [b, a];
    if (tagged(s, other) >= 0.5) return [s, other];
  }
  const na = a.stories.count;
  const nb = b.stories.count;
  const comparable = Math.min(na, nb) >= 0.4 * Math.max(na, nb);
  if (comparable) {
    const [la, lb] = [lift(a), lift(b)];
    if (Math.max(la, lb) > CLOSE_LIFTS * Math.min(la, lb)) return la > lb ? [a, b] : [b, a];
    // How many of their documents each topic leads (a document's first topic is its most confident one).
    const docs = unionDocs(a, b);
    const [pa, pb] = [a.topic, b.topic].map(
      (t) => docs.filter((d) => t !== null && d.topics[0] === t).length,
    );
    if (pa !== pb) return pa > pb ? [a, b] : [b, a];
    if (la !== lb) return la > lb ? [a, b] : [b, a];
  }
  if (na !== nb) return na > nb ? [a, b] : [b, a];
  return a.logP <= b.logP ? [a, b] : [b, a];
}

/**
 * Fold duplicates so one event gives one alert: alerts of the same level whose documents are mostly the same
 * (the same story under a second topic, or one old commune split between two new ones), or alerts of one unit in
 * the same days whose documents mostly carry each other's topic, become one, named as
 * `primaryOf` says; then an alert of a unit above is folded into the alerts below it
 * when their documents account for most of its excess over expected. A folded alert's detection time passes to
 * the alert that absorbs it when it came first, so an event the district flagged before its commune keeps the
 * district's earlier detection.
 */
export function foldDrafts(
  drafts: AlertDraft[],
  tree: UnitTree,
  config: DetectorConfig,
  sensitive: ReadonlySet<string> = new Set(),
): AlertDraft[] {
  const alive = new Set(drafts);
  for (const level of [3, 2, 1]) {
    const same = drafts
      .filter((d) => d.level === level)
      .sort((a, b) => b.count - a.count || a.startMs - b.startMs);
    for (let i = 0; i < same.length; i++) {
      for (let j = i + 1; j < same.length; j++) {
        const a = same[i]!;
        const b = same[j]!;
        if (!alive.has(a) || !alive.has(b)) continue;
        const sameDocs =
          overlaps(a, b) &&
          (a.seriesUid === b.seriesUid || a.topic === b.topic) &&
          sharedDocs(a, b) >= 0.5 * Math.min(a.docs.length, b.docs.length);
        const sameStory =
          a.seriesUid === b.seriesUid &&
          a.topic !== b.topic &&
          overlaps(a, b, config.mergeGapDays * DAY_MS) &&
          Math.max(tagged(a, b), tagged(b, a)) >= 0.5;
        if (!sameDocs && !sameStory) continue;
        const [keep, other] = primaryOf(a, b, sensitive);
        alive.delete(other);
        absorb(keep, other, `${other.topic ?? ''}@${other.seriesUid ?? ''}`);
        if (keep === b) same[i] = b;
      }
    }
  }
  for (const level of [2, 1]) {
    for (const parent of drafts.filter((d) => d.level === level && alive.has(d))) {
      const children = drafts.filter(
        (c) =>
          alive.has(c) &&
          (c.level ?? 0) > level &&
          (parent.seriesUid === PROVINCE_UID ||
            (tree.parents.get(c.seriesUid ?? '') ?? []).includes(parent.seriesUid ?? '')) &&
          overlaps(parent, c, config.mergeGapDays * DAY_MS),
      );
      if (children.length === 0) continue;
      const childIds = new Set(children.flatMap((c) => c.docs.map((d) => d.id)));
      const covered = new Set(parent.docs.filter((d) => childIds.has(d.id)).map((d) => d.story)).size;
      if (covered < config.parentCoverage * Math.max(1, parent.count - parent.expected)) continue;
      alive.delete(parent);
      const lead = children.reduce((a, b) => (sharedDocs(parent, b) > sharedDocs(parent, a) ? b : a));
      lead.alsoElevated.push(unitCount(tree, parent), ...parent.alsoElevated);
      // The parent's excess is these documents: the event was known when the parent fired, if that came first.
      takeEarlierDetection(lead, parent);
    }
  }
  return drafts.filter((d) => alive.has(d));
}

/** Sibling series (same topic, sharing the unit above) elevated in the alert's days: count ≥ 2 and ≥ 3× expected. */
export function spreadOf(state: ScanState, tree: UnitTree, draft: AlertDraft): UnitCount[] {
  if (draft.seriesIndex === null || draft.level === null || draft.level === 1) return [];
  const parents = new Set((tree.parents.get(draft.seriesUid ?? '') ?? []).filter((p) => p !== PROVINCE_UID));
  if (draft.level === 3 && parents.size === 0) return [];
  const { counts } = state;
  const first = Math.max(0, dayNumber(draft.startMs) - counts.day0);
  const last = Math.min(counts.nDays - 1, dayNumber(draft.endMs - 1) - counts.day0);
  const out: UnitCount[] = [];
  for (const s of counts.series) {
    if (s.topic !== draft.topic || s.level !== draft.level || s.seriesUid === draft.seriesUid) continue;
    const siblingParents = tree.parents.get(s.seriesUid) ?? [];
    if (draft.level === 3 && !siblingParents.some((p) => parents.has(p))) continue;
    let c = 0;
    let mu = 0;
    for (let t = first; t <= last; t++) {
      c += s.capped[t]!;
      mu += state.expected.stories[s.index]![t]!;
    }
    if (c >= 2 && c >= 3 * mu) {
      out.push({
        unit_uid: s.seriesUid,
        name: tree.units.get(s.seriesUid)?.name ?? s.seriesUid,
        count: c,
        expected: round(mu, 3),
      });
    }
  }
  return out.sort((a, b) => b.count - a.count).slice(0, 10);
}

/** Daily counts and expectations of the draft's series, from two weeks before it to its end. */
export function sparkline(
  state: ScanState,
  draft: AlertDraft,
): { day: string; count: number; expected: number }[] {
  if (draft.seriesIndex === null) return draft.series ?? [];
  const { counts } = state;
  const s = counts.series[draft.seriesIndex]!;
  const last = Math.min(counts.nDays - 1, dayNumber(draft.endMs - 1) - counts.day0);
  const first = Math.max(0, dayNumber(draft.startMs) - counts.day0 - 14, last - 44);
  const out = [];
  for (let t = first; t <= last; t++) {
    out.push({
      day: localDay(new Date(dayStartMs(counts.day0 + t))),
      count: s.capped[t]!,
      expected: round(state.expected.stories[s.index]![t]!, 3),
    });
  }
  return out;
}

/** A day belongs to the burst when its own stories would be unusual for its series: tail probability below this. */
const BURST_DAY_P = 0.05;

/**
 * When the burst began: the first story on the earliest of the consecutive days, up to the day of detection,
 * whose stories alone are unusual for the series. A test window reaches back days before an event, so ordinary
 * stories of those days would otherwise date the alert before its event. Null when no day stands out alone
 * (the window's sum did it) or the draft has no series.
 * Example: a commune with 0.4 land stories a day expected, 2 on the eve of a dispute (p ≈ 0.06) and 9 on its
 * first day: the alert starts with the first of the 9.
 */
export function burstStartMs(state: ScanState, draft: AlertDraft, storyMs: readonly number[]): number | null {
  if (draft.seriesIndex === null) return null;
  const { counts } = state;
  const s = counts.series[draft.seriesIndex]!;
  const expected = state.expected.stories[s.index]!;
  const from = Math.max(0, dayNumber(draft.startMs) - counts.day0);
  let onset: number | null = null;
  for (let t = Math.min(counts.nDays - 1, dayNumber(draft.detectedAtMs) - counts.day0); t >= from; t--) {
    const c = s.capped[t]!;
    if (c > 0 && poissonUpperTail(c, Math.max(expected[t]!, 1e-6)) < BURST_DAY_P) onset = t;
    else if (onset !== null) break;
  }
  if (onset === null) return null;
  const fromMs = dayStartMs(counts.day0 + onset);
  return storyMs.find((ms) => ms >= fromMs) ?? null;
}

/** The unit most of the documents name at the draft's level (old units keep their uid). */
export function namedUnit(draft: AlertDraft): string | null {
  const votes = new Map<string, number>();
  for (const d of draft.docs) if (d.namedUid) votes.set(d.namedUid, (votes.get(d.namedUid) ?? 0) + 1);
  let best: string | null = draft.seriesUid;
  let bestVotes = 0;
  for (const [uid, n] of [...votes].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n > bestVotes) {
      best = uid;
      bestVotes = n;
    }
  }
  return best;
}

/** The successor today of the named unit: the series unit when it is one of them, else the first. */
export function currentUnit(
  tree: UnitTree,
  namedUid: string | null,
  seriesUid: string | null,
): string | null {
  if (namedUid === null) return null;
  const unit = tree.units.get(namedUid);
  if (!unit) return seriesUid;
  if (unit.current) return unit.uid;
  if (seriesUid && unit.successors.includes(seriesUid)) return seriesUid;
  if (unit.successors.length === 1) return unit.successors[0]!;
  return unit.level <= 2 && unit.successors.length > 1 ? PROVINCE_UID : (unit.successors[0] ?? null);
}

/** Deterministic alert id: the same detector, topic, series unit and first day give the same id on every run. */
export function alertId(detector: Detector, key: string, seriesUid: string | null, firstDay: string): string {
  const hash = createHash('sha256')
    .update(`${detector}|${key}|${seriesUid ?? ''}|${firstDay}`)
    .digest('hex');
  return `hs-${hash.slice(0, 16)}`;
}

export interface FinishContext {
  tree: UnitTree;
  config: DetectorConfig;
  state: ScanState | null;
  topicName: (topic: string | null) => string;
  sensitiveTopic: (topic: string | null) => boolean;
  sensitivity: (topic: string | null) => number;
  misinfo: Map<string, number>;
  now: Date;
}

/** Turn a draft into an alert: name it, score it, explain it. */
export function finishDraft(draft: AlertDraft, ctx: FinishContext): Alert {
  const { tree, config } = ctx;
  const unitUid = namedUnit(draft);
  const unit = unitUid ? tree.units.get(unitUid) : undefined;
  const outletDocs = new Map<string, number>();
  for (const d of draft.docs) outletDocs.set(d.outlet, (outletDocs.get(d.outlet) ?? 0) + 1);
  const outlets = [...outletDocs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const stories = new Map<string, SeriesDoc>();
  for (const d of draft.docs) if (!stories.has(d.story)) stories.set(d.story, d);
  const negStories = [...stories.values()].filter((d) => d.negative).length;
  const negShare = stories.size > 0 ? negStories / stories.size : 0;
  const representative = [...stories.values()]
    .sort((a, b) => Number(b.negative) - Number(a.negative) || a.ms - b.ms)
    .slice(0, 10)
    .map((d) => d.id);
  const pValue = Math.exp(draft.logP);
  const misinfo = draft.docs.reduce((n, d) => n + (ctx.misinfo.get(d.id) ?? 0), 0);
  const severity = scoreSeverity({
    count: draft.count,
    expected: draft.expected,
    pValue,
    negShare,
    outlets: outlets.length,
    spreadUnits: draft.spread.length,
    misinfo,
    sensitive: ctx.sensitiveTopic(draft.topic),
    sensitivity: ctx.sensitivity(draft.topic),
    watched: draft.watchId !== null,
  });
  const storyMs = [...stories.values()].map((d) => d.ms).sort((a, b) => a - b);
  const firstSeen = new Date(
    (ctx.state ? burstStartMs(ctx.state, draft, storyMs) : null) ?? draft.docs[0]?.ms ?? draft.startMs,
  );
  const lastSeen = new Date(draft.docs[draft.docs.length - 1]?.ms ?? draft.endMs);
  const firstDay = localDay(new Date(draft.startMs));
  const key =
    draft.detector === 'topic' ? (draft.topic ?? '') : (draft.terms?.[0]?.term ?? draft.topTerms[0] ?? '');
  const label =
    draft.detector === 'topic'
      ? ctx.topicName(draft.topic)
      : `Vấn đề mới nổi: ${draft.topTerms.slice(0, 3).join(', ')}`;
  const ratio = draft.count / Math.max(draft.expected, 1e-6);
  const docIds = draft.docs.slice(0, config.maxDocIds).map((d) => d.id);
  const holidays = new Set<string>();
  for (let day = dayNumber(draft.startMs); day <= dayNumber(draft.endMs - 1); day++) {
    const h = holidayOf(day);
    if (h) holidays.add(h);
  }
  const currentUid = currentUnit(tree, unitUid, draft.seriesUid);
  const weight = ctx.state && draft.seriesIndex !== null ? ctx.state.weights[draft.seriesIndex] : undefined;
  const dismissals = weight ? dismissalsInForce(config, weight, dayNumber(draft.detectedAtMs)) : 0;
  const explanation: AlertExplanation = {
    topic_name: ctx.topicName(draft.topic),
    unit: alertUnit(tree, unitUid),
    current_unit: alertUnit(tree, currentUid),
    summary:
      `${label} tại ${unit?.name ?? 'địa bàn chưa xác định'}: ${draft.count} tin độc lập, ` +
      `kỳ vọng ${formatNumber(draft.expected)} (gấp ${formatNumber(ratio)} lần), p = ${pValue.toExponential(1)}, ` +
      `${outlets.length} nguồn, ${Math.round(negShare * 100)}% tiêu cực.`,
    observed: draft.count,
    expected: round(draft.expected, 4),
    ratio: round(ratio, 2),
    p_value: pValue,
    method: Number.isFinite(draft.size) ? 'negative-binomial' : 'poisson',
    dispersion_size: Number.isFinite(draft.size) ? round(draft.size, 3) : null,
    alpha: draft.alpha,
    tested_series: ctx.state?.hypotheses ?? 0,
    statistic: draft.channel === 'negative' ? 'negative stories' : 'stories',
    documents: draft.docs.length,
    stories: stories.size,
    outlets: outlets.slice(0, 20).map(([name, documents]) => ({ name, documents })),
    representative_doc_ids: representative,
    top_terms: draft.topTerms,
    neg_share: round(negShare, 3),
    series: ctx.state ? sparkline(ctx.state, draft) : (draft.series ?? []),
    spread: draft.spread,
    also_elevated: draft.alsoElevated,
    merged: draft.merged,
    severity_factors: severity.factors,
    holiday: holidays.size > 0 ? [...holidays].join(', ') : null,
    watch_topic: draft.watchId,
    misinfo_candidates: misinfo,
    ...(draft.terms ? { terms: draft.terms } : {}),
    ...(dismissals > 0
      ? {
          dismissals: {
            count: dismissals,
            alpha_factor: config.dismissalFactor ** dismissals,
            memory_days: config.dismissalMemoryDays,
          },
        }
      : {}),
  };
  return {
    id: alertId(draft.detector, key, draft.seriesUid, firstDay),
    detector: draft.detector,
    granularity: draft.granularity,
    topic: draft.topic,
    label,
    unitUid,
    seriesUid: draft.seriesUid,
    currentUid,
    unitLevel: unit?.level ?? draft.level,
    firstSeen,
    lastSeen,
    detectedAt: new Date(draft.detectedAtMs),
    severity: severity.severity,
    score: severity.score,
    pValue,
    count: draft.count,
    expected: round(draft.expected, 4),
    negShare: round(negShare, 3),
    outlets: outlets.map(([name]) => name),
    topTerms: draft.topTerms,
    docIds,
    explanation,
    classification: draft.docs.reduce((m, d) => Math.max(m, d.classification), 0),
    status: 'open',
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

function alertUnit(tree: UnitTree, uid: string | null): AlertUnit | null {
  const unit = uid ? tree.units.get(uid) : undefined;
  return unit
    ? { uid: unit.uid, code: unit.code, name: unit.name, level: unit.level, path: unit.path }
    : null;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** `formatNumber(2.25)` → '2,3': one decimal, Vietnamese decimal comma. */
export function formatNumber(x: number): string {
  return String(Math.round(x * 10) / 10).replace('.', ',');
}
