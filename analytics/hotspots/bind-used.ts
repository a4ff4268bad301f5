/** Binding one of several statements that share a parameter set: DuckDB refuses named parameters a statement does not use. */
import type { Params, SqlValue } from '../../data/db.ts';

/**
 * The subset of `params` that `statement` refers to as `$name`; throws naming the parameter when one is missing.
 * `db.run(sql('docs'), bindUsed(sql('docs'), { from, to, unused }))`.
 */
export function bindUsed(statement: string, params: Record<string, SqlValue>): Params {
  const out: Record<string, SqlValue> = {};
  for (const [, name] of statement.matchAll(/\$([A-Za-z_]\w*)/g)) {
    if (!(name! in params)) throw new Error(`statement needs parameter $${name}: ${statement.slice(0, 60)}…`);
    out[name!] = params[name!]!;
  }
  return out;
}
