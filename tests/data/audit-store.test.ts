import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_LOG, attachAuditStore, auditStoreFile } from '../../data/audit-store.ts';
import { appendAudit, auditHash, GENESIS_HASH, verifyAuditChain } from '../../data/audit.ts';
import { openDatabase } from '../../data/database.ts';
import { openDb } from '../../data/db.ts';
import { listMigrations, migrate } from '../../data/migrate.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = new Date('2026-11-24T03:00:00Z');

function removeAuditFile(dbFile: string): void {
  const file = auditStoreFile(dbFile);
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
}

describe('audit store file', () => {
  it('sits beside the database file', () => {
    expect(auditStoreFile('/srv/dlxh/data/dlxh.duckdb')).toBe('/srv/dlxh/data/dlxh.audit.duckdb');
    expect(auditStoreFile('/srv/dlxh/db')).toBe('/srv/dlxh/db.audit.duckdb');
    expect(auditStoreFile(':memory:')).toBe(':memory:');
  });

  it('takes over the entries of a database made before the log had its own file, once', async () => {
    const file = path.join(tempDir('dlxh-audit-store-'), 'old.duckdb');
    const old = await openDb(file);
    await migrate(
      old,
      listMigrations().filter((m) => m.version < 102),
    );
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const record = {
        seq,
        logged_at: NOW,
        actor: 'admin',
        action: 'login',
        object: null,
        details: `{"n":${seq}}`,
        prev_hash: prev,
      };
      prev = auditHash(record);
      await old.run(
        `INSERT INTO main.audit_log VALUES ($seq, $logged_at, $actor, $action, $object, $details, $prev_hash, $hash)`,
        { ...record, hash: prev },
      );
    }
    old.close();
    removeAuditFile(file); // as the old version left it: no audit file yet

    // Interrupted after the copy, before the migration that drops the old table: the copy is not repeated.
    const interrupted = await openDb(file);
    await attachAuditStore(interrupted);
    interrupted.close();

    const db = await openDatabase(file);
    try {
      expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 3 });
      expect(
        await db.all(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()
          AND table_name = 'audit_log'`),
      ).toEqual([]);
      expect((await appendAudit(db, { actor: 'admin', action: 'logout' }, NOW)).seq).toBe(4);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 4 });
    } finally {
      db.close();
    }
  });

  it('refuses to open a database whose audit file is missing or emptied, instead of starting a new chain', async () => {
    const file = path.join(tempDir('dlxh-audit-store-'), 'a.duckdb');
    const db = await openDatabase(file);
    await appendAudit(db, { actor: 'admin', action: 'login' }, NOW);
    db.close();
    removeAuditFile(file);
    await expect(openDatabase(file)).rejects.toThrow(
      /audit log .*a\.audit\.duckdb is missing or was replaced by an empty one, but database .*a\.duckdb wrote its entries to store [0-9a-f-]{36}/,
    );
  });

  it("refuses another database's audit file", async () => {
    const dir = tempDir('dlxh-audit-store-');
    const [a, b] = [path.join(dir, 'a.duckdb'), path.join(dir, 'b.duckdb')];
    for (const file of [a, b]) {
      const db = await openDatabase(file);
      await appendAudit(db, { actor: 'admin', action: 'login' }, NOW);
      db.close();
    }
    removeAuditFile(a);
    fs.copyFileSync(auditStoreFile(b), auditStoreFile(a));
    await expect(openDatabase(a)).rejects.toThrow(/audit log .*a\.audit\.duckdb belongs to another database/);
  });

  it('keeps its entries in its own file, not in the database file', async () => {
    const file = path.join(tempDir('dlxh-audit-store-'), 'c.duckdb');
    const db = await openDatabase(file);
    await appendAudit(db, { actor: 'admin', action: 'login' }, NOW);
    db.close();
    const bare = await openDb(file);
    try {
      expect(await bare.all(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'audit_log'`)).toEqual(
        [],
      );
      await bare.run(`ATTACH '${auditStoreFile(file)}' AS other (READ_ONLY)`);
      expect(await bare.one(`SELECT count(*)::INTEGER AS n FROM other.audit_log`)).toEqual({ n: 1 });
    } finally {
      bare.close();
    }
    expect(AUDIT_LOG).toBe('dlxh_audit.audit_log');
  });
});
