/**
 * The scheduled jobs: one per configured source, scoring of anything left unscored, hot-spot detection, delivery
 * of queued notifications, overdue cases, weekly and monthly briefings (delivered to subscribed units), and the
 * retention rules for personal data.
 */
import { issueScheduledBriefings } from '../analytics/briefings/issue-briefing.ts';
import { errorMessage } from '../data/errors.ts';
import { applyRetention } from '../data/retention.ts';
import { createFetcher } from '../pipeline/fetch/fetcher.ts';
import { sourceJobs } from '../pipeline/ingest-source.ts';
import { finishRun, startRun } from '../pipeline/job-runs.ts';
import type { ScheduledJob } from '../pipeline/scheduler.ts';
import type { RunReport } from '../pipeline/types.ts';
import type { CommandContext } from './context.ts';
import { afterIngest, scorePending } from './hooks.ts';
import { detectAndRoute } from './commands/hotspots.ts';
import { scoreTexts } from './commands/survey.ts';
import { processOverdueCases } from '../analytics/alerts/process-alerts.ts';
import { deliverNotifications } from './notifications.ts';

/** Run `work` as a job_runs row of its own, so internal jobs show on the jobs page like sources do. */
async function recordedRun(
  ctx: CommandContext,
  job: string,
  work: () => Promise<number>,
): Promise<RunReport> {
  const id = await startRun(ctx.db, job, ctx.now());
  const report: RunReport = {
    job_run_id: id,
    in: 0,
    new: 0,
    duplicate: 0,
    nearDuplicate: 0,
    failed: 0,
    errors: [],
    warnings: [],
  };
  try {
    report.in = report.new = await work();
  } catch (error) {
    report.failed = 1;
    report.errors.push(`${job}: ${errorMessage(error)}`);
  }
  await finishRun(ctx.db, id, report, ctx.now());
  return report;
}

/** Jobs for the scheduler; `manual` runs (dlxh run) go ahead even for sources that are backing off. */
export function buildJobs(ctx: CommandContext, options: { manual?: boolean } = {}): ScheduledJob[] {
  const fetcher = createFetcher({ db: ctx.db, now: ctx.now });
  const jobs = sourceJobs(ctx.config.sources, {
    db: ctx.db,
    logger: ctx.logger,
    now: ctx.now,
    fetcher,
    ignoreBackoff: options.manual ?? false,
    onNewDocuments: (ids) => afterIngest(ctx, ids),
    nearDuplicateDays: ctx.config.ingest.near_duplicate_days,
  });
  jobs.push({
    name: 'score',
    runKey: 'internal:score',
    schedule: ctx.config.schedules.score ?? '*/10 * * * *',
    run: () =>
      recordedRun(ctx, 'internal:score', async () => {
        const texts = await scoreTexts(ctx);
        return (await scorePending(ctx)) + texts.answers + texts.reports + texts.watchAnswers;
      }),
  });
  jobs.push({
    name: 'hotspots',
    runKey: 'internal:hotspots',
    schedule: ctx.config.schedules.hotspots ?? '5 * * * *',
    run: () => recordedRun(ctx, 'internal:hotspots', async () => (await detectAndRoute(ctx)).alerts.length),
  });
  jobs.push({
    name: 'deliver',
    runKey: 'internal:deliver',
    schedule: ctx.config.schedules.deliver ?? '* * * * *',
    run: () => recordedRun(ctx, 'internal:deliver', async () => (await deliverNotifications(ctx)).sent),
  });
  jobs.push({
    name: 'overdue',
    runKey: 'internal:overdue',
    schedule: ctx.config.schedules.overdue ?? '*/15 * * * *',
    run: () =>
      recordedRun(ctx, 'internal:overdue', async () => (await processOverdueCases(ctx.db, ctx.now())).length),
  });
  for (const period of ['week', 'month'] as const) {
    jobs.push({
      name: `brief-${period}`,
      runKey: `internal:brief-${period}`,
      schedule: ctx.config.schedules[`brief-${period}`] ?? (period === 'week' ? '0 7 * * 1' : '0 7 1 * *'),
      run: () =>
        recordedRun(ctx, `internal:brief-${period}`, async () => {
          const run = await issueScheduledBriefings(ctx.db, { period, now: ctx.now(), logger: ctx.logger });
          if (run.errors.length) throw new Error(run.errors.join('; '));
          return run.issued.length;
        }),
    });
  }
  jobs.push({
    name: 'retention',
    runKey: 'internal:retention',
    schedule: ctx.config.schedules.retention ?? '30 2 * * *',
    run: () =>
      recordedRun(ctx, 'internal:retention', async () => {
        const report = await applyRetention(ctx.db, ctx.config.retention, {
          now: ctx.now(),
          actor: 'hệ thống',
        });
        return report.items.reduce((sum, i) => sum + i.count, report.archivedRawItems);
      }),
  });
  return jobs;
}
