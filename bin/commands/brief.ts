/** dlxh brief: a briefing for leadership, stored in the database, delivered to subscribed units, written as HTML, DOCX (and PDF). */
import type { Command } from 'commander';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { writeBriefingFiles } from '../../analytics/briefings/write-briefing-files.ts';
import { DlxhError } from '../../data/errors.ts';
import { isBriefingPeriod } from '../../analytics/briefings/subscriptions.ts';
import type { BriefingPeriod } from '../../analytics/briefings/types.ts';
import { withContext, type CommandContext } from '../context.ts';

export interface BriefOptions {
  period: BriefingPeriod;
  from?: string;
  to?: string;
  unit?: string;
  lang?: 'vi' | 'en';
  out?: string;
  pdf?: boolean;
  deliver?: boolean;
}

/** Generate, store, deliver and (with `out`) write one briefing; returns its id. */
export async function makeBriefing(ctx: CommandContext, options: BriefOptions): Promise<string> {
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

export function registerBriefCommands(program: Command): void {
  program
    .command('brief')
    .description('briefing for leadership: headline figures, hot spots, topics, sentiment, surveys, coverage')
    .requiredOption('--period <period>', 'week | month | year (the annual report)')
    .option('--from <date>', 'first day, yyyy-mm-dd (default: the last full week, month or year)')
    .option('--to <date>', 'last day, yyyy-mm-dd')
    .option('--unit <id>', 'unit uid or GSO code (default: the whole province)')
    .option('--lang <lang>', 'vi | en', 'vi')
    .option('--out <dir>', 'write HTML, DOCX and (when Chromium is installed) PDF here')
    .option('--no-pdf', 'skip the PDF')
    .option('--no-deliver', 'do not queue it for the subscribed units')
    .action(async (options: BriefOptions, command: Command) => {
      if (!isBriefingPeriod(options.period)) {
        throw new DlxhError(
          'INPUT',
          `--period: invalid period "${String(options.period)}" (week, month or year)`,
        );
      }
      await withContext(command, async (ctx) => {
        await makeBriefing(ctx, options);
      });
    });
}
