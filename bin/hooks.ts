/** What runs after new documents are stored: NLP scoring, the daily counts, then matching against the official statements. */
import { errorMessage } from '../data/errors.ts';
import { refreshDailyCounts } from '../data/daily-counts.ts';
import { scoreDocuments } from '../analytics/nlp/score-documents.ts';
import { defaultScoreWorkers, sharedScorePool, type ScorePool } from '../analytics/nlp/score-workers.ts';
import { scanDocuments } from '../analytics/misinfo/scan-documents.ts';
import type { CommandContext } from './context.ts';

/**
 * From this many new documents on, scoring and the claim scan run on the process's shared worker threads, so that
 * the event loop stays free for the dashboard while an ingest runs in the server (a large import arrives in
 * batches of 1,000); fewer are done in the calling thread, where starting a thread would cost more.
 */
export const OFF_THREAD_MIN_DOCS = 200;

function hookPool(ctx: CommandContext, docs: number): ScorePool | undefined {
  const workers = ctx.config.scoring.workers ?? defaultScoreWorkers();
  return workers > 0 && docs >= OFF_THREAD_MIN_DOCS ? sharedScorePool(workers) : undefined;
}

/**
 * Score, count and scan a batch of new documents. An import that ends with `scorePending` passes
 * `{ dailyCounts: false }`: its final full check recounts every day the import touched, once, where a recount per
 * batch would cover all the days each batch touches (every day of a back-filled archive in random date order) and
 * so grow with the database at every batch.
 */
export async function afterIngest(
  ctx: CommandContext,
  ids: string[],
  options: { dailyCounts?: boolean } = {},
): Promise<void> {
  if (ids.length === 0) return;
  const pool = hookPool(ctx, ids.length);
  await scoreDocuments(
    ctx.db,
    { ids, workers: ctx.config.scoring.workers, pool, signal: ctx.shutdown },
    ctx.now,
  );
  if (options.dailyCounts ?? true) await refreshDailyCounts(ctx.db, { ids });
  await scanDocuments(ctx.db, ids, { logger: ctx.logger, now: ctx.now, pool });
}

/**
 * Score everything still unscored (e.g. after a model change or an interrupted run), then recount every day
 * whose documents or scores changed, whoever changed them. The demo load ends with it.
 */
export async function scorePending(ctx: CommandContext): Promise<number> {
  const scored = await scoreDocuments(
    ctx.db,
    {
      workers: ctx.config.scoring.workers,
      signal: ctx.shutdown,
      onError: (id, error) => ctx.logger.warn(`score: document ${id}: ${errorMessage(error)}`),
    },
    ctx.now,
  );
  await refreshDailyCounts(ctx.db);
  return scored;
}
