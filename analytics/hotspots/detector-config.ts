/** Tuning of the hot-spot detectors, with the defaults measured by scripts/eval-hotspots.ts. */

export type Granularity = 'day' | 'hour';

export interface DetectorConfig {
  /**
   * Buckets the running test flags: calendar days ('day': windows of the last `windowDays` days up to now) or
   * hours ('hour': those day-scale windows against the same daily threshold, and trailing windows of
   * `windowHours` hours against the hourly one). Both are tested as each document arrives.
   */
  granularity: Granularity;
  /** Trailing days a series' baseline is estimated from. */
  historyDays: number;
  /**
   * A series with at least `recentMinStories` stories (as kept for baselines) in its last `recentDays` days takes
   * that stretch's rate when it is higher than the long history's, so a busy series follows a season setting in
   * rather than lagging it; 0 stories turns this off.
   */
  recentDays: number;
  recentMinStories: number;
  /** Days at the start of the data that are never tested (no baseline yet). */
  warmupDays: number;
  /** Pseudo-days of the topic's average rate per unit mixed into each baseline (shrinkage for short histories). */
  priorDays: number;
  /** Stories one outlet contributes at most per series and day, by unit level (1 province, 2 district, 3 commune). */
  capPerOutlet: Record<number, number>;
  /** Least independent stories (after the outlet cap) for a window to be flagged, by unit level. */
  minCount: Record<number, number>;
  /**
   * Hourly buckets: the least stories of the hour-scale windows (`windowHours`), by unit level; the day-scale
   * windows keep `minCount`, so daily buckets, and the day-scale windows of hourly ones, are untouched. Two stories
   * at communes and districts: the Bonferroni bound on false alarms holds whatever the minimum (it only leaves
   * hypotheses out), and the rest still applies (`minOutlets` distinct outlets, copies counted once, the outlet
   * cap, the lift and negative share). Measured on the demo streams (6 seeds, 48 events): a third story no longer
   * bounds how soon an event can be seen (evidence floor over 6 h in 17 events, not 36), alerts and precision are
   * the same, and the alternative events' median delay falls from 26.1 to 25.6 h; it is no more because two
   * stories reach a tail probability of about e^-8 at best where the hour-scale threshold is about e^-15, so only
   * series with almost no past stories can alert on two.
   */
  hourMinCount: Record<number, number>;
  /** Also test negative stories on their own (a second channel, doubling the hypotheses per bucket). */
  negativeChannel: boolean;
  /** Negative stories alone need this many more than `minCount` (their baseline is lower, so chance runs are likelier). */
  negativeExtraCount: number;
  /** Least distinct outlets originating stories in a flagged window. */
  minOutlets: number;
  /** Least ratio of observed to expected. */
  minRatio: number;
  /** Least share of negative stories in a flagged window: a burst of neutral notices is not a hot spot. */
  minNegShare: number;
  /**
   * Family-wise error rate of one bucket: shared (weighted Bonferroni) among all series × channels of the unit
   * tree and taxonomy, and among the trailing windows each series tries.
   */
  alpha: number;
  /**
   * Multiplies `alpha` for the hour-scale windows of hourly buckets, tested 24 times a day. Hourly buckets also test
   * the day-scale windows at `alpha` a day, so at 0.5 the Bonferroni bound on false alarms stays under
   * 7 × alpha + 24 × 7 × alpha × 0.5 = 0.07 + 0.84 = 0.91 a week for the whole province.
   */
  hourlyAlphaFactor: number;
  /** Widen each tail probability by the uncertainty of the baseline rate it uses (few past stories: less sure). */
  rateUncertainty: boolean;
  /** Daily buckets: trailing windows of 1 to this many calendar days end with each day. */
  windowDays: number;
  /** Hourly buckets: the lengths in hours of the trailing windows that end with each hour. */
  windowHours: number[];
  /**
   * Cool-down: flagged windows of one series closer than this many days form one alert that grows (its last_seen,
   * count and severity move) instead of a new alert.
   */
  mergeGapDays: number;
  /** A parent unit's alert is dropped when child alerts already hold at least this share of its documents. */
  parentCoverage: number;
  /** Most document ids kept on an alert (all of them up to this). */
  maxDocIds: number;
  /** The terms detector: least documents and outlets of a bursting phrase in one day. */
  termMinDocs: number;
  termMinOutlets: number;
  /** Characters of each text (after the title) the terms detector reads. */
  termTextChars: number;
  /**
   * Most documents the terms detector reads: half for the latest tested days, half for their 28-day history
   * (sampled when larger).
   */
  termMaxDocs: number;
  /** Family-wise error rate of the terms detector per day (Bonferroni over the day's distinct bigrams). */
  termAlpha: number;
  /**
   * Analysts' verdicts: each alert of a series dismissed (its case closed as "not a hot spot", with a reason)
   * multiplies that series' share of `alpha` by `dismissalFactor` from the day after the dismissal, for
   * `dismissalMemoryDays` days; at most `dismissalMaxCount` dismissals compound. Days before a dismissal are
   * tested as they were, so re-running detection over the past gives the same alerts.
   */
  dismissalFactor: number;
  dismissalMemoryDays: number;
  dismissalMaxCount: number;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  granularity: 'day',
  historyDays: 56,
  recentDays: 21,
  recentMinStories: 150,
  warmupDays: 7,
  priorDays: 7,
  capPerOutlet: { 1: 10, 2: 3, 3: 2 },
  minCount: { 1: 5, 2: 3, 3: 3 },
  hourMinCount: { 1: 5, 2: 2, 3: 2 },
  negativeChannel: true,
  negativeExtraCount: 1,
  minOutlets: 2,
  minRatio: 2,
  minNegShare: 0.25,
  alpha: 0.01,
  hourlyAlphaFactor: 0.5,
  windowDays: 3,
  rateUncertainty: true,
  windowHours: [12, 24, 72],
  mergeGapDays: 2,
  parentCoverage: 0.4,
  maxDocIds: 500,
  termMinDocs: 5,
  termMinOutlets: 3,
  termTextChars: 200,
  termMaxDocs: 100_000,
  termAlpha: 0.01,
  dismissalFactor: 0.1,
  dismissalMemoryDays: 90,
  dismissalMaxCount: 3,
};

/** Defaults overridden by `partial`: `resolveConfig({ granularity: 'day' })`. */
export function resolveConfig(partial: Partial<DetectorConfig> = {}): DetectorConfig {
  return { ...DEFAULT_DETECTOR_CONFIG, ...partial };
}
