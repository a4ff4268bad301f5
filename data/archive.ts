/**
 * The archive tier: documents older than a cut-off (with their scores and the raw items only they came from) move
 * from the DuckDB file into Hive-partitioned Parquet files (`<table>/month=yyyy-mm/source_kind=<kind>/`), each
 * with a SHA-256 checksum. The `*_all` views span the database and the archive, so queries see one dataset.
 *
 * Crash safety: files are written and checksummed first; the rows are deleted, the files recorded and the views
 * redefined in one transaction after. A crash before that commit leaves files that no record names; they are
 * removed by the next run. Restoring does the same in reverse: rows in, records and views out in one
 * transaction, files deleted after.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { quoteIdent, sqlString, type Db } from './db.ts';
import { DlxhError } from './errors.ts';
import { readSqlFile } from './sql-file.ts';

const sql = readSqlFile(new URL('./archive.sql', import.meta.url));

/** Tables whose rows can live in the archive, in the order rows are restored (parents first). */
export const ARCHIVED_TABLES = ['documents', 'doc_scores', 'raw_items'] as const;
export type ArchivedTable = (typeof ARCHIVED_TABLES)[number];

/** The key a restore uses to skip rows already back in the database. */
const KEYS: Record<ArchivedTable, string[]> = {
  documents: ['id'],
  doc_scores: ['doc_id', 'model_version'],
  raw_items: ['id'],
};

/** Name of the view over every row of `table`: `spanningView('documents')` → `documents_all`. */
export function spanningView(table: ArchivedTable): string {
  return `${table}_all`;
}

export interface ArchiveFile {
  /** Relative to the archive root, with `/` separators. */
  path: string;
  table_name: ArchivedTable;
  month: string;
  source_kind: string;
  row_count: number;
  bytes: number;
  sha256: string;
  archived_at: Date;
}

export interface ArchiveReport {
  root: string;
  before: Date;
  documents: number;
  doc_scores: number;
  raw_items: number;
  /** Files written by this run. */
  files: ArchiveFile[];
  /** Files of an interrupted earlier run, removed before this one. */
  removedOrphans: string[];
}

export interface RestoreReport {
  root: string | null;
  documents: number;
  doc_scores: number;
  raw_items: number;
  files: string[];
  removedOrphans: string[];
}

export interface VerifyReport {
  root: string | null;
  checked: number;
  /** `path: problem` for each missing or altered file. */
  problems: string[];
}

/** Whether the database has the archive tables (migration 080); databases built by hand in tests may not. */
export async function hasArchiveTables(db: Db): Promise<boolean> {
  return (await db.one<{ n: number }>(sql('installed')))!.n > 0;
}

/** The archive folder recorded in the database, or null before the first archive run. */
export async function archiveRoot(db: Db): Promise<string | null> {
  return (await db.one<{ root: string }>(sql('root')))?.root ?? null;
}

/** Every archived file the database knows, by table and path. */
export async function archiveFiles(db: Db): Promise<ArchiveFile[]> {
  return db.all<ArchiveFile>(sql('files'));
}

/** Default archive folder for a database file: `data/dlxh.duckdb` → `data/dlxh-archive`. */
export function defaultArchiveDir(dbPath: string): string {
  const resolved = path.resolve(dbPath === ':memory:' ? 'dlxh.duckdb' : dbPath);
  return path.join(path.dirname(resolved), `${path.basename(resolved).replace(/\.[^.]*$/, '')}-archive`);
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function listParquet(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => path.join(dir, f));
}

function removeEmptyFolders(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return;
  for (const entry of fs.readdirSync(dir)) removeEmptyFolders(path.join(dir, entry));
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

/** Remove Parquet files and staging folders under `root` that no archive record names (an interrupted run). */
async function removeOrphans(db: Db, root: string): Promise<string[]> {
  if (!fs.existsSync(root)) return [];
  const known = new Set((await archiveFiles(db)).map((f) => f.path));
  const removed: string[] = [];
  for (const entry of fs.readdirSync(root)) {
    if (entry.startsWith('.staging-')) {
      fs.rmSync(path.join(root, entry), { recursive: true, force: true });
      removed.push(entry);
    }
  }
  for (const table of ARCHIVED_TABLES) {
    for (const file of listParquet(path.join(root, table))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (known.has(relative)) continue;
      fs.rmSync(file, { force: true });
      removed.push(relative);
    }
    removeEmptyFolders(path.join(root, table));
  }
  return removed;
}

/** Writes `SHA256SUMS` in the root (the `sha256sum -c` format) from the records, replacing it atomically. */
async function writeChecksumList(db: Db, root: string): Promise<void> {
  if (!fs.existsSync(root)) return;
  const lines = (await archiveFiles(db)).map((f) => `${f.sha256}  ${f.path}\n`).join('');
  const target = path.join(root, 'SHA256SUMS');
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, lines);
  fs.renameSync(temp, target);
}

async function tableColumns(db: Db, table: string): Promise<{ column_name: string; data_type: string }[]> {
  return db.all(sql('table_columns'), { table });
}

/**
 * `SELECT` of the archived rows of `table` in `files`, with the table's current column types; columns the files
 * do not have are left out (a UNION ALL BY NAME or an INSERT with a column list fills them with NULL).
 */
async function archivedSelect(db: Db, table: ArchivedTable, files: readonly string[], fileList: string) {
  const inFiles = new Set(
    (await db.all<{ column_name: string }>(sql('file_columns'), { files: [...files] })).map(
      (r) => r.column_name,
    ),
  );
  const columns = (await tableColumns(db, table)).filter((c) => inFiles.has(c.column_name));
  const list = columns.map(
    (c) => `CAST(${quoteIdent(c.column_name)} AS ${c.data_type}) AS ${quoteIdent(c.column_name)}`,
  );
  return {
    columns: columns.map((c) => quoteIdent(c.column_name)),
    select: `SELECT ${list.join(', ')} FROM read_parquet(${fileList}, union_by_name = true, hive_partitioning = false)`,
  };
}

/**
 * SQL for every row of `table`, in the database and archived. `base` qualifies the database table (for a
 * connection where the plain name is shadowed, e.g. `"dlxh".main`); without archived files it is the table.
 * `await spanningRelation(db, 'documents')` → `(SELECT * FROM documents UNION ALL BY NAME SELECT … FROM read_parquet([…]))`
 */
export async function spanningRelation(db: Db, table: ArchivedTable, base?: string): Promise<string> {
  const hot = base ? `${base}.${quoteIdent(table)}` : quoteIdent(table);
  const root = await archiveRoot(db);
  const files = (await archiveFiles(db)).filter((f) => f.table_name === table);
  if (!root || files.length === 0) return hot;
  const absolute = files.map((f) => path.join(root, f.path));
  const { select } = await archivedSelect(db, table, absolute, `[${absolute.map(sqlString).join(', ')}]`);
  return `(SELECT * FROM ${hot} UNION ALL BY NAME ${select})`;
}

/** Redefine the `*_all` views from the archive records (inside the caller's transaction, if any). */
export async function refreshSpanningViews(db: Db): Promise<void> {
  for (const table of ARCHIVED_TABLES) {
    const relation = await spanningRelation(db, table);
    const body = relation.startsWith('(') ? relation.slice(1, -1) : `SELECT * FROM ${relation}`;
    await db.run(`CREATE OR REPLACE VIEW ${quoteIdent(spanningView(table))} AS ${body}`);
  }
}

async function resolveRoot(db: Db, dir: string | undefined, fallback: string): Promise<string> {
  const recorded = await archiveRoot(db);
  const wanted = path.resolve(dir ?? recorded ?? fallback);
  if (recorded && recorded !== wanted && (await archiveFiles(db)).length > 0) {
    throw new DlxhError(
      'INPUT',
      `--dir: ${dir}: the archive is in ${recorded}; restore it (dlxh restore-archive) before moving it elsewhere`,
    );
  }
  return wanted;
}

/** Moves the staged files of one table into the archive tree and describes them. */
async function placeFiles(
  db: Db,
  table: ArchivedTable,
  staged: string,
  root: string,
  archivedAt: Date,
): Promise<ArchiveFile[]> {
  const files = listParquet(staged);
  if (files.length === 0) return [];
  const rows = new Map(
    (await db.all<{ file_name: string; num_rows: number }>(sql('file_rows'), { files })).map((r) => [
      path.resolve(r.file_name),
      r.num_rows,
    ]),
  );
  const out: ArchiveFile[] = [];
  for (const file of files) {
    const partition = path.relative(staged, path.dirname(file)).split(path.sep);
    const month = /^month=(.+)$/.exec(partition[0] ?? '')?.[1];
    const kind = /^source_kind=(.+)$/.exec(partition[1] ?? '')?.[1];
    if (!month || !kind) throw new Error(`archive: unexpected staged file ${file}`);
    fsyncFile(file);
    const relative = [table, `month=${month}`, `source_kind=${kind}`, path.basename(file)].join('/');
    const target = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(file, target);
    out.push({
      path: relative,
      table_name: table,
      month,
      source_kind: kind,
      row_count: rows.get(path.resolve(file)) ?? 0,
      bytes: fs.statSync(target).size,
      sha256: await sha256File(target),
      archived_at: archivedAt,
    });
  }
  return out;
}

/**
 * Move every document published before `before` (with its scores and raw items) to Parquet under `dir`
 * (default: the recorded archive folder, else `defaultDir`). Running it again with the same cut-off changes
 * nothing. `await archiveDocuments(db, { before: parseTime('2025-11-24')!, now: new Date(), defaultDir })`
 */
export async function archiveDocuments(
  db: Db,
  options: { before: Date; now: Date; dir?: string; defaultDir: string },
): Promise<ArchiveReport> {
  const root = await resolveRoot(db, options.dir, options.defaultDir);
  const removedOrphans = await removeOrphans(db, root);
  const empty = {
    root,
    before: options.before,
    documents: 0,
    doc_scores: 0,
    raw_items: 0,
    files: [],
    removedOrphans,
  };
  await db.run(sql('batch'), { before: options.before });
  try {
    await db.run(sql('batch_raw'));
    const counts = (await db.one<Record<ArchivedTable, number>>(sql('batch_counts')))!;
    if (counts.documents === 0) return empty;

    const staging = path.join(root, `.staging-${randomUUID()}`);
    const written: ArchiveFile[] = [];
    try {
      for (const table of ARCHIVED_TABLES) {
        if (counts[table] === 0) continue;
        const staged = path.join(staging, table);
        fs.mkdirSync(staged, { recursive: true });
        await db.run(sql(`copy_${table}`), { dir: staged });
        const placed = await placeFiles(db, table, staged, root, options.now);
        written.push(...placed);
        const rows = placed.reduce((sum, f) => sum + f.row_count, 0);
        if (rows !== counts[table]) {
          throw new Error(`archive: ${table}: wrote ${rows} rows to Parquet, expected ${counts[table]}`);
        }
      }
      await db.transaction(async () => {
        await db.run(sql('set_root'), { root });
        await db.append(
          'archive_files',
          written.map((f) => [
            f.path,
            f.table_name,
            f.month,
            f.source_kind,
            f.row_count,
            f.bytes,
            f.sha256,
            f.archived_at,
          ]),
        );
        await db.run(sql('remember_documents'));
        await db.run(sql('delete_archived'));
        await refreshSpanningViews(db);
      });
    } catch (error) {
      for (const f of written) fs.rmSync(path.join(root, ...f.path.split('/')), { force: true });
      throw error;
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
    await writeChecksumList(db, root);
    return { ...empty, ...counts, files: written };
  } finally {
    await db.run(sql('drop_batch'));
  }
}

/** Files whose checksum or size no longer matches the record (or that are missing). */
export async function verifyArchive(db: Db, only?: readonly ArchiveFile[]): Promise<VerifyReport> {
  const root = await archiveRoot(db);
  const files = only ?? (await archiveFiles(db));
  const problems: string[] = [];
  for (const f of files) {
    const file = path.join(root ?? '', ...f.path.split('/'));
    if (!root || !fs.existsSync(file)) problems.push(`${f.path}: missing`);
    else if (fs.statSync(file).size !== f.bytes) problems.push(`${f.path}: size changed`);
    else if ((await sha256File(file)) !== f.sha256) problems.push(`${f.path}: checksum mismatch`);
  }
  return { root, checked: files.length, problems };
}

/**
 * Bring archived rows back into the database: every month, or the months from `from` to `to` (`yyyy-mm`,
 * inclusive). Every file is checked against its checksum first; one bad file stops the restore before any
 * change. Rows already in the database are kept as they are. Running it again changes nothing.
 */
export async function restoreArchive(
  db: Db,
  options: { from?: string; to?: string } = {},
): Promise<RestoreReport> {
  const root = await archiveRoot(db);
  const removedOrphans = root ? await removeOrphans(db, root) : [];
  const files = (await archiveFiles(db)).filter(
    (f) => (!options.from || f.month >= options.from) && (!options.to || f.month <= options.to),
  );
  const report: RestoreReport = {
    root,
    documents: 0,
    doc_scores: 0,
    raw_items: 0,
    files: [],
    removedOrphans,
  };
  if (!root || files.length === 0) return report;
  const check = await verifyArchive(db, files);
  if (check.problems.length) {
    throw new DlxhError(
      'INPUT',
      `restore-archive: ${root}: ${check.problems.join('; ')}; nothing was restored`,
    );
  }
  await db.transaction(async () => {
    for (const table of ARCHIVED_TABLES) {
      const paths = files
        .filter((f) => f.table_name === table)
        .map((f) => path.join(root, ...f.path.split('/')));
      if (paths.length === 0) continue;
      const { columns, select } = await archivedSelect(db, table, paths, '$files');
      const key = KEYS[table].map(quoteIdent);
      const before = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`))!.n;
      await db.run(
        `INSERT INTO ${quoteIdent(table)} (${columns.join(', ')})
         SELECT a.* FROM (${select}) a
         WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE ${key.map((k) => `t.${k} = a.${k}`).join(' AND ')})`,
        { files: paths },
      );
      report[table] =
        (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`))!.n - before;
    }
    await db.run(sql('forget_files'), { paths: files.map((f) => f.path) });
    await db.run(sql('forget_documents'));
    await refreshSpanningViews(db);
  });
  await removeFiles(db, root, files);
  report.files = files.map((f) => f.path);
  return report;
}

/** Deletes the files of records already forgotten, then folders left empty, and rewrites `SHA256SUMS`. */
async function removeFiles(db: Db, root: string, files: readonly ArchiveFile[]): Promise<void> {
  for (const f of files) fs.rmSync(path.join(root, ...f.path.split('/')), { force: true });
  for (const table of ARCHIVED_TABLES) removeEmptyFolders(path.join(root, table));
  await writeChecksumList(db, root);
}

/**
 * Deletes archived files and the rows they hold for good (the retention rules): records and views change in one
 * transaction, the files go after it, as a restore does. `await deleteArchivedFiles(db, oldRawItemFiles)`
 */
export async function deleteArchivedFiles(db: Db, files: readonly ArchiveFile[]): Promise<void> {
  const root = await archiveRoot(db);
  if (!root || files.length === 0) return;
  await db.transaction(async () => {
    await db.run(sql('forget_files'), { paths: files.map((f) => f.path) });
    await refreshSpanningViews(db);
  });
  await removeFiles(db, root, files);
}
