/**
 * Chủ đề theo dõi: an agency's officer proposes a keyword watch for its own agency, sees only its own unit's
 * proposals and may switch them off; the board's analyst sees and switches any; leaders read; bad queries are a 400
 * naming the field; every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

interface WatchJson {
  id: string;
  name: string;
  proposed_by: string;
  active: boolean;
  question: string;
  answers: number;
}
interface AnswerJson {
  watch_topic_id: string;
  report_id: string;
  answer: string;
}

describe('watch topics proposed in the dashboard', () => {
  let f: Fixture;
  let health: { agent: Agent; csrf: string };
  let analyst: { agent: Agent; csrf: string };
  beforeAll(async () => {
    f = await makeFixture({ pseudonymSecret: 'watch-topics-test-secret' });
    health = await login(f.app, 'health1');
    analyst = await login(f.app, 'analyst1');
  });
  afterAll(() => f.db.close());

  const listed = async (who: { agent: Agent }) =>
    ((await who.agent.get('/api/watch-topics')).body as { watch_topics: WatchJson[] }).watch_topics;

  it('an officer proposes for their own agency; others in their lane see what they may', async () => {
    const filed = await health.agent.post('/watch-topics').type('form').send({
      _csrf: health.csrf,
      name: 'Sốt xuất huyết',
      query: '"sốt xuất huyết" OR "muỗi vằn" NOT "diễn tập"',
      proposed_by: 'ban-tuyen-giao', // ignored: officers propose for their own unit
    });
    expect(filed.status).toBe(303);
    const page = (await health.agent.get('/watch-topics')).text;
    expect(page).toContain('Sốt xuất huyết');
    expect(page).toContain('Sở Y tế');
    expect(page).toContain('&quot;sốt xuất huyết&quot; OR &quot;muỗi vằn&quot; NOT &quot;diễn tập&quot;');
    expect((await listed(health)).map((w) => [w.id, w.proposed_by])).toEqual([['w-1', 'so-y-te']]);
    expect((await listed(analyst)).map((w) => w.id)).toEqual(['w-1']);
    const ward = await login(f.app, 'officer0');
    expect(await listed(ward)).toEqual([]);
    const off = await ward.agent
      .post('/api/watch-topics/w-1/active')
      .set('x-csrf-token', ward.csrf)
      .send({ active: false });
    expect(off.status).toBe(404);
    const leader = await login(f.app, 'leader');
    expect((await listed(leader)).map((w) => w.id)).toEqual(['w-1']);
    expect(
      (await leader.agent.post('/api/watch-topics').set('x-csrf-token', leader.csrf).send({ name: 'x' }))
        .status,
    ).toBe(403);
  });

  it('refuses a query that does not parse with a 400 naming the field', async () => {
    const bad = await analyst.agent
      .post('/api/watch-topics')
      .set('x-csrf-token', analyst.csrf)
      .send({ name: 'Lỗi', query: '(sạt lở OR' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^POST \/api\/watch-topics: query: invalid query/);
  });

  it('the proposing unit and the board switch a watch off and on, audited', async () => {
    const off = await health.agent
      .post('/watch-topics/w-1/active')
      .type('form')
      .send({ _csrf: health.csrf, active: '0' });
    expect(off.status).toBe(303);
    expect((await listed(analyst))[0]!.active).toBe(false);
    const on = await analyst.agent
      .post('/api/watch-topics/w-1/active')
      .set('x-csrf-token', analyst.csrf)
      .send({ active: true });
    expect(on.body.watch_topic.active).toBe(true);
    const audit = await f.db.all<{ actor: string; action: string }>(
      "SELECT actor, action FROM dlxh_audit.audit_log WHERE action LIKE 'watch_topic.%' ORDER BY seq",
    );
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual([
      'health1:watch_topic.propose',
      'health1:watch_topic.deactivate',
      'analyst1:watch_topic.activate',
    ]);
  });

  it('goes out to the collaborators of its area as a question of their report, and their answers come back tagged', async () => {
    // w-1 (province-wide) is put to every collaborator; w-2 only to Phường Tuy Hòa's.
    const elsewhere = await analyst.agent.post('/api/watch-topics').set('x-csrf-token', analyst.csrf).send({
      name: 'Ngập úng',
      query: 'ngập',
      unit_uid: '22015/2025',
      question: 'Khu phố nào bị ngập sau mưa?',
    });
    expect(elsewhere.body.watch_topic).toMatchObject({ id: 'w-2', question: 'Khu phố nào bị ngập sau mưa?' });
    const contributor = await login(f.app, 'contributor'); // Phường Buôn Ma Thuột
    const form = (await contributor.agent.get('/mine')).text;
    expect(form).toContain('Câu hỏi của kỳ này');
    expect(form).toContain('Dư luận trên địa bàn về &quot;Sốt xuất huyết&quot; thế nào');
    expect(form).toContain('name="watch_w-1"');
    expect(form).not.toContain('name="watch_w-2"');

    const sent = await contributor.agent.post('/mine/reports').type('form').send({
      _csrf: contributor.csrf,
      period: '03/2026',
      summary: 'Tình hình dư luận ổn định, bà con quan tâm dịch bệnh mùa mưa.',
      topics: 'y-te',
      'watch_w-1': 'Tổ dân phố 3 có hai ca sốt xuất huyết, bà con lo; liên hệ anh Nam 0905 123 456.',
    });
    expect(sent.status).toBe(303);
    const api = await contributor.agent
      .post('/api/reports')
      .set('x-csrf-token', contributor.csrf)
      .send([
        { period: '13/2026', summary: 'Kỳ sai, đứng trước.' },
        { period: '03/2026', summary: 'Báo cáo thứ hai, không trả lời câu hỏi nào.' },
        { period: '03/2026', summary: 'Báo cáo thứ ba.', watch_answers: { 'w-2': 'Không ngập.' } },
        { period: '13/2026', summary: 'Kỳ sai.' },
      ]);
    expect(api.status).toBe(400);
    expect(api.body.reports.map((r: { status: string }) => r.status)).toEqual([
      'failed',
      'new',
      'failed',
      'failed',
    ]);
    // In the order the client sent them, numbered as it sent them.
    expect(api.body.errors).toEqual([
      expect.stringMatching(/^POST \/api\/reports: item 1: invalid period "13\/2026"/),
      'POST /api/reports: item 3: watch_answers.w-2: not a question for Phường Buôn Ma Thuột',
      expect.stringMatching(/^POST \/api\/reports: item 4: invalid period "13\/2026"/),
    ]);

    const seen = (await analyst.agent.get('/api/watch-topics')).body as {
      watch_topics: WatchJson[];
      answers: AnswerJson[];
    };
    expect(seen.watch_topics.find((w) => w.id === 'w-1')!.answers).toBe(1);
    expect(seen.answers).toHaveLength(1);
    expect(seen.answers[0]!.answer).toContain('hai ca sốt xuất huyết');
    expect(seen.answers[0]!.answer).not.toContain('0905'); // scrubbed like the report itself
    const page = (await analyst.agent.get('/watch-topics')).text;
    expect(page).toContain('Trả lời của cộng tác viên');
    expect(page).toContain('hai ca sốt xuất huyết');
    // How many answered, from how many units, how the NLP reads them; and where file senders get their template.
    expect(page.replace(/\s+/g, ' ')).toMatch(
      /1 câu trả lời từ 1 đơn vị; máy đọc: \d tiêu cực, \d trung tính, \d tích cực/,
    );
    expect(page).not.toContain('chưa chấm điểm');
    expect(page).toContain('action="/report-template.xlsx"');
    expect(page).toContain('<option value="22015/2025">Phường Tuy Hòa</option>');
  });

  it('renders the list, the answers and the form in English with ?lang=en, and in Vietnamese again with ?lang=vi', async () => {
    const off = await analyst.agent
      .post('/api/watch-topics/w-2/active')
      .set('x-csrf-token', analyst.csrf)
      .send({ active: false });
    expect(off.status).toBe(200);
    const page = (await analyst.agent.get('/watch-topics?lang=en')).text;
    expectText(
      page,
      [
        '<title>Watch topics',
        '<h1>Watch topics</h1>',
        '<th>Keywords / topic</th>',
        '<th>Threshold</th>',
        '<th>Proposed by</th>',
        'Collaborator answers',
        'question for collaborators:',
        'Whole province',
        'low (half)',
        'very low (a quarter)',
        'watching',
        'switched off',
        'Switch off',
        'Switch back on',
        'Answers from collaborators',
        'Propose a watch topic',
        'Keywords (AND, OR, NOT, &quot;phrases&quot;, parentheses)',
        'Propose (audited)',
      ],
      [
        'Chủ đề theo dõi',
        'Từ khóa',
        'Ngưỡng',
        'Đơn vị đề nghị',
        'hỏi cộng tác viên',
        'Toàn tỉnh',
        'thấp (một nửa)',
        'rất thấp',
        'đang theo dõi',
        'đã tắt',
        'Bật lại',
        'Trả lời của cộng tác viên',
        'Đề nghị theo dõi',
        'ghi nhật ký',
      ],
    );
    const ward = await login(f.app, 'officer0'); // sees no watch topic: none is its unit's
    expect((await ward.agent.get('/watch-topics?lang=en')).text).toContain('No watch topics yet.');

    const vi = (await analyst.agent.get('/watch-topics?lang=vi')).text;
    expectText(
      vi,
      [
        '<h1>Chủ đề theo dõi</h1>',
        'thấp (một nửa)',
        'đang theo dõi',
        'đã tắt',
        'Bật lại',
        'Trả lời của cộng tác viên',
        'Đề nghị (ghi nhật ký)',
      ],
      ['Switch back on', 'Watch topics'],
    );
  });
});
