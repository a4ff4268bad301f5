/** `dlxh sql` is audited like the web SQL explorer, and with `--as USER` filtered by that user's clearance. */
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../data/audit.ts';
import { openDatabase } from '../../data/database.ts';
import { createUser } from '../../data/users.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const NOW = new Date('2026-11-24T03:00:00Z');
const OS_USER = os.userInfo().username;

interface AuditRow {
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** The audit log's entries, after checking its hash chain. */
async function auditLog(file: string): Promise<AuditRow[]> {
  const db = await openDatabase(file);
  try {
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    const rows = await db.all<{ actor: string; action: string; details: string }>(
      'SELECT actor, action, details FROM dlxh_audit.audit_log ORDER BY seq',
    );
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

describe('dlxh sql', () => {
  let file: string;
  const sql = (...args: string[]) => runCli(['--db', file, 'sql', ...args]);

  beforeAll(async () => {
    file = path.join(tempDir('dlxh-sql-cli-'), 'dlxh.duckdb');
    const db = await openDatabase(file);
    try {
      const user = (username: string, role: 'analyst' | 'officer', clearance: number) =>
        createUser(
          db,
          {
            username,
            role,
            clearance,
            unitUid: role === 'officer' ? '24133/2025' : null,
            password: 'correct-horse-42',
          },
          NOW,
        );
      await user('phantich', 'analyst', 1);
      await user('canbo', 'officer', 3);
      for (const [id, classification] of [
        ['thuong', 0],
        ['mat', 1],
        ['toi-mat', 2],
      ] as const) {
        await db.run(
          `INSERT INTO documents (id, import_source, outlet, kind, title, text, published_at, ingested_at, lang,
             content_hash, classification)
           VALUES ($id, 'test', 'Báo Đắk Lắk', 'news', $id, 'Nội dung', $now, $now, 'vi', $id, $c)`,
          { id, now: NOW, c: classification },
        );
      }
    } finally {
      db.close();
    }
  }, 60_000);

  it('audits the operator’s reads and refusals, with the OS user', async () => {
    const read = await sql('SELECT id FROM documents ORDER BY id', '--format', 'json');
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual([{ id: 'mat' }, { id: 'thuong' }, { id: 'toi-mat' }]);
    const write = await sql('DELETE FROM documents');
    expect(write.code).not.toBe(0);
    expect(write.stderr.trim()).toBe('dlxh: sql: only SELECT queries are allowed here');

    const log = await auditLog(file);
    expect(log.slice(-2)).toEqual([
      {
        actor: `cli:${OS_USER}`,
        action: 'sql.query',
        details: {
          sql: 'SELECT id FROM documents ORDER BY id',
          rows: 3,
          truncated: false,
          via: 'cli',
          os_user: OS_USER,
        },
      },
      {
        actor: `cli:${OS_USER}`,
        action: 'sql.refused',
        details: {
          sql: 'DELETE FROM documents',
          error: 'sql: only SELECT queries are allowed here',
          via: 'cli',
          os_user: OS_USER,
        },
      },
    ]);
  }, 60_000);

  it('applies the SQL explorer’s rules for the user named by --as, and audits as that user', async () => {
    const read = await sql('SELECT id FROM documents ORDER BY id', '--format', 'json', '--as', 'phantich');
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual([{ id: 'mat' }, { id: 'thuong' }]);

    const hidden = await sql('SELECT count(*) FROM audit_log', '--as', 'phantich');
    expect(hidden.code).not.toBe(0);
    expect(hidden.stderr.trim()).toBe('dlxh: sql: table "audit_log" is not available here');
    const file_ = await sql(`SELECT * FROM read_csv('/etc/passwd')`, '--as', 'phantich');
    expect(file_.code).not.toBe(0);
    expect(file_.stderr).toMatch(/not allowed/);

    const officer = await sql('SELECT 1', '--as', 'canbo');
    expect(officer.code).not.toBe(0);
    expect(officer.stderr.trim()).toBe('dlxh: --as: user "canbo" (officer) may not use the SQL explorer');
    const nobody = await sql('SELECT 1', '--as', 'khong-co');
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr.trim()).toBe('dlxh: --as: no active user "khong-co"');

    const log = await auditLog(file);
    expect(log.slice(-5).map((r) => [r.actor, r.action, r.details.os_user, r.details.rows ?? null])).toEqual([
      ['phantich', 'sql.query', OS_USER, 2],
      ['phantich', 'sql.refused', OS_USER, null],
      ['phantich', 'sql.refused', OS_USER, null],
      ['canbo', 'sql.refused', OS_USER, null],
      [`cli:${OS_USER}`, 'sql.refused', OS_USER, null],
    ]);
  }, 120_000);
});
