import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveNotificationTarget } from '../../analytics/alerts/outbox.ts';
import { deliveredBriefings } from '../../analytics/briefings/delivered-briefings.ts';
import { issueScheduledBriefings } from '../../analytics/briefings/issue-briefing.ts';
import { DEMO_ORIGIN, listSubscriptions, saveSubscription } from '../../analytics/briefings/subscriptions.ts';
import { openDb, type Db } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';
import { seedReference } from '../../data/seed-reference.ts';
import { ensureDemoSubscriptions } from '../../bin/demo.ts';

const NOW = new Date('2026-11-25T03:00:00Z');
let db: Db;

beforeAll(async () => {
  db = await openDb(':memory:');
  await migrate(db);
  await seedReference(db);
});
afterAll(() => db.close());

describe('the demo’s subscriptions', () => {
  it('are added once, and one an admin changed is left as it is', async () => {
    const added = await ensureDemoSubscriptions(db, NOW);
    expect(added.map((s) => [s.unitName, s.period, s.clearance, s.email, s.createdBy])).toEqual([
      ['Phường Buôn Ma Thuột', 'week', 1, null, DEMO_ORIGIN],
      ['Sở Nông nghiệp và Môi trường', 'month', 1, null, DEMO_ORIGIN],
    ]);
    await saveSubscription(
      db,
      { unit: '24133/2025', period: 'week', clearance: 0 },
      { now: NOW, by: 'quantri' },
    );
    expect(await ensureDemoSubscriptions(db, NOW)).toEqual([]);
    const ward = (await listSubscriptions(db, { period: 'week' }))[0]!;
    expect([ward.clearance, ward.createdBy]).toEqual([0, DEMO_ORIGIN]);
  });

  it('make the scheduled briefings reach the units’ inboxes, by e-mail only where an address is configured', async () => {
    await saveNotificationTarget(db, {
      recipient: 'Sở Nông nghiệp và Môi trường',
      email: 'snnmt@daklak.gov.vn',
    });
    const week = await issueScheduledBriefings(db, { period: 'week', now: NOW });
    const month = await issueScheduledBriefings(db, { period: 'month', now: NOW });
    expect(week.errors).toEqual([]);
    expect(month.errors).toEqual([]);
    const deliveries = [...week.issued, ...month.issued].flatMap((i) => i.deliveries);
    expect(deliveries.map((d) => [d.recipient, d.email])).toEqual([
      ['UBND Phường Buôn Ma Thuột', null],
      ['Sở Nông nghiệp và Môi trường', 'snnmt@daklak.gov.vn'],
    ]);
    const ward = await deliveredBriefings(db, '24133/2025');
    expect(ward.map((d) => [d.briefingId, d.readAt])).toEqual([
      ['bc-week-2026-11-16-2026-11-22-24133_2025-m0-vi', null],
    ]);
    const mail = await db.all<{ recipient: string }>(
      `SELECT recipient FROM notifications_outbox WHERE channel = 'email'`,
    );
    expect(mail).toEqual([{ recipient: 'Sở Nông nghiệp và Môi trường' }]);
  });
});
