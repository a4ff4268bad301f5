import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import type { DetectorConfig } from '../../../analytics/hotspots/detector-config.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 40 * DAY_MS);
const at = (day: number, hour: number) => new Date(START.getTime() + day * DAY_MS + hour * HOUR_MS);
/** Xã Krông Pắc, a 2025 commune. */
const COMMUNE = '24490/2025';
const EMERGING = 'nghe nói đập thủy điện sắp vỡ cuốn trôi cả thung lũng';

/** A slow start: two stories on day 30, then one an hour from 07:00 on day 31, each from its own outlet. */
function slowEvent(): SynthDoc[] {
  const times = [at(30, 9), at(30, 15), ...[7, 8, 9, 10, 11, 12, 13].map((h) => at(31, h))];
  return times.map((publishedAt, k) => ({
    id: `slow-${k}`,
    outlet: `báo-${k}`,
    publishedAt,
    locality: COMMUNE,
    topics: ['dat-dai'],
    sentiment: 'negative',
    text: `dân khiếu nại bồi thường giải phóng mặt bằng thấp, bài số ${k}`,
  }));
}

/** A phrase first seen in two posts that repeat it (a burst of the bigram, but two documents), then in eight. */
function emergingDocs(): SynthDoc[] {
  const text = (k: number) => `${EMERGING}. ${EMERGING}. ${EMERGING}. bài ${k}`;
  return [
    ...[0, 1].map((k) => ({ day: 20, hour: 9 + k, k })),
    ...[2, 3, 4, 5, 6, 7, 8, 9].map((k) => ({ day: 21, hour: k, k })),
  ].map(({ day, hour, k }) => ({
    id: `emerging-${k}`,
    outlet: `nhóm-${k}`,
    publishedAt: at(day, hour),
    locality: null,
    topics: [],
    sentiment: 'negative',
    text: text(k),
  }));
}

describe('the running test', () => {
  let db: Db;
  const run = async (config: Partial<DetectorConfig> = {}): Promise<Alert[]> =>
    detectHotspots(db, { now: NOW, config, store: false });
  const eventAlert = (alerts: Alert[]) =>
    alerts.find((a) => a.detector === 'topic' && a.docIds.some((id) => id.startsWith('slow-')));
  const published = new Map(slowEvent().map((d) => [d.id, d.publishedAt!.getTime()]));

  beforeAll(async () => {
    db = await hotspotDb();
    const places = (await communes(db, 3)).filter((uid) => uid !== COMMUNE);
    await insertDocs(db, background({ start: START, days: 40, perDay: 120, seed: 11, places }));
    await insertDocs(db, slowEvent());
    await insertDocs(db, emergingDocs());
  });
  afterAll(() => db.close());

  it('fires a minute after the story that made the running window significant, before the day is over', async () => {
    const alert = eventAlert(await run());
    expect(alert).toBeDefined();
    const trigger = alert!.detectedAt.getTime() - 60_000;
    expect([...published.values()]).toContain(trigger);
    expect(alert!.detectedAt.getTime()).toBeLessThan(at(31, 14).getTime());
    expect(alert!.granularity).toBe('day');
  });

  it('is earlier with yesterday in the window than with today alone', async () => {
    const twoDays = eventAlert(await run({ windowDays: 3 }));
    const todayOnly = eventAlert(await run({ windowDays: 1 }));
    expect(twoDays).toBeDefined();
    expect(todayOnly === undefined || todayOnly.detectedAt > twoDays!.detectedAt).toBe(true);
  });

  it('tests hourly buckets as their documents arrive too', async () => {
    const alert = eventAlert(await run({ granularity: 'hour' }));
    expect(alert).toBeDefined();
    expect(alert!.granularity).toBe('hour');
    expect([...published.values()]).toContain(alert!.detectedAt.getTime() - 60_000);
  });

  it('holds a baseline learnt from few stories with less confidence', async () => {
    const sure = eventAlert(await run({ rateUncertainty: false }));
    const unsure = eventAlert(await run({ rateUncertainty: true }));
    expect(sure).toBeDefined();
    expect(unsure).toBeDefined();
    expect(unsure!.pValue).toBeGreaterThan(sure!.pValue);
  });

  it('detects an emerging phrase on the day its documents suffice, not the day it first burst', async () => {
    const emerging = (await run()).find(
      (a) => a.detector === 'terms' && a.docIds.some((id) => id.startsWith('emerging-')),
    );
    expect(emerging).toBeDefined();
    expect(emerging!.firstSeen.getTime()).toBe(at(20, 9).getTime());
    expect(emerging!.detectedAt.getTime()).toBe(at(22, 0).getTime());
  });
});
