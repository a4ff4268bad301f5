/**
 * The flash report (báo cáo nhanh) on one hot spot, one click from its page: HTML and DOCX made through the reader's
 * scope, marked with the highest classification of what it shows, every figure traced to a query, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, login, makeFixture, type Fixture } from './fixtures.ts';

describe('flash report on a hot spot', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.db.close());

  it('is one click from the hot spot page, and says what, where, how strongly, what collaborators reported and who handles it', async () => {
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/hotspots/a-1-here')).text;
    expect(page).toContain('href="/hotspots/a-1-here/flash"');
    expect(page).toContain('href="/hotspots/a-1-here/flash.docx"');

    // The fixture's candidates are suggestions nobody has reviewed: the queue's business, not a leadership report's.
    expect((await admin.agent.get('/hotspots/a-1-here/flash')).text).not.toContain('id="claims"');
    await f.db.run(`UPDATE claim_candidates SET tier = 'auto'`);
    const flash = await admin.agent.get('/hotspots/a-1-here/flash');
    expect(flash.status).toBe(200);
    expect(flash.headers['content-security-policy']).toBeDefined();
    const text = flash.text.replace(/\s+/g, ' ');
    expect(text).toContain('BÁO CÁO NHANH');
    expect(text).toContain('Điểm nóng: Điểm nóng a-1-here');
    // The alert is Mật (1): the report is marked so, on its banner and in its header.
    expect(text).toContain('<div class="banner" role="note">MẬT</div>');
    expect(text).toContain(
      '12 tin, bài về Đất đai, bồi thường và giải phóng mặt bằng tại Phường Buôn Ma Thuột từ 17/03/2026 10:00',
    );
    expect(text).toContain('gấp 4,8 lần mức thường (2,5)');
    expect(text).toContain('60,0% mang sắc thái tiêu cực; 1 nguồn đưa tin; mức độ: cao.');
    // The fixture's two land reports from the ward in March 2026.
    expect(text).toContain(
      '2 báo cáo của cộng tác viên về địa bàn và chủ đề này trong kỳ 02/2026 – 03/2026.',
    );
    expect(text).toContain('REPORTMARKrownZ');
    expect(text).toContain('Đã chuyển UBND phường xử lý');
    // The fixture's rumour statement matches every story: the claim, how many stories, and the official answer.
    expect(text).toContain(
      '8 tin, bài khớp với thông tin đã được UBND tỉnh khẳng định là sai sự thật: &quot;Tin đồn thu hồi đất&quot;.',
    );
    expect(text).toContain('THÔNG TIN SAI LỆCH VÀ THÔNG TIN CHÍNH THỨC');
    expect(text).toContain('UBND tỉnh khẳng định không thu hồi đất. (UBND tỉnh)');
    expect(text).toContain('<svg'); // the series chart
    // Every figure can be traced: the appendix holds the queries the report ran.
    for (const name of ['flash_alert', 'flash_evidence', 'alert_area_reports', 'flash_claims', 'flash_case'])
      expect(text).toContain(`(${name};`);
    const audited = await f.db.all<{ actor: string; object: string }>(
      `SELECT actor, object FROM dlxh_audit.audit_log WHERE action = 'alert.flash_report'`,
    );
    expect(audited).toEqual([
      { actor: 'admin', object: 'alert:a-1-here' },
      { actor: 'admin', object: 'alert:a-1-here' },
    ]);

    // Against a usual level near none, no ratio: "gấp 1.770 lần" would only say the baseline is tiny.
    // With the burst's stories and documents in the explanation, those lead, and the test's capped count is apart.
    await f.db.run(
      `UPDATE alerts SET expected = 0.03, explanation = '{"stories": 10, "documents": 13}' WHERE id = 'a-0-here'`,
    );
    const nearNone = (await admin.agent.get('/hotspots/a-0-here/flash')).text.replace(/\s+/g, ' ');
    expect(nearNone).toContain(
      '10 tin, bài về Đất đai, bồi thường và giải phóng mặt bằng tại Phường Buôn Ma Thuột',
    );
    expect(nearNone).toContain(
      '(13 tài liệu, kể cả bản sao). Phép kiểm định tính 12 tin (mỗi nguồn có hạn mức), trong khi bình thường gần như không có (mức thường 0,03)',
    );
    expect(nearNone).not.toContain('lần mức thường');

    const english = (await admin.agent.get('/hotspots/a-1-here/flash?lang=en')).text;
    expect(english).toContain('FLASH REPORT');
    expect(english).toContain("III. COLLABORATORS' REPORTS FROM THE AREA");
    expect(english).toContain("2 collaborators' reports on this area and topic in 02/2026 – 03/2026.");
    expect(english).toContain('1 outlet; severity');

    const docx = await download(admin.agent, '/hotspots/a-1-here/flash.docx?lang=vi');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-disposition']).toContain('bcn-a-1-here-vi.docx');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('shows a reader only what their clearance and area allow', async () => {
    const officer = await login(f.app, 'officer0'); // clearance 0, Phường Buôn Ma Thuột
    expect((await officer.agent.get('/hotspots/a-1-here/flash')).status).toBe(404);
    expect((await officer.agent.get('/hotspots/a-0-elsewhere/flash')).status).toBe(404);
    const own = await officer.agent.get('/hotspots/a-0-here/flash');
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('class="banner"'); // Thường: no marking
    expect(own.text).toContain('Phạm vi: Phường Buôn Ma Thuột');
  });
});
