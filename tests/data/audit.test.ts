/** The audit log's group commit: concurrent appends share transactions, yet the chain stays exact and whole. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, type AuditRecord } from '../../data/audit.ts';
import { openDb, type Db } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';
import { tempDir } from '../helpers/temp.ts';

const now = new Date('2026-11-20T03:00:00Z');
let db: Db;

beforeEach(async () => {
  db = await openDb(path.join(tempDir('dlxh-audit-'), 'audit.duckdb'));
  await migrate(db);
});

afterEach(() => db.close());

async function stored(): Promise<AuditRecord[]> {
  return db.all<AuditRecord>(
    'SELECT seq, logged_at, actor, action, object, CAST(details AS VARCHAR) AS details, prev_hash, hash FROM dlxh_audit.audit_log ORDER BY seq',
  );
}

describe('appendAudit under concurrent requests', () => {
  it('chains 60 concurrent appends in the order they were made, each committed when it resolves', async () => {
    const before = (await stored()).length;
    const other = await db.connect();
    const records = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appendAudit(db, { actor: `user-${i}`, action: 'sql.query', details: { i } }, now).then(
          async (record) => {
            // Visible to another connection as soon as the append resolved: committed, not merely queued.
            const seen = await other.one<{ actor: string }>(
              'SELECT actor FROM dlxh_audit.audit_log WHERE seq = $seq',
              {
                seq: record.seq,
              },
            );
            expect(seen?.actor).toBe(`user-${i}`);
            return record;
          },
        ),
      ),
    );
    other.close();
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => before + i + 1));
    expect(records.map((r) => r.actor)).toEqual(Array.from({ length: 60 }, (_, i) => `user-${i}`));
    const rows = await stored();
    expect(rows.slice(before).map((r) => [r.seq, r.hash, r.prev_hash])).toEqual(
      records.map((r) => [r.seq, r.hash, r.prev_hash]),
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: before + 60 });
  });

  it('fails only the entry that cannot be written; the others of its group are written and chained', async () => {
    const before = (await stored()).length;
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) =>
        appendAudit(
          db,
          { actor: 'phantich', action: 'export', details: i === 4 ? { rows: 1n } : { rows: i } },
          now,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      ...Array<string>(4).fill('fulfilled'),
      'rejected',
      ...Array<string>(4).fill('fulfilled'),
    ]);
    const rows = await stored();
    expect(rows.slice(before).map((r) => JSON.parse(r.details!) as unknown)).toEqual(
      [0, 1, 2, 3, 5, 6, 7, 8].map((rows) => ({ rows })),
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: before + 8 });
  });
});
