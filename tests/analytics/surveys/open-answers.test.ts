import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { MODEL_VERSION } from '../../../analytics/nlp/score.ts';
import { NO_TOPIC_NAME, summariseOpenAnswers } from '../../../analytics/surveys/open-answers.ts';
import { summariseReports } from '../../../analytics/surveys/report-summary.ts';
import { scoreReports, scoreSurveyAnswers } from '../../../analytics/surveys/text-scores.ts';
import { ingestReports } from '../../../pipeline/report/ingest-reports.ts';
import { tempDir } from '../../helpers/temp.ts';
import { makeSurvey, type UnitSpec } from './make-survey.ts';

const now = () => new Date('2025-10-01T03:00:00Z');
const COFFEE = 'Giá cà phê giảm mạnh, nông dân rất lo lắng.';
const FERTILISER = 'Giá phân bón tăng cao, cà phê mất giá, bà con khó khăn.';
const THANKS = 'Cảm ơn các anh chị đã đến hỏi ý kiến.';
const ONE_STOP = 'Cán bộ một cửa xã giải quyết hồ sơ nhanh, người dân hài lòng.';

const UNITS: UnitSpec[] = [
  { id: 'a1', weight: 1, answers: { 'g/khu': 'tt', 'g/y_kien': COFFEE } },
  { id: 'a2', weight: 1, answers: { 'g/khu': 'tt', 'g/y_kien': THANKS } },
  { id: 'a3', weight: 2, answers: { 'g/khu': 'nt', 'g/y_kien': FERTILISER } },
  { id: 'a4', weight: 4, answers: { 'g/khu': 'nt', 'g/y_kien': ONE_STOP } },
  { id: 'a5', weight: 3, answers: { 'g/khu': 'nt', 'g/y_kien': null } },
  { id: 'a6', weight: 1, status: 'not_approved', answers: { 'g/khu': 'tt', 'g/y_kien': COFFEE } },
  { id: 'a7', weight: 1, answers: { 'g/khu': 'tt', 'g/y_kien': COFFEE } },
];

/**
 * A domain ratio estimate and its SE under simple random sampling with replacement, written out by hand: every unit
 * of the design is a PSU, those outside the domain (no answer) contribute zero.
 */
function srs(weights: number[], about: boolean[], inDomain: boolean[]): { estimate: number; se: number } {
  const total = weights.reduce((s, w, i) => s + (inDomain[i] ? w : 0), 0);
  const estimate = weights.reduce((s, w, i) => s + (inDomain[i] && about[i] ? w : 0), 0) / total;
  const n = weights.length;
  let squares = 0;
  weights.forEach((w, i) => {
    const z = inDomain[i] ? (w * ((about[i] ? 1 : 0) - estimate)) / total : 0;
    squares += z * z;
  });
  return { estimate, se: Math.sqrt((n / (n - 1)) * squares) };
}

describe('open-ended answers by topic', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await makeSurvey(
      db,
      'open',
      [
        { name: 'g/khu', type: 'select_one', choices: ['tt', 'nt'] },
        { name: 'g/y_kien', type: 'text', label: 'Ý kiến khác của ông/bà' },
      ],
      UNITS,
    );
  });
  afterAll(() => db.close());

  it('scores each free-text answer once per model version, and again on request', async () => {
    expect(await scoreSurveyAnswers(db, { survey: 'open' }, now)).toBe(6);
    expect(await scoreSurveyAnswers(db, { survey: 'open' }, now)).toBe(0);
    const rows = await db.all<{
      respondent: string;
      sentiment: string;
      topics: string[];
      model_version: string;
    }>(`SELECT respondent, sentiment, topics, model_version FROM survey_text_scores ORDER BY respondent`);
    expect(rows.map((r) => r.respondent)).toEqual(['a1', 'a2', 'a3', 'a4', 'a6', 'a7']);
    expect(rows.every((r) => r.model_version === MODEL_VERSION)).toBe(true);
    expect(rows.find((r) => r.respondent === 'a1')).toMatchObject({
      sentiment: 'negative',
      topics: ['nong-nghiep'],
    });
    expect(rows.find((r) => r.respondent === 'a4')!.topics).toEqual(['thu-tuc-hanh-chinh']);
    expect(rows.find((r) => r.respondent === 'a2')!.topics).toEqual([]);
    expect(await scoreSurveyAnswers(db, { survey: 'open', rescore: true }, now)).toBe(6);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM survey_text_scores'))!.n).toBe(6);
  });

  it('gives each topic its weighted share with a design-based interval, sentiment and examples', async () => {
    const summary = await summariseOpenAnswers(db, { survey: 'open', question: 'y_kien' });
    expect(summary).toMatchObject({
      question: 'g/y_kien',
      question_wording: 'Ý kiến khác của ông/bà',
      by: null,
    });
    const [whole] = summary.groups;
    // a5 did not answer, a6 was not approved
    expect(whole).toMatchObject({ group: null, answered: 5, scored: 5 });
    expect(whole!.topics.map((t) => [t.topic, t.n])).toEqual([
      ['nong-nghiep', 3],
      ['thu-tuc-hanh-chinh', 1],
      [null, 1],
    ]);
    // a1 a2 a3 a4 a5 a7 (a6, not approved, is not in the design)
    const weights = [1, 1, 2, 4, 3, 1];
    const answered = [true, true, true, true, false, true];
    const farming = whole!.topics[0]!;
    const expected = srs(weights, [true, false, true, false, false, true], answered);
    expect(farming.estimate).toBeCloseTo(4 / 9, 12);
    expect(farming.se).toBeCloseTo(expected.se, 4);
    expect(farming.ci_low).toBeLessThan(farming.estimate);
    expect(farming.ci_high).toBeGreaterThan(farming.estimate);
    expect(farming.sentiment).toMatchObject({ positive: 0, neutral: 0, negative: 3 });
    expect(farming.sentiment.mean_score).toBeLessThan(0);
    expect(farming.topic_name).toBe('Nông nghiệp và giá nông sản');
    expect(farming.examples).toEqual([COFFEE, FERTILISER]);
    const none = whole!.topics[2]!;
    expect(none).toMatchObject({ topic_name: NO_TOPIC_NAME, examples: [THANKS] });
    expect(none.estimate).toBeCloseTo(1 / 9, 12);
    expect(whole!.topics[1]!.estimate).toBeCloseTo(4 / 9, 12);
  });

  it('summarises within groups of another question, on the full design', async () => {
    const summary = await summariseOpenAnswers(db, {
      survey: 'open',
      question: 'g/y_kien',
      by: 'g/khu',
      examples: 1,
    });
    expect(summary.groups.map((g) => [g.group, g.group_label, g.answered])).toEqual([
      ['tt', 'TT', 3],
      ['nt', 'NT', 2],
    ]);
    const [urban, rural] = summary.groups;
    expect(urban!.topics.find((t) => t.topic === 'nong-nghiep')!.estimate).toBeCloseTo(2 / 3, 12);
    expect(rural!.topics.find((t) => t.topic === 'nong-nghiep')!.estimate).toBeCloseTo(2 / 6, 12);
    expect(urban!.topics.every((t) => t.examples.length <= 1)).toBe(true);
  });

  it('counts answers not yet scored without guessing their topic', async () => {
    await db.run(
      `INSERT INTO survey_respondents VALUES ('open', 'a8', NULL, 'v1', NULL, NULL, 1, NULL, NULL, 'test', 9, $1)`,
      [now()],
    );
    await db.run(`INSERT INTO survey_responses VALUES ('open', 'a8', 'g/y_kien', 'Đường sá hư hỏng.', NULL)`);
    const [whole] = (await summariseOpenAnswers(db, { survey: 'open', question: 'g/y_kien' })).groups;
    expect(whole).toMatchObject({ answered: 6, scored: 5 });
    expect(await scoreSurveyAnswers(db, { survey: 'open', respondents: ['a8'] }, now)).toBe(1);
    const [after] = (await summariseOpenAnswers(db, { survey: 'open', question: 'g/y_kien' })).groups;
    expect(after).toMatchObject({ answered: 6, scored: 6 });
  });

  it('refuses a question that is not free text', async () => {
    await expect(summariseOpenAnswers(db, { survey: 'open', question: 'g/khu' })).rejects.toThrow(
      'question "g/khu" is not free text (select_one); use dlxh survey estimate for it',
    );
  });
});

describe('reports by topic, unit and period', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    const file = path.join(tempDir(), 'reports.jsonl');
    const lines = [
      {
        id: 'R1',
        reporter: 'ctv a',
        unit: 'Phường Tân Lập',
        period: '2025-08',
        topics: 'thu-tuc-hanh-chinh',
        summary: ONE_STOP,
        mood: 'phấn khởi',
      },
      {
        id: 'R2',
        reporter: 'ctv b',
        unit: "Xã Cư M'gar",
        period: '2025-08',
        summary: COFFEE,
        mood: 'lo lắng',
      },
      {
        id: 'R3',
        reporter: 'ctv b',
        unit: "Xã Cư M'gar",
        period: '2025-09',
        summary: FERTILISER,
        mood: 'bức xúc',
      },
      {
        id: 'R4',
        reporter: 'ctv c',
        unit: "Xã Cư M'gar",
        period: '2025-09',
        topics: 'nong-nghiep',
        summary: THANKS,
      },
    ];
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const report = await ingestReports(file, {}, { db, logger: memoryLogger(), now, secret: 'test-secret' });
    expect(report).toMatchObject({ new: 4, scored: 4 });
  });
  afterAll(() => db.close());

  it('scores reports at import, once per model version', async () => {
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM report_scores'))!.n).toBe(4);
    expect(await scoreReports(db, {}, now)).toBe(0);
    expect(await scoreReports(db, { ids: ['R2'], rescore: true }, now)).toBe(1);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM report_scores'))!.n).toBe(4);
  });

  it('counts reports per topic (named or found), unit and period, with sentiment and assessed mood', async () => {
    const rows = await summariseReports(db, {});
    expect(rows.map((r) => [r.topic, r.unit_name, r.period, r.reports, r.declared])).toEqual([
      ['nong-nghiep', "Xã Cư M'gar", '2025-08', 1, 0],
      ['nong-nghiep', "Xã Cư M'gar", '2025-09', 2, 1],
      ['thu-tuc-hanh-chinh', 'Phường Tân Lập', '2025-08', 1, 1],
    ]);
    const september = rows[1]!;
    expect(september.scored).toBe(2);
    expect(september.sentiment.negative).toBe(1);
    expect(september.sentiment.positive).toBe(1);
    expect(september.mood_score).toBe(-2);
    // the report that named the topic comes first, then the clearest NLP match
    expect(september.examples).toEqual([THANKS, FERTILISER]);
  });

  it('merges units and periods away on request and filters by period and unit', async () => {
    const byTopic = await summariseReports(db, { by: [] });
    expect(byTopic.map((r) => [r.topic, r.unit, r.period, r.reports])).toEqual([
      ['nong-nghiep', null, null, 3],
      ['thu-tuc-hanh-chinh', null, null, 1],
    ]);
    const august = await summariseReports(db, { from: '2025-08', to: '2025-08', by: ['unit'] });
    expect(august.map((r) => [r.topic, r.reports])).toEqual([
      ['nong-nghiep', 1],
      ['thu-tuc-hanh-chinh', 1],
    ]);
    const unit = (await db.one<{ uid: string }>(`SELECT unit_uid AS uid FROM reports WHERE id = 'R1'`))!.uid;
    expect((await summariseReports(db, { unit, by: [] })).map((r) => r.topic)).toEqual([
      'thu-tuc-hanh-chinh',
    ]);
    await expect(summariseReports(db, { from: '08/2025' })).rejects.toThrow(
      '--from: invalid period "08/2025" (YYYY-MM)',
    );
  });
});
