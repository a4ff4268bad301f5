/** The briefings delivered to a unit's dashboard inbox: listed for the unit's users, marked read when one opens it. */
import type { Db } from '../../data/db.ts';
import { isDlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { markRead, notificationId } from '../alerts/outbox.ts';
import { findBriefingUnit, recipientName } from './briefing-unit.ts';
import { deliveryReason } from './deliver-briefing.ts';
import type { BriefingPeriod } from './types.ts';

const sql = readSqlFile(new URL('./delivered-briefings.sql', import.meta.url));

export interface DeliveredBriefing {
  /** The inbox notification. */
  notificationId: string;
  briefingId: string;
  subject: string;
  period: BriefingPeriod;
  classification: number;
  deliveredAt: Date;
  readAt: Date | null;
}

interface Row {
  id: string;
  briefing_id: string;
  subject: string | null;
  period: BriefingPeriod;
  classification: number | null;
  created_at: Date;
  read_at: Date | null;
}

/** The inbox recipient of a unit or agency (`UBND Phường Buôn Ma Thuột`, `Sở Y tế`); null for an unknown one. */
export async function unitRecipient(db: Db, unitUid: string | null): Promise<string | null> {
  if (!unitUid) return null;
  try {
    return recipientName(await findBriefingUnit(db, unitUid));
  } catch (error) {
    if (isDlxhError(error, 'INPUT')) return null;
    throw error;
  }
}

/**
 * What was delivered to the inbox of `unitUid`, newest first (every delivery: the caller shows only the
 * briefings its user may open).
 * `await deliveredBriefings(db, '24133/2025')` → `[{ briefingId: 'bc-week-…', readAt: null, … }]`
 */
export async function deliveredBriefings(
  db: Db,
  unitUid: string | null,
  options: { limit?: number } = {},
): Promise<DeliveredBriefing[]> {
  const recipient = await unitRecipient(db, unitUid);
  if (!recipient) return [];
  const rows = await db.all<Row>(sql('list'), {
    recipient,
    prefix: deliveryReason(''),
    limit: options.limit ?? 50,
  });
  return rows.map((r) => ({
    notificationId: r.id,
    briefingId: r.briefing_id,
    subject: r.subject ?? r.briefing_id,
    period: r.period,
    classification: r.classification ?? 0,
    deliveredAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** Mark the delivery of `briefingId` to the unit's inbox read (nothing when it was not delivered there). */
export async function markBriefingRead(
  db: Db,
  unitUid: string | null,
  briefingId: string,
  now: Date,
): Promise<void> {
  const recipient = await unitRecipient(db, unitUid);
  if (!recipient) return;
  const id = notificationId({
    channel: 'inbox',
    recipient,
    alertId: null,
    caseId: null,
    reason: deliveryReason(briefingId),
  });
  await markRead(db, id, now);
}
