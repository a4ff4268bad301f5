import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../data/db.ts';
import { createUser } from '../../data/users.ts';
import { createApp } from '../../web/app.ts';
import {
  buildNotebooks,
  highestClassification,
  type NotebookManifest,
} from '../../notebooks/run-notebook.ts';
import { buildBriefingFixture, FIXTURE_NOW } from '../analytics/briefings/briefing-fixture.ts';
import { tempDir } from '../helpers/temp.ts';
import { NOW, PASSWORD, login, makeFixture, type Fixture } from '../web/fixtures.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

let built: string;
let f: Fixture;

beforeAll(async () => {
  const dir = tempDir();
  const dbFile = path.join(dir, 'fixture.duckdb');
  const db = await openDb(dbFile);
  try {
    await buildBriefingFixture(db);
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  built = path.join(dir, 'dist');
  await buildNotebooks({ db: dbFile, out: built, now: FIXTURE_NOW });
  f = await makeFixture({ notebooksDir: built });
  await createUser(
    f.db,
    { username: 'analyst0', role: 'analyst', unitUid: 'ban-tuyen-giao', clearance: 0, password: PASSWORD },
    NOW,
  );
}, 120_000);
afterAll(() => f.db.close());

describe('the notebook build', () => {
  it('records the highest classification of the snapshot in its manifest', async () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(built, 'manifest.json'), 'utf8'),
    ) as NotebookManifest;
    expect(manifest.max_classification).toBe(1);
    expect(manifest.built_at).toBe('2026-11-25T08:00:00+07:00');
    expect(manifest.notebooks.map((n) => n.file)).toEqual([
      'cam-xuc-theo-don-vi.html',
      'diem-nong.html',
      'khao-sat.html',
      'tu-dien-du-lieu.html',
      'xu-huong-chu-de.html',
    ]);
    const db = await openDb(':memory:');
    try {
      await buildBriefingFixture(db, { only: 'documents' });
      expect(await highestClassification(db)).toBe(1);
      await db.run(`UPDATE documents SET classification = 3 WHERE id = 'doc-2026-11-10-00'`);
      expect(await highestClassification(db)).toBe(3);
    } finally {
      db.close();
    }
  });
});

describe('the dashboard’s notebooks', () => {
  it('are linked and served to analysts cleared for their data, under a policy that runs no script', async () => {
    const { agent } = await login(f.app, 'analyst1');
    const home = await agent.get('/');
    expect(home.text).toContain('href="/notebooks"');
    const index = await agent.get('/notebooks');
    expect(index.status).toBe(200);
    expect(index.text).toContain('href="/notebooks/diem-nong.html"');
    for (const file of ['diem-nong.html', 'xu-huong-chu-de.html', 'index.html']) {
      const page = await agent.get(`/notebooks/${file}`);
      expect(page.status, file).toBe(200);
      expect(page.text).toBe(fs.readFileSync(path.join(built, file), 'utf8'));
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain('sandbox');
      expect(policy).not.toContain('unsafe-inline');
      for (const [, css] of page.text.matchAll(/<style>([\s\S]*?)<\/style>/g))
        expect(policy).toContain(hash(css!));
      for (const [, css] of page.text.matchAll(/ style="([^"]*)"/g)) {
        expect(policy).toContain("'unsafe-hashes'");
        expect(policy).toContain(hash(css!));
      }
    }
    const audit = await f.db.all<{ object: string }>(
      `SELECT object FROM dlxh_audit.audit_log WHERE actor = 'analyst1' AND action = 'view' AND object LIKE 'notebook:%'`,
    );
    expect(audit.map((a) => a.object)).toContain('notebook:diem-nong.html');
  });

  it('are refused to users below the data’s classification, to other roles, and outside the folder', async () => {
    const low = await login(f.app, 'analyst0');
    expect((await low.agent.get('/notebooks/diem-nong.html')).status).toBe(403);
    const index = await low.agent.get('/notebooks');
    expect(index.status).toBe(200);
    expect(index.text).not.toContain('href="/notebooks/diem-nong.html"');
    expect(index.text).toContain('Mật');
    const leader = await login(f.app, 'leader');
    expect((await leader.agent.get('/notebooks')).status).toBe(403);
    expect((await leader.agent.get('/notebooks/diem-nong.html')).status).toBe(403);
    const admin = await login(f.app, 'admin');
    for (const bad of ['manifest.json', '..%2Fmanifest.json', 'nothing.html', '.hidden.html']) {
      expect((await admin.agent.get(`/notebooks/${bad}`)).status, bad).toBe(404);
    }
  });

  it('say how to build them when none are built, and serve nothing without a manifest', async () => {
    const empty = tempDir();
    fs.copyFileSync(path.join(built, 'diem-nong.html'), path.join(empty, 'diem-nong.html'));
    const app = createApp({ ...f.ctx, notebooksDir: empty });
    const { agent } = await login(app, 'admin');
    const index = await agent.get('/notebooks');
    expect(index.status).toBe(200);
    expect(index.text).toContain('npm run notebooks');
    expect((await agent.get('/notebooks/diem-nong.html')).status).toBe(404);
  });
});
