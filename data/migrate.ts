/** Applies numbered .sql migrations once each, in order, recording them in schema_migrations. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { attachAuditStore, linkAuditStore } from './audit-store.ts';
import type { Db } from './db.ts';
import { DlxhError } from './errors.ts';

/** The migration that creates the database's half of the audit-store link. */
const AUDIT_STORE_MIGRATION = 102;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Migrations in `dir`, named `NNN_name.sql`, sorted by number. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const seen = new Map<number, string>();
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new DlxhError('CONFIG', `migration ${file}: name must be NNN_name.sql`);
      const version = Number(match[1]);
      const clash = seen.get(version);
      if (clash)
        throw new DlxhError('CONFIG', `migration ${file}: number ${version} already used by ${clash}`);
      seen.set(version, file);
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version,
        name: match[2]!,
        file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Apply pending migrations, each in its own transaction, with the audit file attached and checked (see
 * audit-store.ts). Returns the versions applied.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<number[]> {
  await attachAuditStore(db);
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)`);
  const done = new Map(
    (
      await db.all<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')
    ).map((row) => [row.version, row.checksum]),
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    const checksum = done.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new DlxhError(
          'DB_INVALID',
          `migration ${migration.file} was changed after it was applied to ${db.path}; add a new migration instead`,
        );
      }
      continue;
    }
    await db.transaction(async () => {
      await db.run(migration.sql);
      await db.run('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
    });
    applied.push(migration.version);
  }
  if (done.has(AUDIT_STORE_MIGRATION) || applied.includes(AUDIT_STORE_MIGRATION))
    await linkAuditStore(db, new Date());
  return applied;
}
