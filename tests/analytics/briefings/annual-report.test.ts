import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBriefing } from '../../../analytics/briefings/generate-briefing.ts';
import { renderBriefingHtml } from '../../../analytics/briefings/render-html.ts';
import { fileRequest, transitionRequest } from '../../../analytics/surveys/requests.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';

// The annual report (period 'year') adds "Kết quả thực hiện quy chế": monthly reports per unit and how timely,
// what became of the year's alerts, and how the year's plan of surveys was carried out.
const NOW = new Date('2026-01-10T09:00:00+07:00');
const at = (day: string) => new Date(`${day}T10:00:00+07:00`);
let db: Db;

async function report(
  id: string,
  unit: string,
  period: string,
  submitted: string | null,
  kind: string | null = null,
) {
  await db.run(
    `INSERT INTO reports (id, import_source, unit_uid, period, topics, summary, submitted_at, ingested_at,
       content_hash, source_file, source_row, kind)
     VALUES ($id, 'test', $unit, $period, [], 'Tình hình ổn định', $submitted, $submitted_or_now, $id, 'f', 1, $kind)`,
    {
      id,
      unit,
      period,
      submitted: submitted ? at(submitted) : null,
      submitted_or_now: at(submitted ?? '2026-01-01'),
      kind,
    },
  );
}

async function alertWithCase(
  id: string,
  severity: string,
  firstSeen: string,
  kase: { status: string; deadline: string; resolved?: string } | null,
) {
  await db.run(
    `INSERT INTO alerts (id, detector, granularity, topic, label, first_seen, last_seen, detected_at, severity, score,
       p_value, count, expected, neg_share, explanation, created_at, updated_at)
     VALUES ($id, 'topic', 'day', 'dat-dai', 'Đất đai', $at, $at, $at, $severity, 50, 0.001, 5, 1, 0.5, '{}', $at, $at)`,
    { id, severity, at: at(firstSeen) },
  );
  if (!kase) return;
  await db.run(
    `INSERT INTO cases (id, alert_id, status, assignee, recipients, escalated, severity, deadline, classification,
       created_at, updated_at)
     VALUES ($case, $id, $status, 'UBND xã', ['UBND xã'], false, $severity, $deadline, 0, $at, $at)`,
    { case: `case-${id}`, id, status: kase.status, severity, deadline: at(kase.deadline), at: at(firstSeen) },
  );
  if (kase.resolved) {
    await db.run(
      `INSERT INTO case_events (case_id, occurred_at, actor, action, from_status, to_status, note)
       VALUES ($case, $at, 'UBND xã', 'resolve', 'verifying', 'resolved', 'Đã giải quyết xong')`,
      { case: `case-${id}`, at: at(kase.resolved) },
    );
  }
}

beforeAll(async () => {
  db = await openDb(':memory:');
  await migrate(db);
  await seedReference(db);
  // Phường Buôn Ma Thuột: every month of 2025, March's report late (10 April; due by 5 April).
  for (let m = 1; m <= 12; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    const next = m === 12 ? '2026-01' : `2025-${String(m + 1).padStart(2, '0')}`;
    await report(`bmt-${m}`, '24133/2025', period, `${next}-${m === 3 ? '10' : '03'}`);
  }
  // Another ward: January to June, on time, one without a date.
  for (let m = 1; m <= 6; m++) {
    await report(`w2-${m}`, '24169/2025', `2025-0${m}`, m === 6 ? null : `2025-0${m + 1}-02`);
  }
  // An old ward that reported in December 2024 and not since; a petition, which no unit owes.
  await report('old-12', '22024/pre2025', '2024-12', '2025-01-04');
  await report('petition', '24133/2025', '2025-05', '2025-05-20', 'khiếu nại');

  await alertWithCase('a1', 'cao', '2025-03-01', {
    status: 'closed',
    deadline: '2025-03-04',
    resolved: '2025-03-03',
  });
  await alertWithCase('a2', 'cao', '2025-06-01', {
    status: 'resolved',
    deadline: '2025-06-04',
    resolved: '2025-06-09',
  });
  await alertWithCase('a3', 'khẩn', '2025-08-01', { status: 'dismissed', deadline: '2025-08-02' });
  await alertWithCase('a4', 'trung bình', '2025-12-20', { status: 'received', deadline: '2025-12-30' });
  await alertWithCase('a5', 'thấp', '2025-10-01', null);
  await alertWithCase('a0', 'cao', '2024-12-20', {
    status: 'closed',
    deadline: '2024-12-23',
    resolved: '2024-12-21',
  });
  await surveyPlan();
});
afterAll(() => db.close());

/** The 2025 plan: two health requests (answered in time, and late), a ward's (open past its day, and declined), a
 * withdrawn one, and one for 2026 that the 2025 report leaves out. */
async function surveyPlan() {
  await db.run(
    "INSERT INTO surveys (name, title, created_at, updated_at) VALUES ('ks', 'Khảo sát', $at, $at)",
    {
      at: at('2025-01-02'),
    },
  );
  const file = async (requester: string, wanted: string | null, plan = '2025') =>
    (
      await fileRequest(
        db,
        'test',
        {
          requester_uid: requester,
          title: 'Khảo sát',
          purpose: 'Để biết.',
          wanted_by: wanted,
          plan_year: plan,
        },
        { actor: 't', now: at('2025-01-05') },
      )
    ).id;
  const move = (id: string, action: string, day: string, extra: { note?: string; survey?: string } = {}) =>
    transitionRequest(db, id, action, { actor: 'phantich', now: at(day), ...extra });
  const inTime = await file('so-y-te', '2025-06-30');
  await move(inTime, 'plan', '2025-02-01');
  await move(inTime, 'report', '2025-06-20', { survey: 'ks' });
  const late = await file('so-y-te', '2025-09-30');
  await move(late, 'plan', '2025-02-01');
  await move(late, 'report', '2025-10-15', { survey: 'ks' });
  await move(await file('24133/2025', '2025-11-30'), 'plan', '2025-03-01');
  await move(await file('24133/2025', null), 'decline', '2025-03-01', { note: 'Trùng với khảo sát của Sở.' });
  await move(await file('so-giao-duc', null), 'withdraw', '2025-04-01');
  await file('so-y-te', null, '2026');
}

describe('the annual report', () => {
  it('says which units reported each month and how timely, and what became of the year’s alerts', async () => {
    const briefing = await generateBriefing(db, { period: 'year', now: NOW });
    expect([briefing.firstDay, briefing.lastDay]).toEqual(['2025-01-01', '2025-12-31']);
    const section = briefing.sections.find((s) => s.id === 'implementation')!;
    expect(section.title).toBe('Kết quả thực hiện quy chế');
    const [units, cases] = section.tables;
    expect(units!.rows).toEqual([
      ['Phường Hòa Thắng', '0', '0', '0', '0'].map((x, i) => (i === 0 ? expect.any(String) : x)),
      [expect.any(String), '6', '5', '0', '1'],
      ['Phường Buôn Ma Thuột', '12', '11', '1', '0'],
    ]);
    expect(section.paragraphs[0]).toContain('3 đơn vị có báo cáo tháng');
    expect(section.paragraphs[0]).toContain('1 đơn vị báo cáo đủ 12 tháng');
    expect(section.paragraphs[0]).toContain('16 tháng gửi đúng hạn');
    expect(section.paragraphs[0]).toContain('1 tháng gửi muộn, 1 tháng không ghi ngày gửi');
    expect(cases!.rows).toEqual([
      ['khẩn', '1', '1', '0', '0', '1', '0', '0 (0)'],
      ['cao', '2', '2', '1', '1', '0', '0', '0 (0)'],
      ['trung bình', '1', '1', '0', '0', '0', '0', '1 (1)'],
      ['thấp', '1', '0', '0', '0', '0', '0', '0 (0)'],
    ]);
    expect(section.paragraphs[1]).toBe(
      '5 điểm nóng được phát hiện, 4 được chuyển thành vụ việc để xử lý: 2 đã giải quyết (1 đúng hạn, 1 quá hạn), ' +
        '1 không phải điểm nóng, 0 gộp vào vụ việc trùng, 1 đang xử lý (1 đã quá hạn).',
    );
    expect(briefing.summary.join(' ')).toContain(
      '1 vụ việc phát sinh trong năm 2025 còn đang xử lý và đã quá hạn.',
    );
    const plan = section.tables[2]!;
    expect(plan.rows).toEqual([
      ['Phường Buôn Ma Thuột', '2', '0', '0', '1 (1)', '1', '0'],
      ['Sở Y tế', '2', '1', '1', '0 (0)', '0', '0'],
      ['Sở Giáo dục và Đào tạo', '1', '0', '0', '0 (0)', '0', '1'],
    ]);
    expect(section.paragraphs[2]).toBe(
      'Kế hoạch khảo sát năm 2025 có 5 đề nghị của 3 đơn vị: 2 đã có kết quả (1 kịp thời hạn đơn vị cần, 1 muộn hơn), ' +
        '1 đang thực hiện (1 đã quá thời hạn cần kết quả), 1 không thực hiện, 1 đơn vị đã rút.',
    );
    expect(briefing.summary.join(' ')).toContain('1 đề nghị khảo sát đã quá thời hạn đơn vị cần kết quả');
    const html = renderBriefingHtml(briefing);
    expect(html).toMatch(/<h2>[IVX]+\. KẾT QUẢ THỰC HIỆN QUY CHẾ<\/h2>/);
    expect(html).toContain('năm 2025');
  });

  it('reports on a year in progress over the months that have ended', async () => {
    const briefing = await generateBriefing(db, {
      period: 'year',
      from: '2025-01-01',
      now: new Date('2025-07-10T09:00:00+07:00'),
    });
    const units = briefing.sections.find((s) => s.id === 'implementation')!.tables[0]!;
    expect(units.columns[1]!.label).toBe('Số tháng có báo cáo / 6');
    // Both wards reported for each of the six months; Ea Kao's June report has no date.
    expect(units.rows.slice(1)).toEqual([
      ['Phường Buôn Ma Thuột', '6', '5', '1', '0'],
      [expect.any(String), '6', '5', '0', '1'],
    ]);
  });

  it('belongs to the annual report only, and reads in English too', async () => {
    const month = await generateBriefing(db, { period: 'month', now: NOW });
    expect(month.sections.some((s) => s.id === 'implementation')).toBe(false);
    const english = await generateBriefing(db, { period: 'year', now: NOW, lang: 'en' });
    const section = english.sections.find((s) => s.id === 'implementation')!;
    expect(section.title).toBe('How the regulation was carried out');
    expect(section.paragraphs[1]).toContain('5 hot spots were detected and 4 became cases');
  });
});
