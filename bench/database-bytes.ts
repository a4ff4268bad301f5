/** Size on disk of a benchmark's database, in a module of its own so that a stage measuring it loads nothing else. */
import fs from 'node:fs';

/** Size on disk of a DuckDB file and its write-ahead log. */
export function databaseBytes(file: string): number {
  return [file, `${file}.wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}
