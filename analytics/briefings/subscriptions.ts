/** Which units and agencies receive the weekly or monthly briefing, at which clearance, at which address. */
import type { Db } from '../../data/db.ts';
import { inputError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { findBriefingUnit } from './briefing-unit.ts';
import type { BriefingPeriod } from './types.ts';

const sql = readSqlFile(new URL('./subscriptions.sql', import.meta.url));

export interface Subscription {
  unitUid: string;
  unitName: string;
  agency: boolean;
  period: BriefingPeriod;
  /** Highest classification the unit's recipients may receive. */
  clearance: number;
  /** Address of the e-mail copy; null: the unit's address in notification_targets, if any. */
  email: string | null;
  createdAt: Date;
  createdBy: string | null;
}

export interface SubscriptionInput {
  /** Unit uid, GSO code of a current unit, or agency id. */
  unit: string;
  period: string;
  clearance?: number | string | null;
  email?: string | null;
}

interface Row {
  unit_uid: string;
  unit_name: string;
  agency: boolean;
  period: BriefingPeriod;
  clearance: number;
  email: string | null;
  created_at: Date;
  created_by: string | null;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export function isBriefingPeriod(value: unknown): value is BriefingPeriod {
  return value === 'week' || value === 'month';
}

/** Subscriptions, for one period or all. */
export async function listSubscriptions(
  db: Db,
  options: { period?: BriefingPeriod | null } = {},
): Promise<Subscription[]> {
  const rows = await db.all<Row>(sql('list'), { period: options.period ?? null });
  return rows.map((r) => ({
    unitUid: r.unit_uid,
    unitName: r.unit_name,
    agency: r.agency,
    period: r.period,
    clearance: r.clearance,
    email: r.email,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

function checkClearance(value: SubscriptionInput['clearance']): number {
  if (value === undefined || value === null || value === '') return 0;
  const level = Number(value);
  if (!Number.isInteger(level) || level < 0 || level > 3)
    throw inputError('clearance', null, `invalid level "${String(value)}" (0 … 3)`);
  return level;
}

/**
 * Add a subscription, or change the clearance and address of an existing one. Returns it as stored.
 * `await saveSubscription(db, { unit: 'so-y-te', period: 'week', clearance: 1 }, { now, by: 'quantri' })`
 */
export async function saveSubscription(
  db: Db,
  input: SubscriptionInput,
  options: { now: Date; by?: string | null },
): Promise<Subscription> {
  if (!isBriefingPeriod(input.period))
    throw inputError('period', null, `invalid period "${String(input.period)}" (week or month)`);
  const clearance = checkClearance(input.clearance);
  const email = input.email?.trim() || null;
  if (email !== null && !EMAIL.test(email)) throw inputError('email', null, `invalid address "${email}"`);
  const unit = await findBriefingUnit(db, input.unit, { input: 'unit' });
  await db.run(sql('upsert'), {
    unit_uid: unit.uid,
    period: input.period,
    clearance,
    email,
    now: options.now,
    by: options.by ?? null,
  });
  const saved = (await listSubscriptions(db, { period: input.period })).find((s) => s.unitUid === unit.uid);
  return saved!;
}

/** Remove a subscription; returns whether there was one. */
export async function deleteSubscription(db: Db, unitUid: string, period: BriefingPeriod): Promise<boolean> {
  const before = await listSubscriptions(db, { period });
  await db.run(sql('delete'), { unit_uid: unitUid, period });
  return before.some((s) => s.unitUid === unitUid);
}
