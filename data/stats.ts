/** Row counts and summaries of the stored data, for health checks and the status page. */
import type { Db } from './db.ts';

export const COUNTED_TABLES = [
  'units',
  'topics',
  'sources',
  'raw_items',
  'documents',
  'doc_scores',
  'job_runs',
] as const;

/** `{ documents: 25012, ... }` for the core tables, plus any later table that exists. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const existing = new Set(
    (
      await db.all<{ table_name: string }>(
        `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`,
      )
    ).map((r) => r.table_name),
  );
  const wanted = [
    ...COUNTED_TABLES,
    'alerts',
    'cases',
    'reports',
    'survey_responses',
    'official_statements',
    'briefings',
  ];
  const counts: Record<string, number> = {};
  for (const table of wanted) {
    if (!existing.has(table)) continue;
    const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
