import { describe, expect, it } from 'vitest';
import type { CountData, SeriesCounts } from '../../../analytics/hotspots/count-series.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import { scanDays, sizeOf } from '../../../analytics/hotspots/scan-series.ts';

const DAYS = 90;
const DAY0 = 20_000;

function series(index: number, topic: string, level: number, perDay: (t: number) => number): SeriesCounts {
  const s: SeriesCounts = {
    index,
    topic,
    seriesUid: `${topic}-${level}`,
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

function scan(list: SeriesCounts[]) {
  const counts: CountData = {
    day0: DAY0,
    nDays: DAYS,
    firstDataDay: DAY0,
    series: list,
    hourTotal: new Float64Array(DAYS * 24).fill(20),
    hourByTopic: new Map(),
    skipped: { noDate: 0, tooOld: 0, future: 0, unscored: 0, unlocated: 0 },
  };
  const { state } = scanDays(counts, {
    config: resolveConfig({ negativeChannel: false, rateUncertainty: false, recentMinStories: 0 }),
    firstTestDay: DAY0,
    lastTestDay: DAY0 + DAYS - 1,
    weights: list.map(() => ({ weight: 1, minCountFactor: 1, watchId: null })),
    unitsByLevel: new Map([
      [1, 1],
      [3, 1],
    ]),
    topicCount: 3,
  });
  return state;
}

describe('overdispersion of province series', () => {
  it('is at least the topic’s own, so a topic that swings from day to day is tested with its wider spread', () => {
    const steady = [20, 24, 17, 22, 19, 25, 16, 21];
    const state = scan([
      series(0, 'steady', 1, (t) => steady[t % steady.length]!),
      series(1, 'swinging', 1, (t) => (t % 3 === 0 ? 40 : 12)),
      series(2, 'also-steady', 1, (t) => steady[(t + 3) % steady.length]!),
      series(3, 'swinging', 3, (t) => (t % 3 === 0 ? 4 : 1)),
    ]);
    const pooled = state.sizes.get('stories|1')!;
    const own = state.sizes.get('stories|1|swinging')!;
    expect(own).toBeLessThan(pooled);
    expect(sizeOf(state, 'stories', 1, 50)).toBe(own);
    expect(sizeOf(state, 'stories', 0, 50)).toBe(pooled);
    expect(state.sizes.has('stories|3|swinging')).toBe(false);
  });
});
