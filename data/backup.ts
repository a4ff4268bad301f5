/**
 * Backups: a consistent snapshot of the whole database as one Parquet file per table plus `schema.sql`
 * (DuckDB's EXPORT DATABASE, run inside one transaction), a `manifest.json` with every file's SHA-256, the
 * tables' row counts and the applied migrations, and a `SHA256SUMS` for `sha256sum -c`. A restore checks every
 * checksum before it touches anything, builds the database in a temporary file beside the target and renames it
 * into place, so a failed or interrupted restore leaves the target as it was.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_CATALOG, AUDIT_LOG, attachAuditStore, auditStoreFile, databaseFiles } from './audit-store.ts';
import { verifyAuditChain } from './audit.ts';
import { openDb, quoteIdent, sqlString, type Db } from './db.ts';
import { DlxhError, errorMessage } from './errors.ts';
import { listMigrations } from './migrate.ts';
import { toLocalIso } from './time.ts';

export const BACKUP_FORMAT = 'dlxh-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
const SCHEMA_FILE = 'schema.sql';
const LOAD_FILE = 'load.sql';
/** The audit log, which lives in its own attached file (audit-store.ts), exported beside the tables. */
const AUDIT_FILE = 'audit-log.parquet';

export interface BackupTable {
  name: string;
  /** Parquet file in the backup folder. */
  file: string;
  rows: number;
}

export interface BackupFile {
  file: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** When the snapshot was taken, ISO 8601 with +07:00. */
  created_at: string;
  /** The database file it was taken from (name only). */
  database: string;
  duckdb_version: string;
  migrations: { version: number; name: string; checksum: string }[];
  /** In load order. */
  tables: BackupTable[];
  /** Every file of the backup except the manifest itself and SHA256SUMS. */
  files: BackupFile[];
  /** Archived Parquet files live outside the database and are not in the backup; back their folder up too. */
  archive: { root: string; files: number } | null;
  /**
   * The audit log and the id tying its file to the database; `head` is the newest entry's hash. Absent in backups
   * made before the log had its own file, which hold it as the table `audit_log`.
   */
  audit?: BackupAudit;
}

export interface BackupAudit {
  file: string;
  rows: number;
  store_id: string | null;
  head: string | null;
}

export interface RestoreReport {
  target: string;
  tables: number;
  rows: number;
  /** Highest migration version in the restored database. */
  migration: number | null;
  /** Whether an existing non-empty database was replaced (--force). */
  replaced: boolean;
  /** Entries of the restored audit log and whether its hash chain verifies. */
  audit: { entries: number; ok: boolean };
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** `"we""ird"` → `we"ird`; a bare name is kept as DuckDB stores it. */
function unquoteIdent(text: string): string {
  return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text;
}

/** Table → Parquet file name, in load order, from the load.sql that EXPORT DATABASE wrote. */
function parseLoadSql(text: string): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const match = /^COPY ((?:"(?:[^"]|"")*"|[^\s"]+)) FROM '((?:[^']|'')*)' \(FORMAT 'parquet'\);$/.exec(
      line,
    );
    if (!match)
      throw new DlxhError('DB_INVALID', `backup: unexpected line in ${LOAD_FILE}: ${line.slice(0, 80)}`);
    out.push({ name: unquoteIdent(match[1]!), file: path.basename(match[2]!.replaceAll("''", "'")) });
  }
  return out;
}

function ensureEmptyFolder(dir: string, what: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory())
    throw new DlxhError('INPUT', `${what} ${dir}: is a file, not a folder`);
  if (fs.readdirSync(dir).length > 0)
    throw new DlxhError('INPUT', `${what} ${dir}: folder is not empty; choose a new folder`);
}

async function userTables(db: Db): Promise<string[]> {
  const rows = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
     ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/**
 * Snapshot `db` into the new folder `dir` (missing or empty). The export and the row counts come from one
 * transaction, so concurrent writers on other connections cannot tear it.
 * `const manifest = await backupDatabase(db, 'backups/2026-11-24', new Date())`
 */
export async function backupDatabase(db: Db, dir: string, now: Date): Promise<BackupManifest> {
  const target = path.resolve(dir);
  ensureEmptyFolder(target, 'backup');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const snapshot = await db.transaction(async () => {
      await db.run(`EXPORT DATABASE ${sqlString(staging)} (FORMAT PARQUET)`);
      const counts = new Map<string, number>();
      for (const table of await userTables(db)) {
        const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
        counts.set(table, row!.n);
      }
      const migrations = await db.all<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
      );
      const archive = counts.has('archive_files')
        ? await db.one<{ root: string | null; files: number }>(
            'SELECT (SELECT root FROM archive_state LIMIT 1) AS root, (SELECT count(*) FROM archive_files) AS files',
          )
        : undefined;
      const version = await db.one<{ v: string }>('SELECT version() AS v');
      await db.run(
        `COPY (SELECT * FROM ${AUDIT_LOG} ORDER BY seq) TO ${sqlString(path.join(staging, AUDIT_FILE))} (FORMAT parquet)`,
      );
      const audit = (await db.one<{ rows: number; store_id: string | null; head: string | null }>(
        `SELECT (SELECT count(*) FROM ${AUDIT_LOG}) AS rows,
           (SELECT store_id FROM ${AUDIT_CATALOG}.store_info LIMIT 1) AS store_id,
           (SELECT hash FROM ${AUDIT_LOG} ORDER BY seq DESC LIMIT 1) AS head`,
      ))!;
      return { counts, migrations, archive, audit, duckdbVersion: version!.v };
    });

    const loaded = parseLoadSql(fs.readFileSync(path.join(staging, LOAD_FILE), 'utf8'));
    const exported = new Set(loaded.map((t) => t.name));
    const missing = [...snapshot.counts.keys()].filter((name) => !exported.has(name));
    if (missing.length)
      throw new DlxhError('DB_INVALID', `backup: tables not exported: ${missing.join(', ')}`);
    const tables: BackupTable[] = [];
    for (const { name, file } of loaded) {
      const expected = snapshot.counts.get(name);
      const inFile = await db.one<{ n: number }>('SELECT count(*) AS n FROM read_parquet($file)', {
        file: path.join(staging, file),
      });
      if (expected === undefined || inFile!.n !== expected) {
        throw new DlxhError(
          'DB_INVALID',
          `backup: ${file} holds ${inFile!.n} rows, table ${name} had ${expected ?? 'none'}`,
        );
      }
      tables.push({ name, file, rows: expected });
    }
    const auditInFile = await db.one<{ n: number }>('SELECT count(*) AS n FROM read_parquet($file)', {
      file: path.join(staging, AUDIT_FILE),
    });
    if (auditInFile!.n !== snapshot.audit.rows) {
      throw new DlxhError(
        'DB_INVALID',
        `backup: ${AUDIT_FILE} holds ${auditInFile!.n} rows, the audit log had ${snapshot.audit.rows}`,
      );
    }
    const files: BackupFile[] = fs
      .readdirSync(staging)
      .sort()
      .map((file) => {
        const full = path.join(staging, file);
        fsyncPath(full);
        return { file, bytes: fs.statSync(full).size, sha256: sha256File(full) };
      });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      created_at: toLocalIso(now),
      database: path.basename(db.path),
      duckdb_version: snapshot.duckdbVersion,
      migrations: snapshot.migrations,
      tables,
      files,
      archive:
        snapshot.archive && snapshot.archive.files > 0
          ? { root: snapshot.archive.root ?? '', files: snapshot.archive.files }
          : null,
      audit: { file: AUDIT_FILE, ...snapshot.audit },
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(staging, MANIFEST_FILE), manifestText);
    const sums = [
      ...files,
      { file: MANIFEST_FILE, sha256: createHash('sha256').update(manifestText).digest('hex') },
    ]
      .map((f) => `${f.sha256}  ${f.file}\n`)
      .join('');
    fs.writeFileSync(path.join(staging, 'SHA256SUMS'), sums);
    fsyncPath(path.join(staging, MANIFEST_FILE));
    fsyncPath(path.join(staging, 'SHA256SUMS'));
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(staging, target);
    return manifest;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new DlxhError('INPUT', `backup ${dir}: folder not found`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const problem =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'not found'
        : `unreadable (${errorMessage(error)})`;
    throw new DlxhError('INPUT', `backup ${dir}: ${MANIFEST_FILE}: ${problem}`);
  }
  const manifest = raw as Partial<BackupManifest> | null;
  if (
    !manifest ||
    manifest.format !== BACKUP_FORMAT ||
    !Array.isArray(manifest.files) ||
    !Array.isArray(manifest.tables) ||
    !Array.isArray(manifest.migrations)
  ) {
    throw new DlxhError('INPUT', `backup ${dir}: ${MANIFEST_FILE}: not a dlxh backup manifest`);
  }
  if (manifest.version !== BACKUP_VERSION) {
    throw new DlxhError(
      'INPUT',
      `backup ${dir}: ${MANIFEST_FILE}: backup format version ${String(manifest.version)} is not supported (expected ${BACKUP_VERSION})`,
    );
  }
  return manifest as BackupManifest;
}

/** A file name the manifest may name: a plain name inside the backup folder, never a path out of it. */
function isPlainName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\\0]/.test(name) &&
    path.basename(name) === name
  );
}

/**
 * Check a backup folder without touching any database: the manifest, every file's size and SHA-256, and that
 * every table's file is listed. Throws an error naming the first bad file.
 * `const manifest = verifyBackup('backups/2026-11-24')`
 */
export function verifyBackup(dir: string): BackupManifest {
  const root = path.resolve(dir);
  const manifest = readManifest(root);
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (!isPlainName(entry?.file))
      throw new DlxhError(
        'INPUT',
        `backup ${dir}: ${MANIFEST_FILE}: invalid file name ${JSON.stringify(entry?.file)}`,
      );
    const file = path.join(root, entry.file);
    if (!fs.existsSync(file)) throw new DlxhError('INPUT', `backup ${dir}: ${entry.file}: file missing`);
    const actual = sha256File(file);
    if (actual !== entry.sha256) {
      throw new DlxhError(
        'INPUT',
        `backup ${dir}: ${entry.file}: checksum mismatch (expected sha256 ${String(entry.sha256).slice(0, 16)}…, found ${actual.slice(0, 16)}…); the backup is damaged or was altered`,
      );
    }
    listed.add(entry.file);
  }
  if (!listed.has(SCHEMA_FILE))
    throw new DlxhError('INPUT', `backup ${dir}: ${SCHEMA_FILE} is not listed in ${MANIFEST_FILE}`);
  const audit = manifest.audit;
  if (audit !== undefined && (!audit || !listed.has(audit.file) || !Number.isInteger(audit.rows))) {
    throw new DlxhError('INPUT', `backup ${dir}: ${MANIFEST_FILE}: the audit log has no listed file`);
  }
  for (const table of manifest.tables) {
    if (typeof table?.name !== 'string' || !Number.isInteger(table.rows) || !listed.has(table.file)) {
      throw new DlxhError(
        'INPUT',
        `backup ${dir}: ${MANIFEST_FILE}: table ${JSON.stringify(table?.name)} has no listed file`,
      );
    }
  }
  return manifest;
}

function removeDatabaseFile(file: string): void {
  for (const f of databaseFiles(file)) fs.rmSync(f, { force: true });
}

/**
 * Load the backup's audit log into the audit file of `db` (attached here). A backup made before the log had its own
 * file holds it as the table `audit_log`, which attaching copies over. Returns the restored chain's state.
 */
async function restoreAudit(
  db: Db,
  dir: string,
  audit: BackupAudit | undefined,
): Promise<{ entries: number; ok: boolean }> {
  await attachAuditStore(db);
  if (audit) {
    const file = path.join(path.resolve(dir), audit.file);
    await db.transaction(async () => {
      try {
        await db.run(`INSERT INTO ${AUDIT_LOG} BY NAME SELECT * FROM read_parquet($file)`, { file });
      } catch (error) {
        throw new DlxhError('DB_INVALID', `backup ${dir}: ${audit.file}: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      if (audit.store_id !== null)
        await db.run(`INSERT INTO ${AUDIT_CATALOG}.store_info VALUES ($id, current_timestamp)`, {
          id: audit.store_id,
        });
    });
  }
  const verified = await verifyAuditChain(db);
  if (audit && verified.entries !== audit.rows) {
    throw new DlxhError(
      'DB_INVALID',
      `backup ${dir}: ${audit.file}: restored ${verified.entries} audit entries, the manifest says ${audit.rows}`,
    );
  }
  return { entries: verified.entries, ok: verified.ok };
}

/** Tables in `file` (0 for a database without any), after making sure no other process holds it. */
async function existingTables(file: string): Promise<number> {
  if (!fs.existsSync(file)) return 0;
  if (fs.statSync(file).isDirectory())
    throw new DlxhError('INPUT', `restore: ${file} is a folder, not a database file`);
  if (fs.statSync(file).size === 0) return 0;
  const db = await openDb(file);
  try {
    return (await userTables(db)).length;
  } finally {
    db.close();
  }
}

/**
 * Restore the backup in `dir` into the database file `target`, which must be missing or empty unless `force`.
 * Checksums are verified first; the database is built beside the target and renamed over it only when complete.
 * `await restoreDatabase('backups/2026-11-24', 'data/dlxh.duckdb')`
 */
export async function restoreDatabase(
  dir: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  const manifest = verifyBackup(dir);
  const known = new Map(listMigrations().map((m) => [m.version, m]));
  for (const m of manifest.migrations) {
    const here = known.get(m.version);
    if (!here) {
      throw new DlxhError(
        'INPUT',
        `backup ${dir}: made by a newer dlxh (migration ${m.version}_${m.name} is unknown here); upgrade dlxh first`,
      );
    }
    if (here.checksum !== m.checksum) {
      throw new DlxhError(
        'INPUT',
        `backup ${dir}: migration ${here.file} differs from the one the backup's database applied`,
      );
    }
  }
  const tables = await existingTables(target);
  if (tables > 0 && !options.force) {
    throw new DlxhError(
      'INPUT',
      `restore: database ${target} is not empty (${tables} tables); restore into a new file or add --force to replace it`,
    );
  }

  const root = path.resolve(dir);
  const temp = `${path.resolve(target)}.restore-${process.pid}`;
  removeDatabaseFile(temp);
  let rows = 0;
  let audit: RestoreReport['audit'];
  try {
    const db = await openDb(temp);
    try {
      await db.transaction(async () => {
        const schema = fs.readFileSync(path.join(root, SCHEMA_FILE), 'utf8');
        try {
          if (schema.trim()) await db.run(schema);
        } catch (error) {
          throw new DlxhError('DB_INVALID', `backup ${dir}: ${SCHEMA_FILE}: ${errorMessage(error)}`, {
            cause: error,
          });
        }
        for (const table of manifest.tables) {
          const file = path.join(root, table.file);
          try {
            await db.run(`INSERT INTO ${quoteIdent(table.name)} BY NAME SELECT * FROM read_parquet($file)`, {
              file,
            });
          } catch (error) {
            throw new DlxhError('DB_INVALID', `backup ${dir}: ${table.file}: ${errorMessage(error)}`, {
              cause: error,
            });
          }
          const count = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`);
          if (count!.n !== table.rows) {
            throw new DlxhError(
              'DB_INVALID',
              `backup ${dir}: ${table.file}: restored ${count!.n} rows, the manifest says ${table.rows}`,
            );
          }
          rows += table.rows;
        }
      });
      audit = await restoreAudit(db, dir, manifest.audit);
      // Both files complete on disk, without a WAL, before they are renamed into place.
      await db.run('CHECKPOINT');
      await db.run(`CHECKPOINT ${AUDIT_CATALOG}`);
    } finally {
      db.close();
    }
    // The audit file goes into place first: a crash between the two renames leaves a pair that the next open
    // refuses by their store ids, and running the restore again mends it.
    const auditTemp = auditStoreFile(temp);
    const auditTarget = auditStoreFile(target);
    fsyncPath(temp);
    fsyncPath(auditTemp);
    fs.rmSync(`${auditTarget}.wal`, { force: true });
    fs.renameSync(auditTemp, auditTarget);
    fs.rmSync(`${target}.wal`, { force: true });
    fs.renameSync(temp, target);
  } catch (error) {
    removeDatabaseFile(temp);
    throw error;
  }
  return {
    target,
    tables: manifest.tables.length,
    rows,
    migration: manifest.migrations.at(-1)?.version ?? null,
    replaced: tables > 0,
    audit,
  };
}
