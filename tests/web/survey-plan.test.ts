/**
 * Kế hoạch khảo sát: an agency's officer files a request in its own name and may withdraw it; the board's analyst
 * takes it through the plan; need-to-know holds (a ward's officer does not see the health agency's request, nor
 * anyone a request above their clearance); every step is audited; bad input is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REQUEST_ACTION_VI,
  REQUEST_ACTIONS,
  REQUEST_STATUS_VI,
  REQUEST_STATUSES,
} from '../../analytics/surveys/requests.ts';
import { t } from '../../web/i18n.ts';
import { expectText, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

interface RequestJson {
  id: string;
  requester_uid: string;
  status: string;
  survey: string | null;
  overdue: boolean;
}

describe('survey requests and the year plan', () => {
  let f: Fixture;
  let health: { agent: Agent; csrf: string };
  let analyst: { agent: Agent; csrf: string };
  let ward: { agent: Agent; csrf: string };
  beforeAll(async () => {
    f = await makeFixture();
    health = await login(f.app, 'health1');
    analyst = await login(f.app, 'analyst1');
    ward = await login(f.app, 'officer0');
  });
  afterAll(() => f.db.close());

  const planIds = async (who: { agent: Agent }, year: number) =>
    (
      (await who.agent.get(`/api/survey-requests?year=${year}`)).body as { requests: RequestJson[] }
    ).requests.map((r) => r.id);

  it('an officer files for their own agency through the form, whatever requester the form names', async () => {
    const year = Number(f.clock.now.toISOString().slice(0, 4));
    const page = await health.agent.get('/survey-plan');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Kế hoạch khảo sát năm ${year}`);
    expect(page.text).toContain('Đề nghị khảo sát mới');
    expect(page.text).not.toContain('name="requester_uid"'); // officers file for their own unit only

    const filed = await health.agent
      .post('/survey-plan/requests')
      .type('form')
      .send({
        _csrf: health.csrf,
        requester_uid: '24133/2025',
        title: 'Hài lòng với trạm y tế xã sau sắp xếp',
        purpose: 'Đề xuất bố trí lại trạm y tế sau khi sáp nhập xã.',
        topics: ['y-te'],
        wanted_by: `30/06/${year}`,
      });
    expect(filed.status).toBe(303);
    expect(filed.headers.location).toBe(`/survey-plan/YC-${year}-001`);
    const detail = await health.agent.get(filed.headers.location!);
    expect(detail.text).toContain('Sở Y tế');
    expect(detail.text).toContain(`30/06/${year}`);
    expect(detail.text).toContain('Rút đề nghị'); // its own unit may withdraw
    expect(detail.text).not.toContain('Đưa vào kế hoạch'); // only the board plans

    expect(await planIds(health, year)).toEqual([`YC-${year}-001`]);
    expect(await planIds(analyst, year)).toEqual([`YC-${year}-001`]);
    expect(await planIds(ward, year)).toEqual([]); // neither its area, its unit nor its topics
    expect((await ward.agent.get(`/survey-plan/YC-${year}-001`)).status).toBe(404);
  });

  it('the analyst plans, starts and links the survey; others may not; each step is audited', async () => {
    const year = Number(f.clock.now.toISOString().slice(0, 4));
    const id = `YC-${year}-001`;
    const status = (who: { agent: Agent; csrf: string }, body: Record<string, string>) =>
      who.agent.post(`/api/survey-requests/${id}/status`).set('x-csrf-token', who.csrf).send(body);
    expect((await status(health, { action: 'plan' })).status).toBe(403);
    const leader = await login(f.app, 'leader');
    expect((await status(leader, { action: 'plan' })).status).toBe(403);

    expect((await status(analyst, { action: 'plan', note: 'Quý II' })).body.request).toMatchObject({
      status: 'planned',
    });
    expect((await status(analyst, { action: 'plan' })).status).toBe(409);
    await f.db.run(
      "INSERT INTO surveys (name, title, created_at, updated_at) VALUES ('ks-yte', 'Y tế', $now, $now)",
      {
        now: f.clock.now,
      },
    );
    const unknown = await status(analyst, { action: 'report', survey: 'ks-khong-co' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('unknown survey "ks-khong-co"');
    const reported = await status(analyst, { action: 'report', survey: 'ks-yte' });
    expect(reported.body.request).toMatchObject({ status: 'reported', survey: 'ks-yte' });
    expect((await status(health, { action: 'withdraw' })).status).toBe(409); // too late to withdraw

    const history = (await analyst.agent.get(`/api/survey-requests/${id}`)).body as {
      events: { actor: string; to_status: string }[];
    };
    expect(history.events.map((e) => `${e.actor}:${e.to_status}`)).toEqual([
      'health1:received',
      'analyst1:planned',
      'analyst1:reported',
    ]);
    const audit = await f.db.all<{ actor: string; action: string }>(
      "SELECT actor, action FROM dlxh_audit.audit_log WHERE action LIKE 'survey_request.%' ORDER BY seq",
    );
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual([
      'health1:survey_request.file',
      'analyst1:survey_request.plan',
      'analyst1:survey_request.report',
    ]);
    const page = (await analyst.agent.get(`/survey-plan?year=${year}`)).text;
    expect(page).toContain('Đã có kết quả');
    expect(page).toContain('href="/surveys/ks-yte"');
  });

  it('refuses bad input with a 400 naming the field, a classification above the filer, and contributors', async () => {
    const post = (who: { agent: Agent; csrf: string }, body: Record<string, unknown>) =>
      who.agent.post('/api/survey-requests').set('x-csrf-token', who.csrf).send(body);
    const noTitle = await post(analyst, { requester_uid: 'so-y-te', purpose: 'Để biết.' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error).toBe('POST /api/survey-requests: title: required');
    const badDay = await post(analyst, {
      requester_uid: 'so-y-te',
      title: 'x',
      purpose: 'y',
      wanted_by: '31/02/2026',
    });
    expect(badDay.body.error).toContain('wanted_by: invalid date "2026-02-31"');
    const secret = await post(health, { title: 'Mật', purpose: 'Để biết.', classification: 3 });
    expect(secret.status).toBe(400);
    expect(secret.body.error).toContain('classification: higher than your own clearance');
    const contributor = await login(f.app, 'contributor');
    expect((await post(contributor, { title: 'x', purpose: 'y' })).status).toBe(403);
    expect((await contributor.agent.get('/survey-plan')).status).toBe(403);
  });

  it('a request above a reader\u2019s clearance stays hidden from them', async () => {
    const year = Number(f.clock.now.toISOString().slice(0, 4));
    const filed = await analyst.agent.post('/api/survey-requests').set('x-csrf-token', analyst.csrf).send({
      requester_uid: 'so-y-te',
      title: 'Đánh giá mật',
      purpose: 'Phục vụ lãnh đạo.',
      classification: 1,
    });
    expect(filed.status).toBe(201);
    const id = (filed.body as { request: RequestJson }).request.id;
    expect(await planIds(health, year)).toContain(id); // health1 has clearance 1
    const officer = await login(f.app, 'officer0'); // clearance 0, and not their unit anyway
    expect(await planIds(officer, year)).not.toContain(id);
  });

  it('renders the plan, a request and the forms in English with ?lang=en, and in Vietnamese again with ?lang=vi', async () => {
    const year = Number(f.clock.now.toISOString().slice(0, 4));
    const filed = await analyst.agent
      .post('/api/survey-requests')
      .set('x-csrf-token', analyst.csrf)
      .send({
        requester_uid: 'so-y-te',
        title: 'Khảo sát trễ hạn',
        purpose: 'Kiểm tra nhãn quá hạn.',
        wanted_by: `01/03/${year}`,
      });
    expect(filed.status).toBe(201);
    const id = (filed.body as { request: RequestJson }).request.id;

    const list = (await analyst.agent.get('/survey-plan?lang=en')).text;
    expect(list).toContain('<title>Survey plan');
    expectText(
      list,
      [
        `Survey plan for ${year}`,
        'Results in: 1',
        'overdue: 1',
        '<th>Requested by</th>',
        '<th>Locality</th>',
        '<th>Needed by</th>',
        '<span class="badge">Overdue</span>',
        'Whole province',
        'New survey request',
        'Purpose (what the results are for)',
        'Results needed by',
        'File the request (audited)',
      ],
      [
        'Kế hoạch khảo sát',
        'Đã có kết quả',
        'quá hạn',
        'Quá hạn',
        'Nội dung đề nghị',
        'Đơn vị đề nghị',
        'Toàn tỉnh',
        'Đề nghị khảo sát mới',
        'Gửi đề nghị',
      ],
    );
    expect((await analyst.agent.get('/survey-plan?year=2024')).text).toContain(
      'No survey requests in the 2024 plan yet.',
    );

    const detail = (await analyst.agent.get(`/survey-plan/${id}`)).text;
    expectText(
      detail,
      [
        `← Survey plan for ${year}`,
        '<th scope="row">Status</th>',
        '<th scope="row">Purpose</th>',
        '<th scope="row">Results needed by</th>',
        '<h2>History</h2>',
        'Put in the plan',
        'Reason (required)',
        'Withdraw the request',
      ],
      [
        'Trạng thái',
        'Mục đích',
        'Cần kết quả trước',
        'Diễn biến',
        'Đã nhận',
        'Đưa vào kế hoạch',
        'Lý do (bắt buộc)',
        'Ghi chú',
        'Rút đề nghị',
      ],
    );
    expect(detail).toMatch(/analyst1 ·\s+Received/);

    const vi = (await analyst.agent.get(`/survey-plan/${id}?lang=vi`)).text;
    expectText(
      vi,
      ['Kế hoạch khảo sát năm', 'Quá hạn', 'Diễn biến', 'Đưa vào kế hoạch', 'Lý do (bắt buộc)'],
      ['Put in the plan', 'History'],
    );
    expect(vi).toMatch(/analyst1 ·\s+Đã nhận/);
    const viList = (await analyst.agent.get('/survey-plan')).text; // the choice stays with the session
    expect(viList).toContain(`Kế hoạch khảo sát năm ${year}`);
    expect(viList).toContain('quá hạn: 1');
  });

  it('names statuses and actions in Vietnamese exactly as the survey plan module does', () => {
    for (const s of REQUEST_STATUSES) expect(t('vi', `surveyPlan.status.${s}`)).toBe(REQUEST_STATUS_VI[s]);
    for (const a of REQUEST_ACTIONS) expect(t('vi', `surveyPlan.action.${a}`)).toBe(REQUEST_ACTION_VI[a]);
  });
});
