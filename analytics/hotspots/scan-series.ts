/**
 * The topic detector's statistics: each series' expected count from its own trailing history (a busy series'
 * last weeks when they run above it, so a season setting in is followed rather than lagged), scaled by the
 * volume of other topics in the same hours (so weekends, holidays and outages move the baseline) and by the
 * topic's own weekday and holiday pattern; a negative-binomial upper tail per trailing window (overdispersion and
 * the baseline's own uncertainty), on all stories and on negative stories (two channels); a family-wise threshold
 * per bucket shared among all series, channels and windows; flagged days left out of later baselines. The daily
 * scan here points the running test (scan-running.ts) at the days worth a closer look.
 */
import type { CountData, SeriesCounts } from './count-series.ts';
import { dayStartMs } from './count-series.ts';
import type { DetectorConfig } from './detector-config.ts';
import { holidayOf, weekdayOf } from './holidays.ts';
import { logNegBinomialUpperTail } from './tail-probability.ts';

/** Pseudo-documents shrinking each topic's weekday and holiday factors towards 1. */
const FACTOR_SHRINK = 30;
const HOUR_MS = 3_600_000;

/** How one series is weighed: topic sensitivity and watch topics make flagging easier. */
export interface SeriesWeight {
  /** Multiplies the error rate this series is allowed (weighted Bonferroni). */
  weight: number;
  /** Multiplies the minimum count. */
  minCountFactor: number;
  watchId: string | null;
  /** Local days (`dayNumber`) on which analysts dismissed alerts of this series, ascending. */
  dismissedDays: readonly number[];
}

/**
 * How many dismissals of the series hold on local day `day`: those made before that day and no more than
 * `dismissalMemoryDays` before it, at most `dismissalMaxCount`.
 */
export function dismissalsInForce(config: DetectorConfig, weight: SeriesWeight, day: number): number {
  let n = 0;
  for (const dismissed of weight.dismissedDays) {
    if (dismissed < day && dismissed >= day - config.dismissalMemoryDays) n++;
  }
  return Math.min(n, config.dismissalMaxCount);
}

/** The series' weight on local day `day`: its topic and watch weight, lowered by the dismissals then in force. */
export function weightOnDay(config: DetectorConfig, weight: SeriesWeight, day: number): number {
  return weight.weight * config.dismissalFactor ** dismissalsInForce(config, weight, day);
}

/** Exposure of one topic: volume of the other topics per hour, adjusted by the topic's weekday/holiday factors. */
export interface TopicExposure {
  /** As observed, for the baseline history. */
  hourly: Float64Array;
  /** With a floor for hours of missing data, for expected counts. */
  hourlyFloored: Float64Array;
  daily: Float64Array;
  dailyFloored: Float64Array;
  meanDaily: number;
  /** Prefix sums of `hourlyFloored` (length + 1). */
  prefix: Float64Array;
}

/** What a window counts: all independent stories, or only the negative ones. */
export type Channel = 'stories' | 'negative';
export const CHANNELS: readonly Channel[] = ['stories', 'negative'];

/** The daily counts a channel tests. */
export function channelValues(s: SeriesCounts, channel: Channel): Int32Array {
  return channel === 'stories' ? s.capped : s.neg;
}

export interface ScanState {
  counts: CountData;
  exposures: Map<string, TopicExposure>;
  /** Per channel and series: the rate per unit of exposure estimated before each day (index day − day0). */
  rates: Record<Channel, Float64Array[]>;
  /**
   * Per channel and series: the stories (observed and prior pseudo-stories) each day's rate rests on — the shape
   * of its gamma posterior, so a rate learnt from few stories is held with less confidence.
   */
  shapes: Record<Channel, Float64Array[]>;
  /** Per channel and series: the expected count of each whole day. */
  expected: Record<Channel, Float64Array[]>;
  /** Per series: days flagged by the daily test. */
  flaggedDays: Uint8Array[];
  /** Negative-binomial size by channel and level, and by channel, level 1 and topic (Infinity: Poisson). */
  sizes: Map<string, number>;
  weights: SeriesWeight[];
  /** Hypotheses per bucket (series × channels), for the multiple-testing step. */
  hypotheses: number;
  /** The channels tested. */
  channels: readonly Channel[];
  /** Whether tail probabilities include the uncertainty of each baseline rate. */
  rateUncertainty: boolean;
  firstTest: number;
  lastTest: number;
}

/**
 * Negative-binomial size for a window of series `i` whose expectation uses day `d`'s rate: the level's
 * overdispersion together with the rate's own uncertainty (variances add: 1/size = 1/dispersion + 1/shape).
 */
export function sizeOf(state: ScanState, channel: Channel, i: number, d: number): number {
  const { level, topic } = state.counts.series[i]!;
  const dispersion = Math.min(
    state.sizes.get(`${channel}|${level}`) ?? Number.POSITIVE_INFINITY,
    state.sizes.get(`${channel}|${level}|${topic}`) ?? Number.POSITIVE_INFINITY,
  );
  if (!state.rateUncertainty) return dispersion;
  const shape = state.shapes[channel][i]![Math.max(0, Math.min(state.counts.nDays - 1, d))]!;
  return 1 / (1 / dispersion + 1 / Math.max(shape, 1e-6));
}

function effectiveExposure(counts: CountData, topic: string): TopicExposure {
  const { nDays, day0, hourTotal } = counts;
  const own = counts.hourByTopic.get(topic);
  const hourly = new Float64Array(nDays * 24);
  let other = 0;
  let total = 0;
  for (let h = 0; h < hourly.length; h++) {
    const value = hourTotal[h]! - (own?.[h] ?? 0);
    hourly[h] = value;
    other += value;
    total += hourTotal[h]!;
  }
  if (other < 0.25 * total) hourly.set(hourTotal);

  const daily = new Float64Array(nDays);
  const ownDaily = new Float64Array(nDays);
  for (let h = 0; h < hourly.length; h++) {
    daily[Math.floor(h / 24)]! += hourly[h]!;
    ownDaily[Math.floor(h / 24)]! += own?.[h] ?? 0;
  }
  const byClass = new Float64Array(16);
  const classOf = (i: number) => (holidayOf(day0 + i) !== null ? 7 : weekdayOf(day0 + i));
  for (let i = 0; i < nDays; i++) {
    byClass[classOf(i)]! += ownDaily[i]!;
    byClass[8 + classOf(i)]! += daily[i]!;
  }
  let ownSum = 0;
  let exposureSum = 0;
  for (let c = 0; c < 8; c++) {
    ownSum += byClass[c]!;
    exposureSum += byClass[8 + c]!;
  }
  const share = exposureSum > 0 ? ownSum / exposureSum : 0;
  const factor = new Float64Array(8).fill(1);
  if (share > 0) {
    for (let c = 0; c < 8; c++) {
      factor[c] = (byClass[c]! + FACTOR_SHRINK) / (share * byClass[8 + c]! + FACTOR_SHRINK);
    }
  }

  const profile = new Float64Array(24);
  let profileTotal = 0;
  for (let h = 0; h < hourTotal.length; h++) {
    profile[h % 24]! += hourTotal[h]!;
    profileTotal += hourTotal[h]!;
  }
  for (let h = 0; h < 24; h++) profile[h] = profileTotal > 0 ? profile[h]! / profileTotal : 1 / 24;

  const positive = [...daily].filter((v) => v > 0).sort((a, b) => a - b);
  const median = positive.length > 0 ? positive[Math.floor(positive.length / 2)]! : 0;
  const floor = 0.25 * median;
  const hourlyFloored = new Float64Array(hourly.length);
  const dailyFloored = new Float64Array(nDays);
  for (let i = 0; i < nDays; i++) {
    const f = factor[classOf(i)]!;
    let sum = 0;
    for (let h = 0; h < 24; h++) {
      const k = i * 24 + h;
      hourly[k] = hourly[k]! * f;
      hourlyFloored[k] = Math.max(hourly[k]!, floor * f * profile[h]!);
      sum += hourlyFloored[k]!;
    }
    daily[i] = daily[i]! * f;
    dailyFloored[i] = sum;
  }
  const prefix = new Float64Array(hourly.length + 1);
  for (let h = 0; h < hourly.length; h++) prefix[h + 1] = prefix[h]! + hourlyFloored[h]!;
  const meanDaily = positive.length > 0 ? positive.reduce((a, b) => a + b, 0) / positive.length : 0;
  return { hourly, hourlyFloored, daily, dailyFloored, meanDaily, prefix };
}

/** Highest count a day adds to its series' history once testing has begun. */
function winsorCap(mu: number): number {
  return mu + 3 * Math.sqrt(mu) + 1;
}

/** Flagged days stop being left out of the baseline after this many in a row, so a lasting shift is absorbed. */
const MAX_EXCLUDED_RUN = 7;

/**
 * The rate of a series' recent stretch when it is busy enough to be estimated on its own and above the long
 * history's: a busy series follows a season setting in (floods in autumn) instead of lagging weeks behind it and
 * reading the lag as a hot spot; sparse series, and any series whose recent stretch runs below its history, keep
 * the long rate. `recentRate(180, 10, 12, 600, 150)` → `{ rate: 18, shape: 180 }`.
 */
export function recentRate(
  recentStories: number,
  recentExposure: number,
  longRate: number,
  longShape: number,
  minStories: number,
): { rate: number; shape: number } {
  const busy = minStories > 0 && recentStories >= minStories && recentExposure > 0;
  return busy && recentStories > longRate * recentExposure
    ? { rate: recentStories / recentExposure, shape: recentStories }
    : { rate: longRate, shape: longShape };
}

interface Baseline {
  config: DetectorConfig;
  counts: CountData;
  exposures: Map<string, TopicExposure>;
  priors: Map<string, number>;
  firstTest: number;
  /** Per series, days left out of the estimate (1): the bursts a first scan flagged. */
  excluded: Uint8Array[] | null;
}

/**
 * Baselines without any flags, to estimate overdispersion per channel and level (moments of winsorised counts), and
 * per topic for the province, whose one series per topic can swing more than the level's pool says (a day when
 * many stories of other topics also carry this one). Days in `excluded` count neither in the moments nor in the
 * baselines, as flagged days stay out of the detector's baselines.
 */
function estimateSizes(b: Baseline): Map<string, number> {
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  for (const channel of CHANNELS) {
    for (const s of b.counts.series) {
      const values = channelValues(s, channel);
      const exposure = b.exposures.get(s.topic)!;
      const prior = b.priors.get(`${channel}|${s.topic}|${s.level}`) ?? 0;
      const keys = [`${channel}|${s.level}`, ...(s.level === 1 ? [`${channel}|${s.level}|${s.topic}`] : [])];
      const keptC = new Float64Array(b.counts.nDays);
      const keptE = new Float64Array(b.counts.nDays);
      const alpha = b.config.priorDays * exposure.meanDaily;
      let sumC = 0;
      let sumE = 0;
      for (let t = 0; t < b.counts.nDays; t++) {
        const rate = (sumC + prior * alpha) / (sumE + alpha || 1);
        const mu = rate * exposure.dailyFloored[t]!;
        const c = values[t]!;
        const left = b.excluded?.[s.index]?.[t] === 1;
        if (t >= b.firstTest && mu >= 0.5 && !left) {
          const w = Math.min(c, mu + 5 * Math.sqrt(mu) + 2);
          for (const key of keys) {
            num.set(key, (num.get(key) ?? 0) + (w - mu) ** 2 - w);
            den.set(key, (den.get(key) ?? 0) + mu * mu);
          }
        }
        keptC[t] = left ? 0 : t < b.firstTest ? c : Math.min(c, winsorCap(mu));
        keptE[t] = left ? 0 : exposure.daily[t]!;
        sumC += keptC[t]!;
        sumE += keptE[t]!;
        const leaving = t - b.config.historyDays;
        if (leaving >= 0) {
          sumC -= keptC[leaving]!;
          sumE -= keptE[leaving]!;
        }
      }
    }
  }
  const sizes = new Map<string, number>();
  for (const [key, d] of den) {
    const phi = d > 0 ? Math.min(0.5, Math.max(0, (num.get(key) ?? 0) / d)) : 0;
    sizes.set(key, phi > 1e-3 ? 1 / phi : Number.POSITIVE_INFINITY);
  }
  return sizes;
}

/**
 * The log p-value a test of a series with `weight` must reach in one bucket: the family-wise error rate `alpha`
 * shared among the `hypotheses` (weighted Bonferroni; a sensitive or watched topic's weight above 1 lowers its
 * bar), and among the `windows` trailing windows each series tries.
 * `logThreshold(0.05, 1, 3800, 3)` → ln(0.05 / 3800 / 3).
 */
export function logThreshold(alpha: number, weight: number, hypotheses: number, windows = 1): number {
  return Math.log((alpha * Math.max(weight, 1e-9)) / Math.max(1, hypotheses) / Math.max(1, windows));
}

/** The average rate per unit of each channel, topic and level: the prior every baseline starts from. */
function priorRates(
  counts: CountData,
  exposures: Map<string, TopicExposure>,
  unitsByLevel: Map<number, number>,
) {
  const sums = new Map<string, number>();
  for (const channel of CHANNELS) {
    for (const s of counts.series) {
      const key = `${channel}|${s.topic}|${s.level}`;
      const values = channelValues(s, channel);
      let total = 0;
      for (let t = 0; t < counts.nDays; t++) total += values[t]!;
      sums.set(key, (sums.get(key) ?? 0) + total);
    }
  }
  const priors = new Map<string, number>();
  for (const [key, total] of sums) {
    const [, topic, level] = key.split('|') as [string, string, string];
    const exposure = exposures.get(topic)!;
    let e = 0;
    for (let t = 0; t < counts.nDays; t++) e += exposure.daily[t]!;
    const units = Math.max(1, unitsByLevel.get(Number(level)) ?? 1);
    priors.set(key, e > 0 ? total / units / e : 0);
  }
  return priors;
}

export interface ScanOptions {
  config: DetectorConfig;
  /** First and last day numbers that may be flagged. */
  firstTestDay: number;
  lastTestDay: number;
  weights: SeriesWeight[];
  /** Units per level in the tree, for the priors and the number of hypotheses. */
  unitsByLevel: Map<number, number>;
  topicCount: number;
}

/** Which family a trailing window belongs to: day-scale (`windowDays`) or hour-scale (`windowHours`). */
export type WindowScale = 'day' | 'hour';

/** The least count a window of series `s` needs (hour-scale windows: `hourMinCount`). */
export function minCountFor(
  config: DetectorConfig,
  s: SeriesCounts,
  weight: SeriesWeight,
  scale: WindowScale = 'day',
): number {
  const base = scale === 'hour' ? config.hourMinCount[s.level] : config.minCount[s.level];
  return Math.max(2, Math.ceil((base ?? 3) * weight.minCountFactor));
}

/**
 * Whether a window's counts may be tested at all: enough stories, enough of them from outlets other than the
 * busiest one (one source's burst alone never makes a hot spot), enough outlets, lift and negativity; `scale`
 * picks the least count (`minCount`, or `hourMinCount` for the hour-scale windows of hourly buckets).
 */
export function eligible(
  config: DetectorConfig,
  s: SeriesCounts,
  weight: SeriesWeight,
  channel: Channel,
  w: { count: number; negative: number; outlets: number; top: number; expected: number },
  scale: WindowScale = 'day',
): boolean {
  const c = channel === 'stories' ? w.count : w.negative;
  const minCount = minCountFor(config, s, weight, scale);
  return (
    c >= minCount + (channel === 'negative' ? config.negativeExtraCount : 0) &&
    w.count - w.top >= minCount - 1 &&
    w.outlets >= config.minOutlets &&
    c >= config.minRatio * w.expected &&
    w.negative >= config.minNegShare * w.count
  );
}

/** Counts of a trailing window, as `eligible` and the tail probability take them. */
export interface WindowCounts {
  /** Independent stories. */
  count: number;
  negative: number;
  outlets: number;
  /** The busiest outlet's stories. */
  top: number;
  expected: number;
}

/** The trailing window that tested best for one series, channel and bucket. */
interface WindowTest {
  startMs: number;
  count: number;
  expected: number;
  logP: number;
}

/**
 * How far (a factor on the p-value) a whole-day window may miss the threshold and still be worth testing as the
 * day forms: before the day is over its expectation is only the part of the day gone by.
 */
const RUNNING_MARGIN = 100;
/**
 * Standard deviations above expectation below which a window is not worth its tail probability: nowhere near the
 * thresholds (which lie many deviations out), so the costly incomplete beta is skipped.
 */
const FAR_FROM_SIGNIFICANT = 2.5;

/**
 * Trailing windows of `config.windowDays` calendar days ending with day `t` (today alone, today and yesterday,
 * …), from the daily counts: the most significant eligible one, and whether any came near enough to the
 * threshold for the running test (`scanRunning`) to look at the day. A window's expectation uses the rate
 * estimated before its first day, so the window's own days stay out of it. Across days the outlets are the most
 * of any one day and the busiest outlet is credited with every day's busiest, which can only understate the
 * evidence.
 */
function bestDayWindow(
  state: ScanState,
  config: DetectorConfig,
  i: number,
  t: number,
  channel: Channel,
  threshold: number,
): { best: WindowTest | null; near: boolean } {
  const s = state.counts.series[i]!;
  const exposure = state.exposures.get(s.topic)!;
  const weight = state.weights[i]!;
  const values = channelValues(s, channel);
  const w: WindowCounts = { count: 0, negative: 0, outlets: 0, top: 0, expected: 0 };
  let c = 0;
  let exposureSum = 0;
  let best: WindowTest | null = null;
  let near = false;
  for (let days = 1; days <= config.windowDays && t - days + 1 >= 0; days++) {
    const d = t - days + 1;
    w.count += s.capped[d]!;
    w.negative += s.neg[d]!;
    w.outlets = Math.max(w.outlets, s.origins[d]!);
    w.top += s.topCapped[d]!;
    c += values[d]!;
    exposureSum += exposure.dailyFloored[d]!;
    w.expected = state.rates[channel][i]![d]! * exposureSum;
    const isEligible = eligible(config, s, weight, channel, w);
    if (!isEligible && (near || !mayPassLater(config, s, weight, channel, w))) continue;
    const mu = Math.max(w.expected, 1e-6);
    const size = sizeOf(state, channel, i, d);
    if (c - mu < FAR_FROM_SIGNIFICANT * Math.sqrt(mu + (mu * mu) / size)) continue;
    const logP = logNegBinomialUpperTail(c, mu, size);
    if (logP <= threshold + Math.log(RUNNING_MARGIN)) near = true;
    if (isEligible && (!best || logP < best.logP)) {
      best = { startMs: dayStartMs(state.counts.day0 + d), count: c, expected: w.expected, logP };
    }
  }
  return { best, near };
}

/**
 * Whether a window that fails `eligible` with the whole day's counts and expectation may pass it part-way
 * through the day: enough stories and outlets (the lift and negative share can be higher earlier).
 */
function mayPassLater(
  config: DetectorConfig,
  s: SeriesCounts,
  weight: SeriesWeight,
  channel: Channel,
  w: WindowCounts,
): boolean {
  const c = channel === 'stories' ? w.count : w.negative;
  const minCount = minCountFor(config, s, weight) + (channel === 'negative' ? config.negativeExtraCount : 0);
  return c >= minCount && w.outlets >= config.minOutlets && c >= w.expected;
}

/** A series and day (index since `CountData.day0`) for the running test to look at. */
export interface Candidate {
  series: number;
  day: number;
}

/**
 * Baselines and the daily test for every series, day by day in order so a flagged day is left out of the
 * baselines after it: trailing windows of one to `windowDays` days ending each day, the best one per series
 * against the bucket's family-wise threshold. Returns the state and the days the running test should look at
 * (those flagged and those that came near). The overdispersion is estimated twice: once on every day, then
 * without the days the first scan flagged and the days their windows reach back to, so the bursts being looked for
 * do not widen the spread they are tested against (four events in a stream made commune series look twice as
 * dispersed as the same stream without them) — and the scan runs again with it.
 */
export function scanDays(
  counts: CountData,
  options: ScanOptions,
): { state: ScanState; candidates: Candidate[] } {
  const first = scanPass(counts, options, null);
  const window = Math.max(1, options.config.windowDays);
  let any = false;
  const excluded = first.state.flaggedDays.map((flags) => {
    const out = new Uint8Array(flags.length);
    for (let t = 0; t < flags.length; t++) {
      if (!flags[t]) continue;
      any = true;
      for (let k = Math.max(0, t - window + 1); k <= t; k++) out[k] = 1;
    }
    return out;
  });
  return any ? scanPass(counts, options, excluded) : first;
}

function scanPass(
  counts: CountData,
  options: ScanOptions,
  excluded: Uint8Array[] | null,
): { state: ScanState; candidates: Candidate[] } {
  const { config } = options;
  const exposures = new Map<string, TopicExposure>();
  for (const s of counts.series)
    if (!exposures.has(s.topic)) exposures.set(s.topic, effectiveExposure(counts, s.topic));
  const priors = priorRates(counts, exposures, options.unitsByLevel);
  const firstTest = Math.max(
    options.firstTestDay - counts.day0,
    (counts.firstDataDay ?? counts.day0) - counts.day0 + config.warmupDays,
  );
  const lastTest = options.lastTestDay - counts.day0;
  const sizes = estimateSizes({ config, counts, exposures, priors, firstTest, excluded });
  const channels: readonly Channel[] = config.negativeChannel ? CHANNELS : ['stories'];
  const hypotheses =
    channels.length *
    Math.max(1, options.topicCount) *
    [...options.unitsByLevel.values()].reduce((a, b) => a + b, 0);

  const n = counts.series.length;
  const perSeries = () => counts.series.map(() => new Float64Array(counts.nDays));
  const state: ScanState = {
    counts,
    exposures,
    rates: { stories: perSeries(), negative: perSeries() },
    shapes: { stories: perSeries(), negative: perSeries() },
    rateUncertainty: config.rateUncertainty,
    expected: { stories: perSeries(), negative: perSeries() },
    flaggedDays: counts.series.map(() => new Uint8Array(counts.nDays)),
    sizes,
    weights: options.weights,
    hypotheses,
    channels,
    firstTest,
    lastTest,
  };
  const { rates, shapes, expected, flaggedDays } = state;
  const kept = { stories: perSeries(), negative: perSeries() };
  const keptExposure = perSeries();
  const sumC = { stories: new Float64Array(n), negative: new Float64Array(n) };
  const sumE = new Float64Array(n);
  const recentC = { stories: new Float64Array(n), negative: new Float64Array(n) };
  const recentE = new Float64Array(n);
  const run = new Int32Array(n);
  const candidates: Candidate[] = [];

  const exposureOf = counts.series.map((s) => exposures.get(s.topic)!);
  const priorOf = {
    stories: counts.series.map((s) => priors.get(`stories|${s.topic}|${s.level}`) ?? 0),
    negative: counts.series.map((s) => priors.get(`negative|${s.topic}|${s.level}`) ?? 0),
  };
  for (let t = 0; t < counts.nDays; t++) {
    for (let i = 0; i < n; i++) {
      const s = counts.series[i]!;
      const exposure = exposureOf[i]!;
      const alpha = config.priorDays * exposure.meanDaily;
      for (const channel of CHANNELS) {
        const longShape = sumC[channel][i]! + priorOf[channel][i]! * alpha;
        const { rate, shape } = recentRate(
          recentC[channel][i]!,
          recentE[i]!,
          longShape / (sumE[i]! + alpha || 1),
          longShape,
          config.recentMinStories,
        );
        rates[channel][i]![t] = rate;
        shapes[channel][i]![t] = shape;
        expected[channel][i]![t] = rate * exposure.dailyFloored[t]!;
      }
      if (t < firstTest || t > lastTest || s.capped[t]! === 0) continue;
      const threshold = dayThreshold(state, config, i, counts.day0 + t);
      let flagged = false;
      let near = false;
      for (const channel of channels) {
        const test = bestDayWindow(state, config, i, t, channel, threshold);
        flagged ||= test.best !== null && test.best.logP <= threshold;
        near ||= test.near;
      }
      if (flagged) flaggedDays[i]![t] = 1;
      if (flagged || near) candidates.push({ series: i, day: t });
    }
    for (let i = 0; i < n; i++) {
      const s = counts.series[i]!;
      const exposure = exposureOf[i]!;
      run[i] = flaggedDays[i]![t] ? run[i]! + 1 : 0;
      if (run[i]! === 0 || run[i]! > MAX_EXCLUDED_RUN) {
        for (const channel of CHANNELS) {
          const c = channelValues(s, channel)[t]!;
          const mu = expected[channel][i]![t]!;
          kept[channel][i]![t] = t < firstTest || run[i]! > 0 ? c : Math.min(c, winsorCap(mu));
        }
        keptExposure[i]![t] = exposure.daily[t]!;
      }
      const leaving = t - config.historyDays;
      for (const channel of CHANNELS) {
        sumC[channel][i] =
          sumC[channel][i]! + kept[channel][i]![t]! - (leaving >= 0 ? kept[channel][i]![leaving]! : 0);
      }
      sumE[i] = sumE[i]! + keptExposure[i]![t]! - (leaving >= 0 ? keptExposure[i]![leaving]! : 0);
      const stale = t - config.recentDays;
      for (const channel of CHANNELS) {
        recentC[channel][i] =
          recentC[channel][i]! + kept[channel][i]![t]! - (stale >= 0 ? kept[channel][i]![stale]! : 0);
      }
      recentE[i] = recentE[i]! + keptExposure[i]![t]! - (stale >= 0 ? keptExposure[i]![stale]! : 0);
    }
  }
  return { state, candidates };
}

/**
 * The log p-value series `i` must reach in a daily bucket of local day `day` (`dayNumber`; omitted: the bar
 * without dismissals, the lowest it ever is).
 */
export function dayThreshold(state: ScanState, config: DetectorConfig, i: number, day?: number): number {
  const weight = state.weights[i]!;
  return logThreshold(
    config.alpha,
    day === undefined ? weight.weight : weightOnDay(config, weight, day),
    state.hypotheses,
    config.windowDays,
  );
}

/** The log p-value series `i` must reach in an hourly bucket (tested 24 times a day) of local day `day`. */
export function hourThreshold(state: ScanState, config: DetectorConfig, i: number, day?: number): number {
  const weight = state.weights[i]!;
  return logThreshold(
    config.alpha * config.hourlyAlphaFactor,
    day === undefined ? weight.weight : weightOnDay(config, weight, day),
    state.hypotheses,
    config.windowHours.length,
  );
}

/** Expected count of channel `channel` of series `i` over [startMs, endMs), from each day's rate and the hourly exposure. */
export function expectedOver(
  state: ScanState,
  channel: Channel,
  i: number,
  startMs: number,
  endMs: number,
): number {
  const { counts } = state;
  const s = counts.series[i]!;
  const exposure = state.exposures.get(s.topic)!;
  const origin = dayStartMs(counts.day0);
  const firstHour = Math.max(0, Math.floor((startMs - origin) / HOUR_MS));
  const lastHour = Math.min(counts.nDays * 24, Math.ceil((endMs - origin) / HOUR_MS));
  let mu = 0;
  for (let h = firstHour; h < lastHour; h++) {
    mu += state.rates[channel][i]![Math.floor(h / 24)]! * exposure.hourlyFloored[h]!;
  }
  return mu;
}
