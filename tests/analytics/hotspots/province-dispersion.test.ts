import { describe, expect, it } from 'vitest';
import type { SeriesCounts } from '../../../analytics/hotspots/count-series.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import { sizeOf } from '../../../analytics/hotspots/scan-series.ts';
import { scanSynthetic, syntheticSeries } from './synthetic-series.ts';

const scan = (list: SeriesCounts[]) =>
  scanSynthetic(
    list,
    resolveConfig({ negativeChannel: false, rateUncertainty: false, recentMinStories: 0 }),
    3,
  );
const series = (index: number, topic: string, level: number, perDay: (t: number) => number) =>
  syntheticSeries(index, topic, `${topic}-${level}`, level, perDay);

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

describe('overdispersion with bursts in the data', () => {
  // Commune series that swing a little from day to day, each on its own phase.
  const swing = [0, 3, 1, 0, 4, 1, 2, 0, 2, 1];
  const communes = (burst: boolean) =>
    Array.from({ length: 6 }, (_, k) =>
      series(k, `topic-${k}`, 3, (t) =>
        burst && k === 0 && t >= 60 && t < 63 ? 25 : swing[(t + k) % swing.length]!,
      ),
    );

  it('is estimated without the bursts the scan flags, so an event does not widen the spread it is tested against', () => {
    const clean = scan(communes(false)).sizes.get('stories|3')!;
    const state = scan(communes(true));
    expect([60, 61, 62].some((t) => state.flaggedDays[0]![t] === 1)).toBe(true);
    const withBurst = state.sizes.get('stories|3')!;
    expect(Number.isFinite(clean)).toBe(true);
    expect(withBurst).toBeGreaterThan(0.8 * clean);
    expect(withBurst).toBeLessThan(1.25 * clean);
  });
});
