/**
 * The audit log lives in a DuckDB file of its own beside the database (`data/dlxh.duckdb` →
 * `data/dlxh.audit.duckdb`), attached to the same instance as the catalog `dlxh_audit`. DuckDB holds up every
 * write of a database while that database checkpoints, and a checkpoint of a large `documents` table during a
 * long ingest takes seconds; an attached file checkpoints on its own, so an audited request (every SQL explorer
 * query waits for its entry) never waits for the documents' checkpoint.
 *
 * The two files are tied together: each holds the same store id (`dlxh_audit.store_info` and the database's
 * `audit_store` table), so a missing, emptied or swapped audit file is refused when the database is opened instead
 * of starting a new, empty chain that would verify as intact. A database created anew beside an existing audit file
 * continues that file's log: the log is never discarded silently.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sqlString, type Db } from './db.ts';
import { DlxhError, errorMessage } from './errors.ts';

export const AUDIT_CATALOG = 'dlxh_audit';
/** The log table, qualified: `SELECT … FROM ${AUDIT_LOG}`. */
export const AUDIT_LOG = `${AUDIT_CATALOG}.audit_log`;

const STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS ${AUDIT_LOG} (
  seq        BIGINT PRIMARY KEY,
  logged_at  TIMESTAMPTZ NOT NULL,
  actor      VARCHAR NOT NULL,
  action     VARCHAR NOT NULL,
  object     VARCHAR,
  details    JSON,
  prev_hash  VARCHAR NOT NULL,
  hash       VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS ${AUDIT_CATALOG}.store_info (store_id VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL);
`;

/** The audit file of a database file: `auditStoreFile('data/dlxh.duckdb')` → `data/dlxh.audit.duckdb`; `:memory:` stays. */
export function auditStoreFile(dbFile: string): string {
  if (dbFile === ':memory:') return dbFile;
  const resolved = path.resolve(dbFile);
  const base = resolved.replace(/\.(duckdb|db)$/i, '');
  return `${base}.audit.duckdb`;
}

/** Every file a dlxh database is stored in: the database, the audit file and their WALs. */
export function databaseFiles(dbFile: string): string[] {
  const audit = auditStoreFile(dbFile);
  return [dbFile, `${dbFile}.wal`, audit, `${audit}.wal`];
}

/**
 * Copy a closed database to `to` with its audit file (and any WAL), replacing what is there: the two files belong
 * together. `copyDatabaseFiles('template.duckdb', 'trial-3.duckdb')`
 */
export function copyDatabaseFiles(from: string, to: string): void {
  const targets = databaseFiles(to);
  databaseFiles(from).forEach((source, i) => {
    fs.rmSync(targets[i]!, { force: true });
    if (fs.existsSync(source)) fs.copyFileSync(source, targets[i]!);
  });
}

async function tableExists(db: Db, catalog: string, table: string): Promise<boolean> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables()
     WHERE database_name = $catalog AND schema_name = 'main' AND table_name = $table`,
    { catalog, table },
  );
  return row!.n > 0;
}

/**
 * Attach the audit file of `db` (creating it and its tables when missing) and copy into it the entries of a
 * database made before the log moved (its own `audit_log` table, dropped afterwards by migration 102). Safe to
 * call again: the copy takes only the entries the store lacks.
 */
export async function attachAuditStore(db: Db): Promise<void> {
  const file = auditStoreFile(db.path);
  try {
    await db.run(`ATTACH IF NOT EXISTS ${sqlString(file)} AS ${AUDIT_CATALOG}`);
  } catch (error) {
    throw new DlxhError(
      'DB_INVALID',
      `audit log ${file} (beside database ${db.path}) cannot be opened: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  await db.transaction(() => db.run(STORE_SCHEMA));
  const name = (await db.one<{ name: string }>('SELECT current_database() AS name'))!.name;
  if (await tableExists(db, name, 'audit_log')) {
    // One transaction writes one database: the copy commits here, the old table goes in migration 102.
    await db.transaction(() =>
      db.run(
        `INSERT INTO ${AUDIT_LOG}
         SELECT * FROM main.audit_log WHERE seq > (SELECT coalesce(max(seq), 0) FROM ${AUDIT_LOG})
         ORDER BY seq`,
      ),
    );
  }
}

/**
 * After migrations: check that the attached audit file belongs to this database, or tie a new pair together.
 * Throws when the database has written to an audit file that is not the one attached (missing, emptied, swapped).
 */
export async function linkAuditStore(db: Db, now: Date): Promise<string> {
  const info = await db.one<{ store_id: string }>(`SELECT store_id FROM ${AUDIT_CATALOG}.store_info LIMIT 1`);
  const link = await db.one<{ store_id: string }>('SELECT store_id FROM main.audit_store LIMIT 1');
  if (link && info && link.store_id === info.store_id) return link.store_id;
  const file = auditStoreFile(db.path);
  if (link && !info) {
    throw new DlxhError(
      'DB_INVALID',
      `audit log ${file} is missing or was replaced by an empty one, but database ${db.path} wrote its entries to store ${link.store_id}; put the audit file back or restore both from one backup`,
    );
  }
  if (link && info) {
    throw new DlxhError(
      'DB_INVALID',
      `audit log ${file} belongs to another database (store ${info.store_id}, expected ${link.store_id}); put the right audit file back or restore both from one backup`,
    );
  }
  // A new pair, or a crash between the two writes below: the store's id is written first and adopted.
  const id = info?.store_id ?? randomUUID();
  if (!info) {
    await db.transaction(() =>
      db.run(`INSERT INTO ${AUDIT_CATALOG}.store_info VALUES ($id, $now)`, { id, now }),
    );
  }
  await db.transaction(() => db.run('INSERT INTO main.audit_store VALUES ($id, $now)', { id, now }));
  return id;
}
