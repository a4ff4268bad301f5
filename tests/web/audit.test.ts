import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  appendAudit,
  auditHash,
  canonicalJson,
  listAudit,
  verifyAuditChain,
} from '../../data/audit.ts';
import { openDb, type Db } from '../../data/db.ts';
import { migrate } from '../../data/migrate.ts';
import { NOW, login, makeFixture, type Fixture } from './fixtures.ts';

async function freshDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  return db;
}

async function actionsSince(
  db: Db,
  seq: number,
): Promise<{ actor: string; action: string; object: string | null; details: string | null }[]> {
  return db.all(
    `SELECT actor, action, object, CAST(details AS VARCHAR) AS details FROM dlxh_audit.audit_log WHERE seq > $seq ORDER BY seq`,
    { seq },
  );
}

async function lastSeq(db: Db): Promise<number> {
  return (await db.one<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM dlxh_audit.audit_log'))!.n;
}

describe('audit chain', () => {
  it('links each entry to the one before and verifies', async () => {
    const db = await freshDb();
    const first = await appendAudit(db, { actor: 'a', action: 'login' }, NOW);
    const second = await appendAudit(
      db,
      { actor: 'a', action: 'export', object: 'documents', details: { rows: 3, b: [1], a: 'x' } },
      NOW,
    );
    expect(first.prev_hash).toBe(GENESIS_HASH);
    expect(second.prev_hash).toBe(first.hash);
    expect(second.details).toBe('{"a":"x","b":[1],"rows":3}');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 2 });
    expect((await listAudit(db, { action: 'export' })).map((r) => r.seq)).toEqual([2]);
    db.close();
  });

  it('stays one unbroken chain under concurrent appends', async () => {
    const db = await freshDb();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => appendAudit(db, { actor: `u${i}`, action: 'view' }, NOW)),
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 25 });
    db.close();
  });

  it.each([
    [
      'an edited entry',
      `UPDATE dlxh_audit.audit_log SET details = '{"rows":999}' WHERE seq = 2`,
      2,
      /does not match its hash/,
    ],
    [
      'an edited actor',
      `UPDATE dlxh_audit.audit_log SET actor = 'someone-else' WHERE seq = 3`,
      3,
      /does not match its hash/,
    ],
    ['a deleted entry', `DELETE FROM dlxh_audit.audit_log WHERE seq = 2`, 3, /expected entry 2/],
    ['a truncated tail re-linked', `DELETE FROM dlxh_audit.audit_log WHERE seq >= 3`, null, null],
  ])('detects %s', async (_label, tamper, brokenAt, problem) => {
    const db = await freshDb();
    for (let i = 0; i < 4; i++)
      await appendAudit(db, { actor: 'a', action: 'view', details: { rows: i } }, NOW);
    await db.run(tamper);
    const result = await verifyAuditChain(db);
    if (brokenAt === null) {
      // Dropping the newest entries leaves a valid shorter chain: the count is what tells.
      expect(result).toEqual({ ok: true, entries: 2 });
    } else {
      expect(result.ok).toBe(false);
      expect(result.broken?.seq).toBe(brokenAt);
      expect(result.broken?.problem).toMatch(problem!);
    }
    db.close();
  });

  it('detects an entry rewritten with a recomputed hash, at the next link', async () => {
    const db = await freshDb();
    for (let i = 0; i < 3; i++) await appendAudit(db, { actor: 'a', action: 'view' }, NOW);
    const row = (await db.one<{ seq: number; prev_hash: string }>(
      'SELECT seq, prev_hash FROM dlxh_audit.audit_log WHERE seq = 2',
    ))!;
    const forged = { ...row, logged_at: NOW, actor: 'mallory', action: 'view', object: null, details: null };
    await db.run('UPDATE dlxh_audit.audit_log SET actor = $actor, hash = $hash WHERE seq = 2', {
      actor: 'mallory',
      hash: auditHash(forged),
    });
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      broken: { seq: 3, problem: expect.stringMatching(/link/) },
    });
    db.close();
  });

  it('serialises details canonically', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [{ z: 1, y: 2 }] })).toBe(
      '{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}',
    );
  });
});

describe('audited actions in the web app', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.db.close());

  it('records sign-in, views of classified records, exports, SQL queries and admin changes', async () => {
    const start = await lastSeq(f.db);
    const analyst = await login(f.app, 'analyst1');
    await analyst.agent.get('/documents/d-0-here-dat-dai').expect(200);
    await analyst.agent.get('/documents/d-1-here-dat-dai').expect(200);
    await analyst.agent.get('/api/hotspots/a-1-here').expect(200);
    await analyst.agent.get('/api/export/documents?format=json').expect(200);
    await analyst.agent
      .post('/api/sql')
      .set('x-csrf-token', analyst.csrf)
      .send({ sql: 'SELECT count(*) AS n FROM documents' })
      .expect(200);
    await analyst.agent
      .post('/api/sql')
      .set('x-csrf-token', analyst.csrf)
      .send({ sql: 'SELECT * FROM users' })
      .expect(403);
    const admin = await login(f.app, 'admin');
    await admin.agent
      .post('/api/admin/users')
      .set('x-csrf-token', admin.csrf)
      .send({
        username: 'new-officer',
        role: 'officer',
        unit_uid: '24133/2025',
        clearance: '1',
        password: 'a-long-password',
      })
      .expect(201);
    await admin.agent
      .post('/api/admin/unit-topics')
      .set('x-csrf-token', admin.csrf)
      .send({ unit_uid: '24133/2025', topics: ['dat-dai'] })
      .expect(200);
    const entries = await actionsSince(f.db, start);
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.object ?? ''}`.trim())).toEqual([
      'analyst1 login analyst1',
      'analyst1 view document:d-1-here-dat-dai',
      'analyst1 view alert:a-1-here',
      'analyst1 export documents',
      'analyst1 sql.query',
      'analyst1 sql.refused',
      'admin login admin',
      'admin admin.user.create user:new-officer',
      'admin admin.unit_topics unit:24133/2025',
    ]);
    expect(JSON.parse(entries[3]!.details!)).toMatchObject({ format: 'json', rows: 16, classification: 1 });
    expect(JSON.parse(entries[4]!.details!)).toMatchObject({
      sql: 'SELECT count(*) AS n FROM documents',
      rows: 1,
      tables: ['documents'],
    });
    await f.db.run(`DELETE FROM unit_topics WHERE unit_uid = '24133/2025'`);
  });

  it('shows the log and verifies the chain for admins only, and reports tampering', async () => {
    const admin = await login(f.app, 'admin');
    expect((await admin.agent.get('/api/audit/verify')).body).toMatchObject({ ok: true });
    const auditPage = (await admin.agent.get('/audit')).text;
    expect(auditPage).toContain('admin.user.create');
    expect(auditPage).toMatch(/<th>Người thực hiện<\/th>\s*<th>Hành động<\/th>/);
    const officer = await login(f.app, 'officer0');
    expect((await officer.agent.get('/audit')).status).toBe(403);
    expect((await officer.agent.get('/api/audit')).status).toBe(403);
    await f.db.run(`UPDATE dlxh_audit.audit_log SET actor = 'nobody' WHERE seq = 2`);
    const page = await admin.agent.get('/audit?verify=1');
    expect(page.text).toContain('Chuỗi nhật ký bị sửa đổi tại mục 2');
    expect((await admin.agent.get('/api/audit/verify')).body).toMatchObject({
      ok: false,
      broken: { seq: 2 },
    });
  });
});
