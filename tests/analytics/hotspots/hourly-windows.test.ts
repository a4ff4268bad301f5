import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import type { DetectorConfig } from '../../../analytics/hotspots/detector-config.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs, rng } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 40 * DAY_MS);
const at = (day: number, hour: number) => new Date(START.getTime() + day * DAY_MS + hour * HOUR_MS);
/** Xã Krông Pắc, a 2025 commune. */
const COMMUNE = '24490/2025';

/** Land stories at the commune every day (three, at random hours, from the commune's usual outlets). */
function steadyLand(): SynthDoc[] {
  const random = rng(5);
  return Array.from({ length: 40 * 3 }, (_, k) => ({
    id: `steady-${k}`,
    outlet: `báo-địa-phương-${k % 12}`,
    publishedAt: new Date(at(Math.floor(k / 3), 0).getTime() + Math.floor(random() * DAY_MS)),
    locality: COMMUNE,
    topics: ['dat-dai'],
    sentiment: random() < 0.3 ? 'negative' : 'neutral',
    text: `tin đất đai thường ngày số ${k}`,
  }));
}

/** A burst that starts at 20:00 on day 31: one new story every 20 minutes, each from its own outlet. */
function eveningBurst(): SynthDoc[] {
  return Array.from({ length: 14 }, (_, k) => ({
    id: `burst-${k}`,
    outlet: `nhóm-${k}`,
    publishedAt: new Date(at(31, 20).getTime() + k * 20 * 60_000),
    locality: COMMUNE,
    topics: ['dat-dai'],
    sentiment: 'negative',
    text: `dân phản đối cưỡng chế thu hồi đất, bài ${k}`,
  }));
}

describe('hourly trailing windows', () => {
  let db: Db;
  const burstAlert = async (config: Partial<DetectorConfig>): Promise<Alert | undefined> =>
    (await detectHotspots(db, { now: NOW, config: { granularity: 'hour', ...config }, store: false })).find(
      (a) => a.detector === 'topic' && a.docIds.some((id) => id.startsWith('burst-')),
    );

  beforeAll(async () => {
    db = await hotspotDb();
    const places = (await communes(db, 3)).filter((uid) => uid !== COMMUNE);
    await insertDocs(db, background({ start: START, days: 40, perDay: 120, seed: 13, places }));
    await insertDocs(db, steadyLand());
    await insertDocs(db, eveningBurst());
  });
  afterAll(() => db.close());

  it('a 12-hour window catches a burst in a busy series sooner than 24- and 72-hour ones, though it costs its share of the error rate', async () => {
    const withTwelve = await burstAlert({ windowHours: [12, 24, 72] });
    const without = await burstAlert({ windowHours: [24, 72] });
    expect(withTwelve).toBeDefined();
    expect(without === undefined || without.detectedAt > withTwelve!.detectedAt).toBe(true);
    expect(withTwelve!.detectedAt.getTime()).toBeGreaterThan(at(31, 20).getTime());
  });
});
