/**
 * Admin → Độ nhạy theo chủ đề: an admin sets how easily a topic is flagged (topic_settings, which the detector
 * reads); 1 removes the setting; bad values are a 400 naming the field; nobody else may; audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, login, makeFixture, type Fixture } from './fixtures.ts';

describe('admin: topic sensitivity', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ pseudonymSecret: 'topic-sensitivity-test-secret' }); // the admin page's every form
  });
  afterAll(() => f.db.close());

  const settings = () => f.db.all<{ topic_id: string; sensitivity: number }>('SELECT * FROM topic_settings');

  it('sets a topic more or less sensitive from the admin page, and back to normal', async () => {
    for (const name of ['analyst1', 'leader', 'officer0']) {
      const { agent, csrf } = await login(f.app, name);
      const post = await agent
        .post('/admin/topic-sensitivity')
        .type('form')
        .send({ _csrf: csrf, topic_id: 'dat-dai', sensitivity: '5' });
      expect(post.status).toBe(403);
    }
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/admin')).text;
    expect(page).toContain('Độ nhạy phát hiện điểm nóng theo chủ đề');
    expect(page).toContain('aria-label="Độ nhạy Đất đai, bồi thường và giải phóng mặt bằng"');

    const saved = await admin.agent
      .post('/admin/topic-sensitivity')
      .type('form')
      .send({ _csrf: admin.csrf, topic_id: 'dat-dai', sensitivity: '5' });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('✓ dat-dai: × 5');
    expect(await settings()).toEqual([{ topic_id: 'dat-dai', sensitivity: 5 }]);
    expect(saved.text).toMatch(/value="5"\s+selected\s*>\s*dễ hơn nhiều \(× 5\)/);

    const api = await admin.agent
      .post('/api/admin/topic-sensitivity')
      .set('x-csrf-token', admin.csrf)
      .send({ topic_id: 'y-te', sensitivity: 0.5 });
    expect(api.body).toEqual({ topic_id: 'y-te', sensitivity: 0.5 });
    await admin.agent
      .post('/api/admin/topic-sensitivity')
      .set('x-csrf-token', admin.csrf)
      .send({ topic_id: 'dat-dai', sensitivity: 1 });
    expect(await settings()).toEqual([{ topic_id: 'y-te', sensitivity: 0.5 }]);

    const bad = await admin.agent
      .post('/api/admin/topic-sensitivity')
      .set('x-csrf-token', admin.csrf)
      .send({ topic_id: 'y-te', sensitivity: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('sensitivity: invalid sensitivity "0" (0.1–20)');
    const unknown = await admin.agent
      .post('/api/admin/topic-sensitivity')
      .set('x-csrf-token', admin.csrf)
      .send({ topic_id: 'bong-da', sensitivity: 2 });
    expect(unknown.body.error).toBe('topic_id: unknown topic "bong-da"');

    const audit = await f.db.all<{ object: string; details: string }>(
      "SELECT object, details FROM dlxh_audit.audit_log WHERE action = 'admin.topic_sensitivity' ORDER BY seq",
    );
    expect(audit.map((a) => [a.object, JSON.parse(a.details).sensitivity])).toEqual([
      ['topic:dat-dai', 5],
      ['topic:y-te', 0.5],
      ['topic:dat-dai', 1],
    ]);
  });

  it('shows the section and the rest of the admin page in English with ?lang=en, and in Vietnamese with ?lang=vi', async () => {
    const admin = await login(f.app, 'admin');
    await admin.agent.post('/api/admin/topic-sensitivity').set('x-csrf-token', admin.csrf).send({
      topic_id: 'dat-dai',
      sensitivity: 0.3,
    });
    const page = (await admin.agent.get('/admin?lang=en')).text;
    expectText(
      page,
      [
        '<h2 id="sensitivity">Hot-spot detection sensitivity by topic</h2>',
        '<th>Sensitive</th>',
        '<th>Sensitivity</th>',
        'aria-label="Sensitivity of Land, compensation and site clearance"',
        'harder (× 0.5)',
        'normal',
        'much easier (× 5)',
        'very easy (× 10)',
        '<th>Role</th>',
        'Display name',
        '<summary>Edit</summary>',
        '<h2>Add a user</h2>',
        'Pseudonym',
        'Resolve (audited)',
      ],
      [
        'Độ nhạy',
        'Nhạy cảm',
        'khó hơn',
        'bình thường',
        'dễ hơn',
        'rất dễ',
        '× 0,3',
        'Vai trò',
        'Tên hiển thị',
        'hoạt động',
        'Sửa',
        'Thêm người dùng',
        'Bí danh',
        'Giải mã',
      ],
    );
    expect(page).toMatch(/value="0.3"\s+selected\s*>\s*× 0.3\s*</);
    expect(page).toMatch(/<td>\s*active · \d{2}\/\d{2}\/\d{4}\s*<\/td>/);
    const saved = await admin.agent
      .post('/admin/topic-sensitivity')
      .type('form')
      .send({ _csrf: admin.csrf, topic_id: 'y-te', sensitivity: '2.5' });
    expect(saved.text).toContain('✓ y-te: × 2.5');

    const vi = (await admin.agent.get('/admin?lang=vi')).text;
    expectText(
      vi,
      [
        'Độ nhạy phát hiện điểm nóng theo chủ đề',
        'aria-label="Độ nhạy Đất đai, bồi thường và giải phóng mặt bằng"',
        'khó hơn (× 0,5)',
        '× 2,5',
        '<th>Vai trò</th>',
        '<summary>Sửa</summary>',
      ],
      ['harder (× 0.5)', 'Display name'],
    );
    expect(vi).toMatch(/<td>\s*hoạt động · \d{2}\/\d{2}\/\d{4}\s*<\/td>/);
  });
});
