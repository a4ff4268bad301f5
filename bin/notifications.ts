/** Notifications as the config sets them up: the bodies' addresses, and delivery of the outbox through SMTP and webhooks. */
import type { DeliveryReport } from '../analytics/alerts/outbox.ts';
import { deliverOutbox, saveNotificationTarget, smtpTransport } from '../analytics/alerts/outbox.ts';
import type { CommandContext } from './context.ts';

/** Store the configured bodies' webhook URLs and e-mail addresses (others already stored are kept). */
export async function syncNotificationTargets(ctx: CommandContext): Promise<void> {
  for (const t of ctx.config.notifications.targets) {
    await saveNotificationTarget(ctx.db, {
      recipient: t.recipient,
      webhookUrl: t.webhook_url ?? null,
      webhookSecret: t.webhook_secret ?? null,
      email: t.email ?? null,
    });
  }
}

/** Send the webhook and e-mail notifications that are due (the scheduled `deliver` job). */
export async function deliverNotifications(ctx: CommandContext): Promise<DeliveryReport> {
  const settings = ctx.config.notifications;
  await syncNotificationTargets(ctx);
  const smtp = settings.smtp;
  return deliverOutbox(ctx.db, {
    now: ctx.now(),
    fetch: globalThis.fetch,
    mail: smtp
      ? smtpTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          user: smtp.user,
          pass: smtp.pass,
          from: smtp.from,
          allowSelfSigned: smtp.allow_self_signed,
        })
      : undefined,
    from: smtp?.from,
    webhookSecret: settings.webhook_secret,
    maxAttempts: settings.max_attempts,
    timeoutMs: settings.timeout_ms,
    logger: ctx.logger,
  });
}
