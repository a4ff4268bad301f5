// The misinformation queue page: the summary by statement, filters and paging, bulk review in scope, English labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS, NOW, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

let f: Fixture;
let admin: { agent: Agent; csrf: string };
let analyst: { agent: Agent; csrf: string };
let officer: { agent: Agent; csrf: string };

/** Extra candidates beside the fixture's 32 on st-1: five on st-2 (one Mật), four matching no statement (one Tối mật). */
async function insertMoreCandidates(): Promise<void> {
  await f.db.run(
    `INSERT INTO official_statements (id, claim, verdict, official_text, issuing_body, topics, places, classification,
       content_hash, created_at, updated_at)
     VALUES ('st-2', 'Tin đồn dịch bệnh lan rộng', 'misleading', NULL, 'Sở Y tế', ['y-te'], [], 0, 'h2', $now, $now)`,
    { now: NOW },
  );
  const rows: [string, string | null, number, string, string][] = [
    ...[0, 1, 2, 3, 4].map(
      (i) =>
        [`cc-st2-${i}`, 'st-2', i === 4 ? 1 : 0, DOCS[i]!.id, i % 2 ? 'y-te' : 'dat-dai'] as [
          string,
          string,
          number,
          string,
          string,
        ],
    ),
    ...[0, 1, 2, 3].map(
      (i) =>
        [`cc-none-${i}`, null, i === 3 ? 2 : 0, DOCS[i]!.id, 'y-te'] as [
          string,
          null,
          number,
          string,
          string,
        ],
    ),
  ];
  for (const [id, statement, classification, doc, topic] of rows) {
    await f.db.run(
      `INSERT INTO claim_candidates (id, doc_id, statement_id, sentence, claim_score, similarity, tier, risk,
         locality_uid, topics, classification, created_at, updated_at)
       VALUES ($id, $doc, $statement, $sentence, 0.8, NULL, 'new', $risk, '24133/2025', [$topic], $c, $now, $now)`,
      {
        id,
        doc,
        statement,
        sentence: `Câu ${id.toUpperCase()}MARK`,
        risk: 0.3 + classification / 10,
        topic,
        c: classification,
        now: NOW,
      },
    );
  }
}

beforeAll(async () => {
  f = await makeFixture();
  await insertMoreCandidates();
  admin = await login(f.app, 'admin');
  analyst = await login(f.app, 'analyst1');
  officer = await login(f.app, 'officer2');
});
afterAll(() => f.db.close());

interface Group {
  statement_id: string | null;
  open: number;
  total: number;
  max_open_risk: number | null;
}

async function sqlCounts(
  maxClassification: number,
): Promise<Map<string | null, { open: number; total: number }>> {
  const rows = await f.db.all<{ statement_id: string | null; open: number; total: number }>(
    `SELECT statement_id, count(*) FILTER (WHERE status IN ('chưa xác định', 'đang xác minh'))::INTEGER AS open,
       count(*)::INTEGER AS total
     FROM claim_candidates WHERE classification <= $c GROUP BY statement_id`,
    { c: maxClassification },
  );
  return new Map(rows.map((r) => [r.statement_id, { open: r.open, total: r.total }]));
}

const statusOf = async (id: string) =>
  (await f.db.one<{ status: string }>('SELECT status FROM claim_candidates WHERE id = $id', { id }))!.status;
const bulkAudits = async () =>
  f.db.all<{ actor: string; details: string }>(
    `SELECT actor, CAST(details AS VARCHAR) AS details FROM dlxh_audit.audit_log WHERE action = 'claim.review-bulk' ORDER BY seq`,
  );

describe('misinformation queue summary and filters', () => {
  it('groups the candidates a user may see by statement, with the counts a direct SQL count gives', async () => {
    for (const [who, clearance] of [
      [admin, 3],
      [analyst, 1],
    ] as const) {
      const groups = ((await who.agent.get('/api/misinfo/groups')).body as { groups: Group[] }).groups;
      const expected = await sqlCounts(clearance);
      expect(new Map(groups.map((g) => [g.statement_id, { open: g.open, total: g.total }]))).toEqual(
        expected,
      );
    }
    // The analyst (clearance Mật) sees 16 of st-1's 32, all five of st-2 and three of the four matching none.
    const analystGroups = ((await analyst.agent.get('/api/misinfo/groups')).body as { groups: Group[] })
      .groups;
    expect(analystGroups.find((g) => g.statement_id === 'st-1')?.total).toBe(16);
    expect(analystGroups.find((g) => g.statement_id === null)?.total).toBe(3);
    const page = (await analyst.agent.get('/misinfo')).text;
    expect(page).toContain('href="/misinfo?statement=none"');
    expect(page).toContain('href="/misinfo?statement=st-2"');
    expect(page).toContain('Không khớp thông tin chính thức nào');
    expect(page).toContain('16 / 16');
  });

  it('filters the queue by statement, none, topic and status, and pages it with the total', async () => {
    const list = async (query: string) =>
      (await admin.agent.get(`/api/misinfo?${query}`)).body as {
        total: number;
        candidates: { id: string }[];
      };
    expect((await list('statement=st-2')).candidates.map((c) => c.id).sort()).toEqual(
      ['cc-st2-0', 'cc-st2-1', 'cc-st2-2', 'cc-st2-3', 'cc-st2-4'].sort(),
    );
    expect((await list('statement=none')).candidates.map((c) => c.id).sort()).toEqual(
      ['cc-none-0', 'cc-none-1', 'cc-none-2', 'cc-none-3'].sort(),
    );
    expect((await list('statement=st-2&topic=y-te')).candidates.map((c) => c.id).sort()).toEqual([
      'cc-st2-1',
      'cc-st2-3',
    ]);
    const first = await list('statement=st-1&limit=10');
    const second = await list('statement=st-1&limit=10&offset=30');
    expect([first.total, first.candidates.length, second.total, second.candidates.length]).toEqual([
      32, 10, 32, 2,
    ]);
    expect(new Set([...first.candidates, ...second.candidates].map((c) => c.id)).size).toBe(12);
    const page = (await admin.agent.get('/misinfo?statement=st-1&limit=10&offset=10')).text;
    expect(page).toContain('Hiển thị 11–20 trong 32 tin');
    expect(page).toContain('href="/misinfo?statement=st-1&amp;limit=10" rel="prev"');
    expect(page).toContain('href="/misinfo?statement=st-1&amp;offset=20&amp;limit=10" rel="next"');
    const unit = await list('unit=24133/2025&statement=none');
    expect(unit.total).toBe(4);
    expect((await list('unit=22015/2025&statement=none')).total).toBe(0);
  });

  it('shows every label of the page in English, none of the Vietnamese ones left', async () => {
    const en = (await analyst.agent.get('/misinfo?lang=en&statement=st-2')).text;
    for (const label of [
      'Official statement',
      'No matching statement',
      'Open / total',
      'Review in bulk',
      'Notes',
      'Update',
    ]) {
      expect(en).toContain(label);
    }
    expect(en).toContain('Apply to all 5 candidates shown by this filter');
    for (const vi of [
      'Ghi chú',
      'Cập nhật',
      'mâu thuẫn',
      'bắt buộc khi sai sự thật',
      'aria-label="Trạng thái"',
      'Hiển thị',
    ]) {
      expect(en).not.toContain(vi);
    }
    expect(en).not.toContain('rủi ro');
    expect(en).toMatch(/·\s*risk\s+\d/);
  });
});

describe('bulk review', () => {
  it('refuses without CSRF (403) and for an officer (403), changing nothing', async () => {
    const before = await statusOf('cc-st2-0');
    expect(
      (await analyst.agent.post('/api/misinfo/review-bulk?statement=st-2').send({ status: 'đang xác minh' }))
        .status,
    ).toBe(403);
    expect(
      (
        await officer.agent
          .post('/api/misinfo/review-bulk?statement=st-2')
          .set('x-csrf-token', officer.csrf)
          .send({ status: 'đang xác minh' })
      ).status,
    ).toBe(403);
    expect(await statusOf('cc-st2-0')).toBe(before);
    expect(await bulkAudits()).toEqual([]);
  });

  it('changes exactly the candidates the filter picks, with one event each and one audit entry', async () => {
    const post = (query: string, body: Record<string, string | number>) =>
      analyst.agent.post(`/api/misinfo/review-bulk?${query}`).set('x-csrf-token', analyst.csrf).send(body);
    const eventsBefore = (await f.db.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM claim_candidate_events',
    ))!.n;
    const response = await post('statement=st-2&topic=y-te', {
      status: 'đang xác minh',
      notes: 'kiểm tra loạt',
    });
    expect(response.status).toBe(200);
    expect(response.body.updated).toBe(2);
    const rows = await f.db.all<{ id: string; status: string; reviewer: string | null }>(
      `SELECT id, status, reviewer FROM claim_candidates WHERE status <> 'chưa xác định' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'cc-st2-1', status: 'đang xác minh', reviewer: 'analyst1' },
      { id: 'cc-st2-3', status: 'đang xác minh', reviewer: 'analyst1' },
    ]);
    const events = await f.db.all<{ claim_candidate_id: string; actor: string; note: string }>(
      'SELECT claim_candidate_id, actor, note FROM claim_candidate_events ORDER BY claim_candidate_id',
    );
    expect(events.length - eventsBefore).toBe(2);
    expect(events.map((e) => `${e.claim_candidate_id} ${e.actor} ${e.note}`)).toEqual([
      'cc-st2-1 analyst1 kiểm tra loạt',
      'cc-st2-3 analyst1 kiểm tra loạt',
    ]);
    const audits = await bulkAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toBe('analyst1');
    expect(JSON.parse(audits[0]!.details)).toMatchObject({
      filter: { statement: 'st-2', topic: 'y-te' },
      status: 'đang xác minh',
      count: 2,
    });
    // No per-candidate audit entries for a bulk review: one entry for the lot.
    expect(
      (await f.db.one<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM dlxh_audit.audit_log WHERE action = 'claim.review'`,
      ))!.n,
    ).toBe(0);
  });

  it('refuses "sai sự thật" without the response (400 naming it) and mixed statuses, changing nothing', async () => {
    const post = (query: string, body: Record<string, string>) =>
      analyst.agent.post(`/api/misinfo/review-bulk?${query}`).set('x-csrf-token', analyst.csrf).send(body);
    const noResponse = await post('statement=st-2&status=đang xác minh', { status: 'sai sự thật' });
    expect(noResponse.status).toBe(400);
    expect(noResponse.body.error).toMatch(/^response: required/);
    const mixed = await post('statement=st-2', { status: 'đúng sự thật', notes: 'x' });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toBe(
      'status: cannot move 3 "chưa xác định" candidate(s) to "đúng sự thật"; filter by status first',
    );
    expect(await statusOf('cc-st2-1')).toBe('đang xác minh');
    expect(await statusOf('cc-st2-0')).toBe('chưa xác định');
    expect(await bulkAudits()).toHaveLength(1);
    const stale = await post('statement=st-2&status=đang xác minh', {
      status: 'sai sự thật',
      response: 'Sở Y tế bác bỏ.',
      expected: '3',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('filter: now matches 2 candidates, not the 3 shown; reload the page');
    const staleJson = await analyst.agent
      .post(`/api/misinfo/review-bulk?statement=st-2&status=đang xác minh`)
      .set('x-csrf-token', analyst.csrf)
      .send({ status: 'sai sự thật', response: 'Sở Y tế bác bỏ.', expected: 5 });
    expect(staleJson.status).toBe(409);
    const done = await post('statement=st-2&status=đang xác minh', {
      status: 'sai sự thật',
      response: 'Sở Y tế bác bỏ.',
      expected: '2',
    });
    expect(done.body.updated).toBe(2);
    expect(
      await f.db.all(`SELECT id, response FROM claim_candidates WHERE status = 'sai sự thật' ORDER BY id`),
    ).toEqual([
      { id: 'cc-st2-1', response: 'Sở Y tế bác bỏ.' },
      { id: 'cc-st2-3', response: 'Sở Y tế bác bỏ.' },
    ]);
  });

  it("touches only candidates within the user's scope (clearance), through the page form too", async () => {
    // analyst1 (Mật) sees three of the four candidates matching no statement; cc-none-3 is Tối mật.
    const page = (await analyst.agent.get('/misinfo?statement=none&lang=vi')).text;
    expect(page).toContain('Áp dụng cho cả 3 tin của bộ lọc này');
    const form = await analyst.agent
      .post('/misinfo/review-bulk?statement=none')
      .type('form')
      .send({ _csrf: analyst.csrf, status: 'không áp dụng', notes: 'không phải tin', expected: '3' });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe('/misinfo?statement=none&done=3');
    expect(await Promise.all([0, 1, 2, 3].map((i) => statusOf(`cc-none-${i}`)))).toEqual([
      'không áp dụng',
      'không áp dụng',
      'không áp dụng',
      'chưa xác định',
    ]);
    expect((await analyst.agent.get('/misinfo?statement=none&done=3')).text).toContain('Đã cập nhật 3 tin.');
  });

  it('refuses a bulk review without any filter, and offers none on the unfiltered page', async () => {
    const all = await admin.agent
      .post('/api/misinfo/review-bulk')
      .set('x-csrf-token', admin.csrf)
      .send({ status: 'không áp dụng' });
    expect(all.status).toBe(400);
    expect(all.body.error).toMatch(/^filter: set at least one of statement, status, topic, unit/);
    const page = (await admin.agent.get('/misinfo')).text;
    expect(page).toContain('Chọn một bộ lọc');
    expect(page).not.toContain('action="/misinfo/review-bulk');
  });

  it('refuses a filter picking nothing', async () => {
    const none = await admin.agent
      .post('/api/misinfo/review-bulk?statement=st-404')
      .set('x-csrf-token', admin.csrf)
      .send({ status: 'đang xác minh' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatch(/^filter: matches no candidate/);
  });

  it('refuses a filter picking more than the bound, with a clear message, on the API and the page', async () => {
    await f.db.run(
      `INSERT INTO claim_candidates (id, doc_id, statement_id, sentence, claim_score, tier, risk, classification,
         created_at, updated_at)
       SELECT 'cc-big-' || i, $doc, 'st-big', 'Câu ' || i, 0.5, 'new', 0.2, 0, $now, $now FROM range(2001) r(i)`,
      { doc: DOCS[0]!.id, now: NOW },
    );
    const big = await admin.agent
      .post('/api/misinfo/review-bulk?statement=st-big')
      .set('x-csrf-token', admin.csrf)
      .send({ status: 'đang xác minh' });
    expect(big.status).toBe(400);
    expect(big.body.error).toMatch(/^filter: matches more than 2000 candidates; narrow it/);
    expect(
      (await f.db.one<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM claim_candidates WHERE id LIKE 'cc-big-%' AND status <> 'chưa xác định'`,
      ))!.n,
    ).toBe(0);
    expect((await admin.agent.get('/misinfo?statement=st-big')).text).toContain(
      'Bộ lọc chọn 2.001 tin, nhiều hơn 2.000 tin mỗi lần',
    );
  });
});
