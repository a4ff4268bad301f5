import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  catalogName,
  defaultMemoryLimit,
  openDb,
  ROW_GROUP_SIZE,
  stageRows,
  type Db,
} from '../../data/db.ts';
import { openDatabase } from '../../data/database.ts';
import { listMigrations, migrate } from '../../data/migrate.ts';
import { isDlxhError } from '../../data/errors.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

describe('migrations', () => {
  it('apply once and re-apply as a no-op', async () => {
    const db = await openDb(':memory:');
    const first = await migrate(db);
    expect(first).toEqual(listMigrations().map((m) => m.version));
    expect(first[0]).toBe(1);
    const second = await migrate(db);
    expect(second).toEqual([]);
    const rows = await db.all<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe(first.length);
    db.close();
  });

  it('refuse a migration whose text changed after it was applied', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = await openDb(':memory:');
    await migrate(db, listMigrations(dir));
    fs.writeFileSync(path.join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER, y INTEGER);');
    await expect(migrate(db, listMigrations(dir))).rejects.toThrow(
      /001_a.sql was changed after it was applied/,
    );
    db.close();
  });

  it('roll back a failing migration entirely', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001_ok.sql'), 'CREATE TABLE ok (x INTEGER);');
    fs.writeFileSync(
      path.join(dir, '002_bad.sql'),
      'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;',
    );
    const db = await openDb(':memory:');
    await expect(migrate(db, listMigrations(dir))).rejects.toThrow(/missing_table/);
    const tables = await db.all<{ table_name: string }>(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['ok', 'schema_migrations']);
    db.close();
  });
});

describe('db', () => {
  it('binds values, never splices them', async () => {
    const db = await openDb(':memory:');
    await db.run('CREATE TABLE t (s VARCHAR, n BIGINT, l VARCHAR[], ts TIMESTAMPTZ)');
    const hostile = "x'); DROP TABLE t; --";
    await db.run('INSERT INTO t VALUES ($s, $n, $l, $ts)', {
      s: hostile,
      n: 42,
      l: ['a', 'b'],
      ts: new Date('2026-11-24T01:15:00Z'),
    });
    const row = await db.one<{ s: string; n: number; l: string[]; ts: Date }>('SELECT * FROM t');
    expect(row).toEqual({ s: hostile, n: 42, l: ['a', 'b'], ts: new Date('2026-11-24T01:15:00Z') });
    db.close();
  });

  it('appends rows in bulk with the same values as INSERT, casting what needs a cast', async () => {
    const db = await openDb(':memory:');
    const columns =
      's VARCHAR, j JSON, i TINYINT, b BIGINT, u UBIGINT, d DOUBLE, ts TIMESTAMPTZ, l VARCHAR[], day DATE';
    await db.run(`CREATE TABLE appended (${columns})`);
    await db.run(`CREATE TABLE inserted (${columns})`);
    const rows = Array.from({ length: 5000 }, (_, k) => [
      `tên ${k}`,
      k % 3 ? JSON.stringify({ k }) : null,
      k % 100,
      k * 1_000_000_007,
      18_000_000_000_000_000_000n - BigInt(k),
      k / 7,
      new Date(Date.UTC(2026, 10, 24, 0, 0, k)),
      k % 2 ? ['a', `b${k}`] : [],
      null,
    ]);
    // A row only DuckDB's casts can take (a number for the VARCHAR, strings for the timestamp and date), in the
    // second of three slices: the first and third go through one reused data chunk.
    rows.splice(2100, 0, [7, null, null, null, null, null, '2026-11-24 08:00:00+07', null, '2026-11-25']);
    await db.append('appended', rows);
    for (const row of rows) {
      await db.run('INSERT INTO inserted VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', row);
    }
    const difference = await db.all(
      'SELECT count(*) AS n FROM (SELECT * FROM appended EXCEPT ALL SELECT * FROM inserted)',
    );
    expect(difference).toEqual([{ n: 0 }]);
    expect(await db.one('SELECT count(*) AS n, max(u)::VARCHAR AS u FROM appended')).toEqual({
      n: 5001,
      u: '18000000000000000000',
    });
    db.close();
  });

  it('appends rows staged ahead of time like rows given at once, and refuses a table of other types', async () => {
    const db = await openDb(':memory:');
    const columns = 'n INTEGER, s VARCHAR, d DOUBLE, u UBIGINT, ts TIMESTAMPTZ, ok BOOLEAN';
    await db.run(`CREATE TABLE staged (${columns})`);
    await db.run(`CREATE TABLE direct (${columns})`);
    const rows = Array.from({ length: 4500 }, (_, k) => [
      k,
      k % 5 ? `dòng ${k}` : null,
      k / 3,
      2n ** 63n + BigInt(k),
      new Date(Date.UTC(2026, 10, 24, 0, 0, k)),
      k % 2 === 0,
    ]);
    // A value only DuckDB's cast takes (a string for the timestamp), in the second of three slices.
    rows.splice(2500, 0, [-1, 'x', 0, 0n, '2026-11-24 08:00:00+07', null]);
    const staged = stageRows(['INTEGER', 'VARCHAR', 'DOUBLE', 'UBIGINT', 'TIMESTAMPTZ', 'BOOLEAN'], rows);
    await db.append('staged', staged);
    await db.append('direct', rows);
    const difference = await db.all(
      'SELECT count(*) AS n FROM (SELECT * FROM staged EXCEPT ALL SELECT * FROM direct)',
    );
    expect(difference).toEqual([{ n: 0 }]);
    expect(await db.one('SELECT count(*) AS n FROM staged')).toEqual({ n: 4501 });
    const wrong = await db.append('direct', stageRows(['VARCHAR'], [['x']])).catch((e: unknown) => e);
    expect((wrong as Error).message).toMatch(
      /^append to direct: staged as \(VARCHAR\), table has \(INTEGER, /,
    );
    expect(await db.one('SELECT count(*) AS n FROM direct')).toEqual({ n: 4501 });
    db.close();
  });

  it('applies DuckDB settings: dlxh defaults, what is given, and a clear error for a bad value', async () => {
    const setting = async (db: Db, name: string) =>
      (await db.one<{ value: string }>('SELECT current_setting($name)::VARCHAR AS value', { name }))!.value;
    expect([1, 2, 8, 16].map((threads) => defaultMemoryLimit(threads))).toEqual([
      '256MiB',
      '256MiB',
      '512MiB',
      '1024MiB',
    ]);
    const defaults = await openDb(':memory:', { threads: 8 });
    expect(await setting(defaults, 'memory_limit')).toBe('512.0 MiB');
    expect(await setting(defaults, 'checkpoint_threshold')).toBe('64.0 MiB');
    defaults.close();
    const given = await openDb(':memory:', { memoryLimit: '1GiB', threads: 1, checkpointThreshold: '16MiB' });
    expect(await setting(given, 'memory_limit')).toBe('1.0 GiB');
    expect(await setting(given, 'threads')).toBe('1');
    expect(await setting(given, 'checkpoint_threshold')).toBe('16.0 MiB');
    given.close();
    await expect(openDb(':memory:', { memoryLimit: 'lots' })).rejects.toThrow(
      'invalid duckdb memory_limit: "lots" (expected a size such as 512MiB)',
    );
    await expect(openDb(':memory:', { threads: 0 })).rejects.toThrow('invalid duckdb threads: 0');
  });

  it('stores a file in row groups of ROW_GROUP_SIZE, under the file name, the same on every connection', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.duckdb');
    const db = await openDb(file);
    expect((await db.one<{ name: string }>('SELECT current_database() AS name'))!.name).toBe('store');
    const setting = (await db.one<{ dir: string }>(`SELECT current_setting('temp_directory') AS dir`))!.dir;
    expect(setting).toBe(`${file}.tmp`);
    const rows = 3 * ROW_GROUP_SIZE + 100;
    await db.run(`CREATE TABLE t AS SELECT range AS i, repeat('ô', 200) AS s FROM range(${rows})`);
    // Appended in small transactions, as imports do, then checkpointed.
    for (let k = 0; k < 10; k++) await db.run(`INSERT INTO t SELECT range + ${rows}, 'x' FROM range(1000)`);
    await db.run('CHECKPOINT');
    const groups = await db.all<{ n: number }>(
      `SELECT max(row_group_id) + 1 AS n FROM pragma_storage_info('t')`,
    );
    expect(groups[0]!.n).toBe(Math.ceil((rows + 10_000) / ROW_GROUP_SIZE));
    const other = await db.connect();
    expect((await other.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(rows + 10_000);
    db.close();
    // Closed cleanly: checkpointed, nothing left in the WAL; the file opens again with its data.
    expect(fs.existsSync(`${file}.wal`)).toBe(false);
    const again = await openDb(file);
    expect((await again.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(rows + 10_000);
    again.close();
    expect([catalogName('/x/dlxh.duckdb'), catalogName('memory.duckdb'), catalogName('a.b.db')]).toEqual([
      'dlxh',
      'memory_db',
      'a',
    ]);
  });

  it('rolls back a failed transaction and keeps earlier data', async () => {
    const db = await openDb(':memory:');
    await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await db.run('INSERT INTO t VALUES (1)');
    await expect(
      db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (2)');
        await db.run('INSERT INTO t VALUES (1)');
      }),
    ).rejects.toThrow();
    expect(await db.all('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }]);
    db.close();
  });

  it('allows only one read-only statement in readOnlyQuery, with a row limit', async () => {
    const db = await openDb(':memory:');
    await db.run('CREATE TABLE t AS SELECT range AS i FROM range(10)');
    const result = await db.readOnlyQuery('SELECT i FROM t ORDER BY i', 3);
    expect(result).toEqual({ columns: ['i'], rows: [{ i: 0 }, { i: 1 }, { i: 2 }], truncated: true });
    await expect(db.readOnlyQuery('DELETE FROM t', 10)).rejects.toThrow('only SELECT queries are allowed');
    await expect(db.readOnlyQuery('SELECT 1; DROP TABLE t', 10)).rejects.toThrow('exactly one statement');
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(10);
    db.close();
  });

  it('refuses to open the same file twice in one process', async () => {
    const file = path.join(tempDir(), 'one.duckdb');
    const db = await openDb(file);
    await expect(openDb(file)).rejects.toThrow(/already open in this process/);
    db.close();
  });

  it('names a corrupt file clearly', async () => {
    const file = path.join(tempDir(), 'bad.duckdb');
    fs.writeFileSync(file, 'this is not a database at all, just text\n'.repeat(200));
    const error = await openDb(file).catch((e: unknown) => e);
    expect(isDlxhError(error, 'DB_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^database ${file} is not a dlxh DuckDB database`));
  });

  it('names a folder that cannot hold the database', async () => {
    const blocker = path.join(tempDir(), 'file');
    fs.writeFileSync(blocker, 'x');
    const error = await openDb(path.join(blocker, 'db.duckdb')).catch((e: unknown) => e);
    expect(isDlxhError(error, 'DB_UNWRITABLE')).toBe(true);
    expect((error as Error).message).toContain('is not writable');
  });

  it('gives the lock message when another process holds the file', async () => {
    const file = path.join(tempDir(), 'held.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${REPO_ROOT}/data/db.ts').then(async (m) => { await m.openDb(${JSON.stringify(file)}); console.log('held'); setInterval(() => {}, 1000); })`,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const error = await openDb(file).catch((e: unknown) => e);
      expect(isDlxhError(error, 'DB_LOCKED')).toBe(true);
      expect((error as Error).message).toBe(
        `database ${file} is in use by another dlxh process (pid ${holder.pid}); stop it or use the server's API`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('data version', () => {
  it('grows after each write on the main connection, once committed, and not after reads', async () => {
    const db = await openDb(':memory:');
    await db.run('CREATE TABLE t (n INTEGER)');
    let seen = db.dataVersion;
    const grew = () => {
      const grown = db.dataVersion > seen;
      seen = db.dataVersion;
      return grown;
    };
    await db.run('INSERT INTO t VALUES (1)');
    expect(grew()).toBe(true);
    await db.all('SELECT * FROM t');
    await db.one('SELECT count(*) AS n FROM t');
    await db.readOnlyQuery('SELECT n FROM t', 10);
    expect(grew()).toBe(false);
    expect(await db.all('INSERT INTO t VALUES (2) RETURNING n')).toEqual([{ n: 2 }]);
    expect(grew()).toBe(true);
    await db.all('INSERT INTO t VALUES (3); SELECT 1 AS one');
    expect(grew()).toBe(true);
    await db.append('t', [[4], [5]]);
    expect(grew()).toBe(true);
    await db.transaction(() => db.all('SELECT * FROM t'));
    expect(grew()).toBe(false);
    await expect(db.run('INSERT INTO t VALUES (6); INSERT INTO missing VALUES (1)')).rejects.toThrow(
      /missing/,
    );
    expect(grew()).toBe(true);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(6);
    db.close();
  });

  it('grows again at the commit of a transaction that wrote, so a version read before it never names the new data', async () => {
    const dir = tempDir();
    const db = await openDb(path.join(dir, 'v.duckdb'));
    await db.run('CREATE TABLE t (n INTEGER)');
    const reader = await db.connect();
    let during = -1;
    await db.transaction(async () => {
      await db.run('INSERT INTO t VALUES (1)');
      during = db.dataVersion;
      // Another connection does not see the row yet: an answer computed now is of the old data.
      expect((await reader.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(0);
    });
    expect(db.dataVersion).toBeGreaterThan(during);
    expect((await reader.one<{ n: number }>('SELECT count(*) AS n FROM t'))!.n).toBe(1);
    const before = db.dataVersion;
    await expect(
      db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (2)');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(db.dataVersion).toBeGreaterThanOrEqual(before);
    // Connections made by connect() (reads, scoped views, the audit writer) do not move it; they share it.
    const other = db.dataVersion;
    await reader.run('CREATE TEMP TABLE scratch (n INTEGER)');
    expect(db.dataVersion).toBe(other);
    expect(reader.dataVersion).toBe(other);
    db.close();
  });
});

describe('openDatabase', () => {
  it('creates, migrates and loads the reference data; reopening changes nothing', async () => {
    const file = path.join(tempDir(), 'new', 'dlxh.duckdb');
    const db = await openDatabase(file);
    const counts = async () =>
      db.one<{ units: number; topics: number; succ: number }>(
        `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM topics) AS topics,
                (SELECT count(*) FROM unit_successors) AS succ`,
      );
    const before = await counts();
    expect(before!.units).toBeGreaterThan(400);
    expect(before!.topics).toBeGreaterThanOrEqual(15);
    expect(before!.succ).toBeGreaterThan(290);
    db.close();
    const again = await openDatabase(file);
    const after = await again.one(
      `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM topics) AS topics,
              (SELECT count(*) FROM unit_successors) AS succ`,
    );
    expect(after).toEqual(before);
    again.close();
  });
});

describe('db concurrency', () => {
  it('runs concurrent transactions one after the other, never interleaved', async () => {
    const db = await openDb(':memory:');
    await db.run('CREATE TABLE t (flow INTEGER, step INTEGER)');
    const flow = (id: number) =>
      db.transaction(async () => {
        for (let step = 0; step < 5; step++) {
          await db.run('INSERT INTO t VALUES ($1, $2)', [id, step]);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        if (id === 2) throw new Error('flow 2 fails');
      });
    const results = await Promise.allSettled([
      flow(1),
      flow(2),
      flow(3),
      db.run('INSERT INTO t VALUES (9, 0)'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await db.all<{ flow: number; step: number }>('SELECT flow, step FROM t ORDER BY rowid');
    expect(rows.filter((r) => r.flow === 2)).toEqual([]);
    const order = rows.map((r) => r.flow);
    expect(order.filter((f) => f === 1)).toHaveLength(5);
    expect(order.filter((f) => f === 3)).toHaveLength(5);
    const firstThree = order.indexOf(3);
    expect(order.slice(firstThree, firstThree + 5)).toEqual([3, 3, 3, 3, 3]);
    expect(order.slice(order.indexOf(1), order.indexOf(1) + 5)).toEqual([1, 1, 1, 1, 1]);
    db.close();
  });
});
