/**
 * The pre-filter of the hour-scale windows: the days on which some trailing window of `windowHours` hours could be
 * flagged by the running test (scan-running.ts), from each series' documents per hour counted in DuckDB, so the
 * running test reads documents only for those days. The bound is conservative: it may pass days the running test
 * then leaves alone, never drop one it would flag (see `hourlyCandidates`).
 */
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import type { CountData, SeriesCounts } from './count-series.ts';
import type { DetectorConfig } from './detector-config.ts';
import type { Candidate, Channel, ScanOptions, ScanState, SeriesWeight } from './scan-series.ts';
import { hourThreshold, minCountFor, sizeOf } from './scan-series.ts';
import { logNegBinomialPmf, logNegBinomialUpperTail } from './tail-probability.ts';

const sql = readSqlFile(new URL('./hourly-bound.sql', import.meta.url));

/** Slack on the log p-value against rounding in the tail probability: the bound errs towards passing. */
const LOG_P_SLACK = 1e-9;
/** The same for the probability of the count alone, computed another way (log-gammas). */
const PMF_SLACK = 1e-6;

/** One series' hours with documents (since `CountData.day0` × 24, ascending) and prefix sums of their documents. */
export interface SeriesHours {
  hours: Int32Array;
  /** Documents (and negative documents) in hours before position k: `docs[k]` (length + 1). */
  docs: Float64Array;
  negative: Float64Array;
}

/** Per series (by `SeriesCounts.index`): its hours with documents from the day `loadHourlyCounts` was given on. */
export type HourlyCounts = (SeriesHours | undefined)[];

/** A 'hour,documents,negative;…' string as hours and prefix sums. */
function seriesHours(cells: string): SeriesHours {
  const values = cells.split(/[;,]/);
  const n = values.length / 3;
  const out = { hours: new Int32Array(n), docs: new Float64Array(n + 1), negative: new Float64Array(n + 1) };
  for (let k = 0; k < n; k++) {
    out.hours[k] = Number(values[3 * k]);
    out.docs[k + 1] = out.docs[k]! + Number(values[3 * k + 1]);
    out.negative[k + 1] = out.negative[k]! + Number(values[3 * k + 2]);
  }
  return out;
}

/** Read every series' documents per hour from the staged documents (`countSeries`' temp tables), from `fromDay` on. */
export async function loadHourlyCounts(db: Db, counts: CountData, fromDay: number): Promise<HourlyCounts> {
  const out: HourlyCounts = counts.series.map(() => undefined);
  const topics = [...new Set(counts.series.map((s) => s.topic))].sort();
  if (topics.length === 0) return out;
  const indexOf = new Map(counts.series.map((s) => [`${s.topic}\n${s.seriesUid}`, s.index]));
  const rows = await db.all<{ topic: string; series_uid: string; cells: string }>(sql('series_hours'), {
    topics,
    from_day: fromDay,
    start_day: counts.day0,
  });
  for (const r of rows) {
    const i = indexOf.get(`${r.topic}\n${r.series_uid}`);
    if (i !== undefined) out[i] = seriesHours(r.cells);
  }
  return out;
}

/** First position in ascending `hours`, from `from` on, holding a value ≥ `value`. */
function lowerBound(hours: Int32Array, value: number, from: number): number {
  let lo = from;
  let hi = hours.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hours[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `eligible`'s conditions that a bound on the count and the expectation decide. */
function eligibleBound(
  config: DetectorConfig,
  s: SeriesCounts,
  weight: SeriesWeight,
  channel: Channel,
  count: number,
  expected: number,
): boolean {
  const minCount =
    minCountFor(config, s, weight, 'hour') + (channel === 'negative' ? config.negativeExtraCount : 0);
  return count >= minCount && count >= config.minRatio * expected;
}

/**
 * The days on which some hour-scale window of a series might be flagged by the running test, each once, in order.
 *
 * Why no day the running test would flag is dropped: the running test flags the hour bucket [h, h + 1) of a day
 * when, after a document in it, a window of `hours` hours from S = h + 1 − hours (never before the first counted
 * hour) holds an eligible count — with the hour-scale windows' own minimum, `hourMinCount`, which
 * `eligibleBound` takes too — whose tail probability reaches the hourly threshold. For that window:
 * - its count (stories, or negative stories) is at most its documents (negative documents) in hours S … h: the
 *   running test counts each document at most once, and only the documents of the window's hours;
 * - its expectation is at least the rate × the exposure of the whole hours S … h − 1: it uses the same day's rate
 *   and the exposure from S to just after the document, which arrived at h or later;
 * - the negative-binomial upper tail only grows as the count falls or the expectation rises (same size), and
 *   `eligible`'s count and ratio conditions only fail as the count falls or the expectation rises; its other
 *   conditions are left out (they can only fail more).
 * So a window the running test flags passes here at its own hour, and its day is kept.
 */
export function hourlyCandidates(state: ScanState, options: ScanOptions, counts: HourlyCounts): Candidate[] {
  const { config } = options;
  const out: Candidate[] = [];
  state.counts.series.forEach((s, i) => {
    const series = counts[i];
    if (!series) return;
    const { hours } = series;
    const exposure = state.exposures.get(s.topic)!.prefix;
    const weight = state.weights[i]!;
    // The bar without dismissals: the lowest the series ever has, so the bound holds on every day.
    const threshold = hourThreshold(state, config, i) + LOG_P_SLACK;
    const starts = config.windowHours.map(() => 0);
    /** Whether the window of `length` hours ending with the hour at position `k` (from position `lo`) may pass. */
    const possible = (k: number, length: number, lo: number): boolean => {
      const h = hours[k]!;
      const start = h + 1 - length;
      const rateDay = Math.floor(start / 24);
      const exposed = exposure[h]! - exposure[start]!;
      return state.channels.some((channel) => {
        const prefix = channel === 'stories' ? series.docs : series.negative;
        const count = prefix[k + 1]! - prefix[lo]!;
        const expected = state.rates[channel][i]![rateDay]! * exposed;
        if (!eligibleBound(config, s, weight, channel, count, expected)) return false;
        const mu = Math.max(expected, 1e-6);
        const size = sizeOf(state, channel, i, rateDay);
        // P(X ≥ count) ≥ P(X = count): a window whose count alone is that likely is far from the threshold.
        if (logNegBinomialPmf(count, mu, size) > threshold + PMF_SLACK) return false;
        return logNegBinomialUpperTail(count, mu, size) <= threshold;
      });
    };
    let lastDay = -1;
    for (let k = 0; k < hours.length; k++) {
      const h = hours[k]!;
      const day = Math.floor(h / 24);
      if (day < state.firstTest || day > state.lastTest || day === lastDay) continue;
      const hit = config.windowHours.some((length, w) => {
        const start = h + 1 - length;
        if (start < 0) return false;
        starts[w] = lowerBound(hours, start, starts[w]!);
        return possible(k, length, starts[w]!);
      });
      if (hit) {
        out.push({ series: i, day });
        lastDay = day;
      }
    }
  });
  return out;
}
