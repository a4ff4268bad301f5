/** Opens the dlxh database: creates it if missing, applies migrations, loads our reference data. */
import type { Db, DbSettings } from './db.ts';
import { openDb } from './db.ts';
import { migrate } from './migrate.ts';
import { seedReference } from './seed-reference.ts';

export const DEFAULT_DB_PATH = 'data/dlxh.duckdb';

/** `const db = await openDatabase('data/dlxh.duckdb')` — ready to use, schema current, units and topics loaded. */
export async function openDatabase(file: string, settings: DbSettings = {}): Promise<Db> {
  const db = await openDb(file, settings);
  try {
    await migrate(db);
    await seedReference(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
