import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ScopedDbPool,
  canSee,
  checkExplorerQuery,
  openScopedDb,
  resolveScope,
  runExplorerQuery,
  withScopedDb,
  type AccessScope,
} from '../../data/access.ts';
import { isDlxhError } from '../../data/errors.ts';
import {
  DOCS,
  LOCALITIES,
  USERS,
  expectedVisible,
  makeFixture,
  type Fixture,
  type UserName,
} from './fixtures.ts';

const NAMES = Object.keys(USERS) as UserName[];
let f: Fixture;
const scopes = {} as Record<UserName, AccessScope>;

beforeAll(async () => {
  f = await makeFixture();
  for (const name of NAMES) scopes[name] = await resolveScope(f.db, f.users[name]);
});
afterAll(() => f.db.close());

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('resolveScope', () => {
  it('gives admins, analysts and province leaders the province, with their own clearance', () => {
    for (const name of ['admin', 'analyst1', 'leader'] as const) {
      expect(scopes[name].province).toBe(true);
      expect(scopes[name].clearance).toBe(USERS[name].clearance);
    }
  });

  it('gives a ward officer the ward and the older units merged into it, not its neighbours', () => {
    const { areas, province } = scopes.officer0;
    expect(province).toBe(false);
    expect(areas).toContain(LOCALITIES.here);
    expect(areas).toContain(LOCALITIES.old);
    expect(areas).toContain('643/pre2025'); // the old city, part of which became the ward
    expect(areas).not.toContain('24121/2025');
    expect(areas).not.toContain(LOCALITIES.elsewhere);
    expect(areas).not.toContain('66/2025');
  });

  it('gives an agency no area but the topics it answers for', () => {
    expect(scopes.health1).toMatchObject({ province: false, areas: [], topics: ['y-te'] });
  });

  it('gives contributors only their own records', () => {
    expect(scopes.contributor).toMatchObject({ province: false, ownOnly: true, areas: [], topics: [] });
  });
});

describe('scoped connections', () => {
  for (const name of NAMES) {
    it(`show ${name} exactly the documents the rule allows, under every name of the table`, async () => {
      const expected = DOCS.filter((d) => expectedVisible(name, d))
        .map((d) => d.id)
        .sort();
      await withScopedDb(f.db, scopes[name], async (scoped) => {
        expect(ids(await scoped.db.all<{ id: string }>('SELECT id FROM documents'))).toEqual(expected);
        expect(ids(await scoped.db.all<{ id: string }>('SELECT id FROM main.documents'))).toEqual(expected);
        const scored = await scoped.db.all<{ id: string }>('SELECT DISTINCT doc_id AS id FROM doc_scores');
        expect(ids(scored)).toEqual(expected);
        for (const table of [
          'users',
          'audit_store',
          'raw_items',
          'login_failures',
          'pseudonym_map',
          'sources',
        ]) {
          expect(await scoped.db.all(`SELECT * FROM ${table}`)).toEqual([]);
        }
      });
      for (const doc of DOCS) {
        const record = {
          classification: doc.classification,
          locality_uid: LOCALITIES[doc.locality],
          topics: [doc.topic],
        };
        if (doc.locality === 'none' && name.startsWith('officer')) continue; // placed by its score's locality in SQL only
        expect(canSee(scopes[name], record), `${name} ${doc.id}`).toBe(expectedVisible(name, doc));
      }
    });
  }

  it('filter alerts by clearance and place or topic, and cases by their alert', async () => {
    const expected: Record<UserName, string[]> = {
      admin: ['a-0-elsewhere', 'a-0-here', 'a-1-health', 'a-1-here', 'a-2-here'],
      analyst1: ['a-0-elsewhere', 'a-0-here', 'a-1-health', 'a-1-here'],
      leader: ['a-0-elsewhere', 'a-0-here', 'a-1-health', 'a-1-here', 'a-2-here'],
      officer0: ['a-0-here'],
      officer2: ['a-0-here', 'a-1-here', 'a-2-here'],
      health1: ['a-1-health'],
      contributor: [],
    };
    for (const name of NAMES) {
      await withScopedDb(f.db, scopes[name], async (scoped) => {
        expect(ids(await scoped.db.all<{ id: string }>('SELECT id FROM alerts')), name).toEqual(
          expected[name],
        );
        const cases = await scoped.db.all<{ id: string }>('SELECT alert_id AS id FROM cases');
        expect(ids(cases), name).toEqual(expected[name]);
      });
    }
  });

  it('are pooled per scope and rebuilt when the catalog changes', async () => {
    const clock = { now: new Date('2026-03-20T00:00:00Z') };
    const pool = new ScopedDbPool(f.db, () => clock.now, { recheckMs: 1000 });
    const first = await pool.use(scopes.officer0, async (s) => s);
    expect(await pool.use(scopes.officer0, async (s) => s)).toBe(first);
    expect(await pool.use(scopes.officer2, async (s) => s)).not.toBe(first);
    await f.db.run('CREATE TABLE pool_probe (id VARCHAR, classification TINYINT, unit_uid VARCHAR)');
    await f.db.run(`INSERT INTO pool_probe VALUES ('secret', 3, '24133/2025'), ('open', 0, '24133/2025')`);
    clock.now = new Date(clock.now.getTime() + 1500);
    const rows = await pool.use(scopes.officer0, async (s) => {
      expect(s).not.toBe(first);
      return s.db.all<{ id: string }>('SELECT id FROM pool_probe');
    });
    expect(ids(rows)).toEqual(['open']);
    pool.close();
    await f.db.run('DROP TABLE pool_probe');
  });
});

describe('SQL explorer', () => {
  const refused = async (name: UserName, sql: string) => {
    const error = await runExplorerQuery(f.db, scopes[name], sql).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDlxhError(error, 'FORBIDDEN'), `${sql} → ${String(error)}`).toBe(true);
    return (error as Error).message;
  };

  it('answers only from the rows the user may see', async () => {
    const result = await runExplorerQuery(f.db, scopes.officer0, 'SELECT id FROM documents ORDER BY id');
    expect(result.rows.map((r) => r.id)).toEqual(
      DOCS.filter((d) => expectedVisible('officer0', d))
        .map((d) => d.id)
        .sort(),
    );
    expect(result.tables).toEqual(['documents']);
    const count = await runExplorerQuery(
      f.db,
      scopes.officer0,
      `WITH x AS (SELECT d.id FROM documents d JOIN doc_scores s ON s.doc_id = d.id WHERE d.classification > 0)
       SELECT count(*) AS n FROM x`,
    );
    expect(count.rows).toEqual([{ n: 0 }]);
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /table functions are not allowed: read_csv/],
    ["SELECT * FROM '/etc/passwd'", /not available/],
    ["SELECT * FROM read_text('/etc/hostname')", /table functions/],
    ['SELECT * FROM main.documents', /without a schema/],
    ['SELECT * FROM memory.main.documents', /without a schema/],
    ['SELECT * FROM temp.documents', /without a schema/],
    ['SELECT * FROM users', /"users" is not available/],
    ['SELECT * FROM audit_log', /not available/],
    ['SELECT * FROM dlxh_audit.audit_log', /without a schema/],
    ['SELECT * FROM audit_store', /not available/],
    ['SELECT * FROM raw_items', /not available/],
    ['SELECT id FROM documents UNION ALL SELECT username FROM users', /"users" is not available/],
    ['SELECT * FROM documents WHERE id IN (SELECT password_hash FROM users)', /not available/],
    ['WITH users AS (SELECT * FROM users) SELECT * FROM users', /hides a table/],
    ['WITH documents AS (SELECT 1) SELECT * FROM documents', /hides a table/],
    ["COPY documents TO '/tmp/out.csv'", /only SELECT/],
    ["COPY (SELECT * FROM documents) TO '/tmp/out.parquet' (FORMAT parquet)", /only SELECT/],
    ["ATTACH '/tmp/other.duckdb' AS other", /only SELECT/],
    ['SET enable_external_access = true', /only SELECT/],
    ['INSTALL httpfs', /only SELECT/],
    ['DELETE FROM documents', /only SELECT/],
    ['SELECT 1; DROP TABLE documents', /only SELECT/],
    ['SELECT 1; SELECT 2', /exactly one statement/],
    ["SELECT nextval('job_runs_seq')", /nextval is not allowed/],
    ["SELECT current_setting('temp_directory')", /not allowed/],
    ["SELECT error('x')", /error is not allowed/],
    ['SELECT * FROM duckdb_tables()', /table functions/],
    ["SELECT * FROM query('SELECT * FROM users')", /table functions/],
    ["SELECT * FROM glob('/etc/*')", /table functions/],
    ['DESCRIBE users', /not allowed/],
    ['SHOW TABLES', /not allowed/],
  ])('refuses %s', async (sql, message) => {
    expect(await refused('analyst1', sql)).toMatch(message);
  });

  it('refuses user macros, which could read any table', async () => {
    await f.db.run('CREATE MACRO leak() AS (SELECT max(text) FROM documents)');
    try {
      expect(await refused('officer0', 'SELECT leak() AS x')).toMatch(/leak is not allowed/);
    } finally {
      await f.db.run('DROP MACRO leak');
    }
  });

  it('never evaluates the user’s expressions on rows the user may not see', async () => {
    // The cast fails on every title; it runs only on classified rows. A hidden row reaching it would raise.
    const probe = `SELECT count(*) AS n FROM documents WHERE CASE WHEN classification >= 1 THEN CAST(title AS INTEGER) = 1 ELSE false END`;
    expect((await runExplorerQuery(f.db, scopes.officer0, probe)).rows).toEqual([{ n: 0 }]);
    await expect(runExplorerQuery(f.db, scopes.analyst1, probe)).rejects.toThrow(/Conversion Error/);
    const joined = `SELECT count(*) AS n FROM documents a JOIN doc_scores s ON s.doc_id = a.id
      WHERE a.id = 'd-3-here-dat-dai' AND CAST(a.title AS INTEGER) = 1`;
    expect((await runExplorerQuery(f.db, scopes.officer0, joined)).rows).toEqual([{ n: 0 }]);
    const nested = `SELECT count(*) AS n FROM doc_scores WHERE doc_id IN
      (SELECT id FROM documents WHERE id = 'd-2-here-y-te' AND CAST(text AS INTEGER) = 1)`;
    expect((await runExplorerQuery(f.db, scopes.officer0, nested)).rows).toEqual([{ n: 0 }]);
  });

  it('cuts results at the row limit and stops long queries at the time limit', async () => {
    const cut = await runExplorerQuery(f.db, scopes.admin, 'SELECT id FROM documents', { maxRows: 3 });
    expect(cut.rows).toHaveLength(3);
    expect(cut.truncated).toBe(true);
    const started = Date.now();
    await expect(
      runExplorerQuery(
        f.db,
        scopes.admin,
        'SELECT count(*) FROM documents a, documents b, documents c, documents d, documents e, documents g',
        { timeoutMs: 200 },
      ),
    ).rejects.toThrow(/time limit/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lists what it reads and names bad input in its errors', async () => {
    expect(await checkExplorerQuery(f.db, 'SELECT * FROM units u JOIN topics t ON true LIMIT 1')).toEqual([
      'topics',
      'units',
    ]);
    await expect(checkExplorerQuery(f.db, 'SELEC 1')).rejects.toThrow(/^sql: syntax error/);
    await expect(checkExplorerQuery(f.db, '  ')).rejects.toThrow(/empty query/);
  });

  it('fences only when asked, and a fenced connection answers the same rows', async () => {
    const fenced = await openScopedDb(f.db, scopes.officer2, { fenced: true, only: ['doc_scores'] });
    try {
      const rows = await fenced.db.all<{ id: string }>('SELECT DISTINCT doc_id AS id FROM doc_scores');
      expect(ids(rows)).toEqual(
        DOCS.filter((d) => expectedVisible('officer2', d))
          .map((d) => d.id)
          .sort(),
      );
    } finally {
      fenced.close();
    }
  });
});
