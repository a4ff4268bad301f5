import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox, saveNotificationTarget, smtpTransport } from '../../../analytics/alerts/outbox.ts';
import {
  deliverBriefing,
  receives,
  subscriptionTarget,
} from '../../../analytics/briefings/deliver-briefing.ts';
import { issueScheduledBriefings, type ScheduledRun } from '../../../analytics/briefings/issue-briefing.ts';
import { listBriefings } from '../../../analytics/briefings/store-briefing.ts';
import {
  deleteSubscription,
  listSubscriptions,
  saveSubscription,
} from '../../../analytics/briefings/subscriptions.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { buildBriefingFixture, FIXTURE_NOW } from './briefing-fixture.ts';

interface OutboxRow {
  id: string;
  channel: string;
  recipient: string;
  address: string | null;
  reason: string;
  payload: string;
}

let db: Db;
let run: ScheduledRun;

async function outbox(): Promise<(OutboxRow & { body: Record<string, unknown> })[]> {
  const rows = await db.all<OutboxRow>(
    'SELECT id, channel, recipient, address, reason, payload::VARCHAR AS payload FROM notifications_outbox ORDER BY recipient, channel',
  );
  return rows.map((r) => ({ ...r, body: JSON.parse(r.payload) as Record<string, unknown> }));
}

beforeAll(async () => {
  db = await openDb(':memory:');
  await buildBriefingFixture(db);
  const by = { now: FIXTURE_NOW, by: 'quantri' };
  // The province's People's Committee, unclassified only, with its own address.
  await saveSubscription(db, { unit: '66', period: 'week', clearance: 0, email: 'ubnd@daklak.gov.vn' }, by);
  // The health department, cleared for Mật.
  await saveSubscription(
    db,
    { unit: 'so-y-te', period: 'week', clearance: 1, email: 'soyte@daklak.gov.vn' },
    by,
  );
  // A ward cleared for Mật (its week has a Mật document), whose address is the one registered for alerts.
  await saveSubscription(db, { unit: '24133', period: 'week', clearance: 1 }, by);
  await saveNotificationTarget(db, { recipient: 'UBND Phường Buôn Ma Thuột', email: 'pbmt@daklak.gov.vn' });
  // Monthly only: gets nothing from the weekly run.
  await saveSubscription(db, { unit: 'so-giao-duc', period: 'month', clearance: 3 }, by);
  run = await issueScheduledBriefings(db, { period: 'week', now: FIXTURE_NOW });
});
afterAll(() => db.close());

describe('subscriptions', () => {
  it('are stored per unit and period, found by GSO code or agency id', async () => {
    expect(
      (await listSubscriptions(db)).map((s) => [s.unitUid, s.unitName, s.period, s.clearance, s.email]),
    ).toEqual([
      ['24133/2025', 'Phường Buôn Ma Thuột', 'week', 1, null],
      ['so-y-te', 'Sở Y tế', 'week', 1, 'soyte@daklak.gov.vn'],
      ['66/2025', 'Tỉnh Đắk Lắk', 'week', 0, 'ubnd@daklak.gov.vn'],
      ['so-giao-duc', 'Sở Giáo dục và Đào tạo', 'month', 3, null],
    ]);
  });

  it('refuse bad input with the field named, and can be removed', async () => {
    const by = { now: FIXTURE_NOW };
    await expect(saveSubscription(db, { unit: 'nowhere', period: 'week' }, by)).rejects.toThrow(
      'unit: unknown unit "nowhere"',
    );
    await expect(saveSubscription(db, { unit: 'so-y-te', period: 'day' }, by)).rejects.toThrow(
      'period: invalid period "day"',
    );
    await expect(saveSubscription(db, { unit: 'so-y-te', period: 'week', clearance: 4 }, by)).rejects.toThrow(
      'clearance: invalid level "4"',
    );
    await expect(
      saveSubscription(db, { unit: 'so-y-te', period: 'week', email: 'not an address' }, by),
    ).rejects.toThrow('email: invalid address "not an address"');
    await saveSubscription(db, { unit: 'so-xay-dung', period: 'month' }, by);
    expect(await deleteSubscription(db, 'so-xay-dung', 'month')).toBe(true);
    expect(await deleteSubscription(db, 'so-xay-dung', 'month')).toBe(false);
  });
});

describe('the scheduled weekly run', () => {
  it('makes the province briefing and, for each subscriber, the briefing of its area at its clearance', async () => {
    expect(run.errors).toEqual([]);
    expect(run.issued.map((i) => i.briefing.id).sort()).toEqual([
      'bc-week-2026-11-16-2026-11-22-24133_2025-m1-vi',
      'bc-week-2026-11-16-2026-11-22-so-y-te-m1-vi',
      'bc-week-2026-11-16-2026-11-22-tinh-m0-vi',
      'bc-week-2026-11-16-2026-11-22-tinh-vi',
    ]);
    expect((await listBriefings(db)).length).toBe(4);
    const full = run.issued.find((i) => i.briefing.id.endsWith('-tinh-vi'))!;
    const open = run.issued.find((i) => i.briefing.id.endsWith('-tinh-m0-vi'))!;
    expect(full.briefing.classification).toBe(1);
    expect(open.briefing.classification).toBe(0);
    expect(full.deliveries).toEqual([]);
  });

  it('gives each subscribed unit an inbox entry for its briefing, and e-mails only unclassified ones', async () => {
    const rows = await outbox();
    const sent = rows.map((r) => [r.recipient, r.channel, r.address, r.body.briefing_id]);
    expect(sent).toEqual([
      ['Sở Y tế', 'email', 'soyte@daklak.gov.vn', 'bc-week-2026-11-16-2026-11-22-so-y-te-m1-vi'],
      ['Sở Y tế', 'inbox', null, 'bc-week-2026-11-16-2026-11-22-so-y-te-m1-vi'],
      ['UBND Phường Buôn Ma Thuột', 'inbox', null, 'bc-week-2026-11-16-2026-11-22-24133_2025-m1-vi'],
      ['UBND Tỉnh Đắk Lắk', 'email', 'ubnd@daklak.gov.vn', 'bc-week-2026-11-16-2026-11-22-tinh-m0-vi'],
      ['UBND Tỉnh Đắk Lắk', 'inbox', null, 'bc-week-2026-11-16-2026-11-22-tinh-m0-vi'],
    ]);
    // The ward's week holds a Mật document: its briefing reaches its inbox but is not e-mailed.
    const ward = run.issued.find((i) => i.briefing.id.includes('24133'))!.briefing;
    expect(ward.classification).toBe(1);
    const inbox = rows.find((r) => r.recipient === 'UBND Phường Buôn Ma Thuột')!;
    expect(inbox.body).toMatchObject({ kind: 'briefing', unit_uid: '24133/2025', classification: 1 });
    expect(String(inbox.body.subject)).toMatch(/^\[MẬT\] BÁO CÁO: Tình hình dư luận xã hội tuần/);
    expect(inbox.body.html).toBeUndefined();
    const mail = rows.find((r) => r.recipient === 'UBND Tỉnh Đắk Lắk' && r.channel === 'email')!;
    expect(String(mail.body.html)).toContain('<!doctype html>');
    const [attachment] = mail.body.attachments as { filename: string; content: string }[];
    expect(attachment!.filename).toBe('bc-week-2026-11-16-2026-11-22-tinh-m0-vi.docx');
    expect(Buffer.from(attachment!.content, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('never sends a unit a briefing above its clearance or outside its area', async () => {
    const subs = await listSubscriptions(db);
    const issued = new Map(run.issued.map((i) => [i.briefing.id, i.briefing]));
    for (const row of await outbox()) {
      const briefing = issued.get(String(row.body.briefing_id))!;
      const sub = subs.find((s) => s.unitUid === row.body.unit_uid)!;
      expect(briefing.classification, row.id).toBeLessThanOrEqual(sub.clearance);
      expect([null, sub.unitUid], row.id).toContain(briefing.scope.unitUid);
      if (briefing.scope.unitUid === null) expect(sub.unitUid).toBe('66/2025');
    }
    const ward = subs.find((s) => s.unitUid === '24133/2025')!;
    const wardTarget = await subscriptionTarget(db, ward);
    const health = run.issued.find((i) => i.briefing.id.includes('so-y-te'))!.briefing;
    const wardBriefing = run.issued.find((i) => i.briefing.id.includes('24133'))!.briefing;
    expect(receives(ward, wardTarget, wardBriefing)).toBe(true);
    expect(receives(ward, wardTarget, health)).toBe(false);
    // A briefing of the ward's scope and level classified above its clearance is still refused.
    expect(receives(ward, wardTarget, { ...wardBriefing, classification: 2 })).toBe(false);
  });

  it('sends nothing twice when the run is repeated', async () => {
    const before = (await outbox()).length;
    const again = await issueScheduledBriefings(db, { period: 'week', now: FIXTURE_NOW });
    expect(again.errors).toEqual([]);
    expect(again.issued.flatMap((i) => i.deliveries.flatMap((d) => d.queued))).toEqual([]);
    expect((await outbox()).length).toBe(before);
    expect((await listBriefings(db)).length).toBe(4);
    const open = again.issued.find((i) => i.briefing.id.endsWith('-tinh-m0-vi'))!;
    expect(
      await deliverBriefing(db, open.briefing, { html: open.html, docx: open.docx }, { now: FIXTURE_NOW }),
    ).toEqual([
      { unitUid: '66/2025', recipient: 'UBND Tỉnh Đắk Lắk', email: 'ubnd@daklak.gov.vn', queued: [] },
    ]);
  });

  it('e-mails the HTML with the DOCX attached through SMTP', async () => {
    const messages: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          messages.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    try {
      const mail = smtpTransport({ host: '127.0.0.1', port, from: 'dlxh@btg.daklak.gov.vn' });
      const report = await deliverOutbox(db, {
        now: FIXTURE_NOW,
        fetch,
        mail,
        from: 'dlxh@btg.daklak.gov.vn',
      });
      expect(report).toEqual({ sent: 2, retried: 0, failed: 0 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(messages).toHaveLength(2);
    const province = messages.find((m) => /To: ubnd@daklak\.gov\.vn/.test(m))!;
    expect(province).toMatch(/Content-Type: text\/plain/);
    expect(province).toMatch(/Content-Type: text\/html/);
    expect(province).toMatch(
      /Content-Type:\s+application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/,
    );
    const docx = /filename=(\S+\.docx)\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(province);
    expect(docx, 'a DOCX part').not.toBeNull();
    expect(docx![1]).toBe('bc-week-2026-11-16-2026-11-22-tinh-m0-vi.docx');
    expect(Buffer.from(docx![2]!.replace(/\s+/g, ''), 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});
