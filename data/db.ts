/** The one module that opens DuckDB: typed queries with bound values, transactions, appends. */
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DuckDBInstance,
  JSDuckDBValueConverter,
  LIST,
  StatementType,
  VARCHAR,
  listValue,
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
  /** Run a statement: `await db.run('DELETE FROM alerts WHERE id = $id', { id })`. */
  run(sql: string, params?: Params): Promise<void>;
  /** All rows as plain objects (BIGINT → number when safe, TIMESTAMP → Date, LIST → array). */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  one<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Run `fn` in one transaction; rolled back if it throws. Nested calls join the outer transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Bulk insert through the appender; rows must list every column of `table` in order. */
  append(table: string, rows: readonly SqlValue[][]): Promise<void>;
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
  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly ownsInstance = true,
    private readonly parent: DuckDb | null = null,
  ) {}

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
    await this.connection.run(sql, bindable(params), bindTypes(params) as never);
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    await this.turn();
    const reader = await this.connection.runAndReadAll(sql, bindable(params), bindTypes(params) as never);
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
      try {
        const result = await this.inTransaction.run(true, fn);
        await this.connection.run('COMMIT');
        return result;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      release();
    }
  }

  async append(table: string, rows: readonly SqlValue[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.turn();
    const appender = await this.connection.createAppender(table);
    try {
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
      appender.flushSync();
    } finally {
      appender.closeSync();
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
    await configureConnection(connection);
    const child = new DuckDb(this.path, this.instance, connection, false, this);
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

async function configureConnection(connection: DuckDBConnection): Promise<void> {
  await connection.run('LOAD icu');
  await connection.run(`SET TimeZone = 'Asia/Ho_Chi_Minh'`);
}

/**
 * Open (creating if missing) a DuckDB file, or ':memory:'. One instance per file per process.
 * `const db = await openDb('data/dlxh.duckdb')`
 */
export async function openDb(file: string): Promise<Db> {
  const key = file === ':memory:' ? file : path.resolve(file);
  if (key !== ':memory:') {
    if (openPaths.has(key))
      throw new DlxhError('DB_LOCKED', `database ${file} is already open in this process`);
    ensureWritableFolder(file);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file);
  } catch (error) {
    throw translateOpenError(file, error);
  }
  const connection = await instance.connect();
  await configureConnection(connection);
  if (key !== ':memory:') openPaths.add(key);
  return new DuckDb(key === ':memory:' ? key : file, instance, connection);
}
