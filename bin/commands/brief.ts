/** dlxh brief: a briefing for leadership, stored in the database, delivered to subscribed units, written as HTML, DOCX (and PDF). */
import os from 'node:os';
import type { Command } from 'commander';
import { flashReport } from '../../analytics/briefings/flash-report.ts';
import { renderBriefingText } from '../../analytics/briefings/render-text.ts';
import { openScopedDb, resolveScope } from '../../data/access.ts';
import { appendAudit } from '../../data/audit.ts';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { writeBriefingFiles } from '../../analytics/briefings/write-briefing-files.ts';
import { DlxhError } from '../../data/errors.ts';
import { isBriefingPeriod } from '../../analytics/briefings/subscriptions.ts';
import type { BriefingPeriod } from '../../analytics/briefings/types.ts';
import { withContext, type CommandContext } from '../context.ts';

export interface BriefOptions {
  period?: BriefingPeriod;
  /** A flash report on this hot spot (alert id) instead of a periodic briefing. */
  hotspot?: string;
  from?: string;
  to?: string;
  unit?: string;
  lang?: 'vi' | 'en';
  out?: string;
  pdf?: boolean;
  deliver?: boolean;
}

/** Generate, store, deliver and (with `out`) write one briefing; returns its id. */
export async function makeBriefing(
  ctx: CommandContext,
  options: BriefOptions & { period: BriefingPeriod },
): Promise<string> {
  const { briefing, html, docx, deliveries } = await issueBriefing(ctx.db, {
    period: options.period,
    from: options.from ?? null,
    to: options.to ?? null,
    unitUid: options.unit ?? null,
    lang: options.lang ?? 'vi',
    now: ctx.now(),
    logger: ctx.logger,
    createdBy: 'cli',
    deliver: options.deliver ?? true,
  });
  if (options.out) {
    const files = await writeBriefingFiles(briefing, options.out, { html, docx, pdf: options.pdf ?? true });
    for (const file of [files.html, files.docx, files.pdf].filter(Boolean)) process.stdout.write(`${file}\n`);
  }
  for (const d of deliveries) {
    ctx.logger.info(
      `brief: → ${d.recipient}${d.email ? ` <${d.email}>` : ''}${d.queued.length ? '' : ' (đã gửi trước đó)'}`,
    );
  }
  ctx.logger.info(`brief: ${briefing.id}`);
  return briefing.id;
}

/**
 * A flash report on one hot spot, as the board's staff see it (the whole province, every level): written with `out`,
 * else printed as text; not stored, audited like the web's (`alert.flash_report`, via cli). Returns its id.
 */
export async function makeFlashReport(
  ctx: CommandContext,
  alertId: string,
  options: Pick<BriefOptions, 'lang' | 'out' | 'pdf'>,
): Promise<string> {
  const lang = options.lang ?? 'vi';
  const scope = await resolveScope(ctx.db, {
    id: 'briefing',
    username: 'briefing',
    role: 'analyst',
    unit_uid: null,
    clearance: 3,
  });
  const scoped = await openScopedDb(ctx.db, scope);
  let report;
  try {
    report = await flashReport(scoped.db, ctx.db, ctx.db, alertId, {
      lang,
      now: ctx.now(),
      scopeName: lang === 'vi' ? 'Toàn tỉnh' : 'Whole province',
      maxClassification: 3,
    });
  } finally {
    scoped.close();
  }
  const osUser = os.userInfo().username;
  await appendAudit(
    ctx.db,
    {
      actor: `cli:${osUser}`,
      action: 'alert.flash_report',
      object: `alert:${alertId}`,
      details: { classification: report.classification, lang, via: 'cli', os_user: osUser },
    },
    ctx.now(),
  );
  if (options.out) {
    const files = await writeBriefingFiles(report, options.out, { pdf: options.pdf ?? true });
    for (const file of [files.html, files.docx, files.pdf].filter(Boolean)) process.stdout.write(`${file}\n`);
  } else process.stdout.write(renderBriefingText(report));
  ctx.logger.info(`brief: ${report.id}`);
  return report.id;
}

export function registerBriefCommands(program: Command): void {
  program
    .command('brief')
    .description('briefing for leadership: headline figures, hot spots, topics, sentiment, surveys, coverage')
    .option('--period <period>', 'week | month | year (the annual report)')
    .option('--hotspot <id>', 'a flash report (báo cáo nhanh) on this hot spot instead')
    .option('--from <date>', 'first day, yyyy-mm-dd (default: the last full week, month or year)')
    .option('--to <date>', 'last day, yyyy-mm-dd')
    .option('--unit <id>', 'unit uid or GSO code (default: the whole province)')
    .option('--lang <lang>', 'vi | en', 'vi')
    .option('--out <dir>', 'write HTML, DOCX and (when Chromium is installed) PDF here')
    .option('--no-pdf', 'skip the PDF')
    .option('--no-deliver', 'do not queue it for the subscribed units')
    .action(async (options: BriefOptions, command: Command) => {
      if (options.hotspot !== undefined) {
        if (options.period !== undefined)
          throw new DlxhError('INPUT', '--hotspot: give either --hotspot or --period, not both');
        const alertId = options.hotspot;
        await withContext(command, async (ctx) => {
          await makeFlashReport(ctx, alertId, options);
        });
        return;
      }
      const period = options.period;
      if (!isBriefingPeriod(period)) {
        throw new DlxhError(
          'INPUT',
          period === undefined
            ? '--period: required (week, month or year), or --hotspot ID for a flash report'
            : `--period: invalid period "${String(period)}" (week, month or year)`,
        );
      }
      await withContext(command, async (ctx) => {
        await makeBriefing(ctx, { ...options, period });
      });
    });
}
