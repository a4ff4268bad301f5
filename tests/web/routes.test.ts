import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDailyCounts } from '../../data/daily-counts.ts';
import { openDb } from '../../data/db.ts';
import { formatNumber, formatPercent, formatProbability, isMessageKey, t } from '../../web/i18n.ts';
import { href, safeUrl } from '../../web/html.ts';
import { alertSeries } from '../../analytics/briefings/flash-report.ts';
import { toCsv } from '../../web/tabular.ts';
import {
  DOCS,
  HOSTILE_TITLE,
  USERS,
  expectedVisible,
  login,
  makeFixture,
  type Agent,
  type Fixture,
  type UserName,
} from './fixtures.ts';

const NAMES = Object.keys(USERS) as UserName[];
let f: Fixture;
const ran: string[] = [];
const agents = {} as Record<UserName, { agent: Agent; csrf: string }>;

beforeAll(async () => {
  f = await makeFixture({
    pseudonymSecret: 'routes-test-pseudonym-secret',
    jobs: {
      jobs: () => ['ingest:fixture', 'hotspots'],
      runNow: async (job) => void ran.push(job),
      schedule: (job) => (job === 'hotspots' ? '5 * * * *' : null),
    },
  });
  for (const name of NAMES) agents[name] = await login(f.app, name);
});
afterAll(() => f.db.close());

/** Expected status of each GET endpoint for each role. */
const READERS = ['admin', 'analyst1', 'leader', 'officer0', 'officer2', 'health1'];
const ROUTES: [string, readonly string[]][] = [
  ['/', READERS],
  ['/api/overview', READERS],
  ['/api/overview?unit=24133/2025&topic=dat-dai&from=2026-03-01&to=2026-03-20', READERS],
  ['/hotspots', READERS],
  ['/hotspots?status=all&severity=cao&topic=dat-dai', READERS],
  ['/api/hotspots', READERS],
  ['/inbox', READERS],
  ['/api/inbox', READERS],
  ['/documents', READERS],
  ['/api/documents?limit=500', READERS],
  ['/api/export/documents?format=csv', READERS],
  ['/api/export/documents?format=json', READERS],
  ['/misinfo', ['admin', 'analyst1']],
  ['/api/misinfo', ['admin', 'analyst1']],
  ['/surveys', ['admin', 'analyst1', 'leader']],
  ['/api/surveys', ['admin', 'analyst1', 'leader']],
  ['/survey-plan', READERS],
  ['/watch-topics', READERS],
  ['/api/watch-topics', READERS],
  ['/survey-plan?year=2025', READERS],
  ['/api/survey-requests', READERS],
  ['/briefings', READERS],
  ['/api/briefings', READERS],
  ['/api/briefings/delivered', READERS],
  ['/briefings/subscriptions', ['admin']],
  ['/api/briefings/subscriptions', ['admin']],
  ['/sources', ['admin', 'analyst1']],
  ['/api/sources', ['admin', 'analyst1']],
  ['/sql', ['admin', 'analyst1']],
  ['/api/sql/tables', ['admin', 'analyst1']],
  ['/admin', ['admin']],
  ['/api/admin/users', ['admin']],
  ['/admin/routing-rules', ['admin']],
  ['/api/admin/routing-rules', ['admin']],
  ['/audit', ['admin']],
  ['/api/audit', ['admin']],
  ['/status', ['admin']],
  ['/mine', ['contributor']],
  ['/api/mine', ['contributor']],
  ['/api', NAMES],
  ['/api/me', NAMES],
];

describe('every page and endpoint', () => {
  for (const [route, allowed] of ROUTES) {
    it(`GET ${route} answers each role as its rights say`, async () => {
      for (const name of NAMES) {
        const response = await agents[name].agent.get(route);
        const expected = allowed.includes(name) ? 200 : name === 'contributor' && route === '/' ? 303 : 403;
        expect(response.status, `${name} ${route}: ${response.text.slice(0, 200)}`).toBe(expected);
      }
    });
  }

  for (const [route, type] of [
    ['/api/reports', 'json'],
    ['/mine/reports', 'form'],
  ] as const) {
    it(`POST ${route} answers each role as its rights say (contributors only)`, async () => {
      for (const name of NAMES) {
        const { agent, csrf } = agents[name];
        const response = await agent
          .post(route)
          .type(type)
          .set('x-csrf-token', csrf)
          .send({ period: '03/2026' });
        expect(response.status, `${name} ${route}: ${response.text.slice(0, 200)}`).toBe(
          name === 'contributor' ? 400 : 403,
        );
      }
    });
  }

  it('never lets a user receive a document above their clearance or outside their scope, through any endpoint', async () => {
    const docRoutes = [
      '/',
      '/api/overview',
      '/hotspots?status=all',
      '/api/hotspots?status=all',
      '/inbox',
      '/api/inbox',
      '/documents?limit=500',
      '/api/documents?limit=500',
      '/api/export/documents?format=csv',
      '/api/export/documents?format=json',
      '/misinfo',
      '/api/misinfo',
      ...DOCS.filter((_, i) => i % 7 === 0).map((d) => `/api/misinfo/cc-${d.id}`),
      ...DOCS.filter((_, i) => i % 5 === 0).map((d) => `/documents/${d.id}`),
      ...DOCS.map((d) => `/api/documents/${d.id}`),
      ...['a-0-here', 'a-1-here', 'a-2-here', 'a-0-elsewhere', 'a-1-health'].flatMap((id) => [
        `/hotspots/${id}`,
        `/api/hotspots/${id}`,
      ]),
    ];
    for (const name of NAMES) {
      const hidden = DOCS.filter((d) => !expectedVisible(name, d));
      const seen = new Set<string>();
      for (const route of docRoutes) {
        const response = await agents[name].agent.get(route);
        const body = response.text;
        for (const doc of hidden)
          expect(body.includes(doc.marker), `${name} saw ${doc.id} at ${route}`).toBe(false);
        for (const doc of DOCS) if (body.includes(doc.marker)) seen.add(doc.id);
        if (route.startsWith('/documents/d-') || route.startsWith('/api/documents/d-')) {
          const doc = DOCS.find((d) => route.endsWith(d.id))!;
          expect(response.status, `${name} ${route}`).toBe(
            !READERS.includes(name) ? 403 : expectedVisible(name, doc) ? 200 : 404,
          );
        }
      }
      const visible = DOCS.filter((d) => expectedVisible(name, d))
        .map((d) => d.id)
        .sort();
      expect([...seen].sort(), name).toEqual(READERS.includes(name) ? visible : []);
      const queue = await agents[name].agent.get('/api/misinfo');
      if (queue.status === 200) {
        const candidates = (queue.body as { candidates: { doc_id: string }[] }).candidates
          .map((c) => c.doc_id)
          .sort();
        expect(candidates, name).toEqual(visible);
      }
    }
  });

  it('never lets a query of the SQL explorer or its downloads return a hidden row', async () => {
    for (const name of ['admin', 'analyst1'] as const) {
      const { agent, csrf } = agents[name];
      const visible = DOCS.filter((d) => expectedVisible(name, d));
      const result = await agent
        .post('/api/sql')
        .set('x-csrf-token', csrf)
        .send({ sql: 'SELECT id, title FROM documents ORDER BY id' });
      expect(result.status).toBe(200);
      expect(result.body.rows.map((r: { id: string }) => r.id)).toEqual(visible.map((d) => d.id).sort());
      for (const format of ['csv', 'json', 'xlsx', 'arrow', 'arrows']) {
        const file = await agent
          .post(`/api/sql/export?format=${format}`)
          .set('x-csrf-token', csrf)
          .send({ sql: 'SELECT id, title, text FROM documents' })
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(file.status, `${name} ${format}`).toBe(200);
        const buffer = file.body as Buffer;
        let text = buffer.toString('utf8');
        if (format === 'xlsx') {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
          const values: string[] = [];
          workbook.worksheets[0]!.eachRow((row) => values.push(JSON.stringify(row.values)));
          text = values.join('\n');
          expect(values).toHaveLength(visible.length + 1);
        }
        for (const doc of DOCS)
          expect(text.includes(doc.marker), `${name} ${format} ${doc.id}`).toBe(expectedVisible(name, doc));
        if (format.startsWith('arrow')) {
          expect(file.headers['content-type']).toMatch(/^application\/vnd\.apache\.arrow\.(file|stream)/);
          const audited = await f.db.one<{ details: string }>(
            `SELECT details::VARCHAR AS details FROM dlxh_audit.audit_log
             WHERE action = 'export' AND actor = $name ORDER BY seq DESC LIMIT 1`,
            { name },
          );
          expect(JSON.parse(audited!.details)).toMatchObject({ format, rows: visible.length });
        }
      }
    }
  });

  it('exports Parquet with only the visible documents, from the documents page and the SQL explorer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-web-'));
    const binary = (res: request.Response, done: (e: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    };
    const officer = await agents.officer2.agent
      .get('/api/export/documents?format=parquet')
      .buffer(true)
      .parse(binary);
    expect(officer.status).toBe(200);
    fs.writeFileSync(path.join(dir, 'docs.parquet'), officer.body as Buffer);
    const analyst = await agents.analyst1.agent
      .post('/api/sql/export?format=parquet')
      .set('x-csrf-token', agents.analyst1.csrf)
      .send({ sql: 'SELECT id FROM documents;' })
      .buffer(true)
      .parse(binary);
    expect(analyst.status).toBe(200);
    fs.writeFileSync(path.join(dir, 'sql.parquet'), analyst.body as Buffer);
    const db = await openDb(':memory:');
    const read = async (file: string) =>
      (
        await db.all<{ id: string }>(`SELECT id FROM read_parquet('${path.join(dir, file)}') ORDER BY id`)
      ).map((r) => r.id);
    expect(await read('docs.parquet')).toEqual(
      DOCS.filter((d) => expectedVisible('officer2', d))
        .map((d) => d.id)
        .sort(),
    );
    expect(await read('sql.parquet')).toEqual(
      DOCS.filter((d) => expectedVisible('analyst1', d))
        .map((d) => d.id)
        .sort(),
    );
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('dlxh-export-'))).toEqual([]);
  });

  it('shows ingested markup, entities and javascript: links inert everywhere', async () => {
    const { agent } = agents.admin;
    const hostile = DOCS[0]!;
    for (const route of [`/documents/${hostile.id}`, '/documents', '/hotspots/a-0-here']) {
      const body = (await agent.get(route)).text;
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('href="javascript:');
      expect(body).not.toContain('<script>x</script>');
    }
    const page = (await agent.get(`/documents/${hostile.id}`)).text;
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &amp;amp; &lt;img');
    expect(page).toContain('<code>javascript:alert(1)</code>');
    const json = (await agent.get(`/api/documents/${hostile.id}`)).body as { document: { title: string } };
    expect(json.document.title.startsWith(HOSTILE_TITLE)).toBe(true);
    const sqlPage = await agent
      .post('/sql')
      .type('form')
      .send({ _csrf: agents.admin.csrf, sql: `SELECT '</script><script>alert(1)</script>' AS x` });
    expect(sqlPage.status).toBe(200);
    expect(sqlPage.text).not.toContain('</script><script>alert(1)');
    expect(sqlPage.text).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
  });

  it('serves Plot and d3 from the app itself', async () => {
    const plot = await request(f.app).get('/vendor/plot.umd.min.js');
    expect(plot.status).toBe(200);
    expect(plot.text).toContain('@observablehq/plot');
    expect((await request(f.app).get('/vendor/d3.min.js')).status).toBe(200);
    expect((await request(f.app).get('/static/js/overview.js')).status).toBe(200);
    expect((await request(f.app).get('/static/app.css')).status).toBe(200);
    const traversal = await request(f.app).get('/static/../app.ts');
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.text).not.toContain('createApp');
    const page = (await agents.leader.agent.get('/')).text;
    expect(page).toContain('<script src="/vendor/plot.umd.min.js"></script>');
    expect(page).not.toMatch(/https?:\/\/(?!baodaklak)/);
  });
});

describe('cached answers', () => {
  it('answer the hot-spot list anew once any alert changed, even with the same time stamps', async () => {
    const open = async () =>
      ((await agents.leader.agent.get('/api/hotspots')).body as { alerts: { id: string }[] }).alerts.map(
        (a) => a.id,
      );
    expect(await open()).toContain('a-0-here');
    await f.db.run(`UPDATE alerts SET status = 'dismissed' WHERE id = 'a-0-here'`);
    expect(await open()).not.toContain('a-0-here');
    await f.db.run(`UPDATE alerts SET status = 'open' WHERE id = 'a-0-here'`);
    expect(await open()).toContain('a-0-here');
  });

  it('answer the overview anew after a write committed in a transaction, each scope its own', async () => {
    const open = async (user: UserName) =>
      ((await agents[user].agent.get('/api/overview')).body as { hotspots: { id: string }[] }).hotspots
        .map((a) => a.id)
        .sort();
    const leaderBefore = await open('leader');
    expect(leaderBefore).toContain('a-0-elsewhere');
    expect(await open('officer0')).toEqual(['a-0-here']);
    await f.db.transaction(() =>
      f.db.run(`UPDATE alerts SET status = 'dismissed' WHERE id IN ('a-0-here', 'a-0-elsewhere')`),
    );
    expect(await open('officer0')).toEqual([]);
    expect(await open('leader')).toEqual(leaderBefore.filter((id) => !id.startsWith('a-0-')));
    await f.db.run(`UPDATE alerts SET status = 'open' WHERE id IN ('a-0-here', 'a-0-elsewhere')`);
    expect(await open('officer0')).toEqual(['a-0-here']);
    expect(await open('leader')).toEqual(leaderBefore);
  });

  it('send the cached JSON gzipped to clients that accept it, the same answer as without', async () => {
    const { agent } = agents.leader;
    for (const url of ['/api/overview', '/api/hotspots?status=all']) {
      const plain = await agent.get(url).set('Accept-Encoding', 'identity');
      const gzipped = await agent.get(url).set('Accept-Encoding', 'gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(gzipped.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']));
      expect(gzipped.body).toEqual(plain.body);
    }
  });

  it('answer the SQL explorer anew once a document is stored, before it is counted', async () => {
    const { agent, csrf } = agents.analyst1;
    const count = async () =>
      (
        (
          await agent
            .post('/api/sql')
            .set('x-csrf-token', csrf)
            .send({ sql: "SELECT count(*) AS n FROM documents WHERE id LIKE 'stored-%'" })
        ).body as { rows: { n: number }[] }
      ).rows[0]!.n;
    expect(await count()).toBe(0);
    await f.db.run(
      `INSERT INTO documents (id, import_source, kind, text, published_at, ingested_at, locality_uid, content_hash, classification)
       VALUES ('stored-doc', 'fixture', 'news', 'Mới', $now, $now, '24133/2025', 'stored-doc', 0)`,
      { now: f.clock.now },
    );
    expect(await count()).toBe(1);
    await f.db.run(`DELETE FROM documents WHERE id = 'stored-doc'`);
    expect(await count()).toBe(0);
  });

  it('answer the SQL explorer anew once new documents are counted', async () => {
    const { agent, csrf } = agents.analyst1;
    const count = async () =>
      (
        (
          await agent
            .post('/api/sql')
            .set('x-csrf-token', csrf)
            .send({ sql: 'SELECT count(*) AS n FROM documents' })
        ).body as { rows: { n: number }[] }
      ).rows[0]!.n;
    const before = await count();
    await f.db.run(
      `INSERT INTO documents (id, import_source, kind, text, published_at, ingested_at, locality_uid, content_hash, classification)
       VALUES ('late-doc', 'fixture', 'news', 'Muộn', $now, $now, '24133/2025', 'late-doc', 0)`,
      { now: f.clock.now },
    );
    await refreshDailyCounts(f.db, { ids: ['late-doc'] });
    expect(await count()).toBe(before + 1);
    await f.db.run(`DELETE FROM documents WHERE id = 'late-doc'`);
    await refreshDailyCounts(f.db);
    expect(await count()).toBe(before);
    const audited = await f.db.one<{ n: number }>(
      `SELECT count(*) AS n FROM dlxh_audit.audit_log WHERE actor = 'analyst1' AND action = 'sql.query'
         AND json_extract_string(details, '$.sql') = 'SELECT count(*) AS n FROM documents'`,
    );
    expect(audited!.n).toBe(3);
  });
});

describe('overview', () => {
  it('counts what the user may see, by day, sentiment, topic and unit', async () => {
    const body = (await agents.officer0.agent.get('/api/overview')).body as {
      totals: { documents: number };
      series: { n: number }[];
      units: { uid: string | null; n: number }[];
      topics: { id: string; n: number }[];
      hotspots: { id: string }[];
      window: { from: string; to: string };
    };
    const visible = DOCS.filter((d) => expectedVisible('officer0', d));
    expect(body.totals.documents).toBe(visible.length);
    expect(body.series.reduce((s, r) => s + r.n, 0)).toBe(visible.length);
    expect(body.units).toEqual([
      {
        uid: '24133/2025',
        name: 'Phường Buôn Ma Thuột',
        n: visible.length,
        negative_share: expect.any(Number),
      },
    ]);
    expect(body.topics.map((tp) => tp.id).sort()).toEqual(['dat-dai', 'y-te']);
    expect(body.hotspots.map((a) => a.id)).toEqual(['a-0-here']);
    expect(body.window).toEqual({ from: '2026-02-19T00:00:00+07:00', to: '2026-03-21T00:00:00+07:00' });
    const drill = (await agents.leader.agent.get('/api/overview?unit=24133/2025&topic=y-te')).body as {
      totals: { documents: number };
      units: { uid: string }[];
    };
    const inWard = DOCS.filter((d) => (d.locality === 'here' || d.locality === 'old') && d.topic === 'y-te');
    expect(drill.totals.documents).toBe(inWard.length);
    expect(drill.units.map((u) => u.uid).sort()).toEqual(['24133/2025', '24136/pre2025']);
  });

  it('shows statuses by their label in the page language, never the stored value', async () => {
    const vi = (await agents.leader.agent.get('/hotspots?status=all')).text;
    expect(vi).toMatch(/<option value="open"[^>]*>\s*Đang mở\s*<\/option>/);
    expect(vi).toMatch(/<option value="dismissed"[^>]*>\s*Đã bỏ qua\s*<\/option>/);
    expect(vi).not.toMatch(/>\s*open\s*</);
    const en = (await agents.leader.agent.get('/hotspots?status=all&lang=en')).text;
    expect(en).toMatch(/<option value="open"[^>]*>\s*Open\s*<\/option>/);
    const sources = (await agents.admin.agent.get('/sources?lang=en')).text;
    expect(sources).toContain('<td>Failed</td>');
    expect(sources).not.toContain('<td>failed</td>');
    await agents.leader.agent.get('/?lang=vi');
    await agents.admin.agent.get('/?lang=vi');
  });

  it('speaks Vietnamese by default and English on request, with dd/mm/yyyy dates', async () => {
    const vi = (await agents.leader.agent.get('/')).text;
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('Tổng quan dư luận');
    expect(vi).toMatch(/19\/02\/2026 – 20\/03\/2026/);
    const en = (await agents.leader.agent.get('/?lang=en')).text;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Public opinion overview');
    expect((await agents.leader.agent.get('/hotspots')).text).toContain('Hot spots');
    await agents.leader.agent.get('/?lang=vi');
  });

  it('refuses a bad date with a message naming it', async () => {
    const response = await agents.leader.agent.get('/api/overview?from=2026-13-40');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('from: invalid date "2026-13-40" (use dd/mm/yyyy or yyyy-mm-dd)');
    const impossible = await agents.leader.agent.get('/api/overview?from=31/02/2026');
    expect(impossible.status).toBe(400);
    expect(impossible.body.error).toContain('from: invalid date "31/02/2026"');
  });

  it('reads dates typed dd/mm/yyyy the same as ISO days and shows them back dd/mm/yyyy', async () => {
    const iso = await agents.leader.agent.get('/api/overview?from=2026-03-01&to=2026-03-20');
    const typed = await agents.leader.agent.get('/api/overview?from=01/03/2026&to=20/3/2026');
    expect(typed.status).toBe(200);
    expect(typed.body.totals).toEqual(iso.body.totals);
    expect(typed.body.window).toEqual(iso.body.window);
    const page = (await agents.leader.agent.get('/?from=2026-03-01&to=20/03/2026')).text;
    expect(page).toMatch(/name="from"\s+value="01\/03\/2026"/);
    expect(page).toMatch(/name="to"\s+value="20\/03\/2026"/);
    expect(page).not.toContain('type="date"');
  });
});

describe('hot spots and cases', () => {
  it('explain a hot spot with its series, evidence and case', async () => {
    const body = (await agents.officer0.agent.get('/api/hotspots/a-0-here')).body as {
      series: unknown[];
      evidence: { id: string }[];
      case: { status: string };
      alert: { explanation: { reason: string } };
    };
    expect(body.series).toEqual([
      { t: '2026-03-15', observed: 2, expected: 2.1 },
      { t: '2026-03-16', observed: 3, expected: 2.2 },
      { t: '2026-03-17', observed: 12, expected: 2.5 },
    ]);
    expect(body.evidence.map((d) => d.id).sort()).toEqual(['d-0-here-dat-dai', 'd-0-old-dat-dai']);
    expect(body.case.status).toBe('received');
    expect((await agents.officer0.agent.get('/api/hotspots/a-0-elsewhere')).status).toBe(404);
    expect((await agents.officer0.agent.get('/hotspots/a-1-here')).status).toBe(404);
  });

  it('move a case through verify, resolve with a report, close — only for those it is routed to', async () => {
    const { agent, csrf } = agents.officer0;
    const post = (id: string, action: string, body: Record<string, string> = {}) =>
      agent.post(`/api/cases/${id}/${action}`).set('x-csrf-token', csrf).send(body);
    expect((await post('case-a-0-here', 'resolve', { report: 'Đã xử lý xong' })).status).toBe(400);
    expect((await post('case-a-0-here', 'verify', { note: 'đang xác minh' })).body).toEqual({
      case: { id: 'case-a-0-here', status: 'verifying' },
    });
    expect((await post('case-a-0-here', 'resolve', { report: 'ngắn' })).body.error).toMatch(
      /written resolution report \(at least 20 characters\)/,
    );
    expect(
      (await post('case-a-0-here', 'resolve', { report: 'Đã đối thoại với người dân, giải quyết xong.' }))
        .status,
    ).toBe(200);
    const form = await agent
      .post('/cases/case-a-0-here/close')
      .type('form')
      .send({ _csrf: csrf, back: '/inbox' });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe('/inbox');
    expect((await post('case-a-0-elsewhere', 'verify')).status).toBe(404);
    expect((await post('case-a-0-here', 'explode')).status).toBe(400);
    const leader = agents.leader;
    expect(
      (
        await leader.agent
          .post('/api/cases/case-a-0-elsewhere/verify')
          .set('x-csrf-token', leader.csrf)
          .send({})
      ).status,
    ).toBe(403);
    const events = await f.db.all<{ action: string; actor: string; to_status: string }>(
      `SELECT action, actor, to_status FROM case_events WHERE case_id = 'case-a-0-here' ORDER BY id`,
    );
    expect(events).toEqual([
      { action: 'verify', actor: 'officer0', to_status: 'verifying' },
      { action: 'resolve', actor: 'officer0', to_status: 'resolved' },
      { action: 'close', actor: 'officer0', to_status: 'closed' },
    ]);
    const timeline = (await agent.get('/hotspots/a-0-here')).text;
    expect(timeline).toContain('Đã đối thoại với người dân, giải quyết xong.');
  });
});

describe('misinformation queue and own reports', () => {
  it('reviews a candidate through the queue, requiring the official response for a false claim', async () => {
    const { agent, csrf } = agents.analyst1;
    const id = 'cc-d-0-here-dat-dai';
    const post = (body: Record<string, string>) =>
      agent.post(`/api/misinfo/${id}/review`).set('x-csrf-token', csrf).send(body);
    expect((await post({ status: 'đúng sự thật' })).body.error).toMatch(/cannot go from "chưa xác định"/);
    expect((await post({ status: 'đang xác minh', notes: 'kiểm tra' })).body.candidate.status).toBe(
      'đang xác minh',
    );
    expect((await post({ status: 'sai sự thật' })).body.candidate.response).toBe(
      'UBND tỉnh khẳng định không thu hồi đất.',
    );
    const history = (await agent.get(`/api/misinfo/${id}`)).body as {
      events: { to_status: string; actor: string }[];
    };
    expect(history.events.map((e) => `${e.actor} ${e.to_status}`)).toEqual([
      'analyst1 đang xác minh',
      'analyst1 sai sự thật',
    ]);
    expect((await agent.get('/misinfo?status=sai%20s%E1%BB%B1%20th%E1%BA%ADt')).text).toContain(
      'MARK0heredatdaiZ',
    );
    expect(
      (
        await agent
          .post(`/api/misinfo/cc-d-2-here-dat-dai/review`)
          .set('x-csrf-token', csrf)
          .send({ status: 'đang xác minh' })
      ).status,
    ).toBe(404);
  });

  it('shows a contributor only the reports they submitted', async () => {
    const mine = (await agents.contributor.agent.get('/api/mine')).body as { reports: { id: string }[] };
    expect(mine.reports.map((r) => r.id)).toEqual(['r-own']);
    const page = (await agents.contributor.agent.get('/mine')).text;
    expect(page).toContain('REPORTMARKrownZ');
    expect(page).not.toContain('REPORTMARKrotherZ');
    expect((await agents.contributor.agent.get('/api/documents')).status).toBe(403);
  });
});

describe('sources, jobs and admin', () => {
  it('runs a job now for admins only, and names an unknown job', async () => {
    const admin = agents.admin;
    expect(
      (await admin.agent.post('/api/jobs/hotspots/run').set('x-csrf-token', admin.csrf).send({})).status,
    ).toBe(202);
    expect(ran).toEqual(['hotspots']);
    expect(
      (await admin.agent.post('/api/jobs/nope/run').set('x-csrf-token', admin.csrf).send({})).body.error,
    ).toBe('job: unknown job "nope"');
    const analyst = agents.analyst1;
    expect(
      (await analyst.agent.post('/api/jobs/hotspots/run').set('x-csrf-token', analyst.csrf).send({})).status,
    ).toBe(403);
    const page = (await analyst.agent.get('/sources')).text;
    expect(page).toContain('rss-bad');
    expect(page).toContain('timeout &lt;b&gt;');
  });

  it("writes the inbox's case forms in the page's language", async () => {
    const english = (await agents.admin.agent.get('/inbox?lang=en')).text;
    expect(english).toContain('placeholder="Note"');
    expect(english).not.toContain('Ghi chú');
    const vietnamese = (await agents.admin.agent.get('/inbox?lang=vi')).text;
    expect(vietnamese).toContain('placeholder="Ghi chú"');
  });

  it('lists each job with what it does and when it runs; only admins get a run-now button', async () => {
    const jobRows = (page: string) =>
      [
        .../<table class="jobs">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/
          .exec(page)![1]!
          .matchAll(/<tr>([\s\S]*?)<\/tr>/g),
      ].map((row) =>
        row[1]!
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    const admin = (await agents.admin.agent.get('/sources?lang=vi')).text;
    expect(jobRows(admin)).toEqual([
      `ingest:fixture ${t('vi', 'jobs.source')} ${t('vi', 'sources.onDemand')} ${t('vi', 'sources.runNow')}`,
      `hotspots ${t('vi', 'jobs.hotspots')} 5 * * * * ${t('vi', 'sources.runNow')}`,
    ]);
    const analyst = (await agents.analyst1.agent.get('/sources?lang=vi')).text;
    expect(jobRows(analyst)).toEqual([
      `ingest:fixture ${t('vi', 'jobs.source')} ${t('vi', 'sources.onDemand')}`,
      `hotspots ${t('vi', 'jobs.hotspots')} 5 * * * *`,
    ]);
  });

  it('lets an admin create users and set unit responsibilities, refusing bad input', async () => {
    const { agent, csrf } = agents.admin;
    const bad = await agent.post('/api/admin/users').set('x-csrf-token', csrf).send({
      username: 'x2',
      role: 'officer',
      unit_uid: 'atlantis',
      clearance: '1',
      password: 'long-enough-1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown unit "atlantis"/);
    const page = await agent.post('/admin/users').type('form').send({
      _csrf: csrf,
      username: 'form-user',
      role: 'leader',
      unit_uid: '66/2025',
      clearance: '2',
      password: 'long-enough-1',
    });
    expect(page.status).toBe(201);
    expect(page.text).toContain('form-user');
    const topics = await agent
      .post('/api/admin/unit-topics')
      .set('x-csrf-token', csrf)
      .send({ unit_uid: 'so-y-te', topics: ['y-te', 'an-sinh'] });
    expect(topics.body).toEqual({ unit_uid: 'so-y-te', topics: ['y-te', 'an-sinh'] });
    expect(
      (
        await agent
          .post('/api/admin/unit-topics')
          .set('x-csrf-token', csrf)
          .send({ unit_uid: 'so-y-te', topics: ['nope'] })
      ).status,
    ).toBe(400);
    await agent
      .post('/api/admin/unit-topics')
      .set('x-csrf-token', csrf)
      .send({ unit_uid: 'so-y-te', topics: ['y-te'] });
    expect(
      (
        await agent
          .post('/api/admin/pseudonyms/resolve')
          .set('x-csrf-token', csrf)
          .send({ pseudonym: 'P-0000000000000000' })
      ).status,
    ).toBe(404);
  });
});

describe('formatting helpers', () => {
  it('write Vietnamese numbers and percentages, safe links and query strings', () => {
    expect(formatNumber('vi', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatPercent('vi', 0.125)).toBe('12,5%');
    expect(formatNumber('vi', -0.04, 1)).toBe('0,0');
    expect(formatNumber('vi', -0.4, 1)).toBe('-0,4');
    expect(formatNumber('en', -0)).toBe('0');
    expect(formatPercent('en', -0.0001)).toBe('0%');
    expect(formatProbability('vi', 7.5e-62)).toBe('7,5 × 10⁻⁶²');
    expect(formatProbability('en', 0.0123)).toBe('0.0123');
    expect(formatProbability('en', 0)).toBe('0');
    expect(isMessageKey('jobs.score')).toBe(true);
    expect(isMessageKey('jobs.rss-baodaklak')).toBe(false);
    expect(t('vi', 'sql.truncated', { n: '5.000' })).toBe('Kết quả bị cắt ở 5.000 dòng.');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('https://baodaklak.vn/a?b=1')).toBe('https://baodaklak.vn/a?b=1');
    expect(href('/x', { a: 'b c', empty: '', none: null })).toBe('/x?a=b+c');
    expect(toCsv(['a', 'b'], [{ a: 'x,"y"', b: '=HYPERLINK("http://e")' }])).toBe(
      '\uFEFFa,b\r\n"x,""y""","\'=HYPERLINK(""http://e"")"\r\n',
    );
    expect(alertSeries({ days: [{ date: '2026-01-01', observed: 3, baseline: 1.5 }, { bad: 1 }] })).toEqual([
      { t: '2026-01-01', observed: 3, expected: 1.5 },
    ]);
  });
});
