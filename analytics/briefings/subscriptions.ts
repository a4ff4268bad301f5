/** Which units and agencies receive the weekly or monthly briefing, at which clearance, at which address. */
import type { Db } from '../../data/db.ts';
import { errorMessage, inputError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { findBriefingUnit } from './briefing-unit.ts';
import { BRIEFING_PERIODS, type BriefingPeriod } from './types.ts';

const sql = readSqlFile(new URL('./subscriptions.sql', import.meta.url));

export interface Subscription {
  unitUid: string;
  unitName: string;
  agency: boolean;
  period: SubscriptionPeriod;
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
  period: SubscriptionPeriod;
  clearance: number;
  email: string | null;
  created_at: Date;
  created_by: string | null;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** `created_by` of the subscriptions declared in the config file (no user name has parentheses). */
export const CONFIG_ORIGIN = '(config)';
/** `created_by` of the subscriptions the demo adds. */
export const DEMO_ORIGIN = '(demo)';

/** Who added a subscription, for people: the config file, the demo, or the user (`cli:…`: the command line). */
export function addedBy(s: Pick<Subscription, 'createdBy'>, lang: 'vi' | 'en' = 'vi'): string {
  if (s.createdBy === CONFIG_ORIGIN) return lang === 'en' ? 'config file' : 'tệp cấu hình';
  if (s.createdBy === DEMO_ORIGIN) return lang === 'en' ? 'demo' : 'dữ liệu mẫu';
  return s.createdBy ?? '—';
}

/** The periods briefings are sent on a schedule for (the annual report is made on demand). */
export type SubscriptionPeriod = Exclude<BriefingPeriod, 'year'>;

export function isSubscriptionPeriod(value: unknown): value is SubscriptionPeriod {
  return value === 'week' || value === 'month';
}

/** Any period a briefing can be made for: week, month or year. */
export function isBriefingPeriod(value: unknown): value is BriefingPeriod {
  return (BRIEFING_PERIODS as readonly unknown[]).includes(value);
}

/** Subscriptions, for one period or all. */
export async function listSubscriptions(
  db: Db,
  options: { period?: SubscriptionPeriod | null } = {},
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

/** A subscription as the API and `dlxh admin subscriptions --json` give it (times in ISO 8601 with +07:00). */
export function subscriptionJson(s: Subscription) {
  return {
    unit_uid: s.unitUid,
    unit_name: s.unitName,
    period: s.period,
    clearance: s.clearance,
    email: s.email,
    created_at: toLocalIso(s.createdAt),
    created_by: s.createdBy,
  };
}

function checkClearance(value: SubscriptionInput['clearance'], input: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const level = Number(value);
  if (!Number.isInteger(level) || level < 0 || level > 3)
    throw inputError(input, null, `invalid level "${String(value)}" (0 … 3)`);
  return level;
}

/**
 * Add a subscription, or change the clearance and address of an existing one. Returns it as stored. Saved
 * `by: CONFIG_ORIGIN`, an existing subscription becomes the config file's. Errors name the field, after
 * `inputPrefix` (`--` for the command line's options).
 * `await saveSubscription(db, { unit: 'so-y-te', period: 'week', clearance: 1 }, { now, by: 'quantri' })`
 */
export async function saveSubscription(
  db: Db,
  input: SubscriptionInput,
  options: { now: Date; by?: string | null; inputPrefix?: string },
): Promise<Subscription> {
  const name = (field: string) => `${options.inputPrefix ?? ''}${field}`;
  if (!isSubscriptionPeriod(input.period))
    throw inputError(name('period'), null, `invalid period "${String(input.period)}" (week or month)`);
  const clearance = checkClearance(input.clearance, name('clearance'));
  const email = input.email?.trim() || null;
  if (email !== null && !EMAIL.test(email))
    throw inputError(name('email'), null, `invalid address "${email}"`);
  const unit = await findBriefingUnit(db, input.unit, { input: name('unit') });
  await db.run(sql(options.by === CONFIG_ORIGIN ? 'upsert_from_config' : 'upsert'), {
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
export async function deleteSubscription(
  db: Db,
  unitUid: string,
  period: SubscriptionPeriod,
): Promise<boolean> {
  const before = await listSubscriptions(db, { period });
  await db.run(sql('delete'), { unit_uid: unitUid, period });
  return before.some((s) => s.unitUid === unitUid);
}

export interface SyncReport {
  saved: Subscription[];
  /** Subscriptions of the config file that it no longer declares, now removed (`unit/period`). */
  removed: string[];
  /** One line per declared subscription that could not be saved: `briefings.subscriptions[2]: unit: …`. */
  errors: string[];
}

/**
 * Make the subscriptions of the config file what it declares: each added or updated, and those it added before
 * but no longer declares removed; the ones added in the dashboard or with `dlxh admin subscribe` are left alone
 * (unless the file declares the same unit and period, which it then takes over). A bad entry is reported and
 * the others are still synced. Running it again changes nothing.
 * `await syncSubscriptions(db, [{ unit: '24133', period: 'week', clearance: 1 }], { now })`
 */
export async function syncSubscriptions(
  db: Db,
  declared: readonly SubscriptionInput[],
  options: { now: Date },
): Promise<SyncReport> {
  const report: SyncReport = { saved: [], removed: [], errors: [] };
  const kept = new Set<string>();
  await db.transaction(async () => {
    for (const [i, input] of declared.entries()) {
      try {
        const unit = await findBriefingUnit(db, input.unit, { input: 'unit' });
        kept.add(`${unit.uid}/${input.period}`);
        report.saved.push(await saveSubscription(db, input, { now: options.now, by: CONFIG_ORIGIN }));
      } catch (error) {
        report.errors.push(`briefings.subscriptions[${i}]: ${errorMessage(error)}`);
      }
    }
    for (const row of await db.all<{ unit_uid: string; period: SubscriptionPeriod }>(sql('from_config'), {
      by: CONFIG_ORIGIN,
    })) {
      const key = `${row.unit_uid}/${row.period}`;
      if (kept.has(key)) continue;
      await db.run(sql('delete'), { unit_uid: row.unit_uid, period: row.period });
      report.removed.push(key);
    }
  });
  return report;
}
