/** Runs ingestion jobs on their cron schedules (Asia/Ho_Chi_Minh): no overlap, run-now, catch-up after downtime. */
import nodeCron from 'node-cron';
import type { Db } from '../data/db.ts';
import { errorMessage } from '../data/errors.ts';
import { TIME_ZONE } from '../data/time.ts';
import { lastRuns, markInterruptedRuns } from './job-runs.ts';
import type { Logger, RunReport } from './types.ts';

export interface ScheduledJob {
  /** The name `dlxh run --job NAME` uses (the source name). */
  name: string;
  /** The job_runs.job key its runs are recorded under (e.g. 'rss:baodaklak'). */
  runKey: string;
  /** Cron expression; null for jobs that only run on demand. */
  schedule: string | null;
  run: () => Promise<RunReport>;
}

/** The part of node-cron the scheduler uses, so tests can fire ticks by hand. */
export interface CronApi {
  schedule(
    expression: string,
    fn: () => void,
    options: { timezone: string; name: string },
  ): { stop(): unknown };
}

export interface SchedulerContext {
  db: Db;
  logger: Logger;
  now: () => Date;
  cron?: CronApi;
}

export interface Scheduler {
  /** Mark crashed runs interrupted, register the cron jobs and run once each job that missed a tick while down. */
  start(): Promise<{ caughtUp: string[] }>;
  stop(): Promise<void>;
  /** Run a job now; if it is already running, wait for that run instead of starting a second one. */
  runNow(name: string): Promise<RunReport>;
  isRunning(name: string): boolean;
  jobNames(): string[];
  /** A job's cron expression (Vietnam time); null for an on-demand job, undefined for an unknown name. */
  jobSchedule(name: string): string | null | undefined;
}

const OFFSET_MS = 7 * 3600_000;
const MINUTE_MS = 60_000;
const CATCH_UP_HORIZON_MS = 31 * 24 * 3600_000;

/**
 * Whether `expression` had a tick in (since, now], in Vietnam time (minute resolution). Beyond a month of
 * downtime the answer is yes without looking.
 * `missedTick('0 6 * * *', new Date('2026-11-23T22:00:00Z'), new Date('2026-11-24T02:00:00Z'))` → true.
 */
export function missedTick(expression: string, since: Date, now: Date): boolean {
  if (now.getTime() - since.getTime() > CATCH_UP_HORIZON_MS) return true;
  const fields = nodeCron.parse(expression);
  const minutes = new Set(fields.minute);
  const hours = new Set(fields.hour);
  const days = new Set(fields.dayOfMonth.map(Number));
  const months = new Set(fields.month);
  const weekdays = new Set(fields.dayOfWeek.map((d) => Number(d) % 7));
  let t = Math.floor((since.getTime() + OFFSET_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const end = now.getTime() + OFFSET_MS;
  for (; t <= end; t += MINUTE_MS) {
    const local = new Date(t);
    if (
      minutes.has(local.getUTCMinutes()) &&
      hours.has(local.getUTCHours()) &&
      days.has(local.getUTCDate()) &&
      months.has(local.getUTCMonth() + 1) &&
      weekdays.has(local.getUTCDay())
    ) {
      return true;
    }
  }
  return false;
}

/**
 * A scheduler over `jobs`. Every tick or run-now goes through one path that refuses overlap; errors are
 * logged, never thrown from a tick.
 * `const scheduler = createScheduler(sourceJobs(sources, ctx), { db, logger, now: () => new Date() })`
 */
export function createScheduler(jobs: readonly ScheduledJob[], ctx: SchedulerContext): Scheduler {
  const cron: CronApi = ctx.cron ?? nodeCron;
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const inFlight = new Map<string, Promise<RunReport>>();
  const tasks: Array<{ stop(): unknown }> = [];

  const execute = (job: ScheduledJob): Promise<RunReport> => {
    const running = inFlight.get(job.name);
    if (running) return running;
    const promise = job.run().finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, promise);
    return promise;
  };

  const tick = (job: ScheduledJob) => {
    if (inFlight.has(job.name)) {
      ctx.logger.warn(`job ${job.name}: tick skipped, the previous run is still going`);
      return;
    }
    execute(job).then(
      (report) =>
        ctx.logger.info(
          `job ${job.name}: ${report.new} new, ${report.duplicate} duplicate, ${report.failed} failed`,
        ),
      (error: unknown) => ctx.logger.warn(`job ${job.name}: ${errorMessage(error)}`),
    );
  };

  return {
    async start() {
      await markInterruptedRuns(ctx.db, ctx.now());
      for (const job of jobs) {
        if (job.schedule)
          tasks.push(cron.schedule(job.schedule, () => tick(job), { timezone: TIME_ZONE, name: job.name }));
      }
      const last = await lastRuns(ctx.db);
      const caughtUp: string[] = [];
      const now = ctx.now();
      for (const job of jobs) {
        if (!job.schedule) continue;
        const previous = last.get(job.runKey);
        if (!previous || missedTick(job.schedule, previous.startedAt, now)) {
          caughtUp.push(job.name);
          tick(job);
        }
      }
      return { caughtUp };
    },
    async stop() {
      for (const task of tasks.splice(0)) await task.stop();
      await Promise.allSettled([...inFlight.values()]);
    },
    runNow(name) {
      const job = byName.get(name);
      if (!job) {
        const known = [...byName.keys()].join(', ') || 'none configured';
        return Promise.reject(new Error(`unknown job "${name}" (jobs: ${known})`));
      }
      return execute(job);
    },
    isRunning: (name) => inFlight.has(name),
    jobNames: () => [...byName.keys()],
    jobSchedule: (name) => byName.get(name)?.schedule,
  };
}
