/**
 * VI. Results of the latest surveys: design-based estimates with their 95% intervals, small cells suppressed,
 * and the disclosure block every published survey figure carries.
 */
import { errorMessage } from '../../../data/errors.ts';
import {
  formatDisclosureVi,
  publishEstimates,
  type DisclosureBlock,
  type PublishedRow,
} from '../../surveys/disclosure.ts';
import { intervalChart, type IntervalPoint } from '../charts/briefing-charts.ts';
import { formatDay, formatNumber, formatShare } from '../format.ts';
import {
  emptySection,
  hasTables,
  unavailable,
  type SectionContext,
  type SectionResult,
  SECTION_TITLES,
} from './section-context.ts';

interface SurveyRow {
  name: string;
  title: string | null;
  classification: number;
  respondents: number;
  first_day: string;
  last_day: string;
}

interface QuestionRow {
  name: string;
  label: string;
  type: string;
}

/** Respondent profile and sampling columns describe the sample, not opinion: by group or by question name. */
const PROFILE_GROUP = /^(thong_tin|nhan_khau|ca_nhan|mau|demographics?|profile|sample|respondent)\//i;
const PROFILE_NAME =
  /^(gioi_tinh|nhom_tuoi|tuoi|dan_toc|ton_giao|nghe_nghiep|hoc_van|khu_vuc|tinh(_cu)?|huyen(_cu)?|xa(_cu)?|gender|age(_group)?|ethnicity|religion|occupation|education|region)$/i;

/** Whether a question describes the respondent or the sample (`thong_tin/gioi_tinh`, `mau/tang`) rather than opinion. */
export function isProfile(name: string): boolean {
  return PROFILE_GROUP.test(name) || PROFILE_NAME.test(name.slice(name.lastIndexOf('/') + 1));
}
const MAX_NUMERIC = 6;
const MAX_CHOICE = 2;

/** Opinion questions of a survey worth a briefing: numbers (ratings) and choices, profile columns left out. */
export function opinionQuestions(questions: readonly QuestionRow[]): {
  numeric: QuestionRow[];
  choice: QuestionRow[];
} {
  const opinion = questions.filter((q) => !isProfile(q.name));
  return {
    numeric: opinion.filter((q) => q.type === 'integer' || q.type === 'decimal').slice(0, MAX_NUMERIC),
    choice: opinion
      .filter((q) => q.type === 'select_one' || q.type === 'select_multiple')
      .slice(0, MAX_CHOICE),
  };
}

function formatDisclosureEn(b: DisclosureBlock): string {
  const moe =
    b.margin_of_error === null
      ? 'unknown'
      : b.estimate_kind === 'proportion'
        ? `±${formatNumber(b.margin_of_error * 100, 'en', 1)} percentage points`
        : `±${formatNumber(b.margin_of_error, 'en', 2)}`;
  return [
    `Survey: ${b.title ?? b.survey}`,
    `Sponsor: ${b.sponsor ?? 'not recorded'}; conducted by: ${b.conducted_by ?? 'not recorded'}`,
    `Population: ${b.population ?? 'not recorded'}; mode: ${b.mode ?? 'not recorded'}`,
    `Fieldwork: ${b.dates.from ?? '?'} – ${b.dates.to ?? '?'}`,
    `Sample: ${b.sample_size} answered (of ${b.respondents} valid returns); ${b.weighting.strata} strata, ${b.weighting.psus} PSUs`,
    `Maximum margin of error (95%): ${moe}`,
    `Question: "${b.question_wording}"`,
    `Method: design-based estimates, Taylor-linearised standard errors; cells under ${b.min_published_count} respondents not published`,
  ].join('\n');
}

export async function buildSurveysSection(ctx: SectionContext): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const title = tr(...SECTION_TITLES.surveys);
  if (!hasTables(ctx, 'surveys', 'survey_respondents', 'survey_questions', 'survey_responses')) {
    return unavailable(ctx, 'surveys', title, tr('chưa có dữ liệu khảo sát', 'no survey data'));
  }
  const recent = await ctx.log.all<SurveyRow>(
    'surveys_recent',
    tr('Khảo sát kết thúc gần đây', 'Recently completed surveys'),
    ctx.params,
  );
  if (recent.rows.length === 0) {
    const result = unavailable(
      ctx,
      'surveys',
      title,
      tr(
        'không có cuộc khảo sát nào kết thúc trong 90 ngày trước cuối kỳ',
        'no survey was completed in the 90 days before the end of the period',
      ),
    );
    result.section.queryIds.push(recent.queryId);
    return result;
  }
  const section = emptySection('surveys', title);
  section.queryIds.push(recent.queryId);
  const keyPoints: string[] = [];
  for (const survey of recent.rows) {
    section.classification = Math.max(section.classification, survey.classification);
    const questions = await ctx.log.all<QuestionRow>(
      'survey_questions',
      tr(`Câu hỏi của khảo sát ${survey.name}`, `Questions of survey ${survey.name}`),
      { ...ctx.params, survey: survey.name },
    );
    section.queryIds.push(questions.queryId);
    const { numeric, choice } = opinionQuestions(questions.rows);
    section.paragraphs.push(
      tr(
        `Khảo sát "${survey.title ?? survey.name}" (thu thập từ ${formatDay(survey.first_day, lang)} đến ${formatDay(survey.last_day, lang)}, ${formatNumber(survey.respondents, lang)} phiếu):`,
        `Survey "${survey.title ?? survey.name}" (fieldwork ${formatDay(survey.first_day, lang)} – ${formatDay(survey.last_day, lang)}, ${formatNumber(survey.respondents, lang)} returns):`,
      ),
    );
    let disclosure: DisclosureBlock | null = null;
    const means: (IntervalPoint & { n: number | null })[] = [];
    let meansQuery = '';
    for (const q of numeric) {
      const result = await estimate(ctx, survey.name, q, section.queryIds);
      if (!result) continue;
      disclosure ??= result.disclosure;
      meansQuery ||= result.queryId;
      const row = result.rows.find((r) => r.group === null);
      if (!row || row.estimate === null) continue;
      means.push({ label: q.label, estimate: row.estimate, low: row.ci_low!, high: row.ci_high!, n: row.n });
    }
    if (means.length) {
      section.tables.push({
        caption: tr(
          `Giá trị trung bình – ${survey.title ?? survey.name}`,
          `Means – ${survey.title ?? survey.name}`,
        ),
        columns: [
          { label: tr('Câu hỏi', 'Question'), align: 'left' },
          { label: tr('Trung bình', 'Mean'), align: 'right' },
          { label: tr('Khoảng tin cậy 95%', '95% interval'), align: 'right' },
          { label: tr('Số người trả lời', 'Respondents'), align: 'right' },
        ],
        rows: means.map((m) => [
          m.label,
          formatNumber(m.estimate, lang, 2),
          `${formatNumber(m.low, lang, 2)} – ${formatNumber(m.high, lang, 2)}`,
          m.n === null ? '< 5' : formatNumber(m.n, lang),
        ]),
        queryId: meansQuery,
      });
      const id = ctx.chartId();
      const chart = intervalChart(
        id,
        means,
        {
          kind: 'mean',
          x: tr('Giá trị trung bình', 'Mean'),
          estimate: tr('Ước lượng', 'Estimate'),
          interval: tr('Khoảng tin cậy 95%', '95% interval'),
        },
        lang,
      );
      section.charts.push({
        id,
        title: tr(
          `Kết quả khảo sát: giá trị trung bình và khoảng tin cậy 95%`,
          'Survey results: means with 95% intervals',
        ),
        ...chart,
        description: tr(
          `Giá trị trung bình của ${means.length} câu hỏi, thanh ngang là khoảng tin cậy 95%.`,
          `Means of ${means.length} questions, the bars their 95% intervals.`,
        ),
        queryId: meansQuery,
      });
      const low = [...means].sort((a, b) => a.estimate - b.estimate)[0]!;
      section.paragraphs.push(
        tr(
          `Điểm trung bình thấp nhất ở câu "${low.label}": ${formatNumber(low.estimate, lang, 2)} (khoảng tin cậy 95%: ${formatNumber(low.low, lang, 2)} – ${formatNumber(low.high, lang, 2)}).`,
          `Lowest mean: "${low.label}" at ${formatNumber(low.estimate, lang, 2)} (95% interval ${formatNumber(low.low, lang, 2)} – ${formatNumber(low.high, lang, 2)}).`,
        ),
      );
      keyPoints.push(
        tr(
          `Khảo sát "${survey.title ?? survey.name}": điểm thấp nhất ở câu "${low.label}" (${formatNumber(low.estimate, lang, 2)}).`,
          `Survey "${survey.title ?? survey.name}": lowest mean on "${low.label}" (${formatNumber(low.estimate, lang, 2)}).`,
        ),
      );
    }
    for (const q of choice) {
      const result = await estimate(ctx, survey.name, q, section.queryIds);
      if (!result) continue;
      disclosure ??= result.disclosure;
      const rows = result.rows.filter((r) => r.group === null);
      const shown = rows.filter((r) => r.estimate !== null).sort((a, b) => b.estimate! - a.estimate!);
      if (shown[0]) {
        const moe = (r: PublishedRow) => formatNumber(((r.ci_high! - r.ci_low!) / 2) * 100, lang, 1);
        section.paragraphs.push(
          tr(
            `Câu "${q.label}": nhiều nhất là "${shown[0].category_label}" với ${formatShare(shown[0].estimate!, lang)} (±${moe(shown[0])} điểm phần trăm).`,
            `"${q.label}": most often "${shown[0].category_label}" at ${formatShare(shown[0].estimate!, lang)} (±${moe(shown[0])} points).`,
          ),
        );
      }
      section.tables.push({
        caption: `${q.label}`,
        columns: [
          { label: tr('Phương án', 'Answer'), align: 'left' },
          { label: tr('Tỷ lệ', 'Share'), align: 'right' },
          { label: tr('Khoảng tin cậy 95%', '95% interval'), align: 'right' },
          { label: tr('Số người', 'Respondents'), align: 'right' },
        ],
        rows: rows.map((r) => [
          r.category_label ?? '—',
          r.estimate === null ? tr('không công bố', 'suppressed') : formatShare(r.estimate, lang),
          r.ci_low === null ? '—' : `${formatShare(r.ci_low, lang)} – ${formatShare(r.ci_high!, lang)}`,
          r.n === null ? '< 5' : formatNumber(r.n, lang),
        ]),
        queryId: result.queryId,
        note: q.type === 'select_multiple' ? tr('Câu hỏi nhiều lựa chọn.', 'Multiple choice.') : undefined,
      });
    }
    if (disclosure) {
      section.paragraphs.push(
        `${tr('Thông tin công bố kèm theo', 'Disclosure')}: ${(lang === 'vi' ? formatDisclosureVi(disclosure) : formatDisclosureEn(disclosure)).split('\n').join('; ')}.`,
      );
    }
  }
  return { section, keyPoints };
}

async function estimate(
  ctx: SectionContext,
  survey: string,
  q: QuestionRow,
  queryIds: string[],
): Promise<{ rows: PublishedRow[]; disclosure: DisclosureBlock; queryId: string } | null> {
  const answers = await ctx.log.all(
    'survey_answers',
    ctx.tr(
      `Dữ liệu của câu "${q.label}" (ước lượng theo thiết kế mẫu, analytics/surveys/estimate.ts)`,
      `Answers to "${q.label}" (design-based estimate, analytics/surveys/estimate.ts)`,
    ),
    { ...ctx.params, survey, question: q.name },
  );
  queryIds.push(answers.queryId);
  try {
    const published = await publishEstimates(ctx.db, { survey, question: q.name });
    return { ...published, queryId: answers.queryId };
  } catch (error) {
    ctx.warn(`survey ${survey}: question ${q.name}: ${errorMessage(error)}`);
    return null;
  }
}
