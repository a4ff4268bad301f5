import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

let f: Fixture;
let admin: Agent;

const EXPLANATION = {
  summary: 'Đất đai tại Phường Buôn Ma Thuột: 12 tin độc lập, kỳ vọng 2,5 (gấp 4,8 lần).',
  topic_name: 'Đất đai',
  unit: { uid: '24136/pre2025', name: 'Phường Tân Lợi', level: 3, path: ['Tỉnh Đắk Lắk', 'Phường Tân Lợi'] },
  current_unit: {
    uid: '24133/2025',
    name: 'Phường Buôn Ma Thuột',
    level: 3,
    path: ['Tỉnh Đắk Lắk', 'Phường Buôn Ma Thuột'],
  },
  observed: 12,
  expected: 2.5,
  ratio: 4.8,
  p_value: 7.538899369566358e-62,
  method: 'negative-binomial',
  alpha: 0.01,
  tested_series: 3810,
  stories: 12,
  documents: 15,
  outlets: [
    { name: 'Báo Đắk Lắk', documents: 9 },
    { name: '<img src=x onerror=alert(1)>', documents: 3 },
  ],
  also_elevated: [{ unit_uid: '643/pre2025', name: 'Thành phố Buôn Ma Thuột', count: 20, expected: 4.25 }],
  severity_factors: { volume: 11.3, sensitive_topic: 10, new_factor: 2 },
  terms: [{ term: 'bồi thường', documents: 8, history: 1 }],
  merged: ['y-te@24133/2025'],
  dismissals: { count: 2, alpha_factor: 0.01, memory_days: 90 },
};

beforeAll(async () => {
  f = await makeFixture();
  admin = (await login(f.app, 'admin')).agent;
  await f.db.run("UPDATE alerts SET explanation = $e WHERE id = 'a-0-here'", {
    e: JSON.stringify(EXPLANATION),
  });
  await f.db.run("UPDATE alerts SET explanation = $e WHERE id = 'a-1-here'", {
    e: JSON.stringify({
      outlets: 'not a list',
      p_value: 'small',
      severity_factors: [1],
      unit: 5,
      dismissals: { count: 'two' },
    }),
  });
});
afterAll(() => f.db.close());

/** The page's text with tags removed and spaces collapsed. */
function text(page: string): string {
  return page
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe("a hot spot's explanation", () => {
  it('reads as words and figures in the page language, with the whole JSON kept behind a summary', async () => {
    const page = (await admin.get('/hotspots/a-0-here?lang=vi')).text;
    const words = text(page);
    expect(words).toContain(EXPLANATION.summary);
    expect(words).toContain('Đơn vị Tỉnh Đắk Lắk › Phường Tân Lợi');
    expect(words).toContain('Đơn vị hiện nay Tỉnh Đắk Lắk › Phường Buôn Ma Thuột');
    expect(words).toContain('Xác suất ngẫu nhiên (p) 7,5 × 10⁻⁶²');
    expect(words).toContain('Phân phối nhị thức âm');
    expect(words).toContain('Số chuỗi được kiểm định 3.810');
    expect(words).toContain('Quan sát trong phép kiểm định (mỗi nguồn tính có hạn mức) 12');
    expect(words).toContain('Số tin cả đợt (bản sao tính một lần) 12 Số tài liệu 15');
    expect(words).toContain('Báo Đắk Lắk 9');
    expect(words).toContain('Thành phố Buôn Ma Thuột: 20 (kỳ vọng 4,3)');
    expect(words).toContain('bồi thường 8 1');
    expect(words).toContain('Khối lượng 11,3');
    expect(words).toContain('Chủ đề nhạy cảm 10,0');
    expect(words).toContain('new_factor 2,0');
    expect(words).toContain(
      'Ngưỡng đã nâng 2 cảnh báo trước của chuỗi này đã bị bác bỏ trong 90 ngày trước đó: mức ý nghĩa của chuỗi nhân 0,01',
    );
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).toMatch(/<details>\s*<summary>Toàn bộ dữ liệu giải thích \(JSON\)<\/summary>/);

    const english = text((await admin.get('/hotspots/a-0-here?lang=en')).text);
    expect(english).toContain('Probability by chance (p) 7.5 × 10⁻⁶²');
    expect(english).toContain('Distribution negative binomial');
    expect(english).toContain('Volume 11.3');
    expect(english).toContain(
      'Bar raised 2 earlier alerts of this series were dismissed in the 90 days before: its significance level times 0.01',
    );
    await admin.get('/hotspots?lang=vi');
  });

  it('shows what it can of an explanation with unexpected fields, and never fails the page', async () => {
    const res = await admin.get('/hotspots/a-1-here');
    expect(res.status).toBe(200);
    expect(text(res.text)).not.toContain('Xác suất ngẫu nhiên');
    expect(text(res.text)).not.toContain('Ngưỡng đã nâng');
    expect(res.text).toContain('not a list');
  });
});
