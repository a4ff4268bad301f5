/**
 * What DuckDB alone pays for each step of a JSONL ingest, on the bench's synthetic file: `read_json` into a bare table,
 * then with Unicode NFC, whitespace collapsed, SHA-256 of the text and a primary key that drops exact duplicates.
 * Each step is timed five times and the fastest run printed as documents per second and as a ratio to the bare load.
 * `node --import tsx bench/ingest-sql-steps.ts [documents]` (default 20,000).
 */
import { withSyntheticFile } from './ingest-jsonl.ts';
import { NORMALISED_TEXT, READ_JSONL, keyedInsertSql, keyedTableSql } from './native-ingest-sql.ts';

interface Step {
  label: string;
  /** Run before the clock starts. */
  setup?: string;
  sql: string;
}

const STEPS: Step[] = [
  { label: 'read_json into a bare table', sql: `CREATE TABLE t AS SELECT * FROM ${READ_JSONL}` },
  {
    label: '+ nfc_normalize(text)',
    sql: `CREATE TABLE t AS SELECT * REPLACE (nfc_normalize(text) AS text) FROM ${READ_JSONL}`,
  },
  {
    label: '+ whitespace collapsed',
    sql: `CREATE TABLE t AS SELECT * REPLACE (${NORMALISED_TEXT} AS text) FROM ${READ_JSONL}`,
  },
  {
    label: '+ sha256 of the text',
    sql: `CREATE TABLE t AS SELECT sha256(body) AS content_hash, * FROM (SELECT *, ${NORMALISED_TEXT} AS body FROM ${READ_JSONL})`,
  },
  {
    label: '+ primary key, exact duplicates dropped',
    setup: keyedTableSql('t'),
    sql: keyedInsertSql('t'),
  },
];

export interface SqlStepResult {
  label: string;
  docsPerSec: number;
  /** The bare load's time over this step's: 1 for the bare load itself. */
  ratio: number;
}

/** Times every step `runs` times on `n` synthetic documents and keeps the fastest run of each. */
export async function benchSqlSteps(n: number, runs = 5): Promise<SqlStepResult[]> {
  return withSyntheticFile(n, async (file, db) => {
    const best = STEPS.map(() => Infinity);
    for (let run = 0; run < runs; run++)
      for (const [i, step] of STEPS.entries()) {
        await db.run('DROP TABLE IF EXISTS t');
        if (step.setup) await db.run(step.setup);
        const started = performance.now();
        await db.run(step.sql, { file });
        best[i] = Math.min(best[i]!, (performance.now() - started) / 1000);
      }
    return STEPS.map((step, i) => ({
      label: step.label,
      docsPerSec: Math.round(n / best[i]!),
      ratio: best[0]! / best[i]!,
    }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 20_000);
  console.log(`| DuckDB alone, ${n.toLocaleString('en')} documents | docs/s | ratio to read_json |`);
  console.log('|---|---|---|');
  for (const step of await benchSqlSteps(n))
    console.log(`| ${step.label} | ${step.docsPerSec.toLocaleString('en')} | ${step.ratio.toFixed(3)} |`);
}
