/**
 * dlxh admin create-user, the briefing subscriptions (subscribe, unsubscribe, subscriptions), dlxh audit verify and
 * dlxh retention (the retention rules for personal data).
 */
import os from 'node:os';
import type { Command } from 'commander';
import { findBriefingUnit } from '../../analytics/briefings/briefing-unit.ts';
import {
  addedBy,
  deleteSubscription,
  isSubscriptionPeriod,
  listSubscriptions,
  saveSubscription,
  subscriptionJson,
  syncSubscriptions,
  type Subscription,
} from '../../analytics/briefings/subscriptions.ts';
import { appendAudit, verifyAuditChain } from '../../data/audit.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import {
  applyRetention,
  RETENTION_RULE_VI,
  RETENTION_RULES,
  retentionLengthVi,
  retentionRemoves,
  type RetentionReport,
  type RetentionRules,
} from '../../data/retention.ts';
import { formatDateVi } from '../../data/time.ts';
import { CLASSIFICATION_LABELS, ROLES, createUser } from '../../data/users.ts';
import { withContext, type CommandContext } from '../context.ts';
import { jsonReplacer } from '../format.ts';

const PERIOD_VI = { week: 'tuần', month: 'tháng' } as const;

function cliActor(): string {
  return `cli:${os.userInfo().username}`;
}

const COUNT = new Intl.NumberFormat('vi-VN');

/** The run in lines for people: every rule, its length, its cut-off and what it removed (or would remove). */
export function describeRetention(report: RetentionReport, rules: RetentionRules): string {
  const verb = report.dryRun ? 'sẽ xóa' : 'đã xóa';
  const lines = RETENTION_RULES.map((rule) => {
    const item = report.items.find((i) => i.rule === rule);
    const head = `- ${RETENTION_RULE_VI[rule]} (${retentionLengthVi(rules, rule)})`;
    if (!item) return `${head}: không xóa`;
    let line = `${head}, trước ${formatDateVi(item.cutoff)}: ${verb} ${COUNT.format(item.count)}`;
    if (rule === 'raw_items' && report.archivedFiles.length > 0)
      line +=
        `; ${verb} ${COUNT.format(report.archivedFiles.length)} tệp lưu trữ ` +
        `(${COUNT.format(report.archivedRawItems)} bản gốc)`;
    return line;
  });
  const title = report.dryRun
    ? `Quy tắc lưu giữ dữ liệu cá nhân, chạy thử lúc ${formatDateVi(report.at, true)} (chưa xóa gì):`
    : `Quy tắc lưu giữ dữ liệu cá nhân, áp dụng lúc ${formatDateVi(report.at, true)}:`;
  const tail = retentionRemoves(report) ? '' : '\nKhông có dữ liệu nào quá hạn lưu giữ.';
  return `${title}\n${lines.join('\n')}${tail}\n`;
}

function checkPeriod(value: string): 'week' | 'month' {
  if (!isSubscriptionPeriod(value))
    throw inputError('--period', null, `invalid period "${value}" (week or month)`);
  return value;
}

/** One subscription as a line of human output: `Phường Buôn Ma Thuột (24133/2025) · tuần · Mật · …`. */
function describeSubscription(s: Subscription): string {
  return [
    `${s.unitName} (${s.unitUid})`,
    PERIOD_VI[s.period],
    `mức ${s.clearance} ${CLASSIFICATION_LABELS[s.clearance] ?? ''}`.trim(),
    s.email ?? 'không có e-mail riêng',
    `thêm bởi ${addedBy(s)} ${formatDateVi(s.createdAt)}`,
  ].join(' · ');
}

/**
 * Make the briefing subscriptions of the config file (`briefings.subscriptions`) the ones in the database: at the
 * start of serve, demo and run. A bad entry is a warning naming it; the others are still synced.
 */
export async function syncConfiguredSubscriptions(ctx: CommandContext): Promise<void> {
  const report = await syncSubscriptions(ctx.db, ctx.config.briefings.subscriptions, { now: ctx.now() });
  for (const problem of report.errors) ctx.logger.warn(`config: ${problem}`);
  if (report.removed.length) {
    ctx.logger.info(`config: bỏ đăng ký nhận báo cáo không còn khai báo: ${report.removed.join(', ')}`);
  }
}

async function readPassword(): Promise<string> {
  if (process.env.DLXH_PASSWORD) return process.env.DLXH_PASSWORD;
  if (process.stdin.isTTY)
    throw new DlxhError('INPUT', 'password: give it on standard input or in DLXH_PASSWORD');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length === 0)
    throw new DlxhError('INPUT', 'password: empty (give it on standard input or in DLXH_PASSWORD)');
  return password;
}

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('users, units and clearances; units receiving periodic briefings');
  admin
    .command('create-user')
    .description('create a user; the password is read from standard input or DLXH_PASSWORD')
    .requiredOption('--username <name>')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--unit <uid>', 'unit uid (e.g. 24133/2025) or agency id')
    .option('--clearance <level>', '0 Thường, 1 Mật, 2 Tối mật, 3 Tuyệt mật', '0')
    .option('--name <display name>')
    .action(
      async (
        options: { username: string; role: string; unit?: string; clearance: string; name?: string },
        command: Command,
      ) => {
        const clearance = Number(options.clearance);
        if (!Number.isInteger(clearance) || clearance < 0 || clearance > 3) {
          throw new DlxhError('INPUT', `--clearance: invalid level "${options.clearance}" (0 … 3)`);
        }
        const password = await readPassword();
        await withContext(command, async (ctx) => {
          const user = await createUser(
            ctx.db,
            {
              username: options.username,
              displayName: options.name,
              role: options.role,
              unitUid: options.unit ?? null,
              clearance,
              password,
            },
            ctx.now(),
          );
          await appendAudit(
            ctx.db,
            {
              actor: cliActor(),
              action: 'admin.create_user',
              object: `user:${user.id}`,
              details: {
                username: user.username,
                role: user.role,
                unit: user.unit_uid,
                clearance: user.clearance,
              },
            },
            ctx.now(),
          );
          ctx.logger.info(`admin: đã tạo người dùng ${user.username} (${user.role})`);
        });
      },
    );

  admin
    .command('subscribe')
    .description('a unit or agency receives the weekly or monthly briefing of its area (inbox and e-mail)')
    .requiredOption('--unit <id>', 'unit uid, GSO code of a current unit, or agency id')
    .requiredOption('--period <period>', 'week | month')
    .option('--clearance <level>', 'highest classification its recipients may receive (0 … 3)', '0')
    .option('--email <address>', 'address of the e-mail copy (default: the unit’s registered address)')
    .action(
      async (
        options: { unit: string; period: string; clearance: string; email?: string },
        command: Command,
      ) => {
        const period = checkPeriod(options.period);
        await withContext(command, async (ctx) => {
          const saved = await saveSubscription(
            ctx.db,
            { unit: options.unit, period, clearance: options.clearance, email: options.email ?? null },
            { now: ctx.now(), by: cliActor(), inputPrefix: '--' },
          );
          await appendAudit(
            ctx.db,
            {
              actor: cliActor(),
              action: 'briefing.subscribe',
              object: `unit:${saved.unitUid}`,
              details: { period: saved.period, clearance: saved.clearance, email: saved.email },
            },
            ctx.now(),
          );
          process.stdout.write(`đã đăng ký: ${describeSubscription(saved)}\n`);
        });
      },
    );

  admin
    .command('unsubscribe')
    .description('stop sending the weekly or monthly briefing to a unit or agency')
    .requiredOption('--unit <id>', 'unit uid, GSO code of a current unit, or agency id')
    .requiredOption('--period <period>', 'week | month')
    .action(async (options: { unit: string; period: string }, command: Command) => {
      const period = checkPeriod(options.period);
      await withContext(command, async (ctx) => {
        const unit = await findBriefingUnit(ctx.db, options.unit, { input: '--unit' });
        if (!(await deleteSubscription(ctx.db, unit.uid, period))) {
          throw inputError('--unit', null, `${unit.name} (${unit.uid}) has no ${period} subscription`);
        }
        await appendAudit(
          ctx.db,
          {
            actor: cliActor(),
            action: 'briefing.unsubscribe',
            object: `unit:${unit.uid}`,
            details: { period },
          },
          ctx.now(),
        );
        process.stdout.write(`đã bỏ đăng ký: ${unit.name} (${unit.uid}) · ${PERIOD_VI[period]}\n`);
      });
    });

  admin
    .command('subscriptions')
    .description('the units and agencies receiving periodic briefings')
    .option('--period <period>', 'week | month')
    .option('--json', 'machine output')
    .action(async (options: { period?: string; json?: boolean }, command: Command) => {
      const period = options.period === undefined ? null : checkPeriod(options.period);
      await withContext(command, async (ctx) => {
        const subs = await listSubscriptions(ctx.db, { period });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(subs.map(subscriptionJson), null, 2)}\n`);
          return;
        }
        if (subs.length === 0) process.stdout.write('chưa có đơn vị nào đăng ký nhận báo cáo\n');
        for (const s of subs) process.stdout.write(`${describeSubscription(s)}\n`);
      });
    });

  program
    .command('retention')
    .description('apply the retention rules for personal data (config `retention`); audited')
    .option('--dry-run', 'only count what the rules would remove')
    .option('--json', 'machine output')
    .action(async (options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      await withContext(command, async (ctx) => {
        const rules = ctx.config.retention;
        const report = await applyRetention(ctx.db, rules, {
          now: ctx.now(),
          actor: cliActor(),
          dryRun: options.dryRun,
        });
        process.stdout.write(
          options.json ? `${JSON.stringify(report, jsonReplacer, 2)}\n` : describeRetention(report, rules),
        );
      });
    });

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the hash chain of the audit log; exits non-zero when it is broken')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async (ctx) => {
        const result = await verifyAuditChain(ctx.db);
        if (!result.ok) {
          throw new DlxhError(
            'INPUT',
            `audit log: chain broken at entry ${result.broken?.seq}: ${result.broken?.problem}`,
          );
        }
        process.stdout.write(`audit log: ${result.entries} mục, chuỗi băm hợp lệ\n`);
      });
    });
}
