/**
 * Parquet copies of the main tables of a snapshot, for R, Python, Excel Power Query and other tools:
 *
 *   node --import tsx notebooks/export-parquet.ts --db data/snapshots/dlxh.duckdb --out out/parquet
 *
 * Like the notebooks it reads a read-only copy of the file, never the live database. Personal-data and operational
 * tables (users, pseudonym map, audit log, notification settings) are not exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '../data/db.ts';
import { quoteIdent } from '../data/db.ts';
import { errorMessage } from '../data/errors.ts';
import { stderrLogger } from '../data/logger.ts';
import { openSnapshot } from './run-notebook.ts';

/** Tables worth analysing elsewhere, with columns left out (rendered documents, blobs). */
export const EXPORTED_TABLES: Record<string, string[]> = {
  documents: [],
  doc_scores: [],
  units: [],
  unit_successors: [],
  topics: [],
  sources: ['config'],
  job_runs: ['details'],
  alerts: [],
  cases: [],
  case_events: [],
  reports: [],
  surveys: [],
  survey_questions: [],
  survey_choices: [],
  survey_respondents: [],
  survey_responses: [],
  official_statements: [],
  claim_candidates: [],
  briefings: ['html', 'docx', 'model'],
};

export interface ExportedFile {
  table: string;
  file: string;
  rows: number;
}

/**
 * Write `<table>.parquet` into `outDir` for each exported table present in `db`.
 * `await exportParquet(snapshot.db, 'out/parquet')`
 */
export async function exportParquet(db: Db, outDir: string): Promise<ExportedFile[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const present = new Set(
    (
      await db.all<{ name: string }>(
        `SELECT table_name AS name FROM duckdb_tables()
         WHERE database_name = current_database() AND schema_name = 'main'`,
      )
    ).map((r) => r.name),
  );
  const out: ExportedFile[] = [];
  for (const [table, excluded] of Object.entries(EXPORTED_TABLES)) {
    if (!present.has(table)) continue;
    const file = path.resolve(outDir, `${table}.parquet`);
    const temp = `${file}.tmp`;
    const select = excluded.length
      ? `SELECT * EXCLUDE (${excluded.map(quoteIdent).join(', ')}) FROM ${quoteIdent(table)}`
      : `SELECT * FROM ${quoteIdent(table)}`;
    // COPY takes no bound file name; the path is built here from the output folder and a fixed table name.
    await db.run(`COPY (${select}) TO '${temp.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
    fs.renameSync(temp, file);
    const rows = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`))!.n;
    out.push({ table, file, rows });
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, out: { type: 'string' } } });
  const logger = stderrLogger();
  const snapshot = await openSnapshot(values.db ?? process.env.DLXH_DB ?? 'data/dlxh.duckdb');
  try {
    const files = await exportParquet(snapshot.db, values.out ?? 'out/parquet');
    for (const f of files) logger.info(`${f.table}: ${f.rows} dòng → ${f.file}`);
  } finally {
    snapshot.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`lỗi: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  });
}
