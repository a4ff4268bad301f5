/** Records every ingestion run in job_runs: started, finished with its counts, or interrupted by a crash. */
import type { Db } from '../data/db.ts';
import { errorMessage, inputError } from '../data/errors.ts';
import type { Messages } from './messages.ts';

export interface RunCounts {
  in: number;
  new: number;
  duplicate: number;
  nearDuplicate: number;
  failed: number;
  errors: string[];
  warnings?: string[];
  /** Set when the run as a whole failed (e.g. the file could not be read). */
  fatal?: string | null;
  /** Set when the run did nothing on purpose (e.g. the source is backing off); `fatal` says why. */
  skipped?: boolean;
}

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted' | 'skipped';

/** Runs still marked 'running' (of `job`, or of every job) are marked 'interrupted'; returns how many. */
export async function markInterruptedRuns(db: Db, now: Date, job?: string): Promise<number> {
  const rows = await db.all<{ id: number }>(
    `UPDATE job_runs SET status = 'interrupted', finished_at = $now,
       error = coalesce(error, 'interrupted: the process stopped before the run finished')
     WHERE status = 'running' AND ($job IS NULL OR job = $job) RETURNING id`,
    { now, job: job ?? null },
  );
  return rows.length;
}

/**
 * Open a run of `job` and return its id; an earlier run of the same job left 'running' by a crash is marked
 * 'interrupted' first. `const id = await startRun(db, 'rss:baodaklak', new Date())`.
 */
export async function startRun(db: Db, job: string, now: Date): Promise<number> {
  await markInterruptedRuns(db, now, job);
  const row = await db.one<{ id: number }>(
    `INSERT INTO job_runs (job, started_at, status) VALUES ($job, $now, 'running') RETURNING id`,
    { job, now },
  );
  return row!.id;
}

export function runStatus(report: RunCounts): RunStatus {
  if (report.skipped) return 'skipped';
  if (report.fatal) return 'failed';
  if (report.failed === 0) return 'ok';
  return report.failed >= report.in ? 'failed' : 'partial';
}

const MAX_STORED_MESSAGES = 200;

/** Close a run with its counts; status is ok, partial (some items failed) or failed. */
export async function finishRun(db: Db, id: number, report: RunCounts, now: Date): Promise<RunStatus> {
  const status = runStatus(report);
  const error = report.fatal ?? (report.errors.length ? report.errors[0]! : null);
  const details = {
    near_duplicate: report.nearDuplicate,
    errors: report.errors.slice(0, MAX_STORED_MESSAGES),
    warnings: (report.warnings ?? []).slice(0, MAX_STORED_MESSAGES),
    errors_total: report.errors.length,
  };
  await db.run(
    `UPDATE job_runs SET finished_at = $now, status = $status, items_in = $in, items_new = $new,
       items_dup = $dup, items_failed = $failed, error = $error, details = $details
     WHERE id = $id`,
    {
      id,
      now,
      status,
      in: report.in,
      new: report.new,
      dup: report.duplicate + report.nearDuplicate,
      failed: report.failed,
      error,
      details: JSON.stringify(details),
    },
  );
  return status;
}

/** The last finished run of each job: when it started and how it ended (the scheduler's catch-up uses it). */
export async function lastRuns(db: Db): Promise<Map<string, { startedAt: Date; status: RunStatus }>> {
  const rows = await db.all<{ job: string; started_at: Date; status: RunStatus }>(
    `SELECT job, started_at, status FROM job_runs
     QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC, id DESC) = 1`,
  );
  return new Map(rows.map((r) => [r.job, { startedAt: r.started_at, status: r.status }]));
}

/**
 * Run a file import as a recorded job: `work` fills `report`, errors and warnings; the job_runs row is always
 * finished; a fatal error (the file itself unusable) is rethrown as one line naming the file.
 * `await recordFileImport(ctx, file, runId, report, errors, warnings, 'rows', () => importFile(…))`
 */
export async function recordFileImport<
  R extends RunCounts & { in: number; failed: number; warnings: string[] },
>(
  ctx: { db: Db; now: () => Date; logger: { warn(message: string): void } },
  file: string,
  runId: number,
  report: R,
  messages: { errors: Messages; warnings: Messages },
  unit: string,
  work: () => Promise<void>,
): Promise<R> {
  let fatal: string | null = null;
  try {
    await work();
  } catch (error) {
    fatal = errorMessage(error);
  }
  report.errors = messages.errors.toArray();
  report.warnings = messages.warnings.toArray();
  await finishRun(ctx.db, runId, { ...report, fatal }, ctx.now());
  if (fatal !== null) {
    throw inputError(file, null, fatal.startsWith(`${file}: `) ? fatal.slice(file.length + 2) : fatal);
  }
  for (const w of report.warnings) ctx.logger.warn(w);
  if (report.failed) ctx.logger.warn(`${file}: ${report.failed} of ${report.in} ${unit} failed`);
  return report;
}
