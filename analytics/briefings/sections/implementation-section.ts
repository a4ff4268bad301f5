/**
 * VIII. How the regulation was carried out (annual report only): which units sent their monthly reports and how
 * timely, what became of the year's alerts — routed as cases, resolved by their deadline or after it, dismissed,
 * merged, or still open and overdue — and how the year's plan of surveys requested by units was carried out.
 */
import { formatNumber } from '../format.ts';
import { openSection, type SectionContext, type SectionResult } from './section-context.ts';

/** A month's report is on time when it came in by this day of the following month (local time). */
export const REPORT_DUE_DAY = 5;

interface UnitRow {
  unit: string;
  months: number;
  on_time: number;
  late: number;
  undated: number;
  window_months: number;
  classification: number;
}

interface SeverityRow {
  severity: string;
  alerts: number;
  cases: number;
  resolved_in_time: number;
  resolved_late: number;
  dismissed: number;
  merged: number;
  open: number;
  overdue: number;
  classification: number;
}

interface SurveyPlanRow {
  requester: string;
  requests: number;
  reported_in_time: number;
  reported_late: number;
  open: number;
  overdue: number;
  declined: number;
  withdrawn: number;
  classification: number;
}

const sum = <T>(rows: readonly T[], key: keyof T) => rows.reduce((s, r) => s + (r[key] as number), 0);

export async function buildImplementationSection(ctx: SectionContext): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = openSection(
    ctx,
    'implementation',
    ['reports', 'alerts', 'cases', 'case_events'],
    ['chưa có bảng báo cáo, vụ việc', 'no reports or cases tables'],
  );
  if ('section' in section) return section;
  const n = (x: number) => formatNumber(x, lang);
  const keyPoints: string[] = [];

  const units = await ctx.log.all<UnitRow>(
    'implementation_reports',
    tr(
      'Báo cáo tháng theo đơn vị: số tháng có báo cáo, đúng hạn, muộn',
      'Monthly reports per unit: months, on time, late',
    ),
    { ...ctx.params, due_day: REPORT_DUE_DAY },
  );
  section.queryIds.push(units.queryId);
  const months = units.rows[0]?.window_months ?? 0;
  if (units.rows.length === 0) {
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} không đơn vị nào gửi báo cáo tháng.`,
        `No unit sent a monthly report ${ctx.thisPeriod}.`,
      ),
    );
  } else {
    const complete = units.rows.filter((u) => u.months >= u.window_months).length;
    const silent = units.rows.filter((u) => u.months === 0).length;
    const [onTime, late, undated] = [
      sum(units.rows, 'on_time'),
      sum(units.rows, 'late'),
      sum(units.rows, 'undated'),
    ];
    section.classification = Math.max(section.classification, ...units.rows.map((u) => u.classification));
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod}, ${n(units.rows.length)} đơn vị có báo cáo tháng (hoặc có trong năm trước); ${n(complete)} đơn vị báo cáo đủ ${n(months)} tháng` +
          `${silent > 0 ? `, ${n(silent)} đơn vị năm trước có báo cáo nhưng năm nay không có tháng nào` : ''}. ` +
          `Trong ${n(onTime + late + undated)} tháng có báo cáo, ${n(onTime)} tháng gửi đúng hạn (đến hết ngày ${REPORT_DUE_DAY} tháng sau), ${n(late)} tháng gửi muộn` +
          `${undated > 0 ? `, ${n(undated)} tháng không ghi ngày gửi` : ''}.`,
        `${n(units.rows.length)} units sent monthly reports ${ctx.thisPeriod} (or did the year before); ${n(complete)} reported for all ${n(months)} months` +
          `${silent > 0 ? `, and ${n(silent)} that reported the year before sent none this year` : ''}. ` +
          `Of ${n(onTime + late + undated)} months reported, ${n(onTime)} came in on time (by day ${REPORT_DUE_DAY} of the following month) and ${n(late)} late` +
          `${undated > 0 ? `; ${n(undated)} carry no date` : ''}.`,
      ),
    );
    if (complete < units.rows.length) {
      keyPoints.push(
        tr(
          `${n(units.rows.length - complete)} đơn vị chưa báo cáo đủ ${n(months)} tháng trong ${ctx.thisPeriod}.`,
          `${n(units.rows.length - complete)} units did not report for all ${n(months)} months ${ctx.thisPeriod}.`,
        ),
      );
    }
    section.tables.push({
      caption: tr(
        'Báo cáo tháng theo đơn vị (ít tháng nhất trước)',
        'Monthly reports per unit (fewest months first)',
      ),
      columns: [
        { label: tr('Đơn vị', 'Unit'), align: 'left' },
        { label: tr(`Số tháng có báo cáo / ${months}`, `Months reported / ${months}`), align: 'right' },
        { label: tr('Đúng hạn', 'On time'), align: 'right' },
        { label: tr('Muộn', 'Late'), align: 'right' },
        { label: tr('Không rõ ngày gửi', 'No date'), align: 'right' },
      ],
      rows: units.rows.map((u) => [u.unit, n(u.months), n(u.on_time), n(u.late), n(u.undated)]),
      queryId: units.queryId,
      note: tr(
        `Đúng hạn: báo cáo của tháng gửi đến hết ngày ${REPORT_DUE_DAY} tháng sau. Đơn thư, tiếp công dân không tính.`,
        `On time: the month's report came in by day ${REPORT_DUE_DAY} of the following month. Petitions are not counted.`,
      ),
    });
  }

  const cases = await ctx.log.all<SeverityRow>(
    'implementation_cases',
    tr('Điểm nóng theo mức độ và kết quả xử lý vụ việc', 'Alerts by severity and what became of their cases'),
    ctx.params,
  );
  section.queryIds.push(cases.queryId);
  const rows = cases.rows;
  if (rows.length === 0) {
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} không phát hiện điểm nóng nào.`,
        `No hot spot was detected ${ctx.thisPeriod}.`,
      ),
    );
  } else {
    section.classification = Math.max(section.classification, ...rows.map((r) => r.classification));
    const t = (key: keyof SeverityRow) => sum(rows, key);
    section.paragraphs.push(
      tr(
        `${n(t('alerts'))} điểm nóng được phát hiện, ${n(t('cases'))} được chuyển thành vụ việc để xử lý: ` +
          `${n(t('resolved_in_time') + t('resolved_late'))} đã giải quyết (${n(t('resolved_in_time'))} đúng hạn, ${n(t('resolved_late'))} quá hạn), ` +
          `${n(t('dismissed'))} không phải điểm nóng, ${n(t('merged'))} gộp vào vụ việc trùng, ${n(t('open'))} đang xử lý (${n(t('overdue'))} đã quá hạn).`,
        `${n(t('alerts'))} hot spots were detected and ${n(t('cases'))} became cases: ` +
          `${n(t('resolved_in_time') + t('resolved_late'))} resolved (${n(t('resolved_in_time'))} by the deadline, ${n(t('resolved_late'))} after it), ` +
          `${n(t('dismissed'))} dismissed as not a hot spot, ${n(t('merged'))} merged into a duplicate, ${n(t('open'))} still open (${n(t('overdue'))} overdue).`,
      ),
    );
    if (t('overdue') > 0) {
      keyPoints.push(
        tr(
          `${n(t('overdue'))} vụ việc phát sinh trong ${ctx.thisPeriod} còn đang xử lý và đã quá hạn.`,
          `${n(t('overdue'))} cases opened ${ctx.thisPeriod} are still open past their deadline.`,
        ),
      );
    }
    section.tables.push({
      caption: tr('Điểm nóng và vụ việc theo mức độ', 'Alerts and cases by severity'),
      columns: [
        { label: tr('Mức độ', 'Severity'), align: 'left' },
        { label: tr('Điểm nóng', 'Alerts'), align: 'right' },
        { label: tr('Vụ việc', 'Cases'), align: 'right' },
        { label: tr('Giải quyết đúng hạn', 'Resolved in time'), align: 'right' },
        { label: tr('Giải quyết quá hạn', 'Resolved late'), align: 'right' },
        { label: tr('Không phải điểm nóng', 'Dismissed'), align: 'right' },
        { label: tr('Gộp', 'Merged'), align: 'right' },
        { label: tr('Đang xử lý (quá hạn)', 'Open (overdue)'), align: 'right' },
      ],
      rows: rows.map((r) => [
        r.severity,
        n(r.alerts),
        n(r.cases),
        n(r.resolved_in_time),
        n(r.resolved_late),
        n(r.dismissed),
        n(r.merged),
        `${n(r.open)} (${n(r.overdue)})`,
      ]),
      queryId: cases.queryId,
    });
  }
  const plan = await ctx.log.all<SurveyPlanRow>(
    'implementation_surveys',
    tr('Kế hoạch khảo sát theo đơn vị đề nghị', "The year's plan of surveys by requesting unit"),
    ctx.params,
  );
  section.queryIds.push(plan.queryId);
  if (plan.rows.length === 0) {
    section.paragraphs.push(
      tr(
        `Không có đề nghị khảo sát nào trong kế hoạch ${ctx.thisPeriod}.`,
        `No survey was requested for the plan ${ctx.thisPeriod}.`,
      ),
    );
  } else {
    section.classification = Math.max(section.classification, ...plan.rows.map((r) => r.classification));
    const p = (key: keyof SurveyPlanRow) => sum(plan.rows, key);
    section.paragraphs.push(
      tr(
        `Kế hoạch khảo sát ${ctx.thisPeriod} có ${n(p('requests'))} đề nghị của ${n(plan.rows.length)} đơn vị: ` +
          `${n(p('reported_in_time') + p('reported_late'))} đã có kết quả (${n(p('reported_in_time'))} kịp thời hạn đơn vị cần, ${n(p('reported_late'))} muộn hơn), ` +
          `${n(p('open'))} đang thực hiện (${n(p('overdue'))} đã quá thời hạn cần kết quả), ${n(p('declined'))} không thực hiện, ${n(p('withdrawn'))} đơn vị đã rút.`,
        `The survey plan ${ctx.thisPeriod} holds ${n(p('requests'))} requests from ${n(plan.rows.length)} units: ` +
          `${n(p('reported_in_time') + p('reported_late'))} answered (${n(p('reported_in_time'))} by the day the results were wanted, ${n(p('reported_late'))} later), ` +
          `${n(p('open'))} under way (${n(p('overdue'))} past the day wanted), ${n(p('declined'))} declined, ${n(p('withdrawn'))} withdrawn.`,
      ),
    );
    if (p('overdue') > 0) {
      keyPoints.push(
        tr(
          `${n(p('overdue'))} đề nghị khảo sát đã quá thời hạn đơn vị cần kết quả mà chưa có kết quả.`,
          `${n(p('overdue'))} survey requests are past the day their results were wanted.`,
        ),
      );
    }
    section.tables.push({
      caption: tr('Kế hoạch khảo sát theo đơn vị đề nghị', "The year's plan of surveys by requesting unit"),
      columns: [
        { label: tr('Đơn vị đề nghị', 'Requested by'), align: 'left' },
        { label: tr('Đề nghị', 'Requests'), align: 'right' },
        { label: tr('Có kết quả kịp hạn', 'Answered in time'), align: 'right' },
        { label: tr('Có kết quả muộn', 'Answered late'), align: 'right' },
        { label: tr('Đang thực hiện (quá hạn)', 'Under way (overdue)'), align: 'right' },
        { label: tr('Không thực hiện', 'Declined'), align: 'right' },
        { label: tr('Đã rút', 'Withdrawn'), align: 'right' },
      ],
      rows: plan.rows.map((r) => [
        r.requester,
        n(r.requests),
        n(r.reported_in_time),
        n(r.reported_late),
        `${n(r.open)} (${n(r.overdue)})`,
        n(r.declined),
        n(r.withdrawn),
      ]),
      queryId: plan.queryId,
    });
  }
  return { section, keyPoints };
}
