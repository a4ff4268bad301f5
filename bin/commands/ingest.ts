/**
 * dlxh ingest <kind> <input>: store (and score) documents, survey returns and reports. The readers of surveys,
 * reports and feeds are loaded by their own commands only, so that a JSONL import's process stays lean.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import type { RunReport } from '../../pipeline/types.ts';
import { IMPORT_SETTINGS } from '../../data/db.ts';
import { withContext, type CommandContext } from '../context.ts';
import { favourMemoryOverSpeed } from '../import-process.ts';
import { afterIngest, scorePending } from '../hooks.ts';
import { progressBar } from '../progress.ts';

/** One summary line in Vietnamese, plus each failed item's reason (already one line each). */
export function reportRun(ctx: CommandContext, label: string, report: RunReport): void {
  for (const error of report.errors) ctx.logger.warn(error);
  ctx.logger.info(
    `${label}: ${report.in} mục, ${report.new} mới, ${report.duplicate} trùng, ${report.nearDuplicate} gần trùng, ${report.failed} lỗi`,
  );
  if ((report.failed > 0 || report.errors.length > 0) && report.new === 0 && report.duplicate === 0)
    process.exitCode = 1;
}

export interface SurveyImportOptions {
  survey: string;
  form?: string;
  weight?: string;
  strata?: string;
  cluster?: string;
}

export async function importDocuments(ctx: CommandContext, file: string, source: string): Promise<RunReport> {
  const report = await ingestJsonl(
    file,
    { source },
    {
      db: ctx.db,
      logger: ctx.logger,
      now: ctx.now,
      // The days are counted once, by scorePending below.
      onNewDocuments: (ids) => afterIngest(ctx, ids, { dailyCounts: false }),
      nearDuplicateDays: ctx.config.ingest.near_duplicate_days,
    },
  );
  // Scores what a run killed between storing a batch and scoring it left (this run sees those documents as
  // known, not new), then recounts every day whose documents or scores changed.
  await scorePending(ctx);
  reportRun(ctx, `ingest ${file}`, report);
  return report;
}

/** Run a file import with a progress bar and the one-line summary; the bar is cleared however it ends. */
async function withProgress<R extends RunReport>(
  ctx: CommandContext,
  label: string,
  summary: string,
  run: (progress: (done: number, total: number) => void) => Promise<R>,
): Promise<R> {
  const bar = progressBar(label);
  try {
    const report = await run((done, total) => bar.update(done, total));
    bar.stop();
    reportRun(ctx, summary, report);
    return report;
  } finally {
    bar.stop();
  }
}

export async function importSurvey(
  ctx: CommandContext,
  file: string,
  options: SurveyImportOptions,
): Promise<RunReport> {
  const { ingestSurvey } = await import('../../pipeline/survey/ingest-survey.ts');
  return withProgress(ctx, `khảo sát ${options.survey}`, `ingest survey ${file}`, (progress) =>
    ingestSurvey(file, options, {
      db: ctx.db,
      logger: ctx.logger,
      now: ctx.now,
      secret: ctx.secret(),
      progress,
    }),
  );
}

export async function importReports(ctx: CommandContext, file: string, source?: string): Promise<RunReport> {
  const { ingestReports } = await import('../../pipeline/report/ingest-reports.ts');
  const report = await withProgress(
    ctx,
    `báo cáo ${path.basename(file)}`,
    `ingest report ${file}`,
    (progress) =>
      ingestReports(
        file,
        { source: source ?? null },
        { db: ctx.db, logger: ctx.logger, now: ctx.now, secret: ctx.secret(), progress },
      ),
  );
  if (report.watchAnswers > 0)
    ctx.logger.info(`ingest report ${file}: ${report.watchAnswers} câu trả lời cho chủ đề theo dõi`);
  return report;
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
      favourMemoryOverSpeed();
      await withContext(command, (ctx) => importDocuments(ctx, file, options.source), {
        db: IMPORT_SETTINGS,
      });
    });
  ingest
    .command('survey <file>')
    .description('survey returns (KoboToolbox/ODK/Google Forms CSV or XLSX)')
    .requiredOption('--survey <name>', 'survey name; several files and form versions merge into one survey')
    .option('--form <xlsform>', 'XLSForm (survey and choices sheets)')
    .option('--weight <column>', 'weight column as the export names it, e.g. group/weight')
    .option('--strata <column>', 'strata column')
    .option('--cluster <column>', 'cluster (PSU) column')
    .action(async (file: string, options: SurveyImportOptions, command: Command) => {
      await withContext(command, (ctx) => importSurvey(ctx, file, options));
    });
  ingest
    .command('report <file>')
    .description('collaborator and organisation reports (CSV, JSON or JSONL)')
    .option('--source <name>', 'name of this import')
    .action(async (file: string, options: { source?: string }, command: Command) => {
      await withContext(command, (ctx) => importReports(ctx, file, options.source));
    });
  for (const kind of ['rss', 'html'] as const) {
    ingest
      .command(`${kind} <url>`)
      .description(
        kind === 'rss'
          ? 'an RSS/Atom feed (a configured source of the same --source name lends its settings)'
          : 'an HTML listing page and its articles (selectors from the configured source of that name)',
      )
      .option('--source <name>', 'source name (its config entry applies when there is one)')
      .action(async (url: string, options: { source?: string }, command: Command) => {
        await withContext(command, async (ctx) => {
          const [{ adhocSource }, { createFetcher }, { ingestSource }] = await Promise.all([
            import('../../pipeline/config.ts'),
            import('../../pipeline/fetch/fetcher.ts'),
            import('../../pipeline/ingest-source.ts'),
          ]);
          const source = adhocSource(kind, url, options.source ?? new URL(url).hostname, ctx.config.sources);
          const report = await ingestSource(source, {
            db: ctx.db,
            logger: ctx.logger,
            now: ctx.now,
            fetcher: createFetcher({ db: ctx.db, now: ctx.now }),
            ignoreBackoff: true,
            onNewDocuments: (ids) => afterIngest(ctx, ids),
            nearDuplicateDays: ctx.config.ingest.near_duplicate_days,
          });
          await scorePending(ctx);
          reportRun(ctx, `ingest ${kind} ${url}`, report);
        });
      });
  }
}
