import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import { recentRate } from '../../../analytics/hotspots/scan-series.ts';
import { scanSynthetic, syntheticSeries } from './synthetic-series.ts';

/** Expected stories of each series on day `t` when the season steps up (or down) on day 45. */
function expectedOn(t: number, recentMinStories: number): number[] {
  const list = [
    syntheticSeries(0, 'thien-tai', 'province', 1, (d) => (d < 45 ? 8 : 14)),
    syntheticSeries(1, 'thien-tai', 'commune-a', 3, (d) =>
      d < 45 ? (d % 8 === 0 ? 1 : 0) : d % 4 === 0 ? 1 : 0,
    ),
    syntheticSeries(2, 'gia-ca', 'province', 1, (d) => (d < 45 ? 14 : 8)),
  ];
  const state = scanSynthetic(list, resolveConfig({ recentMinStories, negativeChannel: false }), 2);
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
