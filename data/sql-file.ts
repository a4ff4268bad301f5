/** Reads named statements (`-- name: x` sections) from a .sql file beside the code that runs them. */
import fs from 'node:fs';

/** `const sql = readSqlFile(new URL('./access.sql', import.meta.url)); sql('area')`. */
export function readSqlFile(url: URL): (name: string) => string {
  const text = fs.readFileSync(url, 'utf8');
  const sections = new Map<string, string>();
  for (const part of text.split(/^-- name: /m).slice(1)) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim());
  }
  return (name) => {
    const sql = sections.get(name);
    if (sql === undefined) throw new Error(`${url.pathname}: no statement named ${name}`);
    return sql;
  };
}
