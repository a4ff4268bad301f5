import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  backoffMs,
  deliverOutbox,
  enqueueNotifications,
  listInbox,
  markRead,
  saveNotificationTarget,
  signWebhook,
  smtpTransport,
} from '../../../analytics/alerts/outbox.ts';
import type { Notification } from '../../../analytics/alerts/outbox.ts';
import type { Db } from '../../../data/db.ts';
import { clearAlertTables, hotspotDb } from '../hotspots/fixtures.ts';
import { NOW } from './fixtures.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

function webhookServer(
  statuses: number[],
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks/alerts`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const webhookNote = (address: string): Notification => ({
  channel: 'webhook',
  recipient: 'Sở Nông nghiệp và Môi trường',
  address,
  alertId: 'hs-1',
  caseId: 'case-1',
  reason: 'new',
  payload: { subject: 'Điểm nóng', text: 'Đất đai tại Xã Ea Yông', alert: { id: 'hs-1' } },
});

describe('notifications outbox', () => {
  let db: Db;
  beforeAll(async () => {
    db = await hotspotDb();
  });
  beforeEach(async () => {
    await clearAlertTables(db);
    await saveNotificationTarget(db, {
      recipient: 'Sở Nông nghiệp và Môi trường',
      webhookUrl: 'unused',
      webhookSecret: 'bí-mật-rất-dài-của-sở',
      email: 'so.nnmt@daklak.gov.vn',
    });
  });
  afterAll(() => db.close());

  it('stores a notification once however often it is queued', async () => {
    const n = webhookNote('http://127.0.0.1:9/x');
    expect(await enqueueNotifications(db, [n, n], NOW)).toHaveLength(1);
    expect(await enqueueNotifications(db, [n], NOW)).toHaveLength(0);
    expect(await enqueueNotifications(db, [{ ...n, reason: 'escalated' }], NOW)).toHaveLength(1);
  });

  it('POSTs JSON signed with HMAC-SHA256 and never sends a delivered notification again', async () => {
    const hook = await webhookServer([200]);
    try {
      const [id] = await enqueueNotifications(db, [webhookNote(hook.url)], NOW);
      const report = await deliverOutbox(db, { now: NOW, fetch });
      expect(report).toEqual({ sent: 1, retried: 0, failed: 0 });
      const [request] = hook.received;
      expect(JSON.parse(request!.body)).toMatchObject({ subject: 'Điểm nóng', alert: { id: 'hs-1' } });
      const timestamp = request!.headers['x-dlxh-timestamp'] as string;
      expect(timestamp).toBe(String(NOW.getTime() / 1000));
      expect(request!.headers['x-dlxh-signature']).toBe(
        `sha256=${signWebhook('bí-mật-rất-dài-của-sở', timestamp, request!.body)}`,
      );
      expect(request!.headers['idempotency-key']).toBe(id);
      expect(await deliverOutbox(db, { now: new Date(NOW.getTime() + 3_600_000), fetch })).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('retries a failing webhook with backoff and gives up after the last attempt', async () => {
    const hook = await webhookServer([500, 503, 200]);
    try {
      await enqueueNotifications(db, [webhookNote(hook.url)], NOW);
      expect(await deliverOutbox(db, { now: NOW, fetch })).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect(await deliverOutbox(db, { now: new Date(NOW.getTime() + 30_000), fetch })).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      expect(await deliverOutbox(db, { now: new Date(NOW.getTime() + backoffMs(1)), fetch })).toEqual({
        sent: 0,
        retried: 1,
        failed: 0,
      });
      const row = await db.one<{ attempts: number; last_error: string }>(
        'SELECT attempts, last_error FROM notifications_outbox',
      );
      expect(row).toEqual({ attempts: 2, last_error: 'HTTP 503' });
      expect(await deliverOutbox(db, { now: new Date(NOW.getTime() + 3_600_000), fetch })).toEqual({
        sent: 1,
        retried: 0,
        failed: 0,
      });
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
    await enqueueNotifications(db, [{ ...webhookNote('http://127.0.0.1:1/closed'), reason: 'again' }], NOW);
    const failing = { now: NOW, fetch, maxAttempts: 2 };
    expect((await deliverOutbox(db, failing)).retried).toBe(1);
    expect((await deliverOutbox(db, { ...failing, now: new Date(NOW.getTime() + 3_600_000) })).failed).toBe(
      1,
    );
  });

  it('sends e-mail through SMTP, once', async () => {
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
      const [id] = await enqueueNotifications(
        db,
        [{ ...webhookNote(''), channel: 'email', address: 'so.nnmt@daklak.gov.vn' }],
        NOW,
      );
      expect(await deliverOutbox(db, { now: NOW, fetch, mail, from: 'dlxh@btg.daklak.gov.vn' })).toEqual({
        sent: 1,
        retried: 0,
        failed: 0,
      });
      expect(await deliverOutbox(db, { now: NOW, fetch, mail })).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(`Message-ID: <${id}@dlxh>`);
      expect(messages[0]).toMatch(/To: so\.nnmt@daklak\.gov\.vn/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('keeps an inbox per recipient, delivered at once, with read marks', async () => {
    const [id] = await enqueueNotifications(
      db,
      [{ ...webhookNote(''), channel: 'inbox', address: null }],
      NOW,
    );
    const inbox = await listInbox(db, 'Sở Nông nghiệp và Môi trường', { unreadOnly: true });
    expect(inbox.map((r) => [r.id, r.status])).toEqual([[id, 'delivered']]);
    await markRead(db, id!, NOW);
    expect(await listInbox(db, 'Sở Nông nghiệp và Môi trường', { unreadOnly: true })).toEqual([]);
    expect(await listInbox(db, 'Sở Y tế')).toEqual([]);
  });
});

describe('backoffMs', () => {
  it('doubles from one minute up to an hour', () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });
});
