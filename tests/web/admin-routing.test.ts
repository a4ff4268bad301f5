import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAlerts } from '../../analytics/alerts/process-alerts.ts';
import { DEFAULT_ROUTING_RULES, parseRoutingRules } from '../../analytics/alerts/routing.ts';
import { storeAlerts } from '../../analytics/hotspots/store-alerts.ts';
import { NOW as ALERT_NOW, makeAlert } from '../analytics/alerts/fixtures.ts';
import { csrfFrom, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

interface RuleJson {
  id: string;
  priority: number;
  topics: string[];
  topic_names: string[];
  unit_uid: string | null;
  unit_name: string | null;
  min_severity: string | null;
  recipients: string[];
  escalate: boolean;
  notify: boolean;
}
interface RoutingJson {
  source: string;
  editable: boolean;
  board_office: string;
  sensitive_topics: { id: string; name: string }[];
  rules: RuleJson[];
}

async function auditEntries(f: Fixture, action: string) {
  const rows = await f.db.all<{ actor: string; object: string; details: string }>(
    'SELECT actor, object, details FROM dlxh_audit.audit_log WHERE action = $action ORDER BY seq',
    { action },
  );
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

async function routingJson(agent: Agent): Promise<RoutingJson> {
  const response = await agent.get('/api/admin/routing-rules');
  expect(response.status).toBe(200);
  return response.body as RoutingJson;
}

describe('routing rules (database or defaults)', () => {
  let f: Fixture;
  let admin: { agent: Agent; csrf: string };
  beforeAll(async () => {
    f = await makeFixture();
    admin = await login(f.app, 'admin');
  });
  afterAll(() => f.db.close());

  it('refuses everyone but admins, for the page, the API and the edits', async () => {
    for (const name of ['analyst1', 'leader', 'officer0', 'contributor']) {
      const { agent, csrf } = await login(f.app, name);
      expect((await agent.get('/admin/routing-rules')).status).toBe(403);
      expect((await agent.get('/api/admin/routing-rules')).status).toBe(403);
      const post = await agent
        .post('/api/admin/routing-rules')
        .set('x-csrf-token', csrf)
        .send({ rule: { id: 'x', recipients: ['Sở Y tế'] } });
      expect(post.status).toBe(403);
      const form = await agent
        .post('/admin/routing-rules/restore-defaults')
        .type('form')
        .send({ _csrf: csrf, confirm: '1' });
      expect(form.status).toBe(403);
    }
    expect(await f.db.all('SELECT * FROM routing_rules')).toEqual([]);
  });

  it('refuses an edit without the anti-forgery token', async () => {
    const response = await admin.agent
      .post('/admin/routing-rules')
      .type('form')
      .send({ id: 'x', recipients: 'Sở Y tế' });
    expect(response.status).toBe(403);
    expect(await f.db.all('SELECT * FROM routing_rules')).toEqual([]);
  });

  it('lists the built-in defaults by name, with their source and the escalation conditions', async () => {
    const body = await routingJson(admin.agent);
    expect(body.source).toBe('defaults');
    expect(body.editable).toBe(true);
    expect(body.rules.map((r) => r.id).sort()).toEqual(DEFAULT_ROUTING_RULES.map((r) => r.id).sort());
    const land = body.rules.find((r) => r.id === 'dat-dai')!;
    const topic = await f.db.one<{ name_vi: string }>("SELECT name_vi FROM topics WHERE id = 'dat-dai'");
    expect(land.topic_names).toEqual([topic!.name_vi]);
    expect(land.recipients).toEqual(['Sở Nông nghiệp và Môi trường', '{unit}']);
    const sensitive = await f.db.all<{ id: string }>('SELECT id FROM topics WHERE sensitive ORDER BY id');
    expect(body.sensitive_topics.map((tp) => tp.id).sort()).toEqual(sensitive.map((r) => r.id));
    expect(body.rules.find((r) => r.id === 'urgent')).toMatchObject({ min_severity: 'khẩn', notify: true });

    const page = await admin.agent.get('/admin/routing-rules');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Quy tắc điều phối');
    expect(page.text).toContain('quy tắc mặc định có sẵn');
    expect(page.text).toContain(topic!.name_vi);
    expect(page.text).toContain('UBND nơi xảy ra');
    expect(page.text).toContain(body.board_office);
    expect(page.text).toContain('action="/admin/routing-rules"');
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
    const english = await admin.agent.get('/admin/routing-rules?lang=en');
    expect(english.text).toContain('Routing rules');
    expect((await admin.agent.get('/admin/routing-rules?lang=vi')).text).toContain('Quy tắc điều phối');

    const adminPage = await admin.agent.get('/admin');
    expect(adminPage.text).toContain('href="/admin/routing-rules"');
    expect(adminPage.text).toContain(`${DEFAULT_ROUTING_RULES.length} quy tắc`);
  });

  it('refuses an invalid rule with one line naming the field, and stores nothing', async () => {
    const post = (rule: unknown) =>
      admin.agent.post('/api/admin/routing-rules').set('x-csrf-token', admin.csrf).send({ rule });
    const cases: [unknown, RegExp][] = [
      [{ id: 'x', min_severity: 'rất cao', recipients: ['Sở Y tế'] }, /^routing rule "x": min_severity: /],
      [{ id: 'x', priority: 'high', recipients: ['Sở Y tế'] }, /^routing rule "x": priority: /],
      [{ id: 'x', priority: 1e12, recipients: ['Sở Y tế'] }, /^routing rule "x": priority: out of range/],
      [{ id: 'x', recipients: ['Sở Y tế'], colour: 'red' }, /^routing rule "x": \(rule\): .*colour/],
      [{ id: 'Bad Id', recipients: ['Sở Y tế'] }, /^routing rule "Bad Id": id: invalid id/],
      [
        { id: 'x', recipients: ['{commune}'] },
        /^routing rule "x": recipients: unknown placeholder "\{commune\}"/,
      ],
      [{ id: 'x', recipients: [] }, /^routing rule "x": recipients: none/],
      [
        { id: 'x', topics: ['khong-co'], recipients: ['Sở Y tế'] },
        /^routing rule "x": topics: unknown topic "khong-co"$/,
      ],
      [
        { id: 'x', unit_uid: '99999/2025', recipients: ['Sở Y tế'] },
        /^routing rule "x": unit_uid: unknown unit "99999\/2025"$/,
      ],
      [
        { id: 'dat-dai', recipients: ['Sở Y tế'] },
        /^routing rule "dat-dai": id: a rule with this id already exists$/,
      ],
    ];
    for (const [rule, message] of cases) {
      const response = await post(rule);
      expect(response.status, JSON.stringify(rule)).toBe(400);
      const error = (response.body as { error: string }).error;
      expect(error).toMatch(message);
      expect(error).not.toContain('\n');
    }
    const form = await admin.agent
      .post('/admin/routing-rules')
      .type('form')
      .send({ _csrf: admin.csrf, id: 'x', priority: 'abc', recipients: 'Sở Y tế' });
    expect(form.status).toBe(400);
    expect(form.text).toContain('routing rule &quot;x&quot;: priority: invalid number &quot;abc&quot;');
    expect(await f.db.all('SELECT * FROM routing_rules')).toEqual([]);
    expect((await routingJson(admin.agent)).source).toBe('defaults');
  });

  it('saves an edit made through the form, shows it, and audits it with before and after', async () => {
    const form = await admin.agent.get('/admin/routing-rules?edit=gia-ca');
    expect(form.text).toContain('Sửa quy tắc gia-ca');
    expect(form.text).toContain('name="replaces" value="gia-ca"');
    expect(form.text).toMatch(
      /<textarea name="recipients"[^>]*>Sở Công Thương\nSở Tài chính\n\{unit\}<\/textarea>/,
    );
    const response = await admin.agent
      .post('/admin/routing-rules')
      .type('form')
      .send({
        _csrf: admin.csrf,
        replaces: 'gia-ca',
        id: 'gia-ca',
        priority: '90',
        topics: ['gia-ca', 'an-sinh'],
        unit_uid: '',
        min_severity: 'trung bình',
        recipients: 'Sở Công Thương\r\n{parent}\r\n',
        escalate: '1',
      });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Đã lưu quy tắc gia-ca.');
    expect(response.text).toContain('UBND cấp trên');
    expect(response.text).toContain('lưu trong cơ sở dữ liệu');

    const body = await routingJson(admin.agent);
    expect(body.source).toBe('database');
    expect(body.rules).toHaveLength(DEFAULT_ROUTING_RULES.length);
    expect(body.rules.find((r) => r.id === 'gia-ca')).toMatchObject({
      priority: 90,
      topics: ['gia-ca', 'an-sinh'],
      min_severity: 'trung bình',
      recipients: ['Sở Công Thương', '{parent}'],
      escalate: true,
      notify: false,
    });
    const stored = await f.db.all<{ id: string }>('SELECT id FROM routing_rules ORDER BY id');
    expect(stored).toHaveLength(DEFAULT_ROUTING_RULES.length);

    const [entry] = await auditEntries(f, 'admin.routing_rules.replace');
    expect(entry).toMatchObject({ actor: 'admin', object: 'routing_rule:gia-ca' });
    expect(entry!.details).toMatchObject({
      source_before: 'defaults',
      before: { id: 'gia-ca', recipients: ['Sở Công Thương', 'Sở Tài chính', '{unit}'], escalate: false },
      after: { id: 'gia-ca', recipients: ['Sở Công Thương', '{parent}'], escalate: true },
    });
    expect((await admin.agent.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('adds and deletes rules through the API, refuses deleting the last one, and restores the defaults', async () => {
    const added = await admin.agent
      .post('/api/admin/routing-rules')
      .set('x-csrf-token', admin.csrf)
      .send({ rule: { id: 'cho', topics: ['gia-ca'], recipients: ['Ban Quản lý chợ'] } });
    expect(added.status).toBe(201);
    expect((added.body as RoutingJson).rules.find((r) => r.id === 'cho')).toMatchObject({ priority: 100 });

    const deleted = await admin.agent
      .post('/api/admin/routing-rules/delete')
      .set('x-csrf-token', admin.csrf)
      .send({ id: 'cho' });
    expect(deleted.status).toBe(200);
    expect((deleted.body as RoutingJson).rules.some((r) => r.id === 'cho')).toBe(false);
    const missing = await admin.agent
      .post('/api/admin/routing-rules/delete')
      .set('x-csrf-token', admin.csrf)
      .send({ id: 'cho' });
    expect(missing.status).toBe(404);
    expect((await auditEntries(f, 'admin.routing_rules.delete'))[0]!.details).toMatchObject({
      before: { id: 'cho' },
      after: null,
    });

    const badList = await admin.agent
      .put('/api/admin/routing-rules')
      .set('x-csrf-token', admin.csrf)
      .send({
        rules: [
          { id: 'a', recipients: ['X'] },
          { id: 'a', recipients: ['Y'] },
        ],
      });
    expect(badList.status).toBe(400);
    expect((badList.body as { error: string }).error).toBe('rules[1] "a": id: used by an earlier rule');

    const one = await admin.agent
      .put('/api/admin/routing-rules')
      .set('x-csrf-token', admin.csrf)
      .send({ rules: [{ id: 'only', recipients: ['Văn phòng UBND tỉnh'] }] });
    expect(one.status).toBe(200);
    expect((one.body as RoutingJson).rules.map((r) => r.id)).toEqual(['only']);
    const last = await admin.agent
      .post('/admin/routing-rules/delete')
      .type('form')
      .send({ _csrf: admin.csrf, id: 'only' });
    expect(last.status).toBe(400);
    expect(last.text).toContain('the last rule cannot be deleted');

    const unconfirmed = await admin.agent
      .post('/admin/routing-rules/restore-defaults')
      .type('form')
      .send({ _csrf: admin.csrf });
    expect(unconfirmed.status).toBe(400);
    const restored = await admin.agent
      .post('/admin/routing-rules/restore-defaults')
      .type('form')
      .send({ _csrf: admin.csrf, confirm: '1' });
    expect(restored.status).toBe(200);
    expect(restored.text).toContain('Đã khôi phục quy tắc mặc định.');
    expect(await f.db.all('SELECT * FROM routing_rules')).toEqual([]);
    expect((await routingJson(admin.agent)).source).toBe('defaults');
    const [restore] = await auditEntries(f, 'admin.routing_rules.restore_defaults');
    expect(restore!.details).toMatchObject({ source_before: 'database', before: [{ id: 'only' }] });
  });

  it('routes the next alert by a rule edited on the web, without a restart', async () => {
    const alert = makeAlert({ id: 'hs-routing-web-1' });
    await storeAlerts(f.db, [alert], 2);
    const before = await processAlerts(f.db, [alert], { now: ALERT_NOW });
    expect(before.cases[0]!.assignee).toBe('Sở Nông nghiệp và Môi trường');

    const page = await admin.agent.get('/admin/routing-rules');
    const saved = await admin.agent
      .post('/admin/routing-rules')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        id: 'krong-pac-dat',
        priority: '50',
        topics: 'dat-dai',
        unit_uid: '24490/2025',
        recipients: 'Ban Quản lý dự án tỉnh\n{unit}',
      });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Xã Krông Pắc');

    const next = makeAlert({ id: 'hs-routing-web-2' });
    await storeAlerts(f.db, [next], 2);
    const after = await processAlerts(f.db, [next], { now: ALERT_NOW });
    expect(after.cases[0]!.assignee).toBe('Ban Quản lý dự án tỉnh');
    expect(after.cases[0]!.recipients).toEqual([
      'Ban Quản lý dự án tỉnh',
      'UBND Xã Krông Pắc',
      'Sở Nông nghiệp và Môi trường',
      'UBND Tỉnh Đắk Lắk',
      'Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy',
    ]);

    const elsewhere = makeAlert({ id: 'hs-routing-web-3', unitUid: '22015/2025', currentUid: '22015/2025' });
    await storeAlerts(f.db, [elsewhere], 2);
    const other = await processAlerts(f.db, [elsewhere], { now: ALERT_NOW });
    expect(other.cases[0]!.recipients).not.toContain('Ban Quản lý dự án tỉnh');
  });
});

describe('routing rules set in the config file', () => {
  let f: Fixture;
  let admin: { agent: Agent; csrf: string };
  const configured = parseRoutingRules([
    { id: 'cau-hinh', topics: ['y-te'], recipients: ['Sở Y tế', '{unit}'], escalate: true },
  ]);
  beforeAll(async () => {
    f = await makeFixture({ routingRules: configured });
    admin = await login(f.app, 'admin');
  });
  afterAll(() => f.db.close());

  it('shows them read-only, says that the config wins, and refuses every edit', async () => {
    const body = await routingJson(admin.agent);
    expect(body).toMatchObject({ source: 'config', editable: false });
    expect(body.rules.map((r) => r.id)).toEqual(['cau-hinh']);
    const page = await admin.agent.get('/admin/routing-rules');
    expect(page.text).toContain('tệp cấu hình (mục routing:)');
    expect(page.text).toContain('Không sửa được trên trang này');
    expect(page.text).not.toContain('method="post" action="/admin/routing-rules');
    expect(page.text).not.toContain('data-rule="dat-dai"');

    const post = await admin.agent
      .post('/api/admin/routing-rules')
      .set('x-csrf-token', admin.csrf)
      .send({ rule: { id: 'x', recipients: ['Sở Y tế'] } });
    expect(post.status).toBe(409);
    expect((post.body as { error: string }).error).toMatch(/config file/);
    const form = await admin.agent
      .post('/admin/routing-rules/restore-defaults')
      .type('form')
      .send({ _csrf: admin.csrf, confirm: '1' });
    expect(form.status).toBe(409);
    expect(await f.db.all('SELECT * FROM routing_rules')).toEqual([]);
    expect(await auditEntries(f, 'admin.routing_rules.add')).toEqual([]);
  });
});
