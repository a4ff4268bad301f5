/** One entry per configured source, whatever its kind, and the scheduler jobs for a list of sources. */
import { DlxhError } from '../data/errors.ts';
import type { SourceConfig } from './config.ts';
import { ingestHtml } from './html/ingest-html.ts';
import { ingestJsonl } from './jsonl/ingest-jsonl.ts';
import { ingestRss } from './rss/ingest-rss.ts';
import { ingestStatementsFeed } from './statements/ingest-statements.ts';
import type { ScheduledJob } from './scheduler.ts';
import type { SourceContext } from './source-run.ts';
import type { RunReport } from './types.ts';

/** Run one source now: `await ingestSource(source, { db, logger, now, fetcher, onNewDocuments })`. */
export async function ingestSource(source: SourceConfig, ctx: SourceContext): Promise<RunReport> {
  switch (source.kind) {
    case 'rss':
      return ingestRss(source, ctx);
    case 'html':
      return ingestHtml(source, ctx);
    case 'statements':
      return ingestStatementsFeed(source, ctx);
    case 'jsonl':
      return ingestJsonl(
        source.url,
        {
          source: source.name,
          defaultLocality: source.default_locality ?? null,
          classification: source.classification,
        },
        ctx,
      );
    default:
      throw new DlxhError('CONFIG', `source ${String((source as SourceConfig).name)}: unknown kind`);
  }
}

/** Scheduler jobs for the enabled sources. */
export function sourceJobs(sources: readonly SourceConfig[], ctx: SourceContext): ScheduledJob[] {
  return sources
    .filter((source) => source.enabled)
    .map((source) => ({
      name: source.name,
      runKey: `${source.kind}:${source.name}`,
      schedule: source.schedule ?? null,
      run: () => ingestSource(source, ctx),
    }));
}
