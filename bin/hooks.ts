/** What runs after new documents are stored: NLP scoring, the daily counts, then matching against the official statements. */
import { errorMessage } from '../data/errors.ts';
import { refreshDailyCounts } from '../data/daily-counts.ts';
import { scoreDocuments } from '../analytics/nlp/score-documents.ts';
import { scanDocuments } from '../analytics/misinfo/scan-documents.ts';
import type { CommandContext } from './context.ts';

export async function afterIngest(ctx: CommandContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await scoreDocuments(ctx.db, { ids, workers: ctx.config.scoring.workers, signal: ctx.shutdown }, ctx.now);
  await refreshDailyCounts(ctx.db, { ids });
  await scanDocuments(ctx.db, ids, { logger: ctx.logger, now: ctx.now });
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
