/** Read connections: a server's per-request reads go on while the main connection holds a transaction. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../data/db.ts';
import { readConnections } from '../../data/readers.ts';
import { tempDir } from '../helpers/temp.ts';

let db: Db;

beforeEach(async () => {
  db = await openDb(path.join(tempDir('dlxh-readers-'), 'readers.duckdb'));
  await db.run('CREATE TABLE items (id INTEGER)');
  await db.run('INSERT INTO items VALUES (1), (2)');
});

afterEach(() => db.close());

describe('readConnections', () => {
  it('answers while a transaction is open on the main connection, with what was committed', async () => {
    const reads = readConnections(db, 2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const begun = new Promise<void>((resolve) => (inside = resolve));
    const writing = db.transaction(async () => {
      await db.run('INSERT INTO items VALUES (3)');
      inside();
      // Held open until the reads below have answered: were they queued behind it, this would never end.
      await held;
    });
    await begun;
    const seen = await Promise.all(
      Array.from({ length: 6 }, () => reads.all<{ id: number }>('SELECT id FROM items ORDER BY id')),
    );
    expect(seen.map((rows) => rows.map((r) => r.id))).toEqual(Array(6).fill([1, 2]));
    release();
    await writing;
    expect(await reads.one<{ n: number }>('SELECT count(*) AS n FROM items')).toEqual({ n: 3 });
  });

  it('reports a failed read to its caller and goes on answering', async () => {
    const reads = readConnections(db, 1);
    await expect(reads.all('SELECT * FROM missing_table')).rejects.toThrow(/missing_table/);
    expect(await reads.one<{ n: number }>('SELECT count(*) AS n FROM items')).toEqual({ n: 2 });
  });
});
