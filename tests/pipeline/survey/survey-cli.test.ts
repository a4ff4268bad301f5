import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const F = 'tests/fixtures/surveys';

describe('dlxh ingest survey / report, survey open / reports, and dlxh sql over the results', () => {
  let db = '';
  const cli = (...args: string[]) => runCli(['--db', db, ...args], { env: { DLXH_SECRET: 'test-secret' } });
  const sql = async (query: string) => {
    const result = await cli('sql', query, '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>[];
  };

  beforeAll(async () => {
    db = path.join(tempDir(), 'survey.duckdb');
    const survey = await cli(
      'ingest',
      'survey',
      `${F}/kobo-v1.csv`,
      '--survey',
      'ks',
      '--form',
      `${F}/xlsform-v1.xlsx`,
      '--weight',
      'dia_ban/trong_so',
      '--strata',
      'dia_ban/khu_vuc',
      '--cluster',
      'dia_ban/xa',
    );
    expect(survey.code, survey.stderr).toBe(0);
    const reports = await cli('ingest', 'report', `${F}/reports.csv`);
    expect(reports.code, reports.stderr).toBe(0);
  }, 60_000);

  it('stores answers, scores of open answers and reports, readable with dlxh sql', async () => {
    const [counts] = await sql(
      `SELECT (SELECT count(*) FROM survey_respondents WHERE survey = 'ks') AS respondents,
              (SELECT count(*) FROM survey_text_scores WHERE question = 'danh_gia/y_kien') AS open_scores,
              (SELECT count(*) FROM survey_responses WHERE question = 'danh_gia/y_kien') AS open_answers,
              (SELECT count(*) FROM reports) AS reports,
              (SELECT count(*) FROM report_scores) AS report_scores,
              (SELECT count(DISTINCT t) FROM (SELECT unnest(topics) AS t FROM survey_text_scores)) AS topics`,
    );
    expect(counts).toMatchObject({ respondents: 24, reports: 3, report_scores: 3 });
    expect(counts!.open_scores).toBe(counts!.open_answers);
    expect(counts!.topics).toBeGreaterThan(2);
  }, 60_000);

  it('summarises a free-text question by topic, and points survey estimate there', async () => {
    const open = await cli('survey', 'open', '--survey', 'ks', '--question', 'y_kien', '--json');
    expect(open.code, open.stderr).toBe(0);
    const summary = JSON.parse(open.stdout);
    expect(summary.question).toBe('danh_gia/y_kien');
    const [whole] = summary.groups;
    expect(whole.scored).toBe(whole.answered);
    expect(whole.topics.length).toBeGreaterThan(1);
    for (const topic of whole.topics) {
      expect(topic.ci_low).toBeLessThanOrEqual(topic.estimate);
      expect(topic.examples.length).toBeGreaterThan(0);
      expect(topic.examples.join(' ')).not.toMatch(/0905|@gmail|số 12 đường/);
    }
    const estimate = await cli('survey', 'estimate', '--survey', 'ks', '--question', 'y_kien');
    expect(estimate.code).not.toBe(0);
    expect(estimate.stderr).toContain('dlxh survey open');
  }, 60_000);

  it('summarises reports by topic and period, and rescoring changes no count', async () => {
    const reports = await cli('survey', 'reports', '--by', 'period');
    expect(reports.code, reports.stderr).toBe(0);
    expect(reports.stdout).toMatch(/chủ đề .* kỳ .* số báo cáo/);
    expect(reports.stdout).toContain('Thủ tục hành chính và dịch vụ công');
    expect(reports.stdout).toContain('2025-08');
    const score = await cli('survey', 'score', '--rescore');
    expect(score.code, score.stderr).toBe(0);
    expect(score.stderr).toMatch(
      /survey score: \d+ câu trả lời mở, 3 báo cáo, 0 câu trả lời chủ đề theo dõi đã chấm điểm/,
    );
    const [after] = await sql(`SELECT count(*) AS n FROM report_scores`);
    expect(after!.n).toBe(3);
  }, 60_000);
});
