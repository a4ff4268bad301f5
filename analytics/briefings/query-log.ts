/** Runs the named statements of briefing.sql and keeps each one, with its values, for the appendix. */
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import type { QueryRecord } from './types.ts';

const statement = readSqlFile(new URL('./briefing.sql', import.meta.url));

export type QueryParams = QueryRecord['params'];

export interface LoggedRows<T> {
  rows: T[];
  queryId: string;
}

export class QueryLog {
  readonly records: QueryRecord[] = [];

  /**
   * @param scoped connection on which table names resolve to what the briefing's scope may see
   * @param base the whole database, for the operational tables no scope exposes (job runs, sources, fetch log)
   */
  constructor(
    private readonly scoped: Db,
    private readonly base: Db,
  ) {}

  /** Run statement `name` and record it: `await log.all('doc_totals', 'Tổng số tin, bài', params)`. */
  async all<T>(
    name: string,
    title: string,
    params: QueryParams,
    options: { base?: boolean } = {},
  ): Promise<LoggedRows<T>> {
    const sql = statement(name);
    const used = usedParams(sql, params);
    const rows = await (options.base ? this.base : this.scoped).all<T>(sql, used);
    const queryId = `Q${this.records.length + 1}`;
    this.records.push({ id: queryId, name, title, sql, params: used, rows: rows.length });
    return { rows, queryId };
  }
}

/** Only the values a statement names: DuckDB refuses parameters a statement does not use. */
function usedParams(sql: string, params: QueryParams): QueryParams {
  const names = new Set([...sql.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!));
  const out: QueryParams = {};
  for (const name of [...names].sort()) {
    if (!(name in params)) throw new Error(`briefing.sql: statement needs $${name}, which was not given`);
    out[name] = params[name]!;
  }
  return out;
}

function literal(value: QueryParams[string]): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The statement with its values written in, for reading and pasting into `dlxh sql` (never executed here).
 * `inlineParams('SELECT $a', { a: "x'y" })` → `SELECT 'x''y'`.
 */
export function inlineParams(sql: string, params: QueryParams): string {
  return sql.replace(/\$([a-z_][a-z0-9_]*)/gi, (match, name: string) =>
    name in params ? literal(params[name]!) : match,
  );
}
