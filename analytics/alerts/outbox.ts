/**
 * The notifications outbox: every routed alert lands in each recipient's dashboard inbox; urgent ones also go
 * out by webhook (JSON POST signed with HMAC-SHA256, retried with backoff) and e-mail (SMTP). A row's id is its
 * idempotency key, so queueing the same notification twice stores it once and it is delivered once.
 */
import { createHash, createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../../data/db.ts';
import { errorMessage } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';

export type Channel = 'inbox' | 'webhook' | 'email';

export interface Notification {
  channel: Channel;
  recipient: string;
  address: string | null;
  alertId: string | null;
  caseId: string | null;
  /** Why it is sent: 'new', 'escalated', 'severity:khẩn', 'overdue'… part of the idempotency key. */
  reason: string;
  payload: Record<string, unknown>;
}

export interface OutboxRow {
  id: string;
  channel: Channel;
  recipient: string;
  address: string | null;
  alert_id: string | null;
  case_id: string | null;
  reason: string;
  payload: unknown;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
}

/** The idempotency key of a notification. */
export function notificationId(
  n: Pick<Notification, 'channel' | 'recipient' | 'alertId' | 'caseId' | 'reason'>,
): string {
  const key = [n.channel, n.recipient, n.alertId ?? '', n.caseId ?? '', n.reason].join('|');
  return `nt-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** Queue notifications; ones already queued (same key) are left as they are. Returns the ids newly queued. */
export async function enqueueNotifications(
  db: Db,
  items: readonly Notification[],
  now: Date,
): Promise<string[]> {
  const added: string[] = [];
  await db.transaction(async () => {
    for (const n of items) {
      const id = notificationId(n);
      const exists = await db.one('SELECT 1 AS x FROM notifications_outbox WHERE id = $id', { id });
      if (exists) continue;
      await db.run(
        `INSERT INTO notifications_outbox (id, channel, recipient, address, alert_id, case_id, reason, payload, status,
           attempts, next_attempt_at, created_at, sent_at)
         VALUES ($id, $channel, $recipient, $address, $alert_id, $case_id, $reason, $payload::JSON, $status, 0, $now,
           $now, $sent_at)`,
        {
          id,
          channel: n.channel,
          recipient: n.recipient,
          address: n.address,
          alert_id: n.alertId,
          case_id: n.caseId,
          reason: n.reason,
          payload: JSON.stringify(n.payload),
          status: n.channel === 'inbox' ? 'delivered' : 'pending',
          now,
          sent_at: n.channel === 'inbox' ? now : null,
        },
      );
      added.push(id);
    }
  });
  return added;
}

/**
 * Sign a webhook body: HMAC-SHA256 of `${timestamp}.${body}` with the target's secret, hex.
 * Receivers recompute it from the `X-Dlxh-Timestamp` header and the raw body and compare in constant time.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A file attached to an e-mail notification, as its payload stores it (`content` in base64). */
export interface EmailAttachment {
  filename: string;
  contentType?: string;
  content: string;
}

/** The least a mail transport must do (a nodemailer transporter does). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    attachments?: { filename: string; contentType?: string; content: Buffer }[];
    messageId?: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
  /** Accept self-signed certificates (test servers, internal relays). */
  allowSelfSigned?: boolean;
}

/** A nodemailer SMTP transport from settings. */
export function smtpTransport(settings: SmtpSettings): MailTransport {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
    tls: settings.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
  });
}

export interface DeliveryOptions {
  now: Date;
  fetch: typeof fetch;
  mail?: MailTransport;
  /** Sender address for e-mail. */
  from?: string;
  /** Secret for webhook targets without their own. */
  webhookSecret?: string;
  logger?: Logger;
  /** Attempts before a notification is given up (status 'failed'); the default, 30, keeps trying for about a day. */
  maxAttempts?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  limit?: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Attempts before giving up: with `backoffMs`, the last comes about a day after the first. */
export const DEFAULT_MAX_ATTEMPTS = 30;

/** Wait before attempt n + 1 after n failures: 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

async function secretFor(
  db: Db,
  recipient: string,
  fallback: string | undefined,
): Promise<string | undefined> {
  const row = await db.one<{ webhook_secret: string | null }>(
    'SELECT webhook_secret FROM notification_targets WHERE recipient = $recipient',
    { recipient },
  );
  return row?.webhook_secret ?? fallback;
}

async function sendWebhook(db: Db, row: OutboxRow, options: DeliveryOptions): Promise<void> {
  const secret = await secretFor(db, row.recipient, options.webhookSecret);
  if (!secret) throw new Error('no webhook secret configured');
  const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  try {
    const response = await options.fetch(row.address!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-dlxh-delivery': row.id,
        'idempotency-key': row.id,
        'x-dlxh-timestamp': timestamp,
        'x-dlxh-signature': `sha256=${signWebhook(secret, timestamp, body)}`,
      },
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
  } finally {
    clearTimeout(timer);
  }
}

async function sendEmail(row: OutboxRow, options: DeliveryOptions): Promise<void> {
  if (!options.mail) throw new Error('no SMTP transport configured');
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as {
    subject?: string;
    text?: string;
    html?: string;
    attachments?: EmailAttachment[];
  };
  await options.mail.sendMail({
    from: options.from ?? 'dlxh@localhost',
    to: row.address!,
    subject: payload.subject ?? 'Thông báo điểm nóng dư luận',
    text: payload.text ?? JSON.stringify(payload, null, 2),
    html: payload.html,
    attachments: payload.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content, 'base64'),
    })),
    messageId: `<${row.id}@dlxh>`,
    headers: { 'X-Dlxh-Delivery': row.id },
  });
}

/**
 * Send the pending webhook and e-mail notifications that are due, oldest first. A success marks the row sent
 * (never sent again); a failure schedules a retry with backoff, and after `maxAttempts` the row is 'failed'.
 * One notification failing never stops the others.
 */
export async function deliverOutbox(db: Db, options: DeliveryOptions): Promise<DeliveryReport> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const rows = await db.all<OutboxRow>(
    `SELECT * FROM notifications_outbox
     WHERE status = 'pending' AND next_attempt_at <= $now AND channel IN ('webhook', 'email')
     ORDER BY created_at, id LIMIT $limit`,
    { now: options.now, limit: options.limit ?? 100 },
  );
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of rows) {
    try {
      if (!row.address) throw new Error('no address');
      if (row.channel === 'webhook') await sendWebhook(db, row, options);
      else await sendEmail(row, options);
      await db.run(
        `UPDATE notifications_outbox SET status = 'sent', attempts = attempts + 1, sent_at = $now, last_error = NULL
         WHERE id = $id`,
        { id: row.id, now: options.now },
      );
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= maxAttempts;
      const message = errorMessage(error);
      await db.run(
        `UPDATE notifications_outbox SET attempts = $attempts, last_error = $error, status = $status,
           next_attempt_at = $next WHERE id = $id`,
        {
          id: row.id,
          attempts,
          error: message,
          status: giveUp ? 'failed' : 'pending',
          next: new Date(options.now.getTime() + backoffMs(attempts)),
        },
      );
      options.logger?.warn(`notification ${row.id} (${row.channel} to ${row.recipient}): ${message}`);
      if (giveUp) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/** A recipient's dashboard inbox, newest first. */
export async function listInbox(
  db: Db,
  recipient: string,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<OutboxRow[]> {
  return db.all<OutboxRow>(
    `SELECT * FROM notifications_outbox
     WHERE channel = 'inbox' AND recipient = $recipient AND ($unread = false OR read_at IS NULL)
     ORDER BY created_at DESC, id LIMIT $limit`,
    { recipient, unread: options.unreadOnly ?? false, limit: options.limit ?? 100 },
  );
}

/** Mark an inbox item read. */
export async function markRead(db: Db, id: string, now: Date): Promise<void> {
  await db.run(`UPDATE notifications_outbox SET read_at = $now WHERE id = $id AND read_at IS NULL`, {
    id,
    now,
  });
}

export interface NotificationTarget {
  recipient: string;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  email?: string | null;
}

/** Register how a body is reached (webhook URL and secret, e-mail); replaces what was there. */
export async function saveNotificationTarget(db: Db, target: NotificationTarget): Promise<void> {
  await db.run(
    `INSERT INTO notification_targets (recipient, webhook_url, webhook_secret, email, active)
     VALUES ($recipient, $url, $secret, $email, true)
     ON CONFLICT (recipient) DO UPDATE SET webhook_url = excluded.webhook_url,
       webhook_secret = excluded.webhook_secret, email = excluded.email, active = true`,
    {
      recipient: target.recipient,
      url: target.webhookUrl ?? null,
      secret: target.webhookSecret ?? null,
      email: target.email ?? null,
    },
  );
}

/** Addresses of the recipients that have any. */
export async function loadTargets(
  db: Db,
): Promise<Map<string, { webhookUrl: string | null; email: string | null }>> {
  const rows = await db.all<{ recipient: string; webhook_url: string | null; email: string | null }>(
    'SELECT recipient, webhook_url, email FROM notification_targets WHERE active',
  );
  return new Map(rows.map((r) => [r.recipient, { webhookUrl: r.webhook_url, email: r.email }]));
}
