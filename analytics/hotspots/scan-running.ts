/**
 * The running test: trailing windows that end at each document's arrival, tested as a bucket forms against the
 * expectation of the time gone by, for the series and days the daily scan points to. An alert fires one minute
 * after the document that carried a window past its bucket's threshold.
 *
 * Hourly buckets test two families of windows: the day-scale windows of the daily buckets (one to `windowDays`
 * calendar days up to now, against the daily threshold, `alpha` per day) and the hour-scale trailing windows of
 * `windowHours` (against `alpha × hourlyAlphaFactor` per hour). So hourly buckets see at least the evidence daily
 * ones see, at the same bar, and add the short windows; the Bonferroni bound on false alarms a week is the sum of
 * the two families' (see `hourlyAlphaFactor`).
 */
import type { SeriesCounts, SeriesDoc } from './count-series.ts';
import type { Db } from '../../data/db.ts';
import { chunkByWeight } from '../../data/chunks.ts';
import { DAY_MS, StoryCounter, candidateDocs, dayNumber, dayStartMs } from './count-series.ts';
import type { DetectorConfig } from './detector-config.ts';
import type { HourlyCounts } from './hourly-bound.ts';
import { hourlyCandidates } from './hourly-bound.ts';
import type { Candidate, Channel, ScanOptions, ScanState, WindowScale } from './scan-series.ts';
import { dayThreshold, eligible, hourThreshold, sizeOf } from './scan-series.ts';
import { logNegBinomialUpperTail } from './tail-probability.ts';

const HOUR_MS = 3_600_000;
/** Documents (estimated) the running test holds at a time: some tens of MB. */
const RUNNING_DOCS_BUDGET = 100_000;
/** Processing time between a document's arrival and the alert it completes. */
const REACTION_MS = 60_000;

/** One flagged window of one series. */
export interface FlaggedWindow {
  series: SeriesCounts;
  channel: Channel;
  startMs: number;
  /** The end of the bucket the window was flagged in. */
  endMs: number;
  /** When the alert fired: just after the document that made the window significant. */
  detectedAtMs: number;
  count: number;
  expected: number;
  pValue: number;
  /** The log p-value the window had to reach. */
  thresholdLogP: number;
  /** The family-wise error rate of the window's family (day-scale or hour-scale windows). */
  alpha: number;
}

/** Days before a flagged bucket whose documents the trailing windows of `config` may reach. */
export function lookbackDays(config: DetectorConfig): number {
  const days = Math.max(0, config.windowDays - 1);
  return config.granularity === 'hour'
    ? Math.max(days, Math.ceil(Math.max(...config.windowHours) / 24))
    : days;
}

/**
 * A day for the running test, and which windows to test on it: the day-scale ones where the daily scan pointed
 * (the days it flagged or came near), the hour-scale ones where `hourlyCandidates` did — so each family is tested
 * on the days its own pre-filter chose, and hourly buckets test the day-scale windows exactly where daily ones do.
 */
export interface RunningCandidate extends Candidate {
  dayScale: boolean;
  hourScale: boolean;
}

/**
 * The days the running test looks at, each once, in order:
 * `runningCandidates(state, options, scanned.candidates, hourly)`; `hourly` (the counts `loadHourlyCounts` reads)
 * is needed for hourly buckets only.
 */
export function runningCandidates(
  state: ScanState,
  options: ScanOptions,
  dayCandidates: readonly Candidate[],
  hourly?: HourlyCounts,
): RunningCandidate[] {
  const byKey = new Map<number, RunningCandidate>();
  const n = state.counts.nDays;
  const add = (c: Candidate, scale: 'dayScale' | 'hourScale') => {
    const key = c.series * n + c.day;
    const at = byKey.get(key) ?? { series: c.series, day: c.day, dayScale: false, hourScale: false };
    at[scale] = true;
    byKey.set(key, at);
  };
  for (const c of dayCandidates) add(c, 'dayScale');
  if (options.config.granularity === 'hour') {
    if (!hourly) throw new Error('runningCandidates: hourly buckets need the hourly counts');
    for (const c of hourlyCandidates(state, options, hourly)) add(c, 'hourScale');
  }
  return [...byKey.values()].sort((a, b) => a.series - b.series || a.day - b.day);
}

/**
 * `candidates` in consecutive runs whose documents (estimated by their series' stories over the days the running
 * test reads) stay within `budget`, so the running test holds one run's documents at a time whatever their number;
 * a candidate over the budget on its own is a run of its own.
 */
export function candidateChunks<T extends Candidate>(
  state: ScanState,
  config: DetectorConfig,
  candidates: readonly T[],
  budget: number,
): T[][] {
  const back = lookbackDays(config);
  return chunkByWeight(
    candidates,
    (c) => {
      const stories = state.counts.series[c.series]!.stories;
      let estimate = 1;
      for (let d = Math.max(0, c.day - back); d <= c.day; d++) estimate += stories[d]!;
      return estimate;
    },
    budget,
  );
}

/** Exposure of series `i`'s topic between two instants (hours in part counted in part). */
function exposureBetween(state: ScanState, i: number, startMs: number, endMs: number): number {
  const exposure = state.exposures.get(state.counts.series[i]!.topic)!;
  const hours = state.counts.nDays * 24;
  const origin = dayStartMs(state.counts.day0);
  const at = (ms: number) => {
    const x = Math.min(hours, Math.max(0, (ms - origin) / HOUR_MS));
    const h = Math.floor(x);
    return exposure.prefix[h]! + (h < hours ? (x - h) * exposure.hourlyFloored[h]! : 0);
  };
  return Math.max(0, at(endMs) - at(startMs));
}

/**
 * A trailing window of one bucket: its fixed start, the rate its expectation uses, the log p-value it must reach
 * (its family's), and its stories so far.
 */
interface GrowingWindow {
  scale: WindowScale;
  startMs: number;
  rateDay: number;
  threshold: number;
  alpha: number;
  counter: StoryCounter;
}

/**
 * The windows that end with bucket [bucketStartMs, bucketEndMs), holding the documents before the bucket: the
 * day-scale windows from the start of the bucket's day and the hour-scale ones, as `scales` asks.
 */
function bucketWindows(
  state: ScanState,
  config: DetectorConfig,
  i: number,
  scales: { dayScale: boolean; hourScale: boolean },
  docs: readonly SeriesDoc[],
  bucketStartMs: number,
  bucketEndMs: number,
): GrowingWindow[] {
  const s = state.counts.series[i]!;
  const origin = dayStartMs(state.counts.day0);
  const day = dayNumber(bucketStartMs);
  const dayStart = dayStartMs(day);
  const daily = {
    scale: 'day' as WindowScale,
    threshold: dayThreshold(state, config, i, day),
    alpha: config.alpha,
  };
  const starts = Array.from({ length: scales.dayScale ? config.windowDays : 0 }, (_, k) => ({
    startMs: dayStart - k * DAY_MS,
    ...daily,
  }));
  if (scales.hourScale) {
    const hourly = {
      scale: 'hour' as WindowScale,
      threshold: hourThreshold(state, config, i, day),
      alpha: config.alpha * config.hourlyAlphaFactor,
    };
    starts.push(
      ...config.windowHours.map((hours) => ({ startMs: bucketEndMs - hours * HOUR_MS, ...hourly })),
    );
  }
  return starts
    .filter((w) => w.startMs >= origin)
    .map((w) => {
      const counter = new StoryCounter(config.capPerOutlet[s.level] ?? 2);
      for (const d of docs) if (d.ms >= w.startMs && d.ms < bucketStartMs) counter.add(d);
      return { ...w, rateDay: dayNumber(w.startMs) - state.counts.day0, counter };
    });
}

/** The eligible window of series `i` that comes nearest its threshold (or passes it furthest) at `untilMs`. */
function bestWindow(
  state: ScanState,
  config: DetectorConfig,
  i: number,
  windows: readonly GrowingWindow[],
  untilMs: number,
): {
  startMs: number;
  channel: Channel;
  count: number;
  expected: number;
  logP: number;
  threshold: number;
  alpha: number;
} | null {
  const s = state.counts.series[i]!;
  const weight = state.weights[i]!;
  let best: ReturnType<typeof bestWindow> = null;
  for (const w of windows) {
    const counted = w.counter.counted();
    const exposure = exposureBetween(state, i, w.startMs, untilMs);
    for (const channel of state.channels) {
      const expected = state.rates[channel][i]![w.rateDay]! * exposure;
      if (!eligible(config, s, weight, channel, { ...counted, expected }, w.scale)) continue;
      const count = channel === 'stories' ? counted.count : counted.negative;
      const size = sizeOf(state, channel, i, w.rateDay);
      const logP = logNegBinomialUpperTail(count, Math.max(expected, 1e-6), size);
      if (!best || logP - w.threshold < best.logP - best.threshold) {
        best = { startMs: w.startMs, channel, count, expected, logP, threshold: w.threshold, alpha: w.alpha };
      }
    }
  }
  return best;
}

/**
 * Test each candidate day's buckets (the day, or its 24 hours) as their documents arrive: after each document,
 * the trailing windows ending with the bucket, with the documents so far against the expectation of the time
 * they span. The first document that carries one past its family's threshold flags the bucket. `docs[k]` holds
 * candidate k's documents from `lookbackDays` before its day to its end, oldest first.
 */
export function scanRunning(
  state: ScanState,
  options: ScanOptions,
  candidates: readonly RunningCandidate[],
  docs: readonly SeriesDoc[][],
): FlaggedWindow[] {
  const { config } = options;
  const hourly = config.granularity === 'hour';
  const bucketMs = hourly ? HOUR_MS : DAY_MS;
  const out: FlaggedWindow[] = [];
  candidates.forEach((candidate, k) => {
    const i = candidate.series;
    const list = docs[k]!;
    const dayStart = dayStartMs(state.counts.day0 + candidate.day);
    for (let bucketStartMs = dayStart; bucketStartMs < dayStart + DAY_MS; bucketStartMs += bucketMs) {
      const bucketEndMs = bucketStartMs + bucketMs;
      const arrivals = list.filter((d) => d.ms >= bucketStartMs && d.ms < bucketEndMs);
      if (arrivals.length === 0) continue;
      const windows = bucketWindows(state, config, i, candidate, list, bucketStartMs, bucketEndMs);
      for (let j = 0; j < arrivals.length; j++) {
        const doc = arrivals[j]!;
        for (const w of windows) w.counter.add(doc);
        if (arrivals[j + 1]?.ms === doc.ms) continue;
        const best = bestWindow(state, config, i, windows, doc.ms + 1);
        if (!best || best.logP > best.threshold) continue;
        out.push({
          series: state.counts.series[i]!,
          channel: best.channel,
          startMs: best.startMs,
          endMs: bucketEndMs,
          detectedAtMs: Math.min(bucketEndMs, doc.ms + REACTION_MS),
          count: best.count,
          expected: best.expected,
          pValue: Math.exp(best.logP),
          thresholdLogP: best.threshold,
          alpha: best.alpha,
        });
        break;
      }
    }
  });
  return out;
}

/**
 * The running test over `candidates`, reading their documents a chunk at a time (`candidateChunks`, about
 * `budget` documents each) so memory stays bounded however many days the pre-filters pass; the windows are those
 * of one `scanRunning` over all of them, in the same order.
 */
export async function scanCandidates(
  db: Db,
  state: ScanState,
  options: ScanOptions,
  candidates: readonly RunningCandidate[],
  budget = RUNNING_DOCS_BUDGET,
): Promise<FlaggedWindow[]> {
  const { counts } = state;
  const back = lookbackDays(options.config);
  const out: FlaggedWindow[] = [];
  for (const chunk of candidateChunks(state, options.config, candidates, budget)) {
    const docs = await candidateDocs(
      db,
      chunk.map((c) => ({
        topic: counts.series[c.series]!.topic,
        seriesUid: counts.series[c.series]!.seriesUid,
        dayFrom: counts.day0 + c.day - back,
        dayTo: counts.day0 + c.day,
      })),
    );
    out.push(...scanRunning(state, options, chunk, docs));
  }
  return out;
}
