import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { pseudonymEntry, resolvePseudonym } from '../../../data/pseudonym.ts';
import { estimateSurvey } from '../../../analytics/surveys/estimate.ts';
import {
  ingestSurvey,
  normalizeValidation,
  type SurveyContext,
} from '../../../pipeline/survey/ingest-survey.ts';

const F = 'tests/fixtures/surveys';
const SECRET = 'test-secret-not-for-production';
const DESIGN = { weight: 'dia_ban/trong_so', strata: 'dia_ban/khu_vuc', cluster: 'dia_ban/xa' };

async function freshDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  return db;
}

function context(db: Db): SurveyContext & { logger: ReturnType<typeof memoryLogger> } {
  return { db, logger: memoryLogger(), now: () => new Date('2025-10-01T03:00:00Z'), secret: SECRET };
}

async function answers(db: Db, survey: string, question: string): Promise<string[]> {
  return (
    await db.all<{ value: string }>(
      'SELECT value FROM survey_responses WHERE survey = $1 AND question = $2 ORDER BY respondent',
      [survey, question],
    )
  ).map((r) => r.value);
}

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.one<{ n: number }>(sql, params as string[]))!.n;
}

describe('ingestSurvey: Kobo exports of two form versions', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(() => db.close());

  it('imports a Kobo CSV with its XLSForm', async () => {
    const progress: number[] = [];
    const ctx = { ...context(db), progress: (done: number, total: number) => progress.push(done / total) };
    const report = await ingestSurvey(
      `${F}/kobo-v1.csv`,
      { survey: 'ks', form: `${F}/xlsform-v1.xlsx`, ...DESIGN },
      ctx,
    );
    expect(report).toMatchObject({ in: 24, new: 24, duplicate: 0, failed: 0, errors: [], questions: 13 });
    expect(report.textQuestions).toEqual([
      'thong_tin/nghe_nghiep_other',
      'thong_tin/so_dien_thoai',
      'danh_gia/y_kien',
    ]);
    expect(report.newRespondents).toHaveLength(24);
    expect(progress).toHaveLength(24);
    expect(progress.at(-1)).toBe(1);
    const textAnswers = await count(
      db,
      `SELECT count(*) AS n FROM survey_responses r JOIN survey_questions q ON q.survey = r.survey AND q.name = r.question
       WHERE q.type = 'text'`,
    );
    expect(textAnswers).toBeGreaterThan(10);
    expect(report.textsScored).toBe(textAnswers);
    expect(await count(db, 'SELECT count(*) AS n FROM survey_text_scores')).toBe(textAnswers);
    const run = await db.one<{ job: string; status: string; items_new: number }>(
      'SELECT job, status, items_new FROM job_runs',
    );
    expect(run).toEqual({ job: 'survey:ks', status: 'ok', items_new: 24 });
  });

  it('stores long-format answers, design variables and no identifying metadata', async () => {
    const first = await db.one<Record<string, unknown>>(
      `SELECT * FROM survey_respondents WHERE survey = 'ks' AND source_row = 2`,
    );
    expect(first).toMatchObject({
      weight: 1354,
      stratum: 'thanh_thi',
      cluster: 'tan_lap',
      form_version: 'vQx7dJ3kq2Lp8Wm',
    });
    expect(first!.respondent).toBe(
      pseudonymEntry(SECRET, 'respondent', 'ks/e34644f5-7d3a-4c2e-afb8-1cdabbe0f9c8').pseudonym,
    );
    // Kobo's _submission_time is UTC without an offset
    expect((first!.submitted_at as Date).toISOString()).toBe('2025-03-10T08:17:03.000Z');
    expect(first!.enumerator).toMatch(/^P-[0-9a-f]{16}$/);
    const stored = new Set(
      (await db.all<{ question: string }>('SELECT DISTINCT question FROM survey_responses')).map(
        (r) => r.question,
      ),
    );
    for (const q of [
      'start',
      'end',
      'deviceid',
      'username',
      '_uuid',
      '_id',
      '_submitted_by',
      '__version__',
      'danh_gia/van_de/gia_ca',
    ]) {
      expect(stored.has(q)).toBe(false);
    }
    const multi = await db.one<{ value: string }>(
      `SELECT value FROM survey_responses WHERE respondent = $1 AND question = 'danh_gia/van_de'`,
      [first!.respondent as string],
    );
    expect(multi!.value).toBe('gia_ca dat_dai giao_duc an_ninh');
    const all = JSON.stringify(await db.all('SELECT value FROM survey_responses'));
    expect(all).not.toMatch(/0905 ?123 ?456|nguyenvana@gmail\.com|số 12 đường Lê Duẩn|\+84 935/);
    expect(all).toContain('[số điện thoại]');
    expect(all).toContain('Tôi gửi hồ sơ qua email [email] nhưng chưa thấy trả lời.');
    expect(all).toContain('Nhà tôi ở [địa chỉ] bị ngập mỗi khi mưa lớn');
  });

  it('keeps the questionnaire with choices and the "other" link', async () => {
    const q = await db.all<{
      name: string;
      type: string;
      choices: string[];
      other_of: string | null;
      label: string;
    }>(
      `SELECT name, type, choices, other_of, label FROM survey_questions WHERE survey = 'ks' ORDER BY position`,
    );
    expect(q.find((x) => x.name === 'thong_tin/nghe_nghiep')!.choices).toEqual([
      'nong_dan',
      'cong_nhan',
      'can_bo',
      'kinh_doanh',
      'huu_tri',
      'other',
    ]);
    expect(q.find((x) => x.name === 'thong_tin/nghe_nghiep_other')!.other_of).toBe('thong_tin/nghe_nghiep');
    const labels = await db.all<{ value: string; label: string }>(
      `SELECT value, label FROM survey_choices WHERE survey = 'ks' AND question = 'thong_tin/dan_toc' ORDER BY position`,
    );
    expect(labels.map((l) => l.label)).toEqual(['Kinh', 'Ê Đê', "M'Nông", 'Gia Rai', 'Dân tộc khác']);
  });

  it('is idempotent by submission uuid', async () => {
    const before = await count(db, 'SELECT count(*) AS n FROM survey_responses');
    const report = await ingestSurvey(
      `${F}/kobo-v1.csv`,
      { survey: 'ks', form: `${F}/xlsform-v1.xlsx`, ...DESIGN },
      context(db),
    );
    expect(report).toMatchObject({ in: 24, new: 0, duplicate: 24, failed: 0 });
    expect(await count(db, 'SELECT count(*) AS n FROM survey_responses')).toBe(before);
  });

  it('merges a second form version by question name: missing stays missing', async () => {
    const report = await ingestSurvey(
      `${F}/kobo-v2.xlsx`,
      { survey: 'ks', form: `${F}/xlsform-v2.xlsx` },
      context(db),
    );
    expect(report).toMatchObject({ in: 18, new: 18, failed: 0 });
    expect(await answers(db, 'ks', 'danh_gia/thu_nhap')).toHaveLength(24);
    expect(await answers(db, 'ks', 'danh_gia/tin_tuong')).toHaveLength(18);
    expect(await count(db, `SELECT count(*) AS n FROM survey_respondents WHERE survey = 'ks'`)).toBe(42);
    const q = await db.one<{ versions: string[]; wordings: string[]; label: string; choices: string[] }>(
      `SELECT versions, wordings, label, choices FROM survey_questions WHERE name = 'danh_gia/hai_long_tthc'`,
    );
    expect(q!.versions).toEqual(['2025030101', '2025080101']);
    expect(q!.wordings).toHaveLength(2);
    expect(q!.label).toContain('sau sắp xếp đơn vị hành chính');
    const income = await db.one<{ versions: string[] }>(
      `SELECT versions FROM survey_questions WHERE name = 'danh_gia/thu_nhap'`,
    );
    expect(income!.versions).toEqual(['2025030101']);
    const issues = await db.one<{ choices: string[] }>(
      `SELECT choices FROM survey_questions WHERE name = 'danh_gia/van_de'`,
    );
    expect(issues!.choices.at(-1)).toBe('nuoc_sinh_hoat');
    // design columns are remembered from the first import
    const w = await db.all<{ weight: number }>(
      `SELECT DISTINCT weight FROM survey_respondents WHERE survey = 'ks'`,
    );
    expect(w.length).toBeGreaterThan(10);
  });

  it('maps ODK Central columns (group-question, uuid: prefix, review state) through the stored form', async () => {
    const report = await ingestSurvey(`${F}/odk-v2.csv`, { survey: 'ks' }, context(db));
    expect(report).toMatchObject({ in: 12, new: 12, failed: 0, errors: [] });
    const odk = await db.all<{ validation_status: string | null; n: number }>(
      `SELECT validation_status, count(*) AS n FROM survey_respondents WHERE source_file LIKE '%odk%' GROUP BY ALL ORDER BY ALL`,
    );
    expect(odk.map((r) => r.validation_status)).toContain('rejected');
    const questions = await db.all<{ name: string }>(
      `SELECT name FROM survey_questions WHERE name LIKE '%-%'`,
    );
    expect(questions).toEqual([]);
    const entry = pseudonymEntry(SECRET, 'respondent', 'ks/917bd8d8-61d7-4223-a7eb-8c8de6b6a02f');
    expect(
      await count(db, 'SELECT count(*) AS n FROM survey_respondents WHERE respondent = $1', [
        entry.pseudonym,
      ]),
    ).toBe(1);
  });

  it('reads Windows-1258 text and estimates over the merged survey', async () => {
    const ctx = context(db);
    const report = await ingestSurvey(`${F}/windows-1258.csv`, { survey: 'ks' }, ctx);
    expect(report.new).toBe(3);
    expect(ctx.logger.lines).toContain(`warn ${F}/windows-1258.csv: not UTF-8; read as Windows-1258`);
    expect(await answers(db, 'ks', 'danh_gia/y_kien')).toContain(
      'Đường vào buôn Ea Kao xuống cấp, đề nghị sửa chữa sớm.',
    );
    const rows = await estimateSurvey(db, { survey: 'ks', question: 'hai_long_tthc', by: 'khu_vuc' });
    expect(rows.map((r) => r.group)).toEqual(Array(4).fill('thanh_thi').concat(Array(4).fill('nong_thon')));
    for (const group of ['thanh_thi', 'nong_thon']) {
      const sum = rows.filter((r) => r.group === group).reduce((s, r) => s + r.estimate, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it('lets only an admin resolve a respondent pseudonym, and audits it', async () => {
    const calls: unknown[][] = [];
    const audit = (...args: unknown[]) => void calls.push(args);
    const entry = pseudonymEntry(SECRET, 'respondent', 'ks/e34644f5-7d3a-4c2e-afb8-1cdabbe0f9c8');
    const resolved = await resolvePseudonym(db, entry.pseudonym, {
      secret: SECRET,
      actor: { id: 'u1', role: 'admin' },
      audit,
    });
    expect(resolved).toEqual({ kind: 'respondent', id: 'ks/e34644f5-7d3a-4c2e-afb8-1cdabbe0f9c8' });
    expect(calls).toEqual([['pseudonym.resolve', entry.pseudonym, { actor: 'u1', kind: 'respondent' }]]);
  });
});

describe('ingestSurvey: bad input', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(() => db.close());

  it('reports each bad row with file, row and column, stores the good ones, never duplicates', async () => {
    const ctx = context(db);
    const report = await ingestSurvey(
      `${F}/bad-rows.csv`,
      { survey: 'bad', form: `${F}/xlsform-v1.xlsx`, ...DESIGN },
      ctx,
    );
    expect(report.errors).toEqual([
      `${F}/bad-rows.csv: row 3: unknown choice "rat_te" for danh_gia/hai_long_tthc`,
      `${F}/bad-rows.csv: row 4: invalid weight "0" in column dia_ban/trong_so (must be a positive number)`,
      `${F}/bad-rows.csv: row 5: 1 fields where the header has 35 (columns are separated by ";"; wrong delimiter or broken quotes?)`,
      `${F}/bad-rows.csv: row 6: invalid weight "-3" in column dia_ban/trong_so (must be a positive number)`,
      `${F}/bad-rows.csv: row 7: invalid integer "ba mươi" for thong_tin/tuoi`,
    ]);
    expect(report).toMatchObject({ in: 8, new: 2, duplicate: 1, failed: 5 });
    expect(await count(db, `SELECT count(*) AS n FROM survey_respondents`)).toBe(2);
    expect(ctx.logger.lines).toContain(`warn ${F}/bad-rows.csv: 5 of 8 rows failed`);
    const run = await db.one<{ status: string; items_failed: number }>(
      'SELECT status, items_failed FROM job_runs',
    );
    expect(run).toEqual({ status: 'partial', items_failed: 5 });
  });

  it('fails a truncated workbook as a whole, with a clear message and a failed run', async () => {
    await expect(ingestSurvey(`${F}/truncated.xlsx`, { survey: 'bad' }, context(db))).rejects.toThrow(
      `${F}/truncated.xlsx: truncated or damaged XLSX file (no end of central directory)`,
    );
    const run = await db.one<{ status: string }>(`SELECT status FROM job_runs ORDER BY id DESC LIMIT 1`);
    expect(run!.status).toBe('failed');
  });

  it('names a missing design column and a missing survey name', async () => {
    await expect(
      ingestSurvey(`${F}/kobo-v1.csv`, { survey: 'x', weight: 'trong_so_sai' }, context(db)),
    ).rejects.toThrow(`${F}/kobo-v1.csv: no column "trong_so_sai" for --weight`);
    await expect(ingestSurvey(`${F}/kobo-v1.csv`, { survey: ' ' }, context(db))).rejects.toThrow(
      'a survey name is required',
    );
  });

  it('writes nothing when the transaction fails midway', async () => {
    const base = context(db);
    const failing: Db = Object.create(db, {
      run: {
        value: async (statement: string, params?: never) => {
          if (statement.startsWith('INSERT INTO survey_responses')) throw new Error('disk full');
          return db.run(statement, params);
        },
      },
    });
    await expect(
      ingestSurvey(
        `${F}/kobo-v1.csv`,
        { survey: 'tx', form: `${F}/xlsform-v1.xlsx` },
        { ...base, db: failing },
      ),
    ).rejects.toThrow('disk full');
    expect(await count(db, `SELECT count(*) AS n FROM survey_respondents WHERE survey = 'tx'`)).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM surveys WHERE name = 'tx'`)).toBe(0);
  });
});

describe('ingestSurvey: without a form, and Google Forms', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(() => db.close());

  it('infers question types from a Kobo CSV', async () => {
    const report = await ingestSurvey(`${F}/kobo-v1.csv`, { survey: 'raw' }, context(db));
    expect(report.new).toBe(24);
    const types = Object.fromEntries(
      (
        await db.all<{ name: string; type: string }>(
          `SELECT name, type FROM survey_questions WHERE survey = 'raw'`,
        )
      ).map((r) => [r.name, r.type]),
    );
    expect(types).toMatchObject({
      'dia_ban/khu_vuc': 'select_one',
      'thong_tin/tuoi': 'integer',
      'danh_gia/thu_nhap': 'decimal',
      'danh_gia/van_de': 'select_multiple',
      'danh_gia/y_kien': 'text',
      'thong_tin/so_dien_thoai': 'text',
    });
    expect(types['danh_gia/van_de/gia_ca']).toBeUndefined();
    const phones = await answers(db, 'raw', 'thong_tin/so_dien_thoai');
    expect(phones.length).toBeGreaterThan(0);
    expect(new Set(phones)).toEqual(new Set(['[số điện thoại]']));
  });

  it.each([
    ['tcvn3.csv', 'TCVN3 (ABC)'],
    ['vni.csv', 'VNI-Windows'],
    ['windows-1258.csv', 'Windows-1258'],
  ])(
    'stores the answers of %s converted to Unicode, with a warning naming the encoding',
    async (name, encoding) => {
      const ctx = context(db);
      const survey = `legacy-${name}`;
      const report = await ingestSurvey(`${F}/${name}`, { survey }, ctx);
      expect(report).toMatchObject({ new: 3, failed: 0 });
      expect(ctx.logger.lines).toContain(`warn ${F}/${name}: not UTF-8; read as ${encoding}`);
      expect(await answers(db, survey, 'danh_gia/y_kien')).toEqual(
        expect.arrayContaining([
          'Đường vào buôn Ea Kao xuống cấp, đề nghị sửa chữa sớm.',
          'Thủ tục hành chính ở xã đã nhanh hơn trước.',
          'Giá cà phê giảm, người dân lo lắng.',
        ]),
      );
    },
  );

  it('rebuilds multiple choice from 0/1 columns when the single column is absent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-binary-'));
    const file = path.join(dir, 'binary.csv');
    fs.writeFileSync(
      file,
      '_uuid,g/q/a,g/q/b,g/q/c,g/age\nu1,1,0,1,30\nu2,0,0,0,41\nu3,0,1,0,25\nu4,,,,33\n',
    );
    await ingestSurvey(file, { survey: 'bin' }, context(db));
    expect(
      await db.all(
        `SELECT question, value FROM survey_responses WHERE survey = 'bin' AND question = 'g/q' ORDER BY value`,
      ),
    ).toEqual([
      { question: 'g/q', value: 'a c' },
      { question: 'g/q', value: 'b' },
    ]);
    const q = await db.one<{ type: string; choices: string[] }>(
      `SELECT type, choices FROM survey_questions WHERE survey = 'bin' AND name = 'g/q'`,
    );
    expect(q).toEqual({ type: 'select_multiple', choices: ['a', 'b', 'c'] });
  });

  it('maps Google Forms labels (headers and answers) to the form and identifies rows by content', async () => {
    const report = await ingestSurvey(
      `${F}/google-forms.csv`,
      { survey: 'online', form: `${F}/xlsform-v2.xlsx` },
      context(db),
    );
    expect(report).toMatchObject({ in: 6, new: 6, failed: 0 });
    const issues = await answers(db, 'online', 'danh_gia/van_de');
    expect(issues).toContain('gia_ca viec_lam nuoc_sinh_hoat');
    expect(await answers(db, 'online', 'thong_tin/gioi_tinh')).toEqual(expect.arrayContaining(['nam']));
    expect(JSON.stringify(await db.all('SELECT * FROM survey_responses'))).not.toContain('@gmail.com');
    const again = await ingestSurvey(
      `${F}/google-forms.csv`,
      { survey: 'online', form: `${F}/xlsform-v2.xlsx` },
      context(db),
    );
    expect(again).toMatchObject({ new: 0, duplicate: 6 });
    const first = await db.one<{ submitted_at: Date }>(
      `SELECT min(submitted_at) AS submitted_at FROM survey_respondents WHERE survey = 'online'`,
    );
    expect(first!.submitted_at.toISOString()).toBe('2025-09-02T04:35:47.000Z');
  });
});

describe('ingestSurvey: Google Forms checkboxes without a form', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(() => db.close());
  const QUESTION = 'Những vấn đề ông/bà quan tâm nhất hiện nay (chọn nhiều)';

  it('splits comma-joined answers into choices, keeping a label that contains a comma', async () => {
    const report = await ingestSurvey(`${F}/google-forms.csv`, { survey: 'gf' }, context(db));
    expect(report).toMatchObject({ new: 6, failed: 0 });
    const q = await db.one<{ type: string; choices: string[] }>(
      `SELECT type, choices FROM survey_questions WHERE survey = 'gf' AND name = $1`,
      [QUESTION],
    );
    expect(q!.type).toBe('select_multiple');
    expect(q!.choices).toEqual(
      expect.arrayContaining(['gia_ca_thu_nhap', 'viec_lam', 'nuoc_sinh_hoat', 'dat_dai']),
    );
    const labels = await db.all<{ value: string; label: string }>(
      `SELECT value, label FROM survey_choices WHERE survey = 'gf' AND question = $1 AND value = 'gia_ca_thu_nhap'`,
      [QUESTION],
    );
    expect(labels).toEqual([{ value: 'gia_ca_thu_nhap', label: 'Giá cả, thu nhập' }]);
    expect(await answers(db, 'gf', QUESTION)).toContain('gia_ca_thu_nhap viec_lam nuoc_sinh_hoat');
    const types = await db.all<{ name: string; type: string }>(
      `SELECT name, type FROM survey_questions WHERE survey = 'gf' AND name LIKE 'Ý kiến%'`,
    );
    expect(types).toEqual([{ name: 'Ý kiến, kiến nghị khác', type: 'text' }]);
    const rows = await estimateSurvey(db, { survey: 'gf', question: QUESTION });
    const share = rows.find((r) => r.category === 'gia_ca_thu_nhap')!;
    expect(share.estimate).toBeCloseTo(4 / 6, 12);
    expect(share.n).toBe(4);
  });

  it('splits a later file of the survey by the labels it already knows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-gf-'));
    const file = path.join(dir, 'later.csv');
    fs.writeFileSync(
      file,
      `Dấu thời gian,"${QUESTION}"\n1/10/2025 08:00:00,"Việc làm, Giá cả, thu nhập"\n2/10/2025 09:00:00,Đất đai\n`,
    );
    const report = await ingestSurvey(file, { survey: 'gf' }, context(db));
    expect(report).toMatchObject({ new: 2, failed: 0, errors: [] });
    const later = await db.all<{ value: string }>(
      `SELECT value FROM survey_responses r JOIN survey_respondents p USING (survey, respondent)
       WHERE survey = 'gf' AND question = $1 AND p.source_file = $2 ORDER BY value`,
      [QUESTION, file],
    );
    expect(later.map((r) => r.value)).toEqual(['dat_dai', 'gia_ca_thu_nhap viec_lam']);
  });
});

describe('normalizeValidation', () => {
  it('maps Kobo and ODK states to one vocabulary', () => {
    expect(
      ['Approved', 'Not Approved', 'validation_status_on_hold', 'hasIssues', 'rejected', ''].map(
        normalizeValidation,
      ),
    ).toEqual(['approved', 'not_approved', 'on_hold', 'has_issues', 'rejected', null]);
  });
});
