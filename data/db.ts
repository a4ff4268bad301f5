/** The one module that opens DuckDB: typed queries with bound values, transactions, appends. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBListType,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  INTEGER,
  JSDuckDBValueConverter,
  LIST,
  StatementType,
  TIMESTAMPTZ,
  TINYINT,
  UBIGINT,
  VARCHAR,
  listValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { DlxhError, errorMessage } from './errors.ts';

export type SqlValue = string | number | bigint | boolean | null | Date | SqlValue[];
export type Params = Record<string, SqlValue> | SqlValue[];
export type Row = Record<string, unknown>;

export interface Db {
  readonly path: string;
  /**
   * A number that grows after every statement on the database's main connection that may have changed what is
   * stored (any statement but a lone SELECT or EXPLAIN; a transaction's COMMIT when it wrote), once that change is
   * committed: answers computed from the data can be cached under it, since only this process can write the file.
   * Statements on connections made by `connect()` (reads, scoped views, the audit log's writer) do not advance
   * it, so content must be written on the main connection. Read it before computing what is cached.
   */
  readonly dataVersion: number;
  /** Run a statement: `await db.run('DELETE FROM alerts WHERE id = $id', { id })`. */
  run(sql: string, params?: Params): Promise<void>;
  /** All rows as plain objects (BIGINT → number when safe, TIMESTAMP → Date, LIST → array). */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Run `fn` in one transaction; rolled back if it throws. Nested calls join the outer transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Bulk insert through the appender; rows must list every column of `table` in order, or be rows converted ahead
   * by `stageRows` with the table's column types.
   */
  append(table: string, rows: readonly SqlValue[][] | StagedRows): Promise<void>;
  /**
   * Run one read-only statement (SELECT or EXPLAIN) for people typing SQL; anything else is refused.
   * Returns at most `maxRows` rows and whether more were cut.
   */
  readOnlyQuery(
    sql: string,
    maxRows: number,
  ): Promise<{ columns: string[]; rows: Row[]; truncated: boolean }>;
  /**
   * A second connection to the same database, with its own temporary objects and transactions; its
   * `close()` closes only that connection. `const conn = await db.connect()`
   */
  connect(): Promise<Db>;
  /** Interrupt the statement running on this connection (it fails with an INTERRUPT error), for time limits. */
  interrupt(): void;
  close(): void;
}

const openPaths = new Set<string>();

/** How much of the machine DuckDB may take; each setting left out gets the dlxh default. */
export interface DbSettings {
  /**
   * DuckDB's buffer pool (cached table blocks, indexes and query state), e.g. `'1GiB'`; beyond it, large sorts,
   * joins and aggregates spill to `<db>.tmp`. Default `defaultMemoryLimit(threads)`; DuckDB's own default would be
   * 80% of the machine's memory, which a long-running server fills with cached blocks.
   */
  memoryLimit?: string;
  /** Query threads (default: one per core). */
  threads?: number;
  /**
   * WAL size that triggers a checkpoint, e.g. `'64MB'`. Each checkpoint rewrites the table's last, partly filled
   * row groups, so bulk ingestion pays less with a larger value; recovery replays at most this much.
   */
  checkpointThreshold?: string;
}

export const DEFAULT_CHECKPOINT_THRESHOLD = '64MiB';

/**
 * DuckDB defaults for a process that does nothing but import a file (`dlxh ingest jsonl`): one query thread and
 * 128 MiB. An import writes small transactions and scans little, so it runs no slower, and each thread's buffers
 * and allocator arenas are memory the import does not need (docs/scaling.md). What an import does need beyond
 * that spills to `<db>.tmp`; the daily counts, whose list aggregates cannot spill, are recounted once at the
 * import's end in statements of bounded size (data/daily-counts.ts). Not for the server, whose queries want the
 * threads.
 */
export const IMPORT_SETTINGS: DbSettings = { threads: 1, memoryLimit: '128MiB' };

/** 64 MiB of working memory per query thread, at least 256 MiB: `defaultMemoryLimit(2)` → `'256MiB'`. */
export function defaultMemoryLimit(threads = os.availableParallelism()): string {
  return `${Math.max(256, 64 * threads)}MiB`;
}

const SIZE = /^\d+(\.\d+)?\s*(B|[KMGT]i?B)$/i;

function size(name: string, value: string): string {
  if (!SIZE.test(value.trim()))
    throw new DlxhError(
      'CONFIG',
      `invalid duckdb ${name}: ${JSON.stringify(value)} (expected a size such as 512MiB)`,
    );
  return value.trim();
}

function instanceOptions(settings: DbSettings): Record<string, string> {
  const options: Record<string, string> = {
    checkpoint_threshold: size(
      'checkpoint_threshold',
      settings.checkpointThreshold ?? DEFAULT_CHECKPOINT_THRESHOLD,
    ),
  };
  const { threads } = settings;
  if (threads !== undefined) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new DlxhError('CONFIG', `invalid duckdb threads: ${threads}`);
    options.threads = String(threads);
  }
  options.memory_limit = size('memory_limit', settings.memoryLimit ?? defaultMemoryLimit(threads));
  return options;
}

/**
 * A string as an SQL literal, only for statements that take no bound parameters (ATTACH, EXPORT DATABASE, a view's
 * definition, a constant key list that DuckDB can look up in an index), and never for a string holding NUL (the
 * statement's text ends there): `sqlString("it's")` → `'it''s'`.
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier for SQL: `quoteIdent('my table')` → `"my table"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function toDuckValue(value: SqlValue): DuckDBValue {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return listValue(value.map(toDuckValue));
  return value as DuckDBValue;
}

function bindable(params: Params | undefined): Record<string, DuckDBValue> | DuckDBValue[] | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return params.map(toDuckValue);
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) out[key] = toDuckValue(value);
  return out;
}

/** Types DuckDB cannot infer: an empty list is taken as VARCHAR[]. */
function bindTypes(
  params: Params | undefined,
): Record<string, DuckDBType | undefined> | (DuckDBType | undefined)[] | undefined {
  if (params === undefined) return undefined;
  const typeOf = (v: SqlValue) => (Array.isArray(v) && v.length === 0 ? LIST(VARCHAR) : undefined);
  if (Array.isArray(params)) return params.map(typeOf);
  const out: Record<string, DuckDBType | undefined> = {};
  for (const [key, value] of Object.entries(params)) out[key] = typeOf(value);
  return out;
}

/** SQL text with a statement after a semicolon (a string literal with one is taken as such too). */
const SEVERAL_STATEMENTS = /;\s*\S/;

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

const MAX_UBIGINT = (1n << 64n) - 1n;
const INTEGER_RANGES: Partial<Record<DuckDBTypeId, [number, number]>> = {
  [DuckDBTypeId.TINYINT]: [-128, 127],
  [DuckDBTypeId.SMALLINT]: [-32768, 32767],
  [DuckDBTypeId.INTEGER]: [-2147483648, 2147483647],
  [DuckDBTypeId.UTINYINT]: [0, 255],
  [DuckDBTypeId.USMALLINT]: [0, 65535],
  [DuckDBTypeId.UINTEGER]: [0, 4294967295],
};

/**
 * `value` as the chunk value of a column of `type`, or undefined when only DuckDB's own cast (the row-by-row
 * appender) gives the same result.
 */
function chunkValue(value: SqlValue, type: DuckDBType): DuckDBValue | undefined {
  if (value === null) return null;
  const id = type.typeId;
  if (type.alias !== undefined && type.alias !== 'JSON') return undefined;
  if (typeof value === 'string') return id === DuckDBTypeId.VARCHAR ? value : undefined;
  if (typeof value === 'boolean') return id === DuckDBTypeId.BOOLEAN ? value : undefined;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return undefined;
    if (id === DuckDBTypeId.TIMESTAMP_TZ) return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
    if (id === DuckDBTypeId.TIMESTAMP) return new DuckDBTimestampValue(BigInt(ms) * 1000n);
    return undefined;
  }
  if (Array.isArray(value)) {
    if (!(type instanceof DuckDBListType)) return undefined;
    const items: DuckDBValue[] = [];
    for (const item of value) {
      const converted = chunkValue(item, type.valueType);
      if (converted === undefined) return undefined;
      items.push(converted);
    }
    return listValue(items);
  }
  if (id === DuckDBTypeId.DOUBLE) return typeof value === 'number' ? value : undefined;
  const range = INTEGER_RANGES[id];
  if (range) {
    return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1]
      ? value
      : undefined;
  }
  if (id === DuckDBTypeId.BIGINT || id === DuckDBTypeId.UBIGINT) {
    const big = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : undefined;
    if (big === undefined) return undefined;
    const [min, max] = id === DuckDBTypeId.BIGINT ? [-(1n << 63n), (1n << 63n) - 1n] : [0n, MAX_UBIGINT];
    return big >= min && big <= max ? big : undefined;
  }
  return undefined;
}

/** The columns of `rows` as chunk values, or null when some value needs DuckDB's cast. */
function chunkColumns(types: readonly DuckDBType[], rows: readonly SqlValue[][]): DuckDBValue[][] | null {
  const columns: DuckDBValue[][] = types.map(() => new Array<DuckDBValue>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== types.length) return null;
    for (let c = 0; c < types.length; c++) {
      const value = chunkValue(row[c]!, types[c]!);
      if (value === undefined) return null;
      columns[c]![r] = value;
    }
  }
  return columns;
}

/** Column types `stageRows` converts to. */
export type ColumnType =
  'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'UBIGINT' | 'INTEGER' | 'TINYINT' | 'BOOLEAN' | 'TIMESTAMPTZ';

const COLUMN_TYPES: Record<ColumnType, DuckDBType> = {
  VARCHAR,
  DOUBLE,
  BIGINT,
  UBIGINT,
  INTEGER,
  TINYINT,
  BOOLEAN,
  TIMESTAMPTZ,
};

/** Rows converted to DuckDB's column format by `stageRows`, for one `append`. */
export class StagedRows {
  /** @internal */
  constructor(
    readonly types: readonly DuckDBType[],
    /** Data chunks, or the rows themselves where some value needs DuckDB's own cast. */
    readonly parts: readonly (DuckDBDataChunk | readonly SqlValue[][])[],
  ) {}
}

/**
 * Convert `rows` for `append` to a table whose columns have `types`, now rather than when appended: the conversion
 * (most of an append's time in JavaScript) can run while the database works on something else.
 * `await db.append('stage', stageRows(['VARCHAR', 'DOUBLE'], [['a', 1]]))`
 */
export function stageRows(types: readonly ColumnType[], rows: readonly SqlValue[][]): StagedRows {
  const duckTypes = types.map((t) => COLUMN_TYPES[t]);
  const parts: (DuckDBDataChunk | readonly SqlValue[][])[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const part = rows.slice(start, start + CHUNK_ROWS);
    const columns = chunkColumns(duckTypes, part);
    if (!columns) {
      parts.push(part);
      continue;
    }
    const chunk = DuckDBDataChunk.create(duckTypes);
    chunk.setColumns(columns);
    parts.push(chunk);
  }
  return new StagedRows(duckTypes, parts);
}

function appendRows(appender: DuckDBAppender, rows: readonly SqlValue[][]): void {
  for (const row of rows) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else
        appender.appendValue(
          toDuckValue(value),
          Array.isArray(value) && value.length === 0 ? LIST(VARCHAR) : undefined,
        );
    }
    appender.endRow();
  }
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

function translateOpenError(file: string, error: unknown): DlxhError {
  const message = errorMessage(error);
  const lock =
    /Conflicting lock is held in .*?\(PID (\d+)\)/i.exec(message) ?? /Could not set lock/i.exec(message);
  if (lock) {
    const pid = lock[1] ? `pid ${lock[1]}` : 'pid unknown';
    return new DlxhError(
      'DB_LOCKED',
      `database ${file} is in use by another dlxh process (${pid}); stop it or use the server's API`,
      { cause: error },
    );
  }
  if (
    /not a valid DuckDB database|Unsupported storage version|database file .* is corrupt|Invalid Input Error: The file/i.test(
      message,
    )
  ) {
    return new DlxhError(
      'DB_INVALID',
      `database ${file} is not a dlxh DuckDB database (corrupt or another format)`,
      {
        cause: error,
      },
    );
  }
  if (/Permission denied|Read-only file system|No such file or directory|Not a directory/i.test(message)) {
    return new DlxhError('DB_UNWRITABLE', `database ${file} cannot be created or written: ${message}`, {
      cause: error,
    });
  }
  return new DlxhError('DB_INVALID', `database ${file} cannot be opened: ${message}`, { cause: error });
}

function ensureWritableFolder(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new DlxhError(
      'DB_UNWRITABLE',
      `database ${file}: folder ${dir} is not writable (${errorMessage(error)})`,
      {
        cause: error,
      },
    );
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new DlxhError('DB_INVALID', `database ${file} is a folder, not a DuckDB file`);
  }
}

class DuckDb implements Db {
  /** Marks the async flow that owns the open transaction, so its nested calls join it. */
  private readonly inTransaction = new AsyncLocalStorage<true>();
  /** Settles when the open transaction ends; other flows wait for it before using the connection. */
  private pending: Promise<void> = Promise.resolve();
  private closed = false;
  /** Connections made by `connect()`: DuckDB keeps the file open (and locked) until every one is closed. */
  private readonly children = new Set<DuckDb>();
  /** Statements that may have written, on the main connection (see `Db.dataVersion`). */
  private writes = 0;
  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The attached file's catalog, which every connection uses; null for an in-memory database. */
    private readonly catalog: string | null,
    private readonly ownsInstance = true,
    private readonly parent: DuckDb | null = null,
  ) {}

  get dataVersion(): number {
    return this.parent ? this.parent.dataVersion : this.writes;
  }

  /** After a statement of `type` (undefined: unknown, or several) on this connection: count it if it may have written. */
  private wrote(type?: StatementType): void {
    if (this.parent || type === StatementType.SELECT || type === StatementType.EXPLAIN) return;
    this.writes++;
  }

  /** Outside the owning flow, wait until no transaction is open: one connection carries one transaction. */
  private async turn(): Promise<void> {
    if (this.inTransaction.getStore()) return;
    let current = this.pending;
    for (;;) {
      await current;
      if (current === this.pending) return;
      current = this.pending;
    }
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.turn();
    try {
      await this.connection.run(sql, bindable(params), bindTypes(params) as never);
    } finally {
      // Counted even when it failed: of several statements in `sql`, the first ones may have been committed.
      this.wrote();
    }
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    await this.turn();
    let reader;
    try {
      reader = await this.connection.runAndReadAll(sql, bindable(params), bindTypes(params) as never);
    } catch (error) {
      this.wrote();
      throw error;
    }
    // The type is that of the last statement: text with several counts as a write.
    this.wrote(SEVERAL_STATEMENTS.test(sql) ? undefined : reader.statementType);
    return reader.getRowObjectsJS().map((row) => plain(row) as T);
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return fn();
    let current = this.pending;
    for (;;) {
      await current;
      if (current === this.pending) break;
      current = this.pending;
    }
    // Taken in the same synchronous step as the check above, so no other flow can slip in between.
    let release!: () => void;
    this.pending = new Promise<void>((resolve) => (release = resolve));
    try {
      await this.connection.run('BEGIN TRANSACTION');
      const writesBefore = this.writes;
      try {
        const result = await this.inTransaction.run(true, fn);
        await this.connection.run('COMMIT');
        // What the transaction wrote becomes visible now: count it again, after the commit.
        if (this.writes !== writesBefore) this.wrote();
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      release();
    }
  }

  async append(table: string, rows: readonly SqlValue[][] | StagedRows): Promise<void> {
    if (rows instanceof StagedRows) return this.appendStaged(table, rows);
    if (rows.length === 0) return;
    await this.withAppender(table, (appender, types) => {
      let chunk: DuckDBDataChunk | null = null;
      try {
        for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
          const part = rows.slice(start, start + CHUNK_ROWS);
          const columns = chunkColumns(types, part);
          if (columns) {
            chunk ??= DuckDBDataChunk.create(types);
            chunk.reset();
            chunk.setColumns(columns);
            appender.appendDataChunk(chunk);
          } else appendRows(appender, part);
        }
      } finally {
        // The chunk's strings live in native memory that the garbage collector does not see: free them now.
        chunk?.reset();
      }
    });
  }

  private async appendStaged(table: string, staged: StagedRows): Promise<void> {
    await this.withAppender(table, (appender, types) => {
      const expected = staged.types.map(String).join(', ');
      if (types.map(String).join(', ') !== expected)
        throw new Error(
          `append to ${table}: staged as (${expected}), table has (${types.map(String).join(', ')})`,
        );
      try {
        for (const part of staged.parts) {
          if (part instanceof DuckDBDataChunk) appender.appendDataChunk(part);
          else appendRows(appender, part);
        }
      } finally {
        // As in `append`: free the chunks' native strings now.
        for (const part of staged.parts) if (part instanceof DuckDBDataChunk) part.reset();
      }
    });
  }

  /** An appender to `table` for `write`, given the table's column types; flushed when `write` returns, then closed. */
  private async withAppender(
    table: string,
    write: (appender: DuckDBAppender, types: DuckDBType[]) => void,
  ): Promise<void> {
    await this.turn();
    const appender = await this.connection.createAppender(table);
    try {
      write(
        appender,
        Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i)),
      );
      appender.flushSync();
    } finally {
      appender.closeSync();
      this.wrote();
    }
  }

  async readOnlyQuery(sql: string, maxRows: number) {
    await this.turn();
    const extracted = await this.connection.extractStatements(sql);
    if (extracted.count !== 1) {
      throw new DlxhError('INPUT', `sql: expected exactly one statement, got ${extracted.count}`);
    }
    const prepared = await extracted.prepare(0);
    try {
      const type = prepared.statementType;
      if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN) {
        throw new DlxhError('FORBIDDEN', 'sql: only SELECT queries are allowed here');
      }
      const result = await prepared.stream();
      const columns = result.deduplicatedColumnNames();
      const rows: Row[] = [];
      let truncated = false;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const values of chunk.convertRows(JSDuckDBValueConverter)) {
          if (rows.length >= maxRows) {
            truncated = true;
            break;
          }
          const converted: Row = {};
          columns.forEach((name, i) => (converted[name] = plain(values[i])));
          rows.push(converted);
        }
        if (truncated) break;
      }
      return { columns, rows, truncated };
    } finally {
      prepared.destroySync();
    }
  }

  async connect(): Promise<Db> {
    const connection = await this.instance.connect();
    await configureConnection(connection, this.catalog);
    const child = new DuckDb(this.path, this.instance, connection, this.catalog, false, this);
    this.children.add(child);
    return child;
  }

  interrupt(): void {
    this.connection.interrupt();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const child of this.children) child.close();
    this.connection.closeSync();
    this.parent?.children.delete(this);
    if (!this.ownsInstance) return;
    this.instance.closeSync();
    openPaths.delete(this.path);
  }
}

async function configureConnection(connection: DuckDBConnection, catalog: string | null): Promise<void> {
  await connection.run('LOAD icu');
  await connection.run(`SET TimeZone = 'Asia/Ho_Chi_Minh'`);
  if (catalog !== null) await connection.run(`USE ${quoteIdent(catalog)}`);
}

/**
 * Rows per row group of the tables in a dlxh database file (DuckDB's default is 122,880). Every checkpoint rewrites
 * each table's last, partly filled row group and compresses it outside DuckDB's memory limit; with stories of a few
 * kilobytes stored twice (the document and its raw item), a default-sized group made each checkpoint of a large
 * import take 100–250 MB more than the limit. Scans and their zone maps work the same on smaller groups.
 */
export const ROW_GROUP_SIZE = 16_384;

/** Names DuckDB gives its own catalogs, which an attached file may not take. */
const RESERVED_CATALOGS = new Set(['memory', 'system', 'temp', 'main']);

/** The catalog a database file is attached as: its name up to the first dot, as DuckDB itself names it. */
export function catalogName(file: string): string {
  const stem = path.basename(file).split('.')[0] || 'dlxh';
  return RESERVED_CATALOGS.has(stem.toLowerCase()) ? `${stem}_db` : stem;
}

/**
 * Open (creating if missing) a DuckDB file, or ':memory:'. One instance per file per process.
 * `const db = await openDb('data/dlxh.duckdb', { memoryLimit: '1GB' })`
 */
export async function openDb(file: string, settings: DbSettings = {}): Promise<Db> {
  const options = instanceOptions(settings);
  const key = file === ':memory:' ? file : path.resolve(file);
  const catalog = key === ':memory:' ? null : catalogName(file);
  if (key !== ':memory:') {
    if (openPaths.has(key))
      throw new DlxhError('DB_LOCKED', `database ${file} is already open in this process`);
    ensureWritableFolder(file);
    // Where DuckDB spills for a file database; an in-memory instance would spill into the working folder.
    options.temp_directory = `${key}.tmp`;
  }
  // A file is attached to an in-memory instance rather than opened as it, so that its row groups can be sized.
  const instance = await DuckDBInstance.create(':memory:', options);
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
    if (catalog !== null)
      await connection.run(
        `ATTACH ${sqlString(key)} AS ${quoteIdent(catalog)} (ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
      );
  } catch (error) {
    instance.closeSync();
    throw translateOpenError(file, error);
  }
  await configureConnection(connection, catalog);
  if (key !== ':memory:') openPaths.add(key);
  return new DuckDb(key === ':memory:' ? key : file, instance, connection, catalog);
}
