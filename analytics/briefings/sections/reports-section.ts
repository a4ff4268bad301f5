/**
 * VII. Reports of collaborators and organisations: how many came in, the mood they assess, the topics they
 * raise. Counts under 5 are shown as "< 5": in a small area they could point to the collaborator.
 */
import { formatCountChange, formatNumber, formatSmallCount } from '../format.ts';
import { addMonths } from '../../../data/time.ts';
import { openSection, type SectionContext, type SectionResult } from './section-context.ts';

export const MIN_REPORT_COUNT = 5;

interface SummaryRow {
  period: 'current' | 'previous';
  reports: number;
  units: number;
  organisations: number;
  classification: number;
}

interface MoodRow {
  mood: string;
  reports: number;
}

interface TopicRow {
  topic: string;
  name_vi: string;
  name_en: string;
  reports: number;
}

const MISSING_SHOWN = 10;

export async function buildReportsSection(ctx: SectionContext): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = openSection(ctx, 'reports', ['reports'], ['chưa có bảng báo cáo', 'no reports table']);
  if ('section' in section) return section;
  const n = (x: number) => formatNumber(x, lang);
  const small = (x: number) => formatSmallCount(x, lang, MIN_REPORT_COUNT);
  const summary = await ctx.log.all<SummaryRow>(
    'reports_summary',
    tr('Số báo cáo kỳ này và kỳ trước', 'Reports this period and the previous one'),
    ctx.params,
  );
  section.queryIds.push(summary.queryId);
  const cur = summary.rows.find((r) => r.period === 'current')!;
  const prev = summary.rows.find((r) => r.period === 'previous')!;
  section.classification = Math.max(cur.classification, prev.classification);
  if (cur.reports === 0) {
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} chưa nhận được báo cáo nào (${ctx.previousPeriod}: ${small(prev.reports)}).`,
        `No report was received ${ctx.thisPeriod} (${ctx.previousPeriod}: ${small(prev.reports)}).`,
      ),
    );
  } else {
    const change =
      cur.reports >= MIN_REPORT_COUNT && prev.reports >= MIN_REPORT_COUNT
        ? `; ${formatCountChange(cur.reports, prev.reports, lang)}`
        : '';
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} nhận được ${small(cur.reports)} báo cáo từ ${small(cur.units)} đơn vị (${ctx.previousPeriod}: ${small(prev.reports)} báo cáo${change}).`,
        `${small(cur.reports)} reports came in ${ctx.thisPeriod} from ${small(cur.units)} units (${ctx.previousPeriod}: ${small(prev.reports)}${change}).`,
      ),
    );
    const moods = await ctx.log.all<MoodRow>(
      'reports_mood',
      tr('Báo cáo theo tâm trạng được đánh giá', 'Reports by assessed mood'),
      ctx.params,
    );
    section.queryIds.push(moods.queryId);
    const moodName = (m: string) => m || tr('không ghi', 'not stated');
    section.paragraphs.push(
      tr(
        `Tâm trạng nhân dân do các báo cáo ghi nhận: ${moods.rows.map((m) => `${moodName(m.mood)} (${small(m.reports)})`).join('; ')}.`,
        `Mood as assessed in the reports: ${moods.rows.map((m) => `${moodName(m.mood)} (${small(m.reports)})`).join('; ')}.`,
      ),
    );
    const topics = await ctx.log.all<TopicRow>(
      'reports_topics',
      tr('Chủ đề được nêu trong báo cáo', 'Topics raised in reports'),
      ctx.params,
    );
    section.queryIds.push(topics.queryId);
    if (topics.rows.length) {
      section.tables.push({
        caption: tr('Chủ đề được nêu trong báo cáo', 'Topics raised in reports'),
        columns: [
          { label: tr('Chủ đề', 'Topic'), align: 'left' },
          { label: tr('Số báo cáo', 'Reports'), align: 'right' },
        ],
        rows: topics.rows.map((t) => [lang === 'vi' ? t.name_vi : t.name_en, small(t.reports)]),
        queryId: topics.queryId,
        note: tr(
          `Số dưới ${MIN_REPORT_COUNT} không công bố để bảo vệ người cung cấp thông tin.`,
          `Counts under ${MIN_REPORT_COUNT} are not published, to protect informants.`,
        ),
      });
    }
  }
  if (ctx.period === 'month' && ctx.range.calendarMonths) {
    const month = ctx.range.firstDay.slice(0, 7);
    const missing = await ctx.log.all<{ unit: string }>(
      'reports_missing',
      tr('Đơn vị chưa gửi báo cáo tháng', 'Units whose monthly report is missing'),
      { ...ctx.params, month, previous_month: addMonths(`${month}-01`, -1).slice(0, 7) },
    );
    section.queryIds.push(missing.queryId);
    if (missing.rows.length) {
      const names = missing.rows.slice(0, MISSING_SHOWN).map((r) => r.unit);
      const more = missing.rows.length - names.length;
      section.paragraphs.push(
        tr(
          `${n(missing.rows.length)} đơn vị đã báo cáo tháng trước nhưng chưa có báo cáo tháng này: ${names.join('; ')}${more > 0 ? ` và ${n(more)} đơn vị khác` : ''}.`,
          `${n(missing.rows.length)} units reported last month but not this month: ${names.join('; ')}${more > 0 ? ` and ${n(more)} more` : ''}.`,
        ),
      );
    }
  }
  return { section };
}
