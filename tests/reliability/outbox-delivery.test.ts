/**
 * Delivery through the persistent outbox with the receivers down: real SMTP and webhook servers on 127.0.0.1
 * are stopped and started again; nothing queued is lost across a restart of the process's database, every
 * notification reaches its receiver exactly once (the idempotency key lets a receiver drop a repeat), and every
 * attempt, error and back-off is recorded in the outbox table.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import type { MailTransport, Notification } from '../../analytics/alerts/outbox.ts';
import {
  backoffMs,
  deliverOutbox,
  enqueueNotifications,
  saveNotificationTarget,
  smtpTransport,
} from '../../analytics/alerts/outbox.ts';
import { openDatabase } from '../../data/database.ts';
import type { Db } from '../../data/db.ts';
import { tempDir } from '../helpers/temp.ts';

const T0 = new Date('2026-11-20T08:00:00+07:00');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const SECRET = 'webhook-secret-for-the-test-0123456789';

/** A webhook receiver that dedupes on the idempotency key; it can be told to crash after processing once. */
class WebhookReceiver {
  readonly processed = new Map<string, number>();
  readonly requests: string[] = [];
  crashAfterProcessing = new Set<string>();
  private server: http.Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const key = String(req.headers['idempotency-key']);
        this.requests.push(key);
        if (!this.processed.has(key)) this.processed.set(key, this.requests.length);
        if (this.crashAfterProcessing.delete(key)) {
          req.socket.destroy();
          return;
        }
        res.statusCode = 200;
        res.end('ok');
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/alerts`;
  }
}

/** An SMTP server that keeps each message by its Message-ID; it can refuse the next messages with a 451. */
class MailReceiver {
  readonly messageIds: string[] = [];
  refuseNext = 0;
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, _session, callback) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext--;
            const error = new Error('mailbox busy, try later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          this.messageIds.push(/^Message-ID: <([^>]+)>/im.exec(data)?.[1] ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface OutboxState {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
}

async function outbox(db: Db): Promise<OutboxState[]> {
  return db.all<OutboxState>(
    `SELECT id, channel, status, attempts, next_attempt_at, last_error, sent_at FROM notifications_outbox
     WHERE channel <> 'inbox' ORDER BY id`,
  );
}

function notifications(webhookUrl: string): Notification[] {
  const out: Notification[] = [];
  for (const alert of ['hs-a', 'hs-b', 'hs-c']) {
    const payload = { subject: `Điểm nóng ${alert}`, text: `Cảnh báo ${alert}`, alert: { id: alert } };
    const base = { alertId: alert, caseId: `case-${alert}`, reason: 'new', payload };
    out.push({ ...base, channel: 'webhook', recipient: 'Sở Y tế', address: webhookUrl });
    out.push({ ...base, channel: 'email', recipient: 'Sở Y tế', address: 'soyte@daklak.gov.vn' });
    out.push({ ...base, channel: 'email', recipient: 'UBND Xã Ea Kiết', address: 'eakiet@daklak.gov.vn' });
    out.push({ ...base, channel: 'inbox', recipient: 'UBND Xã Ea Kiết', address: null });
  }
  return out;
}

describe('outbox delivery with the receivers down', () => {
  const webhook = new WebhookReceiver();
  const mail = new MailReceiver();
  const file = path.join(tempDir('dlxh-outbox-'), 'outbox.duckdb');
  afterAll(async () => {
    await webhook.stop();
    await mail.stop();
  });

  /** Open the database as a fresh process would, run `fn`, close it. */
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = await openDatabase(file);
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  }

  const deliver = (db: Db, now: Date, transport: MailTransport) =>
    deliverOutbox(db, { now, fetch, mail: transport, from: 'dlxh@btg.daklak.gov.vn', timeoutMs: 5_000 });

  it('keeps every notification, retries with back-off, and delivers each exactly once when they return', async () => {
    // Learn two free ports, then take both receivers down before anything is sent.
    await webhook.start();
    await mail.start();
    await webhook.stop();
    await mail.stop();
    const transport = smtpTransport({ host: '127.0.0.1', port: mail.port, from: 'dlxh@btg.daklak.gov.vn' });

    const queued = await withDb(async (db) => {
      await saveNotificationTarget(db, {
        recipient: 'Sở Y tế',
        webhookUrl: webhook.url,
        webhookSecret: SECRET,
      });
      const ids = await enqueueNotifications(db, notifications(webhook.url), T0);
      expect(await enqueueNotifications(db, notifications(webhook.url), T0)).toEqual([]);
      return ids;
    });
    expect(queued).toHaveLength(12);

    // Down: every attempt fails and is scheduled again, 1 then 2 minutes later; none is tried before it is due.
    await withDb(async (db) => {
      expect(await deliver(db, T0, transport)).toEqual({ sent: 0, retried: 9, failed: 0 });
      const rows = await outbox(db);
      expect(rows).toHaveLength(9);
      for (const r of rows) {
        expect(r).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
        expect(r.last_error).toBeTruthy();
        expect(r.next_attempt_at.getTime()).toBe(T0.getTime() + backoffMs(1));
      }
      expect(await deliver(db, minutes(0.5), transport)).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(await deliver(db, minutes(1), transport)).toEqual({ sent: 0, retried: 9, failed: 0 });
      for (const r of await outbox(db)) {
        expect(r.attempts).toBe(2);
        expect(r.next_attempt_at.getTime()).toBe(minutes(1).getTime() + backoffMs(2));
      }
    });
    expect(webhook.requests).toEqual([]);
    expect(mail.messageIds).toEqual([]);

    // Back up, but the webhook receiver crashes after processing one delivery and the mail server defers two.
    await webhook.start();
    await mail.start();
    const [crashing] = (await withDb(outbox)).filter((r) => r.channel === 'webhook');
    webhook.crashAfterProcessing.add(crashing!.id);
    mail.refuseNext = 2;
    await withDb(async (db) => {
      expect(await deliver(db, minutes(3), transport)).toEqual({ sent: 6, retried: 3, failed: 0 });
      const retried = (await outbox(db)).filter((r) => r.status === 'pending');
      expect(retried.map((r) => r.attempts)).toEqual([3, 3, 3]);
      for (const r of retried) {
        expect(r.next_attempt_at.getTime()).toBe(minutes(3).getTime() + backoffMs(3));
      }
    });

    // The rest go out when due; after that nothing is ever sent again.
    await withDb(async (db) => {
      expect(await deliver(db, minutes(7), transport)).toEqual({ sent: 3, retried: 0, failed: 0 });
      expect(await deliver(db, minutes(600), transport)).toEqual({ sent: 0, retried: 0, failed: 0 });
      const rows = await outbox(db);
      expect(rows.every((r) => r.status === 'sent' && r.sent_at !== null && r.last_error === null)).toBe(
        true,
      );
      expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(9 * 3 + 3);
    });

    const webhookIds = (await withDb(outbox)).filter((r) => r.channel === 'webhook').map((r) => r.id);
    const emailIds = (await withDb(outbox)).filter((r) => r.channel === 'email').map((r) => r.id);
    expect([...webhook.processed.keys()].sort()).toEqual(webhookIds);
    expect(webhook.requests.filter((k) => k === crashing!.id)).toHaveLength(2);
    expect(webhook.requests).toHaveLength(webhookIds.length + 1);
    expect([...mail.messageIds].sort()).toEqual(emailIds.map((id) => `${id}@dlxh`).sort());
  });
});
