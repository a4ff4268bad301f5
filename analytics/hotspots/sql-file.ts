/** Named statements (`-- name: x` sections) from a .sql file beside the code, bound with only the parameters each uses. */
import fs from 'node:fs';
import type { Params, SqlValue } from '../../data/db.ts';

export interface SqlFile {
  /** The statement named `name`; throws naming the file when it is missing. */
  (name: string): string;
  /** The subset of `params` that statement `name` refers to (DuckDB refuses unused named parameters). */
  params(name: string, params: Record<string, SqlValue>): Params;
}

/** `const sql = readSqlFile(new URL('./count-series.sql', import.meta.url)); db.all(sql('daily'), sql.params('daily', p))`. */
export function readSqlFile(url: URL): SqlFile {
  const text = fs.readFileSync(url, 'utf8');
  const sections = new Map<string, string>();
  for (const part of text.split(/^-- name: /m).slice(1)) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim());
  }
  const get = (name: string): string => {
    const sql = sections.get(name);
    if (sql === undefined) throw new Error(`${url.pathname}: no statement named ${name}`);
    return sql;
  };
  const used = new Map<string, Set<string>>();
  const params = (name: string, all: Record<string, SqlValue>): Params => {
    let names = used.get(name);
    if (!names) {
      names = new Set([...get(name).matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!));
      used.set(name, names);
    }
    const out: Record<string, SqlValue> = {};
    for (const key of names) {
      if (!(key in all)) throw new Error(`${url.pathname}: statement ${name} needs parameter $${key}`);
      out[key] = all[key]!;
    }
    return out;
  };
  return Object.assign(get, { params });
}
