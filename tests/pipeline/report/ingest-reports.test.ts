import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { summariseReports } from '../../../analytics/surveys/report-summary.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { pseudonymEntry } from '../../../data/pseudonym.ts';
import { seedReference } from '../../../data/seed-reference.ts';
import { MODEL_VERSION } from '../../../analytics/nlp/score.ts';
import { scoreWatchAnswers } from '../../../analytics/surveys/text-scores.ts';
import {
  proposeWatchTopic,
  watchAnswerSummaries,
  watchAnswers,
  watchQuestionsFor,
} from '../../../analytics/hotspots/watch-topics.ts';
import {
  ingestReportRecords,
  ingestReports,
  type ReportContext,
} from '../../../pipeline/report/ingest-reports.ts';
import {
  moodScore,
  parseClassification,
  parsePeriod,
  reportField,
  watchAnswerColumn,
} from '../../../pipeline/report/report-fields.ts';

const F = 'tests/fixtures/surveys';
const SECRET = 'test-secret-not-for-production';

function context(db: Db): ReportContext & { logger: ReturnType<typeof memoryLogger> } {
  return { db, logger: memoryLogger(), now: () => new Date('2025-10-01T03:00:00Z'), secret: SECRET };
}

describe('ingestReports', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
  });
  afterAll(() => db.close());

  it('imports a CSV with Vietnamese column names, reporting bad rows', async () => {
    const report = await ingestReports(`${F}/reports.csv`, { submittedBy: 'u-contrib' }, context(db));
    expect(report).toMatchObject({ in: 5, new: 3, duplicate: 0, failed: 2 });
    expect(report.errors).toEqual([
      `${F}/reports.csv: row 5: invalid period "tháng 13/2025" (expected YYYY-MM or MM/YYYY)`,
      `${F}/reports.csv: row 6: missing summary`,
    ]);
    expect(report.newIds).toEqual(['BC-2025-08-001', 'BC-2025-08-002', 'BC-2025-08-003']);
    const rows = await db.all<Record<string, unknown>>(
      `SELECT id, reporter, organisation, unit_uid, period, locality_uid, topics, mood, mood_score, classification,
         submitted_by, summary, proposals
       FROM reports ORDER BY id`,
    );
    expect(rows[0]).toMatchObject({
      id: 'BC-2025-08-001',
      reporter: pseudonymEntry(SECRET, 'collaborator', 'ctv nguyễn văn hùng (0905 111 222)').pseudonym,
      organisation: 'Cộng tác viên dư luận xã hội',
      unit_uid: '24121/2025',
      period: '2025-08',
      locality_uid: '24121/2025',
      topics: ['thu-tuc-hanh-chinh', 'dat-dai'],
      mood: 'Ổn định',
      mood_score: 0,
      classification: 0,
      submitted_by: 'u-contrib',
    });
    expect(rows[0]!.summary).toContain('một số hộ ở [địa chỉ] phản ánh');
    expect(rows[1]).toMatchObject({
      unit_uid: '24280/2025',
      topics: ['gia-ca', 'nong-nghiep'],
      mood_score: -1,
    });
    expect(rows[2]).toMatchObject({
      unit_uid: '24310/2025',
      topics: ['nuoc-sinh-hoat'],
      mood_score: -2,
      classification: 1,
    });
    expect(rows[2]!.summary).toContain('Liên hệ anh Tuấn [số điện thoại].');
    expect(JSON.stringify(rows)).not.toMatch(/Nguyễn Văn Hùng|0978|Y Jút/);
  });

  it('is idempotent, and warns when a known id comes back with other content', async () => {
    const again = await ingestReports(`${F}/reports.csv`, {}, context(db));
    expect(again).toMatchObject({ new: 0, duplicate: 3, warnings: [] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-reports-'));
    const changed = path.join(dir, 'changed.json');
    fs.writeFileSync(
      changed,
      JSON.stringify([{ id: 'BC-2025-08-002', period: '2025-08', summary: 'Nội dung khác' }]),
    );
    const ctx = context(db);
    const report = await ingestReports(changed, {}, ctx);
    expect(report).toMatchObject({ new: 0, duplicate: 1 });
    expect(report.warnings).toEqual([
      `${changed}: item 1: report BC-2025-08-002 already stored with other content; kept the first`,
    ]);
    expect(await db.one(`SELECT summary FROM reports WHERE id = 'BC-2025-08-002'`)).toEqual({
      summary:
        'Giá cà phê giảm mạnh, nhiều hộ lo lắng về khoản vay ngân hàng; có ý kiến lo ngại thương lái ép giá.',
    });
  });

  it('imports JSONL with list topics, numeric moods and ISO times; a broken line fails alone', async () => {
    const progress: [number, number][] = [];
    const report = await ingestReports(
      `${F}/reports.jsonl`,
      { source: 'mttq' },
      { ...context(db), progress: (done, total) => progress.push([done, total]) },
    );
    expect(report).toMatchObject({ in: 3, new: 2, failed: 1, scored: 2 });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(
      (await db.one<{ n: number }>(`SELECT count(*) AS n FROM report_scores WHERE report_id LIKE 'MTTQ-%'`))!
        .n,
    ).toBe(2);
    expect(report.errors[0]).toMatch(new RegExp(`^${F}/reports.jsonl: line 3: invalid JSON`));
    const rows = await db.all<Record<string, unknown>>(
      `SELECT id, import_source, unit_uid, topics, mood_score, summary, submitted_at FROM reports WHERE import_source = 'mttq' ORDER BY id`,
    );
    expect(rows[0]).toMatchObject({ unit_uid: '24133/2025', topics: ['an-ninh', 'tin-don'], mood_score: -1 });
    expect((rows[0]!.submitted_at as Date).toISOString()).toBe('2025-09-05T09:20:00.000Z');
    expect(rows[0]!.summary).toContain('[email]');
    expect(rows[1]).toMatchObject({ unit_uid: '24175/2025', topics: ['moi-truong'], mood_score: -1 });
  });

  it('gives reports without an id a content-hash id and warns about unknown places and topics', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-reports-'));
    const file = path.join(dir, 'no-id.csv');
    fs.writeFileSync(
      file,
      'don_vi,ky,chu_de,noi_dung\nPhường Không Có,2025-07,chủ đề lạ,Bà con phản ánh giá điện tăng.\n',
    );
    const ctx = context(db);
    const report = await ingestReports(file, {}, ctx);
    expect(report.newIds[0]).toMatch(/^R-[0-9a-f]{16}$/);
    expect(report.warnings).toEqual([
      `${file}: row 2: unit: unknown locality "Phường Không Có"`,
      `${file}: row 2: unknown topic "chủ đề lạ"`,
    ]);
    expect((await ingestReports(file, {}, context(db))).duplicate).toBe(1);
  });

  it('takes records held in memory through the same checks as a file, with defaults and a further rule', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-reports-'));
    const items = [
      { ky: '2025-09', noi_dung: 'Người dân đồng tình; gọi 0905 111 222.' },
      { ky: 'tháng 13/2025', noi_dung: 'Kỳ sai' },
      { period: '2025-09', summary: ['một', 'hai'], unit: 'Phường Tuy Hòa' },
      { period: '2025-09', summary: { nested: true } },
    ];
    const file = path.join(dir, 'same.json');
    fs.writeFileSync(file, JSON.stringify(items));
    const fromFile = await ingestReports(file, {}, context(db));
    const checked: string[] = [];
    const fromMemory = await ingestReportRecords(
      'api',
      items,
      {
        source: 'memory',
        submittedBy: 'u-web',
        defaults: { unit: '24133/2025', reporter: 'ctv-web' },
        check: (r) => {
          checked.push(`${r.unitUid}`);
          return r.unitUid === '24133/2025' ? null : `unit "${r.unitText}" is outside the submitter's area`;
        },
      },
      context(db),
    );
    expect(fromFile.errors).toEqual([
      `${file}: item 2: invalid period "tháng 13/2025" (expected YYYY-MM or MM/YYYY)`,
      `${file}: item 4: invalid summary (expected text, not an object)`,
    ]);
    expect(fromMemory.errors).toEqual([
      'api: item 2: invalid period "tháng 13/2025" (expected YYYY-MM or MM/YYYY)',
      `api: item 3: unit "Phường Tuy Hòa" is outside the submitter's area`,
      'api: item 4: invalid summary (expected text, not an object)',
    ]);
    expect(checked).toEqual(['24133/2025', '22015/2025']);
    expect(fromMemory).toMatchObject({ in: 4, new: 1, failed: 3, scored: 1 });
    expect(fromMemory.outcomes.map((o) => [o.position, o.status])).toEqual([
      ['item 1', 'new'],
      ['item 2', 'failed'],
      ['item 3', 'failed'],
      ['item 4', 'failed'],
    ]);
    const row = await db.one<Record<string, unknown>>(
      `SELECT import_source, unit_uid, reporter, submitted_by, summary, source_file, source_row
       FROM reports WHERE id = $id`,
      { id: fromMemory.newIds[0]! },
    );
    expect(row).toEqual({
      import_source: 'memory',
      unit_uid: '24133/2025',
      reporter: pseudonymEntry(SECRET, 'collaborator', 'ctv-web').pseudonym,
      submitted_by: 'u-web',
      summary: 'Người dân đồng tình; gọi [số điện thoại].',
      source_file: 'api',
      source_row: 1,
    });
    expect(
      await db.one(
        `SELECT status, items_in, items_new, items_failed FROM job_runs WHERE job = 'report:memory'`,
      ),
    ).toEqual({ status: 'partial', items_in: 4, items_new: 1, items_failed: 3 });
    const again = await ingestReportRecords(
      'api',
      items.slice(0, 1),
      { defaults: { unit: '24133/2025', reporter: 'ctv-web' } },
      context(db),
    );
    expect(again).toMatchObject({ new: 0, duplicate: 1 });
    expect(again.outcomes).toEqual([{ position: 'item 1', id: fromMemory.newIds[0], status: 'duplicate' }]);
  });
});

describe('report fields', () => {
  it('reads periods, moods, classifications and column names', () => {
    expect(
      [
        '2025-08',
        '08/2025',
        '8/2025',
        'tháng 8/2025',
        'T8/2025',
        'Tháng 8 năm 2025',
        '2025-13',
        '13/2025',
        'abc',
      ].map(parsePeriod),
    ).toEqual(['2025-08', '2025-08', '2025-08', '2025-08', '2025-08', '2025-08', null, null, null]);
    expect(
      ['Phấn khởi', 'Ổn định', 'lo lắng, băn khoăn', 'Rất bức xúc', '-1', '5', 'khó nói'].map(moodScore),
    ).toEqual([2, 0, -1, -2, -1, null, null]);
    expect(['', '2', 'Mật', 'Tối mật', 'tuyệt mật', 'mật lắm'].map(parseClassification)).toEqual([
      0,
      2,
      1,
      2,
      3,
      null,
    ]);
    expect(
      ['Kiến nghị, đề xuất', 'Tóm tắt dư luận', 'Kỳ báo cáo', 'Người báo cáo', 'xyz'].map(reportField),
    ).toEqual(['proposals', 'summary', 'period', 'reporter', null]);
  });
});

describe('petition and citizen-reception registers', () => {
  const REGISTER = [
    'UBND XÃ EA TU,,,,,,,,,',
    'SỔ THEO DÕI ĐƠN THƯ THÁNG 10/2025,,,,,,,,,',
    ',,,,,,,,,',
    'STT,Số đơn,Ngày nhận đơn,Họ và tên người đứng đơn,Địa chỉ,Số CCCD,Loại đơn,Lĩnh vực,Nội dung đơn,Số người',
    '1,DT-101,05/10/2025,Nguyễn Văn An,"Thôn 3, xã Ea Tu, TP. Buôn Ma Thuột",066085000123,Đơn khiếu nại,Đất đai,"Khiếu nại việc bồi thường đất chưa thỏa đáng, giá đền bù quá thấp",1',
    '2,DT-102,07/10/2025,Trần Thị Bình,"Số 12 đường Y Jút, phường Tân Lợi, TP. Buôn Ma Thuột",066085000124,Kiến nghị,Môi trường,"Đoàn 12 hộ dân kiến nghị xử lý mùi hôi từ trại heo",12',
    '3,DT-103,32/10/2025,Lê Văn Cường,xã Ea Tu,,Tố cáo,,Tố cáo cán bộ thu tiền hỗ trợ,1',
    '4,DT-104,09/10/2025,Phạm Thị Dung,xã Ea Tu,,Tố cáo,,Tố cáo cán bộ địa chính,nhiều',
  ].join('\n');

  it('imports a register with a title block: the period from the day received, the kind, the people, the place of an address', async () => {
    const db = await openDb(':memory:');
    await migrate(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-petitions-'));
    const file = path.join(dir, 'so-don-thu.csv');
    fs.writeFileSync(file, REGISTER);
    const report = await ingestReports(file, { source: 'Ban Tiếp công dân' }, context(db));
    expect(report).toMatchObject({ in: 4, new: 2, failed: 2 });
    expect(report.errors).toEqual([
      `${file}: row 7: invalid submitted_at "32/10/2025"`,
      `${file}: row 8: invalid people "nhiều" (expected a whole number of people)`,
    ]);
    expect(report.warnings).toContain('so-don-thu.csv: rows 1–3 above the header skipped');
    expect(report.warnings).toContain(`${file}: columns not used: STT, Số CCCD`);
    const rows = await db.all<Record<string, unknown>>(
      `SELECT id, period, kind, people, topics, locality_uid, locality_text, reporter, summary FROM reports ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.period, r.kind, r.people, r.topics])).toEqual([
      ['DT-101', '2025-10', 'khiếu nại', 1, ['dat-dai']],
      ['DT-102', '2025-10', 'kiến nghị, phản ánh', 12, ['moi-truong']],
    ]);
    // The commune the address names; the house number never stored.
    expect(rows[0]!.locality_uid).toMatch(/^24163\//);
    expect(rows[1]!.locality_uid).not.toBeNull();
    expect(rows[1]!.locality_text).toBe('[địa chỉ], phường Tân Lợi, TP. Buôn Ma Thuột');
    expect(rows[0]!.reporter).toBe(pseudonymEntry(SECRET, 'collaborator', 'nguyễn văn an').pseudonym);
    const stored = JSON.stringify(await db.all('SELECT * FROM reports'));
    for (const secret of ['Nguyễn Văn An', '066085000123', 'Số 12 đường Y Jút'])
      expect(stored).not.toContain(secret);

    const byKind = await summariseReports(db, { by: ['kind'] });
    expect(
      byKind
        .filter((r) => r.topic === 'dat-dai' || r.topic === 'moi-truong')
        .map((r) => [r.topic, r.kind, r.reports, r.people]),
    ).toEqual([
      ['dat-dai', 'khiếu nại', 1, 1],
      ['moi-truong', 'kiến nghị, phản ánh', 1, 12],
    ]);

    const again = await ingestReports(file, { source: 'Ban Tiếp công dân' }, context(db));
    expect(again).toMatchObject({ new: 0, duplicate: 2, failed: 2 });
    db.close();
  });

  it('finds the header below a title block in an XLSX register too, with dates as Excel dates', async () => {
    const db = await openDb(':memory:');
    await migrate(db);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sổ tiếp công dân');
    sheet.addRows([
      ['UBND PHƯỜNG TÂN LỢI'],
      ['SỔ TIẾP CÔNG DÂN'],
      ['Số vào sổ', 'Ngày tiếp', 'Họ tên công dân', 'Nội dung tiếp', 'Phân loại', 'Số người'],
      [
        'TCD-1',
        new Date(Date.UTC(2025, 10, 3, 8)),
        'Võ Văn Em',
        'Phản ánh đường ngập nước sau mưa',
        'Phản ánh',
        3,
      ],
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-petitions-'));
    const file = path.join(dir, 'tiep-cong-dan.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await ingestReports(file, {}, context(db));
    expect(report).toMatchObject({ in: 1, new: 1, failed: 0 });
    expect(report.warnings).toContain('tiep-cong-dan.xlsx: rows 1–2 above the header skipped');
    expect(await db.all('SELECT id, period, kind, people FROM reports')).toEqual([
      { id: 'TCD-1', period: '2025-11', kind: 'kiến nghị, phản ánh', people: 3 },
    ]);
    db.close();
  });
});

describe('answers to watch topics in report files', () => {
  let db: Db;
  let dir: string;
  const answers = () =>
    db.all<{ report_id: string; watch_topic_id: string; answer: string }>(
      'SELECT report_id, watch_topic_id, answer FROM report_watch_answers ORDER BY report_id, watch_topic_id',
    );
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await seedReference(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-watch-answers-'));
    const now = new Date('2025-09-01T02:00:00Z');
    // w-1 is asked province-wide; w-2 only of Phường Tuy Hòa's collaborators.
    await proposeWatchTopic(
      db,
      'test',
      { name: 'Sốt xuất huyết', query: '"sốt xuất huyết"' },
      { proposer: 'so-y-te', now },
    );
    await proposeWatchTopic(
      db,
      'test',
      { name: 'Ngập úng', query: 'ngập', unit_uid: '22015/2025', question: 'Khu phố nào bị ngập sau mưa?' },
      { proposer: 'so-y-te', now },
    );
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a column per watch topic, by its id or its question, for the units it is asked of', async () => {
    expect((await watchQuestionsFor(db, '22015/2025')).map((q) => q.id)).toEqual(['w-1', 'w-2']);
    expect((await watchQuestionsFor(db, '24121/2025')).map((q) => q.id)).toEqual(['w-1']);
    const file = path.join(dir, 'bao-cao-thang-8.csv');
    fs.writeFileSync(
      file,
      [
        'Kỳ báo cáo,Đơn vị,Tóm tắt dư luận,[w-1] Dư luận về sốt xuất huyết?,Khu phố nào bị ngập sau mưa?,Ghi chú',
        '08/2025,24121/2025,Bà con lo dịch bệnh mùa mưa.,"Tổ 3 có hai ca, gọi anh Nam 0905 123 456",,x',
        '08/2025,22015/2025,Dư luận ổn định.,Chưa ghi nhận ca bệnh,Khu phố 4 ngập sau mưa lớn,',
        '08/2025,24121/2025,Giá cà phê giảm.,,Không ngập,',
        '08/2025,24121/2025,Không trả lời câu hỏi nào.,,,',
      ].join('\n'),
    );
    const ctx = context(db);
    const report = await ingestReports(file, {}, ctx);
    expect(report).toMatchObject({ in: 4, new: 3, failed: 1, watchAnswers: 3 });
    // The row answering a question its unit was not asked fails alone, named by row and column.
    expect(report.errors).toEqual([
      `${file}: row 4: column "Khu phố nào bị ngập sau mưa?": not a question for Phường Tân Lập`,
    ]);
    expect(report.warnings).toContain(`${file}: columns not used: Ghi chú`);
    const stored = await answers();
    expect(stored.map((a) => a.watch_topic_id)).toEqual(['w-1', 'w-1', 'w-2'].sort());
    const byText = stored.map((a) => a.answer).join(' | ');
    expect(byText).toContain('Khu phố 4 ngập sau mưa lớn');
    expect(byText).toContain('Tổ 3 có hai ca');
    expect(byText).not.toContain('0905'); // scrubbed like the report itself

    // Each answer is scored by the NLP like its report: the flooding answer reads negative and names no place.
    const scores = await db.all<{ watch_topic_id: string; sentiment: string; model_version: string }>(
      `SELECT watch_topic_id, sentiment, model_version FROM watch_answer_scores ORDER BY report_id, watch_topic_id`,
    );
    expect(scores).toHaveLength(3);
    expect(new Set(scores.map((s) => s.model_version))).toEqual(new Set([MODEL_VERSION]));
    expect(scores.find((s) => s.watch_topic_id === 'w-2')!.sentiment).toBe('negative');
    const summaries = await watchAnswerSummaries(db);
    expect(summaries.map((w) => [w.watch_topic_id, w.answers, w.units, w.unscored])).toEqual([
      ['w-1', 2, 2, 0],
      ['w-2', 1, 1, 0],
    ]);
    expect(summaries[1]).toMatchObject({ negative: 1, neutral: 0, positive: 0 });
    expect((await watchAnswers(db)).find((a) => a.watch_topic_id === 'w-2')!.sentiment).toBe('negative');

    // Importing the file again stores nothing new, answers and scores included; a rescore replaces the scores.
    const again = await ingestReports(file, {}, context(db));
    expect(again).toMatchObject({ new: 0, duplicate: 3, failed: 1, watchAnswers: 0 });
    expect(await answers()).toEqual(stored);
    expect(await scoreWatchAnswers(db, {}, () => new Date())).toBe(0);
    expect(await scoreWatchAnswers(db, { rescore: true }, () => new Date())).toBe(3);
    expect((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM watch_answer_scores'))!.n).toBe(
      3,
    );
  });

  it('takes watch_answers objects in JSON lines, refusing unknown watch topics and answers that are not text', async () => {
    const file = path.join(dir, 'bao-cao.jsonl');
    const line = (o: object) => JSON.stringify({ period: '2025-09', unit: '22015/2025', ...o });
    fs.writeFileSync(
      file,
      [
        line({ summary: 'Một', watch_answers: { 'w-9': 'Có' } }),
        line({ summary: 'Hai', watch_answers: 'Có ngập' }),
        line({ summary: 'Ba', watch_answers: { 'w-2': { text: 'Có' } } }),
        line({ summary: 'Bốn', watch_answers: { 'w-2': 'Ngập ở khu phố 1', 'w-1': '   ' } }),
        line({ summary: 'Năm', watch_answers: { 'w-2': 'Ngập', w_2: 'Ngập nặng' }, 'w-2': 'x' }),
      ].join('\n'),
    );
    const before = (await answers()).length;
    const report = await ingestReports(file, {}, context(db));
    expect(report.errors).toEqual([
      `${file}: line 1: watch_answers.w-9: unknown watch topic "w-9"`,
      `${file}: line 2: watch_answers: expected an object of watch topic id → answer`,
      `${file}: line 3: watch_answers.w-2: expected text`,
      `${file}: line 5: watch_answers.w_2: unknown watch topic "w_2"`,
      `${file}: line 5: column "w-2": watch topic w-2 answered twice`,
    ]);
    expect(report).toMatchObject({ new: 1, failed: 4, watchAnswers: 1 });
    const after = await answers();
    expect(after).toHaveLength(before + 1);
    expect(after.find((a) => a.answer === 'Ngập ở khu phố 1')?.watch_topic_id).toBe('w-2');
  });

  it('names a watch topic by an id among words, its question or its name, never by a look-alike', () => {
    const watches = [
      { id: 'w-1', name: 'Sốt xuất huyết', question: 'Dư luận về sốt xuất huyết thế nào?' },
      { id: 'w-12', name: 'Ngập úng', question: 'Khu phố nào bị ngập?' },
    ];
    expect(
      [
        'w-1',
        'W-12',
        'watch_answers.w-12',
        'Câu hỏi w-1: tình hình?',
        'dư luận về SỐT XUẤT HUYẾT thế nào',
        'Ngập úng',
        'w-2',
        'w-123',
        'aw-1',
        'Sốt',
        '',
      ].map((h) => watchAnswerColumn(h, watches)),
    ).toEqual(['w-1', 'w-12', 'w-12', 'w-1', 'w-1', 'w-12', null, null, null, null, null]);
  });
});
