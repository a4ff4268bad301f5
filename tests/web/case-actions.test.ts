import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

// The dashboard's case actions go through the one state machine of analytics/alerts/cases.ts: dismissal with a
// reason, reopening and merging are offered, and the alert's status moves with its case.
let f: Fixture;
let officer: { agent: Agent; csrf: string };
let admin: { agent: Agent; csrf: string };

beforeAll(async () => {
  f = await makeFixture();
  officer = await login(f.app, 'officer0');
  admin = await login(f.app, 'admin');
});
afterAll(() => f.db.close());

const post = (who: { agent: Agent; csrf: string }, id: string, action: string, body = {}) =>
  who.agent.post(`/api/cases/${id}/${action}`).set('x-csrf-token', who.csrf).send(body);

async function statuses(caseId: string) {
  return f.db.one<{ case_status: string; alert_status: string; merged_into: string | null }>(
    `SELECT c.status AS case_status, a.status AS alert_status, c.merged_into
     FROM cases c JOIN alerts a ON a.id = c.alert_id WHERE c.id = $id`,
    { id: caseId },
  );
}

describe('case actions in the dashboard', () => {
  it('offers verify, dismiss with its consequence, and merge into another open case the user sees', async () => {
    const page = (await admin.agent.get('/inbox?lang=vi')).text;
    const start = page.indexOf('/cases/case-a-0-here/');
    const forms = page.slice(start, page.indexOf('</li>', start));
    expect(forms).toContain('/cases/case-a-0-here/verify');
    expect(forms).toContain('/cases/case-a-0-here/dismiss');
    expect(forms).toContain('name="reason" required');
    expect(forms).toContain('Trong 90 ngày sau khi bác bỏ');
    expect(forms).toContain('/cases/case-a-0-here/merge');
    expect(forms).toMatch(/<option value="case-a-1-here">Điểm nóng a-1-here/);
    expect(forms).not.toContain('<option value="case-a-0-here">');
    const english = (await admin.agent.get('/inbox?lang=en')).text;
    expect(english).toContain('Dismiss: not a hot spot');
    expect(english).toContain('For 90 days after a dismissal');
    // officer0 sees one open case only: nothing to merge into.
    expect((await officer.agent.get('/inbox')).text).not.toContain('/merge"');
  });

  it('dismisses only with a reason, and the alert is dismissed with its case; reopening brings both back', async () => {
    const refused = await post(officer, 'case-a-0-here', 'dismiss', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/reason is required/);
    expect((await statuses('case-a-0-here'))?.case_status).toBe('received');

    const form = await officer.agent
      .post('/cases/case-a-0-here/dismiss')
      .type('form')
      .send({ _csrf: officer.csrf, back: '/inbox', reason: 'Tin cũ đăng lại, không phải điểm nóng' });
    expect(form.status).toBe(303);
    expect(await statuses('case-a-0-here')).toEqual({
      case_status: 'dismissed',
      alert_status: 'dismissed',
      merged_into: null,
    });
    const event = await f.db.one<{ actor: string; note: string }>(
      `SELECT actor, note FROM case_events WHERE case_id = 'case-a-0-here' AND action = 'dismiss'`,
    );
    expect(event).toEqual({ actor: 'officer0', note: 'Tin cũ đăng lại, không phải điểm nóng' });
    const detail = (await officer.agent.get('/hotspots/a-0-here')).text;
    expect(detail).toContain('/cases/case-a-0-here/reopen');
    // The timeline names the step in the page's language, with the reason.
    expect(detail.replace(/\s+/g, ' ')).toContain(
      'officer0 · Bác bỏ: không phải điểm nóng (Đã tiếp nhận → Đã bỏ qua)',
    );
    expect(detail).not.toContain('/cases/case-a-0-here/verify');

    expect((await post(officer, 'case-a-0-here', 'reopen', { note: 'có tin mới' })).body).toEqual({
      case: { id: 'case-a-0-here', status: 'verifying' },
    });
    expect((await statuses('case-a-0-here'))?.alert_status).toBe('open');
  });

  it('closing a resolved case closes its alert', async () => {
    await post(admin, 'case-a-2-here', 'verify');
    const report = 'Đã đối thoại với người dân, UBND phường giải quyết xong.';
    expect((await post(admin, 'case-a-2-here', 'resolve', { report })).status).toBe(200);
    expect((await statuses('case-a-2-here'))?.alert_status).toBe('open');
    expect((await post(admin, 'case-a-2-here', 'close')).status).toBe(200);
    expect(await statuses('case-a-2-here')).toMatchObject({ case_status: 'closed', alert_status: 'closed' });
  });

  it('merges a duplicate into a case the user may see, and refuses one the user may not', async () => {
    expect((await post(officer, 'case-a-0-here', 'merge', {})).body.error).toMatch(/merge into is required/);
    expect((await post(officer, 'case-a-0-here', 'merge', { into: 'case-a-0-elsewhere' })).status).toBe(404);
    expect((await statuses('case-a-0-here'))?.case_status).toBe('verifying');

    const merged = await post(admin, 'case-a-1-here', 'merge', { into: 'case-a-0-here' });
    expect(merged.body).toEqual({ case: { id: 'case-a-1-here', status: 'merged' } });
    expect((await statuses('case-a-1-here'))?.merged_into).toBe('case-a-0-here');
    const english = (await admin.agent.get('/hotspots/a-1-here?lang=en')).text.replace(/\s+/g, ' ');
    expect(english).toContain('admin · Merged (Received → Merged)');
    const audit = await f.db.all<{ object: string; details: string }>(
      `SELECT object, details::VARCHAR AS details FROM dlxh_audit.audit_log WHERE action = 'case.merge'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.object).toBe('case:case-a-1-here');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      from: 'received',
      to: 'merged',
      into: 'case-a-0-here',
    });
  });
});
