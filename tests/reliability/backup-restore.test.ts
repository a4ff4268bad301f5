import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG, attachAuditStore, auditStoreFile } from '../../data/audit-store.ts';
import { appendAudit, verifyAuditChain } from '../../data/audit.ts';
import { backupDatabase, restoreDatabase, verifyBackup, type BackupManifest } from '../../data/backup.ts';
import { openDatabase } from '../../data/database.ts';
import { openDb, quoteIdent, type Db } from '../../data/db.ts';
import { listMigrations } from '../../data/migrate.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = new Date('2026-11-24T03:00:00Z');

/**
 * Every table's rows in a stable order, the next value of every sequence and the audit log (its file attached here
 * when the database was opened bare), as one comparable value.
 */
async function dump(db: Db): Promise<Record<string, unknown>> {
  await attachAuditStore(db);
  const out: Record<string, unknown> = {
    audit: await db.all(
      `SELECT seq, actor, action, CAST(details AS VARCHAR) AS details, hash FROM ${AUDIT_LOG}`,
    ),
    audit_store: await db.all('SELECT store_id FROM dlxh_audit.store_info'),
  };
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY 1`,
  );
  for (const { table_name } of tables) {
    out[table_name] = JSON.parse(
      JSON.stringify(
        await db.all(`SELECT * FROM ${quoteIdent(table_name)} ORDER BY ALL`),
        (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
      ),
    );
  }
  const sequences = await db.all<{ sequence_name: string }>(
    `SELECT sequence_name FROM duckdb_sequences() WHERE database_name = current_database() ORDER BY 1`,
  );
  for (const { sequence_name } of sequences) {
    out[`sequence ${sequence_name}`] = (await db.one(`SELECT nextval($s) AS n`, { s: sequence_name }))!;
  }
  out.views = await db.all(
    `SELECT view_name, sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal ORDER BY 1`,
  );
  return out;
}

/** A database with every awkward type dlxh stores: lists, JSON, UBIGINT, TIMESTAMPTZ, NULLs, sequences, the audit chain. */
async function populate(db: Db): Promise<void> {
  await db.run(
    `INSERT INTO documents (id, import_source, outlet, kind, url, title, text, published_at, ingested_at, locality_uid,
       lang, content_hash, simhash, classification, extra)
     VALUES ('d1', 'test', 'Báo Đắk Lắk', 'news', 'https://baodaklak.vn/a', 'Giá cà phê', 'Người dân phản ánh giá cà phê',
       '2026-11-24T08:15:00+07:00', $now, '66/2025', 'vi', 'h1', 18446744073709551615, 1, '{"guid":"g1","tags":["a","b"]}'),
       ('d''2', 'test', NULL, NULL, NULL, NULL, 'Xã Ea Tu; "trích dẫn"', NULL, $now, NULL, 'vi', 'h2', 0, 0, NULL)`,
    { now: NOW },
  );
  await db.run(
    `INSERT INTO doc_scores VALUES ('d1', 'v1', 'negative', -0.5, ['gia-ca', 'nong-nghiep'], '{"gia-ca":0.9}',
       ['66/2025'], '66/2025', $now), ('d''2', 'v1', 'neutral', 0, [], NULL, [], NULL, $now)`,
    { now: NOW },
  );
  for (let i = 0; i < 3; i++) {
    await db.run(
      `INSERT INTO job_runs (job, started_at, status, details) VALUES ('jsonl:test', $now, 'ok', '{"n":1}')`,
      {
        now: NOW,
      },
    );
  }
  await appendAudit(db, { actor: 'admin', action: 'login' }, NOW);
  await appendAudit(
    db,
    { actor: 'phantich', action: 'export', object: 'documents', details: { rows: 2 } },
    NOW,
  );
  await appendAudit(db, { actor: 'phantich', action: 'sql', details: { query: "SELECT 'x'" } }, NOW);
}

describe('backup and restore', () => {
  let dir: string;
  let source: string;
  let backup: string;
  let manifest: BackupManifest;
  let original: Record<string, unknown>;

  beforeAll(async () => {
    dir = tempDir('dlxh-backup-');
    source = path.join(dir, 'source.duckdb');
    backup = path.join(dir, 'backup');
    const db = await openDatabase(source);
    try {
      await populate(db);
      manifest = await backupDatabase(db, backup, NOW);
      original = await dump(db);
    } finally {
      db.close();
    }
  });

  it('writes Parquet per table, schema.sql and a manifest with checksums, row counts and migrations', () => {
    const files = fs.readdirSync(backup);
    expect(files).toEqual(
      expect.arrayContaining(['manifest.json', 'SHA256SUMS', 'schema.sql', 'documents.parquet']),
    );
    expect(manifest.created_at).toBe('2026-11-24T10:00:00+07:00');
    expect(manifest.migrations.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
    expect(manifest.tables.find((t) => t.name === 'documents')).toEqual({
      name: 'documents',
      file: 'documents.parquet',
      rows: 2,
    });
    expect(manifest.tables.find((t) => t.name === 'audit_log')).toBeUndefined();
    expect(manifest.audit).toMatchObject({ file: 'audit-log.parquet', rows: 3 });
    expect(manifest.audit!.store_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(manifest.audit!.head).toBe((original.audit as { hash: string }[])[2]!.hash);
    expect(manifest.files.map((f) => f.file)).toContain('audit-log.parquet');
    expect(manifest.tables.find((t) => t.name === 'units')!.rows).toBeGreaterThan(100);
    for (const entry of manifest.files) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    const sums = fs.readFileSync(path.join(backup, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(/^[0-9a-f]{64} {2}documents\.parquet$/m);
    expect(sums).toMatch(/^[0-9a-f]{64} {2}manifest\.json$/m);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('restores into a new file with identical rows, sequences and views, and the audit chain verifies', async () => {
    const target = path.join(dir, 'restored.duckdb');
    const report = await restoreDatabase(backup, target);
    expect(report).toMatchObject({
      tables: manifest.tables.length,
      replaced: false,
      audit: { entries: 3, ok: true },
    });
    expect(fs.existsSync(auditStoreFile(target))).toBe(true);
    const db = await openDb(target);
    try {
      expect(await dump(db)).toEqual(original);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 3 });
      const doc = await db.one<{ simhash: unknown; extra: string; t: string }>(
        `SELECT simhash, extra, typeof(extra) AS t FROM documents WHERE id = 'd1'`,
      );
      expect(doc).toEqual({
        simhash: '18446744073709551615',
        extra: '{"guid":"g1","tags":["a","b"]}',
        t: 'JSON',
      });
      const score = await db.one(`SELECT topics, places FROM doc_scores WHERE doc_id = 'd1'`);
      expect(score).toEqual({ topics: ['gia-ca', 'nong-nghiep'], places: ['66/2025'] });
    } finally {
      db.close();
    }
    const reopened = await openDatabase(target);
    expect(await reopened.all('SELECT version FROM schema_migrations ORDER BY 1')).toHaveLength(
      listMigrations().length,
    );
    reopened.close();
  });

  it('refuses a database that holds tables unless forced, and then replaces it whole, audit file included', async () => {
    const target = path.join(dir, 'busy.duckdb');
    const db = await openDatabase(target);
    await db.run('CREATE TABLE other (x INTEGER)');
    await db.run('INSERT INTO other VALUES (42)');
    await appendAudit(db, { actor: 'someone', action: 'login' }, NOW);
    db.close();
    await expect(restoreDatabase(backup, target)).rejects.toThrow(
      /restore: database .*busy\.duckdb is not empty \(\d+ tables\); .*--force/,
    );
    const report = await restoreDatabase(backup, target, { force: true });
    expect(report.replaced).toBe(true);
    const after = await openDb(target);
    try {
      expect(await after.all(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'other'`)).toEqual(
        [],
      );
      expect(await dump(after)).toEqual(original);
    } finally {
      after.close();
    }
    // The pair belongs together again: it opens, and the chain goes on from the restored head.
    const reopened = await openDatabase(target);
    try {
      expect((await appendAudit(reopened, { actor: 'admin', action: 'login' }, NOW)).seq).toBe(4);
      expect(await verifyAuditChain(reopened)).toEqual({ ok: true, entries: 4 });
    } finally {
      reopened.close();
    }
  });

  it('refuses a backup whose manifest lists no audit file', () => {
    const partial = path.join(dir, 'no-audit');
    fs.cpSync(backup, partial, { recursive: true });
    const edited = JSON.parse(fs.readFileSync(path.join(partial, 'manifest.json'), 'utf8')) as BackupManifest;
    fs.writeFileSync(
      path.join(partial, 'manifest.json'),
      JSON.stringify({ ...edited, files: edited.files.filter((f) => f.file !== 'audit-log.parquet') }),
    );
    expect(() => verifyBackup(partial)).toThrow(/the audit log has no listed file/);
  });

  it('checks every checksum before touching the target and names the damaged file', async () => {
    const damaged = path.join(dir, 'damaged');
    fs.cpSync(backup, damaged, { recursive: true });
    const file = path.join(damaged, 'documents.parquet');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const target = path.join(dir, 'never.duckdb');
    expect(() => verifyBackup(damaged)).toThrow(/documents\.parquet: checksum mismatch/);
    await expect(restoreDatabase(damaged, target)).rejects.toThrow(
      /damaged: documents\.parquet: checksum mismatch/,
    );
    expect(fs.existsSync(target)).toBe(false);
    fs.copyFileSync(path.join(backup, 'documents.parquet'), file);
    fs.rmSync(path.join(damaged, 'schema.sql'));
    expect(() => verifyBackup(damaged)).toThrow(/schema\.sql: file missing/);
  });

  it('refuses manifests that point outside the backup, unknown migrations and non-empty backup folders', async () => {
    const hostile = path.join(dir, 'hostile');
    fs.cpSync(backup, hostile, { recursive: true });
    const edited = JSON.parse(fs.readFileSync(path.join(hostile, 'manifest.json'), 'utf8')) as BackupManifest;
    fs.writeFileSync(
      path.join(hostile, 'manifest.json'),
      JSON.stringify({
        ...edited,
        files: [...edited.files, { file: '../source.duckdb', bytes: 1, sha256: 'x' }],
      }),
    );
    expect(() => verifyBackup(hostile)).toThrow(/invalid file name "\.\.\/source\.duckdb"/);
    fs.writeFileSync(
      path.join(hostile, 'manifest.json'),
      JSON.stringify({
        ...edited,
        migrations: [...edited.migrations, { version: 999, name: 'future', checksum: 'x' }],
      }),
    );
    await expect(restoreDatabase(hostile, path.join(dir, 'future.duckdb'))).rejects.toThrow(
      /made by a newer dlxh \(migration 999_future is unknown here\)/,
    );
    fs.writeFileSync(path.join(hostile, 'manifest.json'), '{"format":"something else"}');
    expect(() => verifyBackup(hostile)).toThrow(/manifest\.json: not a dlxh backup manifest/);
    const db = await openDb(':memory:');
    await expect(backupDatabase(db, hostile, NOW)).rejects.toThrow(/hostile: folder is not empty/);
    db.close();
  });

  it('round-trips through the CLI with identical query results', async () => {
    const cliBackup = path.join(dir, 'cli-backup');
    const restored = path.join(dir, 'cli-restored.duckdb');
    const made = await runCli(['--db', source, 'backup', cliBackup]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/sao lưu .* bảng/);
    const back = await runCli(['--db', restored, 'restore', cliBackup]);
    expect(back.code, back.stderr).toBe(0);
    const a = await openDb(source);
    const before = await dump(a);
    a.close();
    const b = await openDb(restored);
    try {
      expect(await dump(b)).toEqual(before);
    } finally {
      b.close();
    }
  });
});
