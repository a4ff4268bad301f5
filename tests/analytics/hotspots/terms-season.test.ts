import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import { topicLift } from '../../../analytics/hotspots/detect-terms.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs, rng } from './fixtures.ts';

const START = new Date('2026-08-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 38 * DAY_MS);
const BURST_DAY = 36;

/**
 * Posts about rising water (no place named, so only the terms detector reads them): one a day, `seasonPerDay` a
 * day on the three days before the burst day, and 12 on the burst day, all sharing one phrase. The background
 * carries no disaster topic, so these posts are the topic's whole volume, as in a flood season.
 */
function floodPosts(seasonPerDay: number): SynthDoc[] {
  const random = rng(11);
  const docs: SynthDoc[] = [];
  for (let day = 0; day <= BURST_DAY; day++) {
    const n = day === BURST_DAY ? 12 : day >= BURST_DAY - 3 ? seasonPerDay : 1;
    for (let k = 0; k < n; k++) {
      docs.push({
        id: `flood-${day}-${k}`,
        outlet: `nhóm-${Math.floor(random() * 40)}`,
        publishedAt: new Date(START.getTime() + day * DAY_MS + (6 + random() * 14) * HOUR_MS),
        locality: null,
        topics: ['thien-tai'],
        sentiment: random() < 0.8 ? 'negative' : 'neutral',
        text: `mưa lớn kéo dài, nước sông lên nhanh, bà con lo lắng ${day}-${k}`,
      });
    }
  }
  return docs;
}

async function termsAlertsOn(seasonPerDay: number): Promise<{ db: Db; alerts: Alert[] }> {
  const db = await hotspotDb();
  const places = await communes(db, 3);
  await insertDocs(db, background({ start: START, days: 38, perDay: 60, seed: 5, places }));
  await insertDocs(db, floodPosts(seasonPerDay));
  const alerts = await detectHotspots(db, { now: NOW });
  return {
    db,
    alerts: alerts.filter((a) => a.docIds.some((id) => id.startsWith(`flood-${BURST_DAY}-`))),
  };
}

describe('the terms detector against a season', () => {
  let quiet: { db: Db; alerts: Alert[] };
  let season: { db: Db; alerts: Alert[] };
  beforeAll(async () => {
    quiet = await termsAlertsOn(1);
    season = await termsAlertsOn(3);
  });
  afterAll(() => {
    quiet.db.close();
    season.db.close();
  });

  it('reports a common phrase of a topic bursting out of a quiet week', () => {
    expect(quiet.alerts).toHaveLength(1);
    expect(quiet.alerts[0]!.detector).toBe('terms');
    expect(quiet.alerts[0]!.topic).toBe('thien-tai');
    expect(quiet.alerts[0]!.topTerms.join(' ')).toMatch(/sông lên|nước sông|lên nhanh/);
  });

  it('does not report the same burst when the topic as a whole has already risen (a season)', () => {
    expect(season.alerts).toEqual([]);
  });
});

describe('topicLift', () => {
  const volume = new Map(Array.from({ length: 40 }, (_, d) => [d, 100]));
  it('is the rise of the topic share in the three days before against the history before them', () => {
    const perDay = new Map(Array.from({ length: 40 }, (_, d) => [d, d >= 33 ? 12 : 4]));
    // Days 33–35 hold 36 stories; days 5–32 held 112 of 2,800, which predicts 12 of 300.
    expect(topicLift(perDay, volume, 36)).toBeCloseTo(37 / 13, 6);
    const steady = new Map(Array.from({ length: 40 }, (_, d) => [d, 4]));
    expect(topicLift(steady, volume, 36)).toBeCloseTo(1, 6);
  });
  it('is never below 1, and 1 without history', () => {
    const falling = new Map(Array.from({ length: 40 }, (_, d) => [d, d >= 33 ? 1 : 10]));
    expect(topicLift(falling, volume, 36)).toBe(1);
    expect(topicLift(new Map(), new Map(), 36)).toBe(1);
  });
});
