/**
 * Daily document counts (table `daily_counts`, migration 090): what the overview shows, counted ahead per local
 * day, so that a page over a million documents reads thousands of rows instead. Kept by `refreshDailyCounts`
 * after every ingest and scoring run (bin/hooks.ts); a day is recounted whole whenever a signature of its
 * documents and their scores changes, so re-scoring, late documents and archive moves (the counts span the
 * storage tiers) all leave the counts equal to a direct count. Users read the table through the access layer,
 * which filters it by the same rule as the documents counted in it.
 */
import { chunkByWeight } from './chunks.ts';
import type { Db } from './db.ts';
import type { Reads } from './readers.ts';
import { readSqlFile } from './sql-file.ts';
import { duckdbStorage } from './storage.ts';

const statements = readSqlFile(new URL('./daily-counts.sql', import.meta.url));

export interface RefreshReport {
  /** Days recounted (`yyyy-mm-dd`; `0001-01-01` for documents without a date). */
  days: string[];
  version: number;
}

const running = new WeakMap<Db, Promise<unknown>>();

/**
 * Documents counted by one statement at most (a single day with more is counted alone). The count's per-document
 * aggregates (lists of topics and localities) cannot spill to disk, so an unbounded statement would need memory in
 * proportion to the documents recounted: a whole database, when a back-filled archive touches every day.
 */
export const COUNT_CHUNK_DOCUMENTS = 50_000;

async function tiered(db: Db, name: string): Promise<string> {
  const storage = duckdbStorage(db);
  return statements(name)
    .replaceAll('{documents}', await storage.relation('documents'))
    .replaceAll('{doc_scores}', await storage.relation('doc_scores'));
}

async function refresh(
  db: Db,
  ids: readonly string[] | undefined,
  chunkDocuments: number,
): Promise<RefreshReport> {
  const all = ids === undefined;
  let wanted: string[] = [];
  if (!all) {
    if (ids.length === 0) return { days: [], version: await dailyCountsVersion(db) };
    wanted =
      (await db.one<{ days: string[] | null }>(await tiered(db, 'days_of'), { ids: [...ids] }))?.days ?? [];
    if (wanted.length === 0) return { days: [], version: await dailyCountsVersion(db) };
  }
  const scope = { all, days: wanted };
  try {
    await db.run(await tiered(db, 'stage'), scope);
    const days = (await db.one<{ days: string[] | null }>(statements('changed_days'), scope))?.days ?? [];
    if (days.length === 0) {
      if (all && (await dailyCountsVersion(db)) === 0) await db.run(statements('bump'));
      return { days, version: await dailyCountsVersion(db) };
    }
    const count = await tiered(db, 'count_days');
    const sizes = await db.all<{ day: string; documents: number }>(statements('day_sizes'), { days });
    const documents = new Map(sizes.map((r) => [r.day, Number(r.documents)]));
    const chunks = chunkByWeight(days, (day) => documents.get(day) ?? 0, chunkDocuments);
    await db.transaction(async () => {
      await db.run(statements('delete_counts'), { days });
      await db.run(statements('delete_days'), { days });
      for (const chunk of chunks) await db.run(count, { days: chunk });
      await db.run(statements('record_days'), { days });
      await db.run(statements('bump'));
    });
    return { days, version: await dailyCountsVersion(db) };
  } finally {
    await db.run(statements('drop_stage'));
  }
}

/**
 * Bring the daily counts up to date: for the days of documents `ids` (just stored or scored), or, without ids,
 * for every day whose documents or scores changed since it was counted (a full check, about a second per
 * million documents). Days are recounted in statements of at most `chunkDocuments` documents, all in one
 * transaction. Runs one at a time per database.
 * `await refreshDailyCounts(db, { ids: report.newIds })` → `{ days: ['2026-11-24'], version: 12 }`
 */
export async function refreshDailyCounts(
  db: Db,
  options: { ids?: readonly string[]; chunkDocuments?: number } = {},
): Promise<RefreshReport> {
  const before = running.get(db) ?? Promise.resolve();
  const chunkDocuments = options.chunkDocuments ?? COUNT_CHUNK_DOCUMENTS;
  const next = before.catch(() => undefined).then(() => refresh(db, options.ids, chunkDocuments));
  running.set(db, next);
  return next;
}

/**
 * The version of the daily counts, counting every day first if that was never done (a database made before
 * migration 090, or filled without bin/hooks.ts).
 */
export async function ensureDailyCounts(db: Db): Promise<number> {
  const version = await dailyCountsVersion(db);
  return version > 0 ? version : (await refreshDailyCounts(db)).version;
}

/** Changes whenever the daily counts do (0: never counted). */
export async function dailyCountsVersion(db: Reads): Promise<number> {
  return (await db.one<{ version: number }>(statements('version')))?.version ?? 0;
}
