import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_ORIGIN,
  listSubscriptions,
  saveSubscription,
  syncSubscriptions,
  type Subscription,
} from '../../../analytics/briefings/subscriptions.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';

const NOW = new Date('2026-03-20T03:00:00Z');
const LATER = new Date('2026-03-27T03:00:00Z');
let db: Db;

const brief = (subs: Subscription[]) =>
  subs.map((s) => [s.unitUid, s.period, s.clearance, s.email, s.createdBy]);

beforeAll(async () => {
  db = await openDb(':memory:');
  await migrate(db);
  await seedReference(db);
});
afterAll(() => db.close());

describe('subscriptions declared in the config file', () => {
  it('are added, take over the same unit and period, and a bad entry is named while the others are synced', async () => {
    await saveSubscription(db, { unit: 'so-y-te', period: 'week' }, { now: NOW, by: 'quantri' });
    await saveSubscription(db, { unit: 'so-giao-duc', period: 'month' }, { now: NOW, by: 'quantri' });
    const report = await syncSubscriptions(
      db,
      [
        { unit: '24133', period: 'week', clearance: 1 },
        { unit: 'nowhere', period: 'month' },
        { unit: 'so-y-te', period: 'week', clearance: 2, email: 'soyte@daklak.gov.vn' },
      ],
      { now: NOW },
    );
    expect(report.errors).toEqual([
      'briefings.subscriptions[1]: unit: unknown unit "nowhere" (a unit uid such as 24133/2025, or an agency id)',
    ]);
    expect(report.saved.map((s) => s.unitUid)).toEqual(['24133/2025', 'so-y-te']);
    expect(report.removed).toEqual([]);
    expect(brief(await listSubscriptions(db))).toEqual([
      ['24133/2025', 'week', 1, null, CONFIG_ORIGIN],
      ['so-y-te', 'week', 2, 'soyte@daklak.gov.vn', CONFIG_ORIGIN],
      ['so-giao-duc', 'month', 0, null, 'quantri'],
    ]);
  });

  it('change nothing when synced again', async () => {
    const before = await listSubscriptions(db);
    const report = await syncSubscriptions(
      db,
      [
        { unit: '24133/2025', period: 'week', clearance: 1 },
        { unit: 'so-y-te', period: 'week', clearance: 2, email: 'soyte@daklak.gov.vn' },
      ],
      { now: LATER },
    );
    expect(report).toMatchObject({ errors: [], removed: [] });
    expect(await listSubscriptions(db)).toEqual(before);
  });

  it('are removed once the file no longer declares them; the ones added by users stay', async () => {
    const dropped = await syncSubscriptions(db, [{ unit: 'so-y-te', period: 'week', clearance: 1 }], {
      now: LATER,
    });
    expect(dropped.removed).toEqual(['24133/2025/week']);
    expect(brief(await listSubscriptions(db))).toEqual([
      ['so-y-te', 'week', 1, null, CONFIG_ORIGIN],
      ['so-giao-duc', 'month', 0, null, 'quantri'],
    ]);
    const none = await syncSubscriptions(db, [], { now: LATER });
    expect(none.removed).toEqual(['so-y-te/week']);
    expect(brief(await listSubscriptions(db))).toEqual([['so-giao-duc', 'month', 0, null, 'quantri']]);
  });
});
