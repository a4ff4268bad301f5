/**
 * The storage seam: where dlxh's rows live and how a query reaches all of them. Today one DuckDB file holds the
 * recent rows and Hive-partitioned Parquet files hold the archived ones (data/archive.ts); the scoped views of
 * the access layer, the `*_all` views and the archive commands all go through this interface, so a store that
 * keeps every row in Parquet on object storage (queried by DuckDB, Trino or Spark) or in ClickHouse replaces
 * this module, not its callers (see docs/scaling.md).
 */
import {
  ARCHIVED_TABLES,
  archiveDocuments,
  archiveFiles,
  archiveRoot,
  defaultArchiveDir,
  hasArchiveTables,
  restoreArchive,
  spanningRelation,
  verifyArchive,
  type ArchiveFile,
  type ArchiveReport,
  type ArchivedTable,
  type RestoreReport,
  type VerifyReport,
} from './archive.ts';
import type { Db } from './db.ts';

export { ARCHIVED_TABLES, type ArchivedTable };

export interface Storage {
  /** What holds the rows, for status pages: `DuckDB file + Parquet archive in data/dlxh-archive`. */
  describe(): Promise<string>;
  /**
   * SQL naming every row of `table` in every tier, to use where a table name would go. `base` qualifies the
   * database's own table where its plain name is shadowed (the access layer's scoped connections).
   * `FROM ${await storage.relation('documents')} d`
   */
  relation(table: ArchivedTable, base?: string): Promise<string>;
  /** For each tiered table whose rows are split across tiers, its `relation`. */
  splitRelations(base?: string): Promise<Map<ArchivedTable, string>>;
  /** Move documents published before `before` (with their scores and raw items) to the archive tier. */
  archive(options: { before: Date; now: Date; dir?: string }): Promise<ArchiveReport>;
  /** Bring archived months back (all, or `from`–`to`, `yyyy-mm`). */
  restore(options?: { from?: string; to?: string }): Promise<RestoreReport>;
  /** Check every archived file against its recorded checksum. */
  verify(): Promise<VerifyReport>;
  files(): Promise<ArchiveFile[]>;
}

/**
 * The single-machine store: the DuckDB file `db` plus its Parquet archive (by default beside the file,
 * `data/dlxh.duckdb` → `data/dlxh-archive/`). `const storage = duckdbStorage(db)`
 */
export function duckdbStorage(db: Db): Storage {
  const storage: Storage = {
    async describe() {
      const root = await archiveRoot(db);
      const files = (await archiveFiles(db)).length;
      return files && root ? `DuckDB file + Parquet archive (${files} files) in ${root}` : 'DuckDB file';
    },
    relation: (table, base) => spanningRelation(db, table, base),
    async splitRelations(base) {
      if (!(await hasArchiveTables(db))) return new Map();
      const tables = new Set((await archiveFiles(db)).map((f) => f.table_name));
      const out = new Map<ArchivedTable, string>();
      for (const table of ARCHIVED_TABLES) {
        if (tables.has(table)) out.set(table, await storage.relation(table, base));
      }
      return out;
    },
    archive: (options) => archiveDocuments(db, { ...options, defaultDir: defaultArchiveDir(db.path) }),
    restore: (options) => restoreArchive(db, options),
    verify: () => verifyArchive(db),
    files: () => archiveFiles(db),
  };
  return storage;
}
