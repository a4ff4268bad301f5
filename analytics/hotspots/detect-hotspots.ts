/** Entry point of hot-spot detection: both detectors over a window, alerts merged, explained and stored. */
import type { Db } from '../../data/db.ts';
import type { Logger } from '../../data/logger.ts';
import type { AlertDraft, FinishContext } from './assemble-alerts.ts';
import {
  finishDraft,
  foldDrafts,
  mergeWindows,
  periodRanges,
  shareCarrying,
  spreadOf,
  takeEarlierDetection,
  topicDrafts,
} from './assemble-alerts.ts';
import type { CountData } from './count-series.ts';
import { candidateDocs, countSeries, dayNumber, dropCounts } from './count-series.ts';
import type { DetectorConfig } from './detector-config.ts';
import { resolveConfig } from './detector-config.ts';
import { detectTermBursts } from './detect-terms.ts';
import type { ScanOptions, SeriesWeight } from './scan-series.ts';
import { lookbackDays, runningCandidates, scanCandidates } from './scan-running.ts';
import { loadHourlyCounts } from './hourly-bound.ts';
import { scanDays } from './scan-series.ts';
import { storeAlerts } from './store-alerts.ts';
import { topTerms } from './top-terms.ts';
import type { Alert } from './types.ts';
import type { UnitTree } from './unit-tree.ts';
import { PROVINCE_UID, loadUnitTree } from './unit-tree.ts';

/** Counts misinformation candidates among documents; the default reads a `misinfo_candidates` table if one exists. */
export type MisinfoCounter = (db: Db, docIds: string[]) => Promise<Map<string, number>>;

export interface DetectOptions {
  /** Start of the window to report (default: the first document). */
  since?: Date;
  /** End of the window (default: `now`). */
  until?: Date;
  /** The clock: documents after it are in the future and ignored. */
  now: Date;
  logger?: Logger;
  config?: Partial<DetectorConfig>;
  misinfo?: MisinfoCounter;
  /** Store the alerts (default true); false only computes them. */
  store?: boolean;
  /** Called after each stage with its duration, for benchmarks. */
  onStep?: (step: string, ms: number) => void;
}

interface WatchRow {
  id: string;
  name: string;
  query: string | null;
  topic_id: string | null;
  unit_uid: string | null;
  threshold_factor: number;
}

const FUTURE_TOLERANCE_MS = 3_600_000;

/** Reads `misinfo_candidates(doc_id)` when the misinformation module has made it; otherwise nothing. */
export const defaultMisinfoCounter: MisinfoCounter = async (db, docIds) => {
  const out = new Map<string, number>();
  if (docIds.length === 0) return out;
  const table = await db.one<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_columns()
     WHERE table_name = 'misinfo_candidates' AND column_name = 'doc_id'`,
  );
  if (!table?.n) return out;
  const rows = await db.all<{ doc_id: string; n: number }>(
    `SELECT doc_id, count(*)::INTEGER AS n FROM misinfo_candidates
     WHERE doc_id IN (SELECT unnest($ids::VARCHAR[])) GROUP BY doc_id`,
    { ids: docIds },
  );
  for (const r of rows) out.set(r.doc_id, r.n);
  return out;
};

function isUnder(tree: UnitTree, uid: string, ancestor: string): boolean {
  let at: string | null = uid;
  for (let i = 0; at !== null && i < 8; i++) {
    if (at === ancestor) return true;
    at = tree.units.get(at)?.parentUid ?? null;
  }
  return (tree.parents.get(uid) ?? []).includes(ancestor);
}

/**
 * The local days on which analysts dismissed topic alerts, by `topic|series unit`: the time of the case's latest
 * dismissal (or, for an alert dismissed without a case event, its last update), for alerts still dismissed. A
 * dismissal covers every series the alert stood for: its own, the alerts of other topics merged into it, and for
 * each of these the units above it short of the province (the same documents raise them when the unit itself no
 * longer may); the province's series of the topic stays as it was.
 */
async function dismissedDays(db: Db, tree: UnitTree): Promise<Map<string, number[]>> {
  const rows = await db.all<{ topic: string; series_uid: string; explanation: string; at: Date }>(
    `SELECT a.topic, a.series_uid, a.explanation::VARCHAR AS explanation,
       coalesce(max(e.occurred_at), a.updated_at) AS at
     FROM alerts a
     LEFT JOIN cases c ON c.alert_id = a.id
     LEFT JOIN case_events e ON e.case_id = c.id AND e.action = 'dismiss'
     WHERE a.status = 'dismissed' AND a.detector = 'topic' AND a.topic IS NOT NULL AND a.series_uid IS NOT NULL
     GROUP BY a.id, a.topic, a.series_uid, a.explanation::VARCHAR, a.updated_at`,
  );
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const day = dayNumber(r.at.getTime());
    const keys = new Set<string>();
    for (const { topic, seriesUid } of dismissedSeries(r.topic, r.series_uid, r.explanation)) {
      keys.add(`${topic}|${seriesUid}`);
      for (const above of tree.parents.get(seriesUid) ?? []) {
        if (above !== PROVINCE_UID) keys.add(`${topic}|${above}`);
      }
    }
    for (const key of keys) out.set(key, [...(out.get(key) ?? []), day]);
  }
  for (const days of out.values()) days.sort((a, b) => a - b);
  return out;
}

/** The series a dismissed alert stands for (see `dismissedDays`); a malformed explanation adds none to its own. */
export function dismissedSeries(
  topic: string,
  seriesUid: string,
  explanation: string,
): { topic: string; seriesUid: string }[] {
  const out = [{ topic, seriesUid }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(explanation);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null) return out;
  const { also_elevated: elevated, merged } = parsed as { also_elevated?: unknown; merged?: unknown };
  for (const u of Array.isArray(elevated) ? elevated : []) {
    const uid: unknown = typeof u === 'object' && u !== null ? (u as { unit_uid?: unknown }).unit_uid : null;
    if (typeof uid === 'string' && uid !== '') out.push({ topic, seriesUid: uid });
  }
  // Merged drafts are labelled `topic@series`; the terms detector's (`terms:…`) have no series to raise.
  for (const m of Array.isArray(merged) ? merged : []) {
    if (typeof m !== 'string' || m.startsWith('terms:')) continue;
    const at = m.lastIndexOf('@');
    if (at > 0 && at < m.length - 1) out.push({ topic: m.slice(0, at), seriesUid: m.slice(at + 1) });
  }
  return out;
}

function seriesWeights(
  counts: CountData,
  tree: UnitTree,
  watch: WatchRow[],
  sensitivity: Map<string, number>,
  dismissed: Map<string, number[]>,
): SeriesWeight[] {
  return counts.series.map((s) => {
    const dismissedDays = dismissed.get(`${s.topic}|${s.seriesUid}`) ?? [];
    let weight = sensitivity.get(s.topic) ?? 1;
    let minCountFactor = Math.min(1, 1 / Math.max(weight, 1e-9));
    let watchId: string | null = null;
    for (const w of watch) {
      const matchesTopic = w.query ? s.topic === `watch:${w.id}` : w.topic_id === s.topic;
      if (!matchesTopic) continue;
      if (w.unit_uid && !isUnder(tree, s.seriesUid, w.unit_uid)) continue;
      const factor = Math.min(1, Math.max(0.1, w.threshold_factor));
      weight = Math.max(weight, (sensitivity.get(s.topic) ?? 1) / factor);
      minCountFactor = Math.min(minCountFactor, factor);
      watchId = w.id;
    }
    return { weight, minCountFactor, watchId, dismissedDays };
  });
}

async function documentTexts(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: string; body: string }>(
    `SELECT id, coalesce(title, '') || ' . ' || left(text, 600) AS body FROM documents
     WHERE id IN (SELECT unnest($ids::VARCHAR[]))`,
    { ids },
  );
  return new Map(rows.map((r) => [r.id, r.body]));
}

/** Up to 300 texts of each topic (a deterministic sample of the window) to contrast alerts' terms with. */
async function backgroundTexts(db: Db, topics: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(topics.map((t) => [t, []]));
  if (topics.length === 0) return out;
  const total = (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM hs_docs'))?.n ?? 0;
  const per10000 = Math.min(10_000, Math.ceil((10_000 * 20 * 300) / Math.max(1, total)));
  const rows = await db.all<{ topic: string; body: string }>(
    `SELECT topic, body FROM (
       SELECT t.topic, coalesce(x.title, '') || ' . ' || left(x.text, 600) AS body,
         row_number() OVER (PARTITION BY t.topic ORDER BY hash(t.id)) AS r
       FROM (SELECT id, unnest(topics) AS topic FROM hs_docs WHERE hash(id) % 10000 < $per10000) t
       JOIN documents x ON x.id = t.id
       WHERE list_contains($topics, t.topic)
     ) WHERE r <= 300`,
    { topics, per10000 },
  );
  for (const r of rows) out.get(r.topic)?.push(r.body);
  return out;
}

async function labelDrafts(db: Db, drafts: AlertDraft[], tree: UnitTree): Promise<void> {
  const sample = (d: AlertDraft) => d.docs.slice(0, 200).map((x) => x.id);
  const texts = await documentTexts(db, [...new Set(drafts.flatMap(sample))]);
  const topics = [
    ...new Set(drafts.flatMap((d) => (d.detector === 'topic' && d.topic !== null ? [d.topic] : []))),
  ];
  const backgrounds = await backgroundTexts(db, topics.sort());
  for (const draft of drafts) {
    if (draft.detector !== 'topic' || draft.topic === null) continue;
    const exclude = new Set<string>();
    for (const d of draft.docs.slice(0, 50)) {
      for (const name of tree.units.get(d.namedUid)?.path ?? []) {
        for (const part of name.toLowerCase().split(/\s+/)) exclude.add(part);
      }
    }
    const own = sample(draft).map((id) => texts.get(id) ?? '');
    const terms = topTerms(own, backgrounds.get(draft.topic) ?? [], 8, exclude);
    draft.topTerms = [...new Set([...terms, ...draft.topTerms])].slice(0, 8);
  }
}

/**
 * Fold a terms cluster into the topic alert it belongs to — one holding most of its documents, or one on the
 * same place in the same days whose documents mostly carry the cluster's topic (or the cluster has none) — so one
 * event stays one alert; the alert takes the cluster's phrases, documents and, when the phrases burst first, its
 * earlier detection. The rest stay alerts of their own.
 */
function foldTerms(topic: AlertDraft[], terms: AlertDraft[], tree: UnitTree, gapMs: number): AlertDraft[] {
  const related = (a: string | null, b: string | null) =>
    a !== null &&
    b !== null &&
    (a === b || (tree.parents.get(a) ?? []).includes(b) || (tree.parents.get(b) ?? []).includes(a));
  const kept: AlertDraft[] = [];
  for (const t of terms) {
    const ids = new Set(t.docs.map((d) => d.id));
    let best: AlertDraft | null = null;
    let bestScore = 0;
    for (const a of topic) {
      const shared = a.docs.filter((d) => ids.has(d.id)).length;
      const overlapping = a.startMs < t.endMs + gapMs && t.startMs < a.endMs + gapMs;
      const sameTopic = t.topic === null || a.topic === t.topic || shareCarrying(t.topic, a.docs) >= 0.5;
      const samePlace = overlapping && sameTopic && related(a.seriesUid, t.seriesUid);
      const score = shared >= 0.5 * Math.min(ids.size, a.docs.length) ? shared + 1 : samePlace ? 0.5 : 0;
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    if (!best) {
      kept.push(t);
      continue;
    }
    best.terms = [...(best.terms ?? []), ...(t.terms ?? [])].slice(0, 10);
    best.topTerms = [...new Set([...best.topTerms, ...t.topTerms])].slice(0, 8);
    takeEarlierDetection(best, t);
    best.startMs = Math.min(best.startMs, t.startMs);
    const have = new Set(best.docs.map((d) => d.id));
    best.docs = [...best.docs, ...t.docs.filter((d) => !have.has(d.id))].sort(
      (x, y) => x.ms - y.ms || (x.id < y.id ? -1 : 1),
    );
    best.merged.push(`terms:${t.topTerms[0] ?? ''}`);
  }
  return kept;
}

/**
 * Run both detectors over [since, until] and store the alerts: re-running over the same window changes
 * nothing, and an alert that keeps growing keeps its id.
 * `const alerts = await detectHotspots(db, { now: new Date(), since: parseTime('2026-11-01')! })`.
 */
export async function detectHotspots(db: Db, options: DetectOptions): Promise<Alert[]> {
  const config = resolveConfig(options.config);
  const now = options.now;
  let mark = performance.now();
  const step = (name: string) => {
    const at = performance.now();
    options.onStep?.(name, at - mark);
    mark = at;
  };
  const until = options.until && options.until < now ? options.until : now;
  const futureLimit = new Date(now.getTime() + FUTURE_TOLERANCE_MS);
  const first = await db.one<{ at: Date | null }>(
    `SELECT min(published_at) AS at FROM documents
     WHERE published_at >= TIMESTAMPTZ '2000-01-01 00:00:00+07' AND published_at < $future`,
    { future: futureLimit },
  );
  if (!first?.at) return [];
  const since = options.since ?? first.at;
  if (since >= until) return [];
  const untilMs = Math.min(until.getTime(), futureLimit.getTime());
  const lastDay = dayNumber(untilMs - 1);
  const sinceDay = dayNumber(since.getTime());
  const startDay = Math.max(dayNumber(first.at.getTime()), sinceDay - config.historyDays);
  if (lastDay < sinceDay) return [];

  const tree = await loadUnitTree(db);
  const watch = await db.all<WatchRow>(
    `SELECT id, name, query, topic_id, unit_uid, threshold_factor FROM watch_topics WHERE active ORDER BY id`,
  );
  const topics = await db.all<{ id: string; name_vi: string; sensitive: boolean }>(
    'SELECT id, name_vi, sensitive FROM topics',
  );
  const sensitivity = new Map(
    (
      await db.all<{ topic_id: string; sensitivity: number }>(
        'SELECT topic_id, sensitivity FROM topic_settings',
      )
    ).map((r) => [r.topic_id, r.sensitivity]),
  );
  try {
    const counts = await countSeries(db, tree, config, {
      startDay,
      endDay: lastDay,
      future: new Date(untilMs),
      topics: [...topics.map((t) => t.id), ...watch.filter((w) => w.query).map((w) => `watch:${w.id}`)],
      watch: watch.filter((w) => w.query).map((w) => ({ topic: `watch:${w.id}`, query: w.query! })),
      onStep: options.onStep,
    });
    step('count (total)');
    const { skipped } = counts;
    const left = [
      [skipped.noDate, 'without date'],
      [skipped.tooOld, 'dated before 2000'],
      [skipped.future, 'dated in the future'],
      [skipped.unscored, 'not scored yet'],
    ].filter(([n]) => (n as number) > 0);
    if (left.length > 0) {
      options.logger?.warn(
        `hotspots: left out ${left.map(([n, why]) => `${n} documents ${why}`).join(', ')}`,
      );
    }
    if (skipped.unlocated > 0) {
      options.logger?.info(
        `hotspots: ${skipped.unlocated} documents without a known locality count for new-term bursts only`,
      );
    }
    const unitsByLevel = new Map([...tree.seriesByLevel].map(([level, list]) => [level, list.length]));
    const scanOptions: ScanOptions = {
      config,
      firstTestDay: sinceDay,
      lastTestDay: lastDay,
      weights: seriesWeights(counts, tree, watch, sensitivity, await dismissedDays(db, tree)),
      unitsByLevel,
      topicCount: topics.length + watch.filter((w) => w.query).length,
    };
    const scanned = scanDays(counts, scanOptions);
    const { state } = scanned;
    step('scan days');
    const hourly =
      config.granularity === 'hour'
        ? await loadHourlyCounts(db, counts, counts.day0 + state.firstTest - lookbackDays(config))
        : undefined;
    const candidates = runningCandidates(state, scanOptions, scanned.candidates, hourly);
    step(`candidates (${candidates.length} days)`);
    const windows = await scanCandidates(db, state, scanOptions, candidates);
    step('scan running');
    const periods = mergeWindows(windows, config.mergeGapDays);
    const periodDocs = await candidateDocs(db, periodRanges(state, periods));
    const watchIdOf = (topic: string) => (topic.startsWith('watch:') ? topic.slice(6) : null);
    let drafts = topicDrafts(state, config, periods, periodDocs, watchIdOf);
    drafts.forEach((d) => {
      const weight = d.seriesIndex !== null ? scanOptions.weights[d.seriesIndex] : undefined;
      if (weight?.watchId) d.watchId = weight.watchId;
    });
    drafts = foldDrafts(drafts, tree, config, new Set(topics.filter((t) => t.sensitive).map((t) => t.id)));
    for (const d of drafts) d.spread = spreadOf(state, tree, d);
    step(`assemble (${drafts.length} topic alerts)`);

    const termDrafts = await detectTermBursts(db, {
      config,
      tree,
      firstTestDay: sinceDay,
      lastTestDay: lastDay,
      logger: options.logger,
    });
    step(`terms (${termDrafts.length} clusters)`);
    drafts = [...drafts, ...foldTerms(drafts, termDrafts, tree, config.mergeGapDays * 86_400_000)];
    const sinceMs = since.getTime();
    drafts = drafts.filter((d) => d.endMs > sinceMs && d.startMs < untilMs);
    await labelDrafts(db, drafts, tree);
    step('label');

    const misinfo = await (options.misinfo ?? defaultMisinfoCounter)(db, [
      ...new Set(drafts.flatMap((d) => d.docs.map((x) => x.id))),
    ]);
    const topicById = new Map(topics.map((t) => [t.id, t]));
    const watchById = new Map(watch.map((w) => [w.id, w]));
    const ctx: FinishContext = {
      tree,
      config,
      state,
      topicName: (topic) => {
        if (topic === null) return 'Vấn đề mới nổi';
        if (topic.startsWith('watch:'))
          return `Chủ đề theo dõi: ${watchById.get(topic.slice(6))?.name ?? topic}`;
        return topicById.get(topic)?.name_vi ?? topic;
      },
      sensitiveTopic: (topic) => (topic ? (topicById.get(topic)?.sensitive ?? false) : false),
      sensitivity: (topic) => (topic ? (sensitivity.get(topic) ?? 1) : 1),
      misinfo,
      now,
    };
    const alerts = drafts
      .map((d) => finishDraft(d, d.detector === 'topic' ? ctx : { ...ctx, state: null }))
      .sort((a, b) => +a.firstSeen - +b.firstSeen || (a.id < b.id ? -1 : 1));
    if (options.store === false) return alerts;
    const stored = await storeAlerts(db, alerts, config.mergeGapDays);
    step('store');
    return stored;
  } finally {
    await dropCounts(db);
  }
}
