import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  caseIdOf,
  getCase,
  listCases,
  mergeCases,
  openCase,
  transitionCase,
} from '../../../analytics/alerts/cases.ts';
import { processOverdueCases } from '../../../analytics/alerts/process-alerts.ts';
import { storeAlerts } from '../../../analytics/hotspots/store-alerts.ts';
import type { Db } from '../../../data/db.ts';
import { clearAlertTables, hotspotDb } from '../hotspots/fixtures.ts';
import { NOW, makeAlert } from './fixtures.ts';

const HOUR = 3_600_000;
const route = {
  assignee: 'Sở Nông nghiệp và Môi trường',
  recipients: ['Sở Nông nghiệp và Môi trường', 'UBND Xã Krông Pắc'],
  escalated: false,
  notify: false,
  rules: ['dat-dai'],
};
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

describe('cases', () => {
  let db: Db;
  const alert = makeAlert();
  const id = caseIdOf(alert.id);

  beforeAll(async () => {
    db = await hotspotDb();
  });
  beforeEach(async () => {
    await clearAlertTables(db);
    await storeAlerts(db, [alert], 2);
    await openCase(db, alert, route, NOW);
  });
  afterAll(() => db.close());

  it('opens once per alert, with a deadline by severity, and records who and when', async () => {
    const again = await openCase(db, alert, route, later(1));
    expect(again.created).toBe(false);
    const kase = (await getCase(db, id, NOW))!;
    expect(kase.status).toBe('received');
    expect(kase.deadline).toEqual(later(72));
    expect(kase.events.map((e) => [e.action, e.actor, e.toStatus])).toEqual([
      ['open', 'hệ thống', 'received'],
    ]);
  });

  it('goes received → verifying → resolved (report required) → closed, closing the alert', async () => {
    await transitionCase(db, id, 'verify', { actor: 'canbo.krongpac', now: later(1) });
    await expect(
      transitionCase(db, id, 'resolve', { actor: 'canbo.krongpac', report: 'xong', now: later(2) }),
    ).rejects.toThrow(`case ${id}: a written resolution report (at least 20 characters) is required`);
    await transitionCase(db, id, 'resolve', {
      actor: 'canbo.krongpac',
      report: 'Đã đối thoại với 31 hộ dân, điều chỉnh giá bồi thường theo quyết định mới.',
      now: later(3),
    });
    const closed = await transitionCase(db, id, 'close', { actor: 'truongban', now: later(4) });
    expect(closed.status).toBe('closed');
    expect(closed.resolutionReport).toMatch(/^Đã đối thoại/);
    const kase = (await getCase(db, id, later(5)))!;
    expect(kase.events.map((e) => `${e.fromStatus ?? ''}→${e.toStatus}@${e.actor}`)).toEqual([
      '→received@hệ thống',
      'received→verifying@canbo.krongpac',
      'verifying→resolved@canbo.krongpac',
      'resolved→closed@truongban',
    ]);
    expect(kase.events[2]!.at).toEqual(later(3));
    expect(
      (await db.one<{ status: string }>('SELECT status FROM alerts WHERE id = $id', { id: alert.id }))!
        .status,
    ).toBe('closed');
  });

  it('refuses transitions out of order and a dismissal without reason', async () => {
    await expect(transitionCase(db, id, 'close', { actor: 'a', now: NOW })).rejects.toThrow(
      `case ${id}: cannot close a case that is received`,
    );
    await expect(transitionCase(db, id, 'dismiss', { actor: 'a', now: NOW })).rejects.toThrow(
      /a reason is required to dismiss/,
    );
    await expect(transitionCase(db, id, 'verify', { actor: ' ', now: NOW })).rejects.toThrow(
      /actor is required/,
    );
    await expect(transitionCase(db, 'case-missing', 'verify', { actor: 'a', now: NOW })).rejects.toThrow(
      'case case-missing: not found',
    );
    const dismissed = await transitionCase(db, id, 'dismiss', {
      actor: 'a',
      reason: 'Tin cũ, đã xử lý năm 2025',
      now: NOW,
    });
    expect(dismissed.dismissReason).toBe('Tin cũ, đã xử lý năm 2025');
    expect(
      (await db.one<{ status: string }>('SELECT status FROM alerts WHERE id = $id', { id: alert.id }))!
        .status,
    ).toBe('dismissed');
  });

  it('reassigns, and merges a duplicate into the kept case', async () => {
    const other = makeAlert({ id: 'hs-0000000000000002', unitUid: '24490/2025' });
    await storeAlerts(db, [other], 2);
    await openCase(db, other, { ...route, recipients: ['Sở Xây dựng'], assignee: 'Sở Xây dựng' }, NOW);
    const assigned = await transitionCase(db, id, 'assign', {
      actor: 'vanphong',
      assignee: 'UBND Xã Krông Pắc',
      now: later(1),
    });
    expect(assigned.assignee).toBe('UBND Xã Krông Pắc');
    const kept = await mergeCases(db, id, caseIdOf(other.id), { actor: 'vanphong', now: later(2) });
    expect(kept.recipients).toContain('Sở Xây dựng');
    const merged = (await getCase(db, caseIdOf(other.id), later(2)))!;
    expect(merged.status).toBe('merged');
    expect(merged.mergedInto).toBe(id);
    await expect(mergeCases(db, id, caseIdOf(other.id), { actor: 'x', now: later(3) })).rejects.toThrow(
      /already merged/,
    );
  });

  it('flags a case past its deadline as overdue once, escalating it to the unit above and the board', async () => {
    expect((await listCases(db, { overdue: true }, later(71))).length).toBe(0);
    expect((await listCases(db, { overdue: true }, later(73))).map((c) => c.id)).toEqual([id]);
    const flagged = await processOverdueCases(db, later(73));
    expect(flagged.map((c) => c.id)).toEqual([id]);
    expect(await processOverdueCases(db, later(80))).toEqual([]);
    const inbox = await db.all<{ recipient: string; reason: string }>(
      `SELECT recipient, reason FROM notifications_outbox WHERE case_id = $id ORDER BY recipient`,
      { id },
    );
    expect(inbox).toEqual([
      { recipient: 'UBND Tỉnh Đắk Lắk', reason: 'overdue' },
      { recipient: 'Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy', reason: 'overdue' },
    ]);
    const kase = (await getCase(db, id, later(80)))!;
    expect(kase.escalated).toBe(true);
    expect(kase.overdue).toBe(true);
    expect(kase.events.filter((e) => e.action === 'overdue')).toHaveLength(1);
  });

  it('lists cases by status and by the body they were routed to', async () => {
    expect((await listCases(db, { status: ['received'] }, NOW)).length).toBe(1);
    expect((await listCases(db, { status: ['closed'] }, NOW)).length).toBe(0);
    expect((await listCases(db, { assignee: 'UBND Xã Krông Pắc' }, NOW)).length).toBe(1);
    expect((await listCases(db, { assignee: 'Sở Y tế' }, NOW)).length).toBe(0);
  });
});
