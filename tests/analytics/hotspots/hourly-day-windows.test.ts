import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import type { Granularity } from '../../../analytics/hotspots/detector-config.ts';
import { DEFAULT_DETECTOR_CONFIG } from '../../../analytics/hotspots/detector-config.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 40 * DAY_MS);
const at = (day: number, hour: number) => new Date(START.getTime() + day * DAY_MS + hour * HOUR_MS);
/** Xã Krông Pắc, a 2025 commune. */
const COMMUNE = '24490/2025';

/** An event that builds through one day: a new story every four hours from 00:30, each from its own outlet. */
function slowDay(): SynthDoc[] {
  return [0.5, 4.5, 8.5, 12.5, 16.5, 20.5].map((hour, k) => ({
    id: `slow-${k}`,
    outlet: `báo-${k}`,
    publishedAt: at(31, hour),
    locality: COMMUNE,
    topics: ['dat-dai'],
    sentiment: 'negative',
    text: `dân khiếu nại bồi thường giải phóng mặt bằng thấp, bài số ${k}`,
  }));
}

describe('hourly buckets and the day-scale windows', () => {
  let db: Db;
  const eventAlert = async (granularity: Granularity): Promise<Alert | undefined> =>
    (await detectHotspots(db, { now: NOW, config: { granularity }, store: false })).find(
      (a) => a.detector === 'topic' && a.docIds.some((id) => id.startsWith('slow-')),
    );

  beforeAll(async () => {
    db = await hotspotDb();
    const places = (await communes(db, 3)).filter((uid) => uid !== COMMUNE);
    await insertDocs(db, background({ start: START, days: 40, perDay: 120, seed: 17, places }));
    await insertDocs(db, slowDay());
  });
  afterAll(() => db.close());

  it('hourly buckets flag an event that builds through a day no later than daily buckets do', async () => {
    const daily = await eventAlert('day');
    const hourly = await eventAlert('hour');
    expect(daily).toBeDefined();
    expect(hourly).toBeDefined();
    expect(hourly!.detectedAt.getTime()).toBeLessThanOrEqual(daily!.detectedAt.getTime());
    expect(hourly!.detectedAt.getTime()).toBeGreaterThan(at(31, 0.5).getTime());
    // The day-scale windows made the detection, so the explanation gives their error rate, not the hourly one.
    expect(hourly!.explanation.alpha).toBe(DEFAULT_DETECTOR_CONFIG.alpha);
  });
});
