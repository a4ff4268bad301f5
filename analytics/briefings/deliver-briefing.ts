/**
 * Delivery of a stored briefing to the units subscribed to it, through the notifications outbox: an entry in the
 * unit's dashboard inbox, and an e-mail with the HTML and the DOCX attached where the unit has an address.
 */
import { canSee, resolveScope, type AccessScope } from '../../data/access.ts';
import type { Db } from '../../data/db.ts';
import { enqueueNotifications, loadTargets, type Notification } from '../alerts/outbox.ts';
import { recipientName } from './briefing-unit.ts';
import { listSubscriptions, type Subscription } from './subscriptions.ts';
import type { Briefing } from './types.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a subscribed unit receives: the briefing of this area (null: the whole province) made at this level. */
export interface SubscriptionTarget {
  unitUid: string | null;
  maxClassification: number;
  scope: AccessScope;
}

/** The outbox recipient of a subscribed unit: `UBND Phường Buôn Ma Thuột`, `Sở Y tế`. */
export function recipientOf(sub: Subscription): string {
  return recipientName({ name: sub.unitName, agency: sub.agency });
}

/** The briefing a subscription asks for: a unit that sees the whole province gets the province's. */
export async function subscriptionTarget(db: Db, sub: Subscription): Promise<SubscriptionTarget> {
  const scope = await resolveScope(db, {
    id: `subscription:${sub.unitUid}`,
    username: recipientOf(sub),
    role: 'leader',
    unit_uid: sub.unitUid,
    clearance: sub.clearance,
  });
  return { unitUid: scope.province ? null : sub.unitUid, maxClassification: sub.clearance, scope };
}

/**
 * Whether a subscription receives `briefing`: the same period, the briefing of its area made at its clearance,
 * and the need-to-know rule lets its recipients read it (classification within their clearance, scope within
 * their area).
 */
export function receives(sub: Subscription, target: SubscriptionTarget, briefing: Briefing): boolean {
  return (
    sub.period === briefing.period &&
    briefing.scope.unitUid === target.unitUid &&
    briefing.scope.maxClassification === target.maxClassification &&
    canSee(target.scope, {
      classification: briefing.classification,
      locality_uid: briefing.scope.unitUid,
      madeFor: briefing.scope.unitUid,
    })
  );
}

export interface BriefingDelivery {
  unitUid: string;
  recipient: string;
  /** The address of the e-mail copy; null when the unit has none or the briefing is classified. */
  email: string | null;
  /** Notification ids newly queued (none when this briefing had already been sent to the unit). */
  queued: string[];
}

/** The outbox reason of a briefing's delivery: part of the notification's idempotency key. */
export function deliveryReason(briefingId: string): string {
  return `briefing:${briefingId}`;
}

function message(briefing: Briefing): { subject: string; text: string } {
  const vi = briefing.lang === 'vi';
  const mark = briefing.classification > 0 ? `[${briefing.classificationLabel.toUpperCase()}] ` : '';
  const subject = `${mark}${briefing.title}: ${briefing.subtitle}`;
  const text = [
    subject,
    `${vi ? 'Phạm vi' : 'Scope'}: ${briefing.scope.unitName}`,
    '',
    vi ? 'Tóm tắt:' : 'Summary:',
    ...briefing.summary.map((line) => `- ${line}`),
    '',
    `${vi ? 'Toàn văn trên hệ thống' : 'Full text in the dashboard'}: /briefings/${encodeURIComponent(briefing.id)}`,
  ].join('\n');
  return { subject, text };
}

/**
 * Queue `briefing` (already stored) for every subscription that receives it: the unit's inbox always, and an
 * e-mail with the HTML and the DOCX when the unit has an address and the briefing is Thường (classified
 * briefings are never e-mailed: the inbox entry asks the unit to open them in the dashboard). Idempotent: a
 * briefing goes to a unit once.
 * `await deliverBriefing(db, briefing, { html, docx }, { now })`
 */
export async function deliverBriefing(
  db: Db,
  briefing: Briefing,
  rendered: { html: string; docx: Buffer },
  options: { now: Date },
): Promise<BriefingDelivery[]> {
  // Units subscribe to weekly and monthly briefings; the annual report and flash reports are made on demand and
  // sent to none.
  if (briefing.period === 'year' || briefing.period === 'flash') return [];
  const subscriptions = await listSubscriptions(db, { period: briefing.period });
  if (subscriptions.length === 0) return [];
  const addresses = await loadTargets(db);
  const { subject, text } = message(briefing);
  const reason = deliveryReason(briefing.id);
  const deliveries: BriefingDelivery[] = [];
  for (const sub of subscriptions) {
    if (!receives(sub, await subscriptionTarget(db, sub), briefing)) continue;
    const recipient = recipientOf(sub);
    const base = { recipient, alertId: null, caseId: null, reason };
    const about = {
      kind: 'briefing',
      briefing_id: briefing.id,
      unit_uid: sub.unitUid,
      period: briefing.period,
      classification: briefing.classification,
      subject,
    };
    const notifications: Notification[] = [
      { ...base, channel: 'inbox', address: null, payload: { ...about, text } },
    ];
    const email =
      briefing.classification === 0 ? (sub.email ?? addresses.get(recipient)?.email ?? null) : null;
    if (email) {
      notifications.push({
        ...base,
        channel: 'email',
        address: email,
        payload: {
          ...about,
          text,
          html: rendered.html,
          attachments: [
            {
              filename: `${briefing.id}.docx`,
              contentType: DOCX_TYPE,
              content: rendered.docx.toString('base64'),
            },
          ],
        },
      });
    }
    const queued = await enqueueNotifications(db, notifications, options.now);
    deliveries.push({ unitUid: sub.unitUid, recipient, email, queued });
  }
  return deliveries;
}
