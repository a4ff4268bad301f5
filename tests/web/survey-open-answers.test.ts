import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReports } from '../../pipeline/report/ingest-reports.ts';
import { ingestSurvey } from '../../pipeline/survey/ingest-survey.ts';
import { scoreReports } from '../../analytics/surveys/text-scores.ts';
import { login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

const F = 'tests/fixtures/surveys';
let f: Fixture;
let analyst: Agent;
let officer: Agent;

beforeAll(async () => {
  f = await makeFixture();
  const ctx = { db: f.db, logger: f.logger, now: () => f.clock.now, secret: 'test-secret' };
  await ingestSurvey(
    `${F}/kobo-v1.csv`,
    {
      survey: 'ks',
      form: `${F}/xlsform-v1.xlsx`,
      weight: 'dia_ban/trong_so',
      strata: 'dia_ban/khu_vuc',
      cluster: 'dia_ban/xa',
    },
    ctx,
  );
  await ingestReports(`${F}/reports.csv`, {}, ctx);
  await scoreReports(f.db, {}, ctx.now);
  analyst = (await login(f.app, 'analyst1')).agent;
  officer = (await login(f.app, 'officer0')).agent;
});
afterAll(() => f.db.close());

describe('survey page and API: open-ended answers by topic', () => {
  it('gives topic shares with intervals, sentiment and examples, small topics blanked', async () => {
    const res = await analyst.get('/api/surveys/ks?q=danh_gia/y_kien');
    expect(res.status).toBe(200);
    expect(res.body.estimates).toEqual([]);
    expect(res.body.disclosure.method).toContain('open-ended answers classified by topic');
    const [whole] = res.body.open.groups;
    expect(whole.group).toBeNull();
    expect(whole.scored).toBe(whole.answered);
    const shown = whole.topics.filter((t: { suppressed: boolean }) => !t.suppressed);
    const hidden = whole.topics.filter((t: { suppressed: boolean }) => t.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    for (const t of shown) {
      expect(t.n).toBeGreaterThanOrEqual(5);
      expect(t.ci_low).toBeLessThanOrEqual(t.estimate);
      expect(t.examples.length).toBeGreaterThan(0);
    }
    for (const t of hidden)
      expect(t).toMatchObject({ n: null, estimate: null, sentiment: null, examples: [] });
  });

  it('shows the topics, the answers and the disclosure on the page, the question among the open ones', async () => {
    const res = await analyst.get('/surveys/ks?q=danh_gia/y_kien&by=dia_ban/khu_vuc');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<optgroup label="Câu hỏi mở (theo chủ đề)">');
    expect(res.text).toContain('ý kiến tiêu biểu');
    expect(res.text).toContain('Thủ tục hành chính và dịch vụ công');
    expect(res.text).toContain('phân loại theo chủ đề và sắc thái');
    expect(res.text).not.toMatch(/0905 ?123 ?456|nguyenvana@gmail\.com/);
  });

  it('summarises collaborator reports by topic and period, for the roles that read surveys', async () => {
    const res = await analyst.get('/api/reports/summary?by=period');
    expect(res.status).toBe(200);
    const periods = new Set(res.body.rows.map((r: { period: string }) => r.period));
    expect(periods).toEqual(new Set(['2025-08', '2026-03']));
    const land = res.body.rows.find(
      (r: { topic: string; period: string }) => r.topic === 'dat-dai' && r.period === '2026-03',
    );
    expect(land).toMatchObject({ reports: 2, declared: 2, scored: 2 });
    expect((await analyst.get('/api/reports/summary?by=year')).status).toBe(400);
    expect((await officer.get('/api/reports/summary')).status).toBe(403);
    const page = await analyst.get('/surveys');
    expect(page.text).toContain('Báo cáo của cộng tác viên và tổ chức theo chủ đề');
    expect(page.text).toContain('<th class="num">Số người trả lời</th>');
    const english = (await analyst.get('/surveys?lang=en')).text;
    expect(english).toContain('Reports of collaborators and organisations by topic');
    expect(english).toContain('<th class="num">Respondents</th>');
    expect(english).toContain('<th class="num">Mood (−2 … 2)</th>');
    await analyst.get('/surveys?lang=vi');
  });
});
