import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getAlert, listAlerts } from '../../../analytics/alerts/list-alerts.ts';
import { saveNotificationTarget } from '../../../analytics/alerts/outbox.ts';
import { processAlerts } from '../../../analytics/alerts/process-alerts.ts';
import { BOARD_OFFICE } from '../../../analytics/alerts/routing.ts';
import { storeAlerts } from '../../../analytics/hotspots/store-alerts.ts';
import type { Db } from '../../../data/db.ts';
import { clearAlertTables, hotspotDb } from '../hotspots/fixtures.ts';
import { NOW, makeAlert } from './fixtures.ts';

async function outbox(db: Db) {
  return db.all<{ channel: string; recipient: string; reason: string }>(
    'SELECT channel, recipient, reason FROM notifications_outbox ORDER BY channel, recipient, reason',
  );
}

describe('processAlerts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await hotspotDb();
  });
  beforeEach(async () => {
    await clearAlertTables(db);
    await saveNotificationTarget(db, {
      recipient: 'Sở Nông nghiệp và Môi trường',
      webhookUrl: 'http://127.0.0.1:9/h',
      email: 'nnmt@x.vn',
    });
  });
  afterAll(() => db.close());

  it('opens a case and fills the inbox of every recipient; no webhook or e-mail below urgent', async () => {
    const alert = makeAlert({ severity: 'trung bình' });
    await storeAlerts(db, [alert], 2);
    const report = await processAlerts(db, [alert], { now: NOW });
    expect(report.opened).toBe(1);
    expect(report.cases[0]!.assignee).toBe('Sở Nông nghiệp và Môi trường');
    expect(await outbox(db)).toEqual([
      { channel: 'inbox', recipient: 'Sở Nông nghiệp và Môi trường', reason: 'new' },
      { channel: 'inbox', recipient: 'UBND Xã Krông Pắc', reason: 'new' },
    ]);
    expect((await processAlerts(db, [alert], { now: NOW })).notifications).toBe(0);
  });

  it('notifies at once when urgent, and again when a case’s severity rises', async () => {
    const alert = makeAlert({ severity: 'cao' });
    await storeAlerts(db, [alert], 2);
    await processAlerts(db, [alert], { now: NOW });
    expect((await outbox(db)).filter((n) => n.channel !== 'inbox')).toEqual([]);
    const urgent = { ...alert, severity: 'khẩn' as const };
    const report = await processAlerts(db, [urgent], { now: new Date(NOW.getTime() + 3_600_000) });
    expect(report.opened).toBe(0);
    const sent = (await outbox(db)).filter((n) => n.reason === 'severity:khẩn');
    expect(sent).toContainEqual({
      channel: 'webhook',
      recipient: 'Sở Nông nghiệp và Môi trường',
      reason: 'severity:khẩn',
    });
    expect(sent).toContainEqual({
      channel: 'email',
      recipient: 'Sở Nông nghiệp và Môi trường',
      reason: 'severity:khẩn',
    });
    expect(sent).toContainEqual({ channel: 'inbox', recipient: BOARD_OFFICE, reason: 'severity:khẩn' });
    const detail = (await getAlert(db, alert.id, NOW))!;
    expect(detail.case!.severity).toBe('khẩn');
    expect(detail.case!.events.map((e) => e.action)).toEqual(['open', 'severity']);
  });
});

describe('listAlerts', () => {
  it('filters by time, topic, unit (old, series or current), severity, status and clearance', async () => {
    const db = await hotspotDb();
    try {
      await storeAlerts(
        db,
        [
          makeAlert(),
          makeAlert({
            id: 'hs-2',
            topic: 'y-te',
            severity: 'thấp',
            unitUid: '24163/2025',
            seriesUid: '24163/2025',
            currentUid: '24163/2025',
          }),
          makeAlert({
            id: 'hs-3',
            severity: 'khẩn',
            classification: 2,
            lastSeen: new Date('2026-07-01T00:00:00+07:00'),
          }),
        ],
        2,
      );
      const ids = async (filter: Parameters<typeof listAlerts>[1]) =>
        (await listAlerts(db, filter)).map((a) => a.id);
      expect(await ids({})).toEqual(['hs-3', 'hs-0000000000000001', 'hs-2']);
      expect(await ids({ topic: 'y-te' })).toEqual(['hs-2']);
      expect(await ids({ unitUid: '654/pre2025' })).toEqual(['hs-3', 'hs-0000000000000001']);
      expect(await ids({ unitUid: '24490/2025' })).toEqual(['hs-3', 'hs-0000000000000001']);
      expect(await ids({ minSeverity: 'cao' })).toEqual(['hs-3', 'hs-0000000000000001']);
      expect(await ids({ since: new Date('2026-08-01T00:00:00+07:00') })).toEqual([
        'hs-0000000000000001',
        'hs-2',
      ]);
      expect(await ids({ maxClassification: 0 })).toEqual(['hs-0000000000000001', 'hs-2']);
      expect(await ids({ status: ['dismissed'] })).toEqual([]);
      expect(await getAlert(db, 'hs-missing')).toBeUndefined();
      expect((await getAlert(db, 'hs-2'))!.explanation.unit!.name).toBe('Xã Ea Yông');
    } finally {
      db.close();
    }
  });
});
