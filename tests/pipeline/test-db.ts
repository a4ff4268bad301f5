import { openDb, type Db } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';

/** A fresh migrated in-memory database. */
export async function openTestDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  return db;
}

export const FIXED_NOW = new Date('2026-11-24T03:00:00Z');
