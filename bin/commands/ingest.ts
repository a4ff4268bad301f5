/** dlxh ingest <kind> <input>: store (and score) documents, survey returns and reports. */
import type { Command } from 'commander';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import type { RunReport } from '../../pipeline/types.ts';
import { notImplemented } from '../commands.ts';
import { withContext, type CommandContext } from '../context.ts';
import { afterIngest } from '../hooks.ts';

/** One summary line in Vietnamese, plus each failed item's reason (already one line each). */
export function reportRun(ctx: CommandContext, label: string, report: RunReport): void {
  for (const error of report.errors) ctx.logger.warn(error);
  ctx.logger.info(
    `${label}: ${report.in} mục, ${report.new} mới, ${report.duplicate} trùng, ${report.nearDuplicate} gần trùng, ${report.failed} lỗi`,
  );
}

export function registerIngestCommands(program: Command): void {
  const ingest = program.command('ingest').description('store and score: jsonl, rss, html, survey, report');
  ingest
    .command('jsonl <file>')
    .description(
      'documents from a JSONL (or .csv) file: {id, published_at, title?, text, url?, source?, locality?, lang?}',
    )
    .option('--source <name>', 'name of this import', 'jsonl')
    .action(async (file: string, options: { source: string }, command: Command) => {
      await withContext(command, async (ctx) => {
        const report = await ingestJsonl(
          file,
          { source: options.source },
          { db: ctx.db, logger: ctx.logger, now: ctx.now, onNewDocuments: (ids) => afterIngest(ctx, ids) },
        );
        reportRun(ctx, `ingest ${file}`, report);
        if (report.failed > 0 && report.new === 0 && report.duplicate === 0) process.exitCode = 1;
      });
    });
  for (const kind of ['rss', 'html', 'survey', 'report']) {
    ingest
      .command(`${kind} <input>`)
      .option('--source <name>', 'name of this import')
      .action(notImplemented(`ingest ${kind}`));
  }
}
