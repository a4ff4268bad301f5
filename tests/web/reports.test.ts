import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymEntry } from '../../data/pseudonym.ts';
import { createUser } from '../../data/users.ts';
import { ownReportId } from '../../web/report-submission.ts';
import { NOW, PASSWORD, csrfFrom, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

const SECRET = 'test-secret-for-web-reports';
const PERSONAL =
  'Người dân lo lắng về giá đất bồi thường; gọi anh Tâm 0905 123 456 hoặc tam.nguyen@example.com, ' +
  'CCCD 079203001234, nhà số 12 đường Lê Duẩn.';

let f: Fixture;
let contributor: { agent: Agent; csrf: string };

beforeAll(async () => {
  f = await makeFixture({ pseudonymSecret: SECRET });
  contributor = await login(f.app, 'contributor');
});
afterAll(() => f.db.close());

interface RunAnswer {
  new: number;
  duplicate: number;
  failed: number;
  reports: { item: string; id: string | null; status: string }[];
  errors: string[];
  warnings: string[];
}

const count = async (where = '1 = 1') =>
  (await f.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM reports WHERE ${where}`))!.n;

const send = (body: unknown, who = contributor) =>
  who.agent
    .post('/api/reports')
    .set('x-csrf-token', who.csrf)
    .send(body as object);

describe('POST /api/reports', () => {
  it('stores a report as the contributor: own unit by default, reporter pseudonymised, text scrubbed, scored, audited', async () => {
    const auditBefore = (await f.db.one<{ n: number }>(
      'SELECT max(seq)::INTEGER AS n FROM dlxh_audit.audit_log',
    ))!.n;
    const response = await send({
      id: 'client-uuid-1',
      period: '03/2026',
      topics: ['dat-dai'],
      summary: PERSONAL,
      mood: 'Lo lắng',
      proposals: 'Đề nghị công khai giá đất; liên hệ 0912.345.678.',
    });
    expect(response.status, response.text).toBe(201);
    const id = ownReportId(f.users.contributor.id, 'client-uuid-1');
    expect(response.body).toMatchObject({
      new: 1,
      duplicate: 0,
      failed: 0,
      reports: [{ item: 'item 1', id, status: 'new' }],
      errors: [],
    });
    const row = await f.db.one<Record<string, unknown>>(
      `SELECT reporter, unit_uid, locality_uid, period, topics, summary, proposals, mood_score, submitted_by,
         submitted_at, import_source, classification FROM reports WHERE id = $id`,
      { id },
    );
    expect(row).toMatchObject({
      reporter: pseudonymEntry(SECRET, 'collaborator', 'contributor').pseudonym,
      unit_uid: '24133/2025',
      locality_uid: '24133/2025',
      period: '2026-03',
      topics: ['dat-dai'],
      mood_score: -1,
      submitted_by: f.users.contributor.id,
      import_source: 'web',
      classification: 0,
    });
    expect((row!.submitted_at as Date).toISOString()).toBe(NOW.toISOString());
    expect(row!.reporter).toMatch(/^P-[0-9a-f]{16}$/);
    expect(row!.summary).toBe(
      'Người dân lo lắng về giá đất bồi thường; gọi anh Tâm [số điện thoại] hoặc [email], ' +
        'CCCD [số CCCD], [địa chỉ].',
    );
    expect(row!.proposals).toBe('Đề nghị công khai giá đất; liên hệ [số điện thoại].');
    const stored = JSON.stringify(
      await f.db.all(`SELECT * EXCLUDE (submitted_at, ingested_at) FROM reports WHERE id = $id`, { id }),
    );
    for (const secret of ['0905', '079203001234', 'tam.nguyen', 'Lê Duẩn', 'contributor'])
      expect(stored).not.toContain(secret);

    expect(
      await f.db.one(`SELECT kind FROM pseudonym_map WHERE pseudonym = $p`, { p: String(row!.reporter) }),
    ).toEqual({ kind: 'collaborator' });
    const score = await f.db.one<{ sentiment: string }>(
      `SELECT sentiment FROM report_scores WHERE report_id = $id`,
      { id },
    );
    expect(['positive', 'negative', 'neutral']).toContain(score?.sentiment);
    const mine = (await contributor.agent.get('/api/mine')).body as {
      reports: { id: string; sentiment: string | null }[];
    };
    expect(mine.reports.find((r) => r.id === id)?.sentiment).toBe(score!.sentiment);
    expect((await contributor.agent.get('/mine')).text).toContain('Người dân lo lắng về giá đất bồi thường');

    const audit = await f.db.all<{ actor: string; object: string; details: string }>(
      `SELECT actor, object, CAST(details AS VARCHAR) AS details FROM dlxh_audit.audit_log
       WHERE seq > $seq AND action = 'report.submit'`,
      { seq: auditBefore },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'contributor', object: `report:${id}` });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ new: [id], duplicate: [], failed: 0 });
    expect(
      await f.db.one(
        `SELECT status, items_new FROM job_runs WHERE job = 'report:web' ORDER BY id DESC LIMIT 1`,
      ),
    ).toEqual({ status: 'ok', items_new: 1 });
  });

  it('stores nothing again when the same report is sent twice, with or without a client id', async () => {
    const body = { id: 'client-uuid-1', period: '2026-03', summary: PERSONAL };
    const before = await count();
    const again = await send(body);
    expect(again.status).toBe(200);
    expect(again.body as RunAnswer).toMatchObject({ new: 0, duplicate: 1 });
    expect((again.body as RunAnswer).reports[0]).toMatchObject({
      id: ownReportId(f.users.contributor.id, 'client-uuid-1'),
      status: 'duplicate',
    });
    const plain = { period: '2026-02', summary: 'Bà con phấn khởi vì đường liên thôn đã được sửa.' };
    expect((await send(plain)).status).toBe(201);
    const repeat = await send(plain);
    expect(repeat.body as RunAnswer).toMatchObject({ new: 0, duplicate: 1 });
    expect(await count()).toBe(before + 1);
  });

  it('answers 400 with one line per bad record naming the field, and stores the good ones', async () => {
    const before = await count();
    const response = await send([
      { period: '03/2026', summary: 'Người dân đồng tình với chủ trương sáp nhập thôn.' },
      { period: '13/2026', summary: 'Tháng không có' },
      { period: '03/2026' },
      { period: '03/2026', summary: { text: 'lồng nhau' } },
      'không phải báo cáo',
    ]);
    expect(response.status).toBe(400);
    const answer = response.body as RunAnswer;
    expect(answer).toMatchObject({ new: 1, failed: 4 });
    expect(answer.errors).toEqual([
      'POST /api/reports: item 2: invalid period "13/2026" (expected YYYY-MM or MM/YYYY)',
      'POST /api/reports: item 3: missing summary',
      'POST /api/reports: item 4: invalid summary (expected text, not an object)',
      'POST /api/reports: item 5: not an object',
    ]);
    expect(answer.reports.map((r) => r.status)).toEqual(['new', 'failed', 'failed', 'failed', 'failed']);
    expect(await count()).toBe(before + 1);
  });

  it('accepts a unit of the contributor’s area by name, and refuses a unit outside it', async () => {
    const inside = await send({ period: '03/2026', unit: 'Phường Buôn Ma Thuột', summary: 'Trong địa bàn.' });
    expect(inside.status, inside.text).toBe(201);
    const before = await count();
    const outside = await send({ period: '03/2026', unit: '22015/2025', summary: 'Ở Tuy Hòa.' });
    expect(outside.status).toBe(400);
    expect((outside.body as RunAnswer).errors).toEqual([
      `POST /api/reports: item 1: unit "22015/2025" is outside the submitter's area`,
    ]);
    const unknown = await send({ period: '03/2026', unit: 'Phường Không Có', summary: 'Không rõ.' });
    expect((unknown.body as RunAnswer).errors).toEqual([
      'POST /api/reports: item 1: unknown unit "Phường Không Có"',
    ]);
    expect(await count()).toBe(before);
    expect(await count(`summary = 'Ở Tuy Hòa.'`)).toBe(0);
  });

  it('refuses a classification above the contributor’s own clearance', async () => {
    await createUser(
      f.db,
      { username: 'ctv0', role: 'contributor', unitUid: '24133/2025', clearance: 0, password: PASSWORD },
      NOW,
    );
    const low = await login(f.app, 'ctv0');
    const response = await send({ period: '03/2026', classification: 'Mật', summary: 'Mật.' }, low);
    expect(response.status).toBe(400);
    expect((response.body as RunAnswer).errors).toEqual([
      "POST /api/reports: item 1: classification 1 is above the submitter's clearance (0)",
    ]);
  });

  it('is listed in the API index', async () => {
    const index = (await contributor.agent.get('/api')).body as {
      endpoints: { method: string; path: string; roles: string }[];
    };
    expect(
      index.endpoints.find((e) => e.method === 'POST' && e.path.startsWith('/api/reports ')),
    ).toMatchObject({
      roles: 'contributor',
    });
  });

  it('refuses requests without the CSRF token, from other roles, too many reports and too large a body', async () => {
    const before = await count();
    const report = { period: '03/2026', summary: 'Không được lưu.' };
    expect((await contributor.agent.post('/api/reports').send(report)).status).toBe(403);
    expect(
      (await contributor.agent.post('/api/reports').set('x-csrf-token', 'wrong').send(report)).status,
    ).toBe(403);
    for (const name of ['admin', 'analyst1', 'leader', 'officer0'] as const) {
      const other = await login(f.app, name);
      const response = await send(report, other);
      expect(response.status, name).toBe(403);
    }
    const many = await send(Array.from({ length: 101 }, (_, i) => ({ ...report, id: `n${i}` })));
    expect(many.status).toBe(400);
    expect((many.body as { error: string }).error).toBe(
      'POST /api/reports: 101 reports; at most 100 per request',
    );
    const huge = await send({ ...report, summary: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });
});

describe('the form at /mine', () => {
  it('sends a report, redirects back with a message shown once, and lists it with its date', async () => {
    const page = await contributor.agent.get('/mine');
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.text).toMatch(/<option\s+value="24133\/2025"\s+selected\s*>\s*Phường Buôn Ma Thuột/);
    expect(page.text).not.toContain('value="22015/2025"');
    const csrf = csrfFrom(page.text);
    const clientId = /name="id" value="([^"]+)"/.exec(page.text)![1]!;
    const form = {
      _csrf: csrf,
      id: clientId,
      period: '03/2026',
      unit: '24133/2025',
      organisation: 'Hội Nông dân phường',
      topics: ['dat-dai', 'gia-ca'],
      summary: 'Nông dân bức xúc vì giá phân bón tăng, gọi 0987654321 để biết thêm. FORMMARK',
      mood: 'Bức xúc',
      proposals: '',
      classification: '0',
    };
    const sent = await contributor.agent.post('/mine/reports').type('form').send(form);
    expect(sent.status, sent.text.slice(0, 300)).toBe(303);
    expect(sent.headers.location).toBe('/mine');
    const id = ownReportId(f.users.contributor.id, clientId);
    const after = await contributor.agent.get('/mine');
    expect(after.text).toContain(`Đã gửi báo cáo ${id}.`);
    expect(after.text).toContain('FORMMARK');
    expect(after.text).toContain('[số điện thoại]');
    expect(after.text).not.toContain('0987654321');
    expect(after.text).toContain('20/03/2026');
    expect((await contributor.agent.get('/mine')).text).not.toContain('Đã gửi báo cáo');
    expect(
      await f.db.one(`SELECT organisation, topics, mood_score, submitted_by FROM reports WHERE id = $id`, {
        id,
      }),
    ).toEqual({
      organisation: 'Hội Nông dân phường',
      topics: ['dat-dai', 'gia-ca'],
      mood_score: -2,
      submitted_by: f.users.contributor.id,
    });

    const before = await count();
    const again = await contributor.agent.post('/mine/reports').type('form').send(form);
    expect(again.status).toBe(303);
    expect((await contributor.agent.get('/mine')).text).toContain(`đã được nhận trước đó (${id})`);
    expect(await count()).toBe(before);
  });

  it('shows the problem and keeps what was typed when a field is wrong', async () => {
    const page = await contributor.agent.get('/mine?lang=en');
    const response = await contributor.agent
      .post('/mine/reports')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), period: '2026-3x', summary: 'Giữ lại nội dung này' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The report was not stored:');
    expect(response.text).toContain('invalid period &quot;2026-3x&quot; (expected YYYY-MM or MM/YYYY)');
    expect(response.text).toContain('>Giữ lại nội dung này</textarea>');
    expect(response.text).toContain('value="2026-3x"');
    await contributor.agent.get('/mine?lang=vi');
  });

  it('refuses the form without the CSRF token, and for other roles', async () => {
    const before = await count();
    const form = { period: '03/2026', summary: 'Không được lưu.' };
    expect((await contributor.agent.post('/mine/reports').type('form').send(form)).status).toBe(403);
    const officer = await login(f.app, 'officer0');
    const refused = await officer.agent
      .post('/mine/reports')
      .type('form')
      .send({ ...form, _csrf: officer.csrf });
    expect(refused.status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('without a pseudonym secret', () => {
  it('does not take reports, and says so on the page', async () => {
    const bare = await makeFixture();
    try {
      const who = await login(bare.app, 'contributor');
      const response = await who.agent
        .post('/api/reports')
        .set('x-csrf-token', who.csrf)
        .send({ period: '03/2026', summary: 'x' });
      expect(response.status).toBe(404);
      expect((await who.agent.get('/mine')).text).toContain('chưa cấu hình khóa bí danh');
      expect((await bare.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM reports'))!.n).toBe(2);
    } finally {
      bare.db.close();
    }
  });
});
