/**
 * Retention rules for personal data: what dlxh keeps about people, and for how long.
 *
 * - **Identity links.** A pseudonym stays in the data for good (counts by collaborator, one respondent's answers
 *   together), but the sealed link that lets an admin learn whom it stands for (`pseudonym_map`) is deleted once
 *   that person has not been seen in any import for the rule's months. Respondents, enumerators, collaborators and
 *   petitioners (a collaborator pseudonym seen only in petition registers) each have their own rule. If the same
 *   person is imported again later, the link is recorded again, as for anyone new.
 * - **Raw bodies.** Pages and feed items as fetched (`raw_items`: HTML with comments, headers) are deleted after
 *   their months; the documents keep the text extracted from them. Archived raw items go by their month's file.
 * - **Failed sign-ins.** The user names tried (`login_failures`) are deleted after their days, unless a lock-out is
 *   still in force.
 *
 * Cut-offs are local midnights, so every run on one day removes the same things. Nothing else is touched: the
 * documents, reports, survey answers (scrubbed of personal data at import) and the audit log stay.
 */
import type { ArchiveFile } from './archive.ts';
import { archiveFiles, deleteArchivedFiles, hasArchiveTables } from './archive.ts';
import { appendAudit } from './audit.ts';
import type { Db, Params } from './db.ts';
import type { PseudonymKind } from './pseudonym.ts';
import { readSqlFile } from './sql-file.ts';
import { addDays, addMonths, localDay, parseTime } from './time.ts';

const sql = readSqlFile(new URL('./retention.sql', import.meta.url));

/** Whom an identity link stands for: the pseudonym kinds, with petitioners told apart from collaborators. */
export type IdentityHolder = PseudonymKind | 'petitioner';
export const IDENTITY_HOLDERS: readonly IdentityHolder[] = [
  'respondent',
  'enumerator',
  'collaborator',
  'petitioner',
];

/** Each rule's length; null keeps that data for good. */
export interface RetentionRules {
  /** Months after a person was last seen in an import before the link from their pseudonym is deleted. */
  identityMonths: Record<IdentityHolder, number | null>;
  /** Months after fetching before a raw page or feed item is deleted. */
  rawItemsMonths: number | null;
  /** Days after the last failed sign-in before its record is deleted. */
  loginFailuresDays: number | null;
}

/**
 * The defaults: people who answered a survey or brought a petition need not be identifiable a year on (a
 * denouncer's identity is protected by law); collaborators and enumerators, who report month after month, two years
 * after their last report.
 */
export const DEFAULT_RETENTION: RetentionRules = {
  identityMonths: { respondent: 12, enumerator: 24, collaborator: 24, petitioner: 12 },
  rawItemsMonths: 12,
  loginFailuresDays: 30,
};

export type RetentionRule = `identity:${IdentityHolder}` | 'raw_items' | 'login_failures';

/** What each rule removes, as the CLI and the admin page name it. */
export const RETENTION_RULE_VI: Record<RetentionRule, string> = {
  'identity:respondent': 'Liên kết bí danh với người trả lời khảo sát',
  'identity:enumerator': 'Liên kết bí danh với điều tra viên',
  'identity:collaborator': 'Liên kết bí danh với cộng tác viên',
  'identity:petitioner': 'Liên kết bí danh với người gửi đơn thư',
  raw_items: 'Bản gốc trang và tin đã tải',
  login_failures: 'Tên đăng nhập của lần đăng nhập sai',
};

/** Every rule, in the order reports list them. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  ...IDENTITY_HOLDERS.map((who) => `identity:${who}` as const),
  'raw_items',
  'login_failures',
];

/** A rule's length as configured, in words: `12 tháng`, `30 ngày`, `giữ lâu dài`. */
export function retentionLengthVi(rules: RetentionRules, rule: RetentionRule): string {
  const [value, unit] =
    rule === 'raw_items'
      ? [rules.rawItemsMonths, 'tháng']
      : rule === 'login_failures'
        ? [rules.loginFailuresDays, 'ngày']
        : [rules.identityMonths[rule.slice('identity:'.length) as IdentityHolder], 'tháng'];
  return value === null ? 'giữ lâu dài' : `${value} ${unit}`;
}

/** What one rule removes (or would remove, in a dry run). */
export interface RetentionItem {
  rule: RetentionRule;
  /** Data last seen (or fetched, or failed) before this instant goes. */
  cutoff: Date;
  count: number;
}

export interface RetentionReport {
  dryRun: boolean;
  at: Date;
  /** One entry per rule in force, in a fixed order, zero counts included. */
  items: RetentionItem[];
  /** Archived raw-item files removed (or due), relative to the archive folder. */
  archivedFiles: string[];
  /** Rows in those files. */
  archivedRawItems: number;
}

/** Local midnight `months` months (or `days` days) before `now`'s local day. */
function cutoffBefore(now: Date, amount: { months: number } | { days: number }): Date {
  const today = localDay(now);
  const day = 'months' in amount ? addMonths(today, -amount.months) : addDays(today, -amount.days);
  return parseTime(day)!;
}

/** Archived raw-item files whose whole month lies before `cutoff`. */
async function expiredRawFiles(db: Db, cutoff: Date): Promise<ArchiveFile[]> {
  if (!(await hasArchiveTables(db))) return [];
  const firstKeptMonth = localDay(cutoff).slice(0, 7);
  return (await archiveFiles(db)).filter((f) => f.table_name === 'raw_items' && f.month < firstKeptMonth);
}

/** Whether the run removed (or would remove) anything. */
export function retentionRemoves(report: RetentionReport): boolean {
  return report.items.some((i) => i.count > 0) || report.archivedFiles.length > 0;
}

/**
 * Apply the rules at `now` (or, with `dryRun`, only count what they would remove). A run that removed anything is
 * written to the audit log as `actor`'s. Running it again the same day removes nothing more.
 * `await applyRetention(db, DEFAULT_RETENTION, { now: new Date(), actor: 'hệ thống' })`
 */
export async function applyRetention(
  db: Db,
  rules: RetentionRules,
  options: { now: Date; actor: string; dryRun?: boolean },
): Promise<RetentionReport> {
  const { now } = options;
  const dryRun = options.dryRun ?? false;
  const items: RetentionItem[] = [];
  const report: RetentionReport = { dryRun, at: now, items, archivedFiles: [], archivedRawItems: 0 };

  const identityCutoffs = new Map<IdentityHolder, Date>();
  for (const who of IDENTITY_HOLDERS) {
    const months = rules.identityMonths[who];
    if (months !== null) identityCutoffs.set(who, cutoffBefore(now, { months }));
  }
  const rawCutoff =
    rules.rawItemsMonths === null ? null : cutoffBefore(now, { months: rules.rawItemsMonths });
  const loginCutoff =
    rules.loginFailuresDays === null ? null : cutoffBefore(now, { days: rules.loginFailuresDays });
  const rawFiles = rawCutoff ? await expiredRawFiles(db, rawCutoff) : [];
  report.archivedFiles = rawFiles.map((f) => f.path);
  report.archivedRawItems = rawFiles.reduce((sum, f) => sum + f.row_count, 0);

  const count = async (name: string, params: Params) => (await db.one<{ n: number }>(sql(name), params))!.n;

  await db.transaction(async () => {
    await db.run(sql('identities'));
    try {
      await db.run(sql('expired_identities'), {
        cutoffs: JSON.stringify(Object.fromEntries(identityCutoffs)),
      });
      const expired = new Map(
        (await db.all<{ who: IdentityHolder; n: number }>(sql('expired_identity_counts'))).map((r) => [
          r.who,
          r.n,
        ]),
      );
      for (const [who, cutoff] of identityCutoffs)
        items.push({ rule: `identity:${who}`, cutoff, count: expired.get(who) ?? 0 });
      if (!dryRun) await db.run(sql('delete_identities'));
    } finally {
      await db.run(sql('drop_identities'));
    }
    if (rawCutoff) {
      items.push({
        rule: 'raw_items',
        cutoff: rawCutoff,
        count: await count('raw_items_count', { cutoff: rawCutoff }),
      });
      if (!dryRun) await db.run(sql('delete_raw_items'), { cutoff: rawCutoff });
    }
    if (loginCutoff) {
      items.push({
        rule: 'login_failures',
        cutoff: loginCutoff,
        count: await count('login_failures_count', { cutoff: loginCutoff, now }),
      });
      if (!dryRun) await db.run(sql('delete_login_failures'), { cutoff: loginCutoff, now });
    }
  });
  if (dryRun || !retentionRemoves(report)) return report;
  await deleteArchivedFiles(db, rawFiles);
  await appendAudit(
    db,
    {
      actor: options.actor,
      action: 'retention.apply',
      object: null,
      details: {
        removed: Object.fromEntries(items.map((i) => [i.rule, i.count])),
        archived_files: report.archivedFiles.length,
        archived_raw_items: report.archivedRawItems,
      },
    },
    now,
  );
  return report;
}
