/**
 * A subset of dlxh's ingest written in DuckDB's own SQL, for the ingest benchmarks: Unicode NFC, whitespace collapsed,
 * SHA-256 of the text, exact duplicates dropped by a primary key. It leaves out what dlxh adds (one tone-mark
 * convention, legacy encodings, a per-line error for a bad record, the raw copy of each line, near-duplicates), so its
 * rate is what DuckDB's own functions give for only part of dlxh's work: a redesign that moved the ingest into
 * DuckDB's SQL would start from there. Every statement reads the JSONL file bound as `$file`.
 */

/** The file as DuckDB's bulk loader reads it. */
export const READ_JSONL = `read_json($file, format = 'newline_delimited')`;

/** The text normalised: NFC, runs of whitespace made one space, trimmed. */
export const NORMALISED_TEXT = `trim(regexp_replace(nfc_normalize(text), '\\s+', ' ', 'g'))`;

/** The table the subset stores into, keyed by the hash of the normalised text. */
export function keyedTableSql(table: string): string {
  return `CREATE TABLE ${table} (content_hash VARCHAR PRIMARY KEY, id VARCHAR, source VARCHAR, title VARCHAR,
  text VARCHAR, published_at TIMESTAMPTZ, locality VARCHAR)`;
}

/** Normalises, hashes and stores the file's documents, each distinct text once. */
export function keyedInsertSql(table: string): string {
  return `INSERT INTO ${table}
SELECT DISTINCT ON (content_hash) content_hash, id, source, title, body, published_at::TIMESTAMPTZ, locality
FROM (SELECT sha256(body) AS content_hash, * FROM (SELECT *, ${NORMALISED_TEXT} AS body FROM ${READ_JSONL}))
ON CONFLICT DO NOTHING`;
}
