/** Hand-made count series for scanner tests: `perDay(t)` stories on each of `DAYS` days, each its own outlet. */
import type { CountData, SeriesCounts } from '../../../analytics/hotspots/count-series.ts';
import type { DetectorConfig } from '../../../analytics/hotspots/detector-config.ts';
import { scanDays } from '../../../analytics/hotspots/scan-series.ts';

export const DAYS = 90;
export const DAY0 = 20_000;

export function syntheticSeries(
  index: number,
  topic: string,
  seriesUid: string,
  level: number,
  perDay: (t: number) => number,
): SeriesCounts {
  const s: SeriesCounts = {
    index,
    topic,
    seriesUid,
    level,
    capped: new Int32Array(DAYS),
    topCapped: new Int32Array(DAYS),
    origins: new Int32Array(DAYS),
    stories: new Int32Array(DAYS),
    neg: new Int32Array(DAYS),
  };
  for (let t = 0; t < DAYS; t++) {
    const n = perDay(t);
    s.capped[t] = n;
    s.stories[t] = n;
    s.topCapped[t] = Math.min(n, 1);
    s.origins[t] = n;
    s.neg[t] = Math.floor(n / 3);
  }
  return s;
}

/** Scan every day of `list` (one unit at levels 1 and 3) and return the scanner's state. */
export function scanSynthetic(list: SeriesCounts[], config: DetectorConfig, topicCount: number) {
  const counts: CountData = {
    day0: DAY0,
    nDays: DAYS,
    firstDataDay: DAY0,
    series: list,
    hourTotal: new Float64Array(DAYS * 24).fill(20),
    hourByTopic: new Map(),
    skipped: { noDate: 0, tooOld: 0, future: 0, unscored: 0, unlocated: 0 },
  };
  return scanDays(counts, {
    config,
    firstTestDay: DAY0,
    lastTestDay: DAY0 + DAYS - 1,
    weights: list.map(() => ({ weight: 1, minCountFactor: 1, watchId: null, dismissedDays: [] })),
    unitsByLevel: new Map([
      [1, 1],
      [3, 1],
    ]),
    topicCount,
  }).state;
}
