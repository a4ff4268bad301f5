/**
 * Admin → Lưu giữ dữ liệu cá nhân: the rules as configured, what is due now, the last run; "apply now" removes it
 * as the signed-in admin (audited); nobody else may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymEntry } from '../../data/pseudonym.ts';
import { DEFAULT_RETENTION } from '../../data/retention.ts';
import { expectText, login, makeFixture, type Fixture } from './fixtures.ts';

const DAY_MS = 86_400_000;

/** The table's rows as text: `Dữ liệu | Thời hạn | Xóa phần trước | Đến hạn xóa`. */
function retentionRows(page: string): string[] {
  const section = page.slice(page.indexOf('id="retention"'));
  const body = section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
      .map((c) => c[1]!.replace(/\s+/g, ' ').trim())
      .join(' | '),
  );
}

describe('admin: retention of personal data', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({
      retention: {
        ...DEFAULT_RETENTION,
        identityMonths: { ...DEFAULT_RETENTION.identityMonths, enumerator: null },
      },
    });
    const old = new Date(f.clock.now.getTime() - 400 * DAY_MS);
    const e = pseudonymEntry('web-test-secret', 'respondent', 'ks/uuid-1');
    const enumerator = pseudonymEntry('web-test-secret', 'enumerator', 'ctv_01');
    await f.db.append('pseudonym_map', [
      [e.pseudonym, e.kind, e.sealed, old],
      [enumerator.pseudonym, enumerator.kind, enumerator.sealed, old],
    ] as never);
    await f.db.append('raw_items', [
      ['r1', 'test', 'f:1', old, 'text/html', null, '<p>x</p>', 'h1', 1],
    ] as never);
  });
  afterAll(() => f.db.close());

  it('shows the section in English with ?lang=en, and in Vietnamese again with ?lang=vi', async () => {
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/admin?lang=en')).text;
    expectText(
      page,
      [
        '<h2 id="retention">Retention of personal data</h2>',
        '<th>Kept for</th>',
        '<th>Cut-off</th>',
        'Due for removal',
        'No scheduled run yet.',
        'Nothing removed yet.',
        'Apply now (audited)',
      ],
      [
        'Lưu giữ dữ liệu cá nhân',
        'Liên kết bí danh',
        'Thời hạn',
        'tháng',
        'ngày',
        'giữ lâu dài',
        'Chưa chạy theo lịch lần nào.',
        'Chưa xóa lần nào.',
        'Áp dụng ngay',
      ],
    );
    const rows = retentionRows(page);
    expect(rows[0]).toMatch(
      /^Pseudonym links of survey respondents \| 12 months \| \d{2}\/\d{2}\/\d{4} \| 1$/,
    );
    expect(rows[1]).toBe('Pseudonym links of enumerators | kept for good | — | —');
    expect(rows[4]).toMatch(/^Raw pages and feed items fetched \| 12 months \| .* \| 1$/);
    expect(rows[5]).toMatch(/^Usernames of failed sign-ins \| 30 days \| /);

    const vi = (await admin.agent.get('/admin?lang=vi')).text;
    expectText(vi, ['Lưu giữ dữ liệu cá nhân', 'Chưa xóa lần nào.'], ['Retention of personal data']);
    expect(retentionRows(vi)[1]).toBe('Liên kết bí danh với điều tra viên | giữ lâu dài | — | —');
  });

  it('shows each rule and what is due, applies it for the admin, and refuses everyone else', async () => {
    for (const name of ['analyst1', 'leader', 'officer0']) {
      const { agent, csrf } = await login(f.app, name);
      expect((await agent.post('/admin/retention').type('form').send({ _csrf: csrf })).status).toBe(403);
    }
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/admin')).text;
    expect(page).toContain('Lưu giữ dữ liệu cá nhân');
    const rows = retentionRows(page);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(
      /^Liên kết bí danh với người trả lời khảo sát \| 12 tháng \| \d{2}\/\d{2}\/\d{4} \| 1$/,
    );
    expect(rows[1]).toBe('Liên kết bí danh với điều tra viên | giữ lâu dài | — | —');
    expect(rows[4]).toMatch(/^Bản gốc trang và tin đã tải \| 12 tháng \| .* \| 1$/);
    expect(page).toContain('Chưa chạy theo lịch lần nào.');
    expect(page).toContain('Chưa xóa lần nào.');

    const applied = await admin.agent.post('/admin/retention').type('form').send({ _csrf: admin.csrf });
    expect(applied.status).toBe(200);
    expect(applied.text).toContain(
      'Đã xóa: Liên kết bí danh với người trả lời khảo sát 1; Bản gốc trang và tin đã tải 1.',
    );
    expect(retentionRows(applied.text)[0]).toMatch(/\| 0$/);
    expect(applied.text).toMatch(
      /Lần xóa gần nhất: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, bởi admin, 2 mục trong cơ sở dữ liệu\./,
    );
    const left = await f.db.all<{ kind: string }>('SELECT kind FROM pseudonym_map');
    expect(left.map((r) => r.kind)).toEqual(['enumerator']);
    const audit = await f.db.all<{ actor: string }>(
      "SELECT actor FROM dlxh_audit.audit_log WHERE action = 'retention.apply'",
    );
    expect(audit.map((r) => r.actor)).toEqual(['admin']);

    const again = await admin.agent.post('/admin/retention').type('form').send({ _csrf: admin.csrf });
    expect(again.text).toContain('Không có dữ liệu nào quá hạn lưu giữ.');
  });

  it('says in English what a run removed and what the last removal was', async () => {
    const old = new Date(f.clock.now.getTime() - 400 * DAY_MS);
    await f.db.append('raw_items', [
      ['r2', 'test', 'f:2', old, 'text/html', null, '<p>y</p>', 'h2', 1],
    ] as never);
    const admin = await login(f.app, 'admin');
    await admin.agent.get('/admin?lang=en');
    const applied = await admin.agent.post('/admin/retention').type('form').send({ _csrf: admin.csrf });
    expect(applied.text).toContain('Removed: Raw pages and feed items fetched 1.');
    expect(applied.text).toMatch(
      /Last removal: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, by admin, 1 record in the database\./,
    );
    expect(applied.text).not.toContain('Đã xóa');
    expect(applied.text).not.toContain('Lần xóa gần nhất');
    const again = await admin.agent.post('/admin/retention').type('form').send({ _csrf: admin.csrf });
    expect(again.text).toContain('No data is past its retention period.');
    expect(again.text).not.toContain('Không có dữ liệu nào quá hạn lưu giữ.');
  });
});
