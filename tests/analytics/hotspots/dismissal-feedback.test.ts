import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, transitionCase } from '../../../analytics/alerts/cases.ts';
import type { Route } from '../../../analytics/alerts/routing.ts';
import { detectHotspots, dismissedSeries } from '../../../analytics/hotspots/detect-hotspots.ts';
import type { DetectorConfig } from '../../../analytics/hotspots/detector-config.ts';
import {
  dismissalsInForce,
  weightOnDay,
  type SeriesWeight,
} from '../../../analytics/hotspots/scan-series.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import type { Db } from '../../../data/db.ts';
import {
  DAY_MS,
  HOUR_MS,
  background,
  burst,
  clearAlertTables,
  communes,
  hotspotDb,
  insertDocs,
} from './fixtures.ts';

// Analysts' dismissals feed back into the detector: a series whose alert was dismissed needs stronger evidence
// afterwards, for a while; the days before the dismissal are tested as they were.
const START = new Date('2026-03-02T00:00:00+07:00');
const DAYS = 60;
const NOW = new Date(START.getTime() + DAYS * DAY_MS);
const route: Route = {
  assignee: 'UBND xã',
  recipients: ['UBND xã'],
  escalated: false,
  notify: false,
  rules: [],
};

describe('dismissed alerts raise their series’ bar', () => {
  let db: Db;
  let place: string;
  let other: string;
  const day = (n: number, hour = 0) => new Date(START.getTime() + n * DAY_MS + hour * HOUR_MS);
  const pollution = (id: string, d: number, locality: string, count = 9) =>
    burst({ id, start: day(d, 7), hours: 10, count, outlets: 5, locality, topic: 'moi-truong' });
  const detect = (config: Partial<DetectorConfig> = {}) =>
    detectHotspots(db, { now: NOW, store: false, config });
  const about = (alerts: Alert[], docId: string) =>
    alerts.find((a) => a.detector === 'topic' && a.topic === 'moi-truong' && a.docIds.includes(docId));

  beforeAll(async () => {
    db = await hotspotDb();
    const places = await communes(db, 4);
    // Two communes far apart (the old Phú Yên and the old Đắk Lắk), so no district holds both.
    place = places.find((uid) => uid.startsWith('22'))!;
    other = places.find((uid) => uid.startsWith('24'))!;
    await insertDocs(db, background({ start: START, days: DAYS, perDay: 80, seed: 5, places }));
    await insertDocs(db, [
      ...pollution('first', 20, place),
      ...pollution('again', 40, place, 6),
      ...pollution('elsewhere', 44, other, 6),
      ...pollution('strong', 50, place, 12),
    ]);
  });
  afterAll(() => db.close());

  /** Stores the alert of the first burst, opens its case and dismisses it on day `onDay` (local noon). */
  async function dismissFirst(onDay: number): Promise<Alert> {
    await clearAlertTables(db);
    const [stored] = (await detectHotspots(db, { now: NOW })).filter((a) => a.docIds.includes('first-0'));
    expect(stored).toBeDefined();
    await openCase(db, stored!, route, day(onDay - 1, 12));
    const [{ id }] = await db.all<{ id: string }>('SELECT id FROM cases WHERE alert_id = $a', {
      a: stored!.id,
    });
    await transitionCase(db, id, 'dismiss', {
      actor: 'chuyên viên',
      reason: 'tin cũ đăng lại, không phải điểm nóng',
      now: day(onDay, 12),
    });
    return stored!;
  }

  it('without dismissals every burst alerts', async () => {
    await clearAlertTables(db);
    const alerts = await detect();
    for (const id of ['first-0', 'again-0', 'elsewhere-0', 'strong-0']) {
      expect(about(alerts, id), id).toBeDefined();
      expect(about(alerts, id)!.explanation.dismissals, id).toBeUndefined();
    }
    expect(about(alerts, 'again-0')!.docIds).not.toContain('elsewhere-0');
  });

  it('after a dismissal the same topic and unit need stronger evidence; other series and earlier days do not', async () => {
    const dismissed = await dismissFirst(22);
    // The highest bar (a series' weight is never taken below 1e-9) shows which tests the dismissal reaches: the
    // same burst at the same place no longer alerts, at the commune or at the district it raised the first time.
    const alerts = await detect({ dismissalFactor: 1e-9 });
    expect(about(alerts, 'again-0')).toBeUndefined();
    expect(about(alerts, 'elsewhere-0')).toBeDefined();
    const replayed = about(alerts, 'first-0');
    expect(replayed?.id).toBe(dismissed.id);
    expect(replayed?.explanation.dismissals).toBeUndefined();
  });

  it('at the default factor a strong burst still alerts and says the bar was raised', async () => {
    await dismissFirst(22);
    const config = resolveConfig();
    const strong = about(await detect(), 'strong-0');
    expect(strong).toBeDefined();
    expect(strong!.explanation.dismissals).toEqual({
      count: 1,
      alpha_factor: config.dismissalFactor,
      memory_days: config.dismissalMemoryDays,
    });
  });

  it('a dismissal is forgotten after the memory, and a reopened case no longer counts', async () => {
    const dismissed = await dismissFirst(22);
    expect(about(await detect({ dismissalFactor: 1e-9, dismissalMemoryDays: 10 }), 'again-0')).toBeDefined();
    const [{ id }] = await db.all<{ id: string }>('SELECT id FROM cases WHERE alert_id = $a', {
      a: dismissed.id,
    });
    await transitionCase(db, id, 'reopen', { actor: 'chuyên viên', now: day(30) });
    expect(about(await detect({ dismissalFactor: 1e-9 }), 'again-0')).toBeDefined();
  });
});

describe('dismissalsInForce', () => {
  const config = resolveConfig({ dismissalMemoryDays: 30, dismissalMaxCount: 2, dismissalFactor: 0.1 });
  const weight: SeriesWeight = {
    weight: 2,
    minCountFactor: 1,
    watchId: null,
    dismissedDays: [100, 110, 120],
  };

  it('counts dismissals made before the day and within the memory, up to the cap', () => {
    expect(dismissalsInForce(config, weight, 100)).toBe(0);
    expect(dismissalsInForce(config, weight, 101)).toBe(1);
    expect(dismissalsInForce(config, weight, 115)).toBe(2);
    expect(dismissalsInForce(config, weight, 125)).toBe(2);
    expect(dismissalsInForce(config, weight, 131)).toBe(2);
    expect(dismissalsInForce(config, weight, 145)).toBe(1);
    expect(dismissalsInForce(config, weight, 151)).toBe(0);
  });

  it('multiplies the series’ own weight by the factor once per dismissal in force', () => {
    expect(weightOnDay(config, weight, 90)).toBe(2);
    expect(weightOnDay(config, weight, 101)).toBeCloseTo(0.2, 12);
    expect(weightOnDay(config, weight, 125)).toBeCloseTo(0.02, 12);
  });
});

describe('dismissedSeries', () => {
  it('covers the alert’s series and the topic alerts merged into it, not the terms detector’s', () => {
    const explanation = JSON.stringify({
      also_elevated: [{ unit_uid: '557/pre2025', name: 'Thị xã Sông Cầu', count: 8, expected: 0.3 }],
      merged: ['dat-dai@22060/2025', 'terms:người dân', '@22060/2025', 'gia-ca@'],
    });
    const keys = (topic: string, uid: string, e: string) =>
      dismissedSeries(topic, uid, e).map((x) => `${x.topic}|${x.seriesUid}`);
    expect(keys('moi-truong', '22060/2025', explanation).sort()).toEqual([
      'dat-dai|22060/2025',
      'moi-truong|22060/2025',
      'moi-truong|557/pre2025',
    ]);
  });

  it('a malformed explanation still covers the alert’s own series', () => {
    for (const bad of ['not json', 'null', '{"also_elevated": 3, "merged": [1, null]}']) {
      expect(dismissedSeries('moi-truong', '22060/2025', bad)).toEqual([
        { topic: 'moi-truong', seriesUid: '22060/2025' },
      ]);
    }
  });
});
