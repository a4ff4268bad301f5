import { describe, expect, it } from 'vitest';
import type { CountData, SeriesCounts } from '../../../analytics/hotspots/count-series.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import { recentRate, scanDays } from '../../../analytics/hotspots/scan-series.ts';

const DAYS = 90;
const DAY0 = 20_000;

function series(
  index: number,
  topic: string,
  seriesUid: string,
  level: number,
  perDay: (t: number) => number,
) {
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

/** Expected stories of each series on day `t` when the season steps up (or down) on day 45. */
function expectedOn(t: number, recentMinStories: number): number[] {
  const list = [
    series(0, 'thien-tai', 'province', 1, (d) => (d < 45 ? 8 : 14)),
    series(1, 'thien-tai', 'commune-a', 3, (d) => (d < 45 ? (d % 8 === 0 ? 1 : 0) : d % 4 === 0 ? 1 : 0)),
    series(2, 'gia-ca', 'province', 1, (d) => (d < 45 ? 14 : 8)),
  ];
  const hourTotal = new Float64Array(DAYS * 24).fill(20);
  const counts: CountData = {
    day0: DAY0,
    nDays: DAYS,
    firstDataDay: DAY0,
    series: list,
    hourTotal,
    hourByTopic: new Map(),
    skipped: { noDate: 0, tooOld: 0, future: 0, unscored: 0, unlocated: 0 },
  };
  const config = resolveConfig({ recentMinStories, negativeChannel: false });
  const { state } = scanDays(counts, {
    config,
    firstTestDay: DAY0,
    lastTestDay: DAY0 + DAYS - 1,
    weights: list.map(() => ({ weight: 1, minCountFactor: 1, watchId: null })),
    unitsByLevel: new Map([
      [1, 1],
      [3, 1],
    ]),
    topicCount: 2,
  });
  return list.map((_, i) => state.expected.stories[i]![t]!);
}

describe('a busy series follows a season setting in', () => {
  it('takes the recent stretch’s rate once it holds enough stories above the long history', () => {
    const [withRecent] = expectedOn(70, 150);
    const [longOnly] = expectedOn(70, 0);
    expect(longOnly).toBeLessThan(12);
    expect(withRecent).toBeGreaterThan(13);
    expect(withRecent).toBeLessThan(15);
  });

  it('keeps the long rate for a sparse series and for a busy one whose season is ending', () => {
    const [, sparseWith, fallingWith] = expectedOn(70, 150);
    const [, sparseLong, fallingLong] = expectedOn(70, 0);
    expect(sparseWith).toBe(sparseLong);
    expect(fallingWith).toBe(fallingLong);
    expect(fallingLong).toBeGreaterThan(9);
  });

  it('recentRate: the recent rate only when busy and higher', () => {
    expect(recentRate(180, 10, 12, 600, 150)).toEqual({ rate: 18, shape: 180 });
    expect(recentRate(100, 10, 2, 100, 150)).toEqual({ rate: 2, shape: 100 });
    expect(recentRate(180, 10, 20, 1000, 150)).toEqual({ rate: 20, shape: 1000 });
    expect(recentRate(180, 10, 12, 600, 0)).toEqual({ rate: 12, shape: 600 });
  });
});
