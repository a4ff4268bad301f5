/** II. Hot spots of the window, most severe first, with the state of the cases they became. */
import { formatDay, formatNumber, formatShare } from '../format.ts';
import { localDay } from '../../../data/time.ts';
import { hasTables, openSection, type SectionContext, type SectionResult } from './section-context.ts';

interface AlertRow {
  id: string;
  topic: string | null;
  label: string;
  /** The topic's English name when the label is just the topic's Vietnamese name. */
  label_en: string | null;
  unit_name: string | null;
  severity: string;
  score: number;
  count: number;
  expected: number;
  neg_share: number;
  outlets: number;
  is_new: boolean;
  classification: number;
  case_id?: string | null;
  case_status?: string | null;
  assignee?: string | null;
  deadline?: Date | null;
  overdue?: boolean | null;
}

interface CaseSummaryRow {
  open: number;
  overdue: number;
  opened: number;
  resolved: number;
  classification: number;
}

const SEVERITY_EN: Record<string, string> = {
  khẩn: 'urgent',
  cao: 'high',
  'trung bình': 'medium',
  thấp: 'low',
};
const CASE_STATUS: Record<string, [string, string]> = {
  received: ['đã tiếp nhận', 'received'],
  verifying: ['đang xác minh', 'verifying'],
  resolved: ['đã giải quyết', 'resolved'],
  closed: ['đã kết thúc', 'closed'],
  dismissed: ['không xử lý', 'dismissed'],
  merged: ['đã gộp', 'merged'],
};
const SHOWN = 5;

export async function buildHotspotsSection(ctx: SectionContext): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = openSection(
    ctx,
    'hotspots',
    ['alerts'],
    ['chưa có bảng cảnh báo điểm nóng', 'no hot-spot alerts table'],
  );
  if ('section' in section) return section;
  const withCases = hasTables(ctx, 'cases', 'case_events');
  const alerts = await ctx.log.all<AlertRow>(
    withCases ? 'alerts_period_cases' : 'alerts_period',
    tr('Cảnh báo điểm nóng trong kỳ', 'Hot-spot alerts of the period'),
    ctx.params,
  );
  section.queryIds.push(alerts.queryId);
  section.classification = Math.max(0, ...alerts.rows.map((a) => a.classification));
  const n = (x: number) => formatNumber(x, lang);
  const label = (a: AlertRow) => (lang === 'en' && a.label_en ? a.label_en : a.label);
  const severity = (s: string) => (lang === 'vi' ? s : (SEVERITY_EN[s] ?? s));
  const keyPoints: string[] = [];

  if (alerts.rows.length === 0) {
    section.paragraphs.push(
      tr(`Trong ${ctx.thisPeriod} không có cảnh báo điểm nóng.`, `No hot-spot alert ${ctx.thisPeriod}.`),
    );
  } else {
    const bySeverity = new Map<string, number>();
    for (const a of alerts.rows) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
    const counts = [...bySeverity].map(([s, c]) => `${n(c)} ${severity(s)}`).join(', ');
    const fresh = alerts.rows.filter((a) => a.is_new).length;
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} có ${n(alerts.rows.length)} điểm nóng (${counts}), trong đó ${n(fresh)} mới phát hiện.`,
        `${n(alerts.rows.length)} hot spots ${ctx.thisPeriod} (${counts}), ${n(fresh)} of them new.`,
      ),
    );
    const top = alerts.rows[0]!;
    keyPoints.push(
      tr(
        `Điểm nóng nổi bật: ${top.label}${top.unit_name ? ` tại ${top.unit_name}` : ''} (mức ${top.severity}, ${n(top.count)} tin, bài).`,
        `Main hot spot: ${label(top)}${top.unit_name ? ` in ${top.unit_name}` : ''} (${severity(top.severity)}, ${n(top.count)} documents).`,
      ),
    );
    alerts.rows.slice(0, SHOWN).forEach((a, i) => {
      const where = a.unit_name ? tr(` tại ${a.unit_name}`, ` in ${a.unit_name}`) : '';
      const state = caseState(ctx, a);
      section.paragraphs.push(
        tr(
          `${i + 1}. ${a.label}${where} (mức ${a.severity}, điểm ${formatNumber(a.score, lang, 1)}): ${n(a.count)} tin, bài so với mức thường ` +
            `${formatNumber(a.expected, lang, 1)}; ${formatShare(a.neg_share, lang)} tiêu cực; từ ${n(a.outlets)} nguồn.${state ? ` ${state}` : ''}`,
          `${i + 1}. ${label(a)}${where} (${severity(a.severity)}, score ${formatNumber(a.score, lang, 1)}): ${n(a.count)} documents against ` +
            `${formatNumber(a.expected, lang, 1)} expected; ${formatShare(a.neg_share, lang)} negative; ${n(a.outlets)} sources.${state ? ` ${state}` : ''}`,
        ),
      );
    });
    if (alerts.rows.length > SHOWN) {
      section.paragraphs.push(
        tr(
          `Còn ${n(alerts.rows.length - SHOWN)} điểm nóng khác (xem bảng).`,
          `${n(alerts.rows.length - SHOWN)} more in the table.`,
        ),
      );
    }
    section.tables.push({
      caption: tr('Điểm nóng trong kỳ', 'Hot spots of the period'),
      columns: [
        { label: tr('Vấn đề', 'Issue'), align: 'left' },
        { label: tr('Địa bàn', 'Area'), align: 'left' },
        { label: tr('Mức độ', 'Severity'), align: 'center' },
        { label: tr('Số tin, bài', 'Documents'), align: 'right' },
        { label: tr('Tiêu cực', 'Negative'), align: 'right' },
        ...(withCases ? [{ label: tr('Xử lý', 'Case'), align: 'left' as const }] : []),
      ],
      rows: alerts.rows.map((a) => [
        label(a),
        a.unit_name ?? '—',
        severity(a.severity),
        n(a.count),
        formatShare(a.neg_share, lang),
        ...(withCases ? [caseCell(ctx, a)] : []),
      ]),
      queryId: alerts.queryId,
    });
  }

  if (withCases) {
    const summary = await ctx.log.all<CaseSummaryRow>(
      'case_summary',
      tr('Tình hình xử lý vụ việc', 'Case handling'),
      ctx.params,
    );
    section.queryIds.push(summary.queryId);
    const c = summary.rows[0]!;
    section.classification = Math.max(section.classification, c.classification);
    section.paragraphs.push(
      tr(
        `Tình hình xử lý đến thời điểm lập báo cáo: ${n(c.opened)} vụ việc mới trong kỳ, ${n(c.resolved)} vụ việc đã giải quyết trong kỳ; ` +
          `còn ${n(c.open)} vụ việc đang xử lý, trong đó ${n(c.overdue)} quá hạn.`,
        `Cases as of this briefing: ${n(c.opened)} opened and ${n(c.resolved)} resolved in the period; ` +
          `${n(c.open)} still open, ${n(c.overdue)} of them overdue.`,
      ),
    );
    if (c.overdue > 0) {
      keyPoints.push(tr(`${n(c.overdue)} vụ việc quá hạn xử lý.`, `Overdue cases: ${n(c.overdue)}.`));
    }
  }
  return { section, keyPoints };
}

function caseState(ctx: SectionContext, a: AlertRow): string {
  if (a.case_status === undefined) return '';
  if (!a.case_status) return ctx.tr('Chưa lập vụ việc.', 'No case opened.');
  const status = CASE_STATUS[a.case_status]?.[ctx.lang === 'vi' ? 0 : 1] ?? a.case_status;
  const deadline = a.deadline ? formatDay(localDay(a.deadline), ctx.lang) : null;
  const who = a.assignee ? ctx.tr(`, giao ${a.assignee}`, `, assigned to ${a.assignee}`) : '';
  const due = deadline ? ctx.tr(`, hạn ${deadline}`, `, due ${deadline}`) : '';
  const late = a.overdue ? ctx.tr(' (quá hạn)', ' (overdue)') : '';
  return ctx.tr(`Vụ việc: ${status}${who}${due}${late}.`, `Case: ${status}${who}${due}${late}.`);
}

function caseCell(ctx: SectionContext, a: AlertRow): string {
  if (!a.case_status) return '—';
  const status = CASE_STATUS[a.case_status]?.[ctx.lang === 'vi' ? 0 : 1] ?? a.case_status;
  return a.overdue ? `${status}, ${ctx.tr('quá hạn', 'overdue')}` : status;
}
