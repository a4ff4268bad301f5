/** The life of one run of a configured source: job_runs row, back-off, counts, storage, health. */
import { errorMessage } from '../data/errors.ts';
import { loadUnits, type Unit } from '../data/reference/index.ts';
import { toLocalIso } from '../data/time.ts';
import { ensureSource, type SourceConfig } from './config.ts';
import type { Fetcher } from './fetch/fetcher.ts';
import { backoffUntil, recordSourceFailure, recordSourceSuccess } from './fetch/source-health.ts';
import { finishRun, startRun } from './job-runs.ts';
import { createLocalityResolver } from './locality/resolve-locality.ts';
import { Messages } from './messages.ts';
import { storeDocuments } from './store-documents.ts';
import type { IncomingDocument, IngestContext, RunReport } from './types.ts';

export interface SourceContext extends IngestContext {
  fetcher: Fetcher;
  /** A run asked for by a person (CLI, run-now) goes ahead even while the source is backing off. */
  ignoreBackoff?: boolean;
  /** The gazetteer for default_locality (default: the bundled one). */
  units?: readonly Unit[];
}

export class SourceRun {
  readonly errors = new Messages();
  readonly warnings = new Messages();
  readonly counts = { in: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0 };
  readonly defaultLocality: string | null;
  private storeFailed = false;

  private constructor(
    readonly source: SourceConfig,
    readonly ctx: SourceContext,
    readonly runId: number,
  ) {
    let locality: string | null = null;
    if (source.default_locality) {
      const resolved = createLocalityResolver(ctx.units ?? loadUnits())(source.default_locality, null);
      if (resolved.uid === null) this.warnings.push(`${source.name}: default_locality: ${resolved.problem}`);
      locality = resolved.uid;
    }
    this.defaultLocality = locality;
  }

  /** Open a run of `source`; when the source is backing off, the run is recorded as skipped and its report returned. */
  static async begin(source: SourceConfig, ctx: SourceContext): Promise<SourceRun | RunReport> {
    await ensureSource(ctx.db, source.name, source.kind, source.url);
    const runId = await startRun(ctx.db, `${source.kind}:${source.name}`, ctx.now());
    const run = new SourceRun(source, ctx, runId);
    const until = ctx.ignoreBackoff ? null : await backoffUntil(ctx.db, source.name, ctx.now());
    if (until) {
      const reason = `${source.name}: skipped, backing off after failures until ${toLocalIso(until)}`;
      await finishRun(ctx.db, runId, { ...run.counts, errors: [], fatal: reason, skipped: true }, ctx.now());
      ctx.logger.warn(reason);
      return { job_run_id: runId, ...run.counts, errors: [reason], warnings: [] };
    }
    return run;
  }

  fail(where: string, problem: string): void {
    this.counts.in++;
    this.counts.failed++;
    this.errors.push(`${where}: ${problem}`);
  }

  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }

  /** Store documents in one transaction and hand the new ids to the hook; returns whether the batch committed. */
  async store(docs: IncomingDocument[]): Promise<boolean> {
    if (docs.length === 0) return true;
    const report = await storeDocuments(this.ctx.db, docs, {
      importSource: this.source.name,
      now: this.ctx.now,
      defaultLocality: this.defaultLocality,
      classification: this.source.classification,
      jobRunId: this.runId,
      nearDuplicateDays: this.ctx.nearDuplicateDays,
    });
    this.counts.in += report.in;
    this.counts.new += report.new;
    this.counts.duplicate += report.duplicate;
    this.counts.nearDuplicate += report.nearDuplicate;
    this.counts.failed += report.failed;
    this.errors.push(...report.errors);
    this.warnings.push(...report.warnings);
    const committed = !report.errors.some((e) => e.startsWith('batch of '));
    if (!committed) this.storeFailed = true;
    if (report.newIds.length && this.ctx.onNewDocuments) await this.ctx.onNewDocuments(report.newIds);
    return committed;
  }

  /** Close the run; a fatal error counts against the source's health, success resets it. */
  async finish(fatal: string | null = null): Promise<RunReport> {
    const now = this.ctx.now();
    const report: RunReport = {
      job_run_id: this.runId,
      ...this.counts,
      errors: fatal ? [fatal, ...this.errors.toArray()] : this.errors.toArray(),
      warnings: this.warnings.toArray(),
    };
    try {
      if (fatal || this.storeFailed) {
        const until = await recordSourceFailure(
          this.ctx.db,
          this.source.name,
          fatal ?? 'documents not stored',
          now,
        );
        this.ctx.logger.warn(
          `${fatal ?? `${this.source.name}: documents not stored`} (next try after ${toLocalIso(until)})`,
        );
      } else {
        await recordSourceSuccess(this.ctx.db, this.source.name, now);
      }
    } finally {
      await finishRun(this.ctx.db, this.runId, { ...report, errors: this.errors.toArray(), fatal }, now);
    }
    return report;
  }

  /** Run `body`, turning an unexpected exception into a fatal error of the run instead of a crash. */
  async guard(body: () => Promise<string | null>): Promise<RunReport> {
    let fatal: string | null;
    try {
      fatal = await body();
    } catch (error) {
      fatal = `${this.source.name}: ${errorMessage(error)}`;
    }
    return this.finish(fatal);
  }
}
