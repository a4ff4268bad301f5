/** I. Overview: documents, originals, outlets and negative share, against the previous window; volume per day. */
import { dailyVolumeChart, type DailyPoint } from '../charts/briefing-charts.ts';
import { formatCountChange, formatNumber, formatShare, formatShareChange } from '../format.ts';
import type { Figure } from '../types.ts';
import { emptySection, type SectionContext, type SectionResult, SECTION_TITLES } from './section-context.ts';

interface TotalsRow {
  period: 'current' | 'previous';
  documents: number;
  originals: number;
  scored: number;
  negative: number;
  positive: number;
  outlets: number;
  news: number;
  social: number;
  classification: number;
}

function countFigure(
  ctx: SectionContext,
  key: string,
  label: string,
  value: number,
  previous: number,
  queryId: string,
): Figure {
  return {
    key,
    label,
    value,
    previous,
    display: formatNumber(value, ctx.lang),
    change: formatCountChange(value, previous, ctx.lang),
    unit: 'count',
    queryId,
  };
}

function shareFigure(
  ctx: SectionContext,
  key: string,
  label: string,
  part: [number, number],
  whole: [number, number],
  queryId: string,
): Figure {
  const value = whole[0] > 0 ? part[0] / whole[0] : null;
  const previous = whole[1] > 0 ? part[1] / whole[1] : null;
  return {
    key,
    label,
    value,
    previous,
    display: value === null ? '—' : formatShare(value, ctx.lang),
    change: value !== null && previous !== null ? formatShareChange(value, previous, ctx.lang) : null,
    unit: 'share',
    queryId,
  };
}

export async function buildHeadlineSection(
  ctx: SectionContext,
  daily: { rows: DailyPoint[]; queryId: string },
): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = emptySection('headline', tr(...SECTION_TITLES.headline));
  const totals = await ctx.log.all<TotalsRow>(
    'doc_totals',
    tr('Tổng số tin, bài kỳ này và kỳ trước', 'Documents this period and the previous one'),
    ctx.params,
  );
  section.queryIds.push(totals.queryId);
  const cur = totals.rows.find((r) => r.period === 'current')!;
  const prev = totals.rows.find((r) => r.period === 'previous')!;
  section.classification = Math.max(cur.classification, prev.classification);
  const q = totals.queryId;
  const figures: Figure[] = [
    countFigure(ctx, 'documents', tr('Tin, bài', 'Documents'), cur.documents, prev.documents, q),
    countFigure(ctx, 'originals', tr('Nội dung gốc', 'Original items'), cur.originals, prev.originals, q),
    countFigure(ctx, 'outlets', tr('Nguồn', 'Sources'), cur.outlets, prev.outlets, q),
    shareFigure(
      ctx,
      'negative_share',
      tr('Tỷ lệ tiêu cực', 'Negative share'),
      [cur.negative, prev.negative],
      [cur.scored, prev.scored],
      q,
    ),
    shareFigure(
      ctx,
      'positive_share',
      tr('Tỷ lệ tích cực', 'Positive share'),
      [cur.positive, prev.positive],
      [cur.scored, prev.scored],
      q,
    ),
  ];
  const n = (x: number) => formatNumber(x, lang);
  const [docs, originals, outlets, negative, positive] = figures as [Figure, Figure, Figure, Figure, Figure];
  const keyPoints: string[] = [];
  if (cur.documents === 0) {
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} chưa ghi nhận tin, bài nào (${ctx.previousPeriod}: ${n(prev.documents)}).`,
        `No documents were recorded ${ctx.thisPeriod} (${ctx.previousPeriod}: ${n(prev.documents)}).`,
      ),
    );
    keyPoints.push(section.paragraphs[0]!);
    return { section, figures, keyPoints };
  }
  const other = cur.documents - cur.news - cur.social;
  section.paragraphs.push(
    tr(
      `Trong ${ctx.thisPeriod}, hệ thống ghi nhận ${docs.display} tin, bài (${ctx.previousPeriod}: ${n(prev.documents)}; ${docs.change}), ` +
        `trong đó ${originals.display} nội dung gốc, còn lại là bản đăng lại, chia sẻ lại; từ ${outlets.display} nguồn ` +
        `(${ctx.previousPeriod}: ${n(prev.outlets)}). Báo chí: ${n(cur.news)}; mạng xã hội: ${n(cur.social)}` +
        (other > 0 ? `; nguồn khác: ${n(other)}.` : '.'),
      `${ctx.thisPeriod[0]!.toUpperCase()}${ctx.thisPeriod.slice(1)}, ${docs.display} documents were recorded (${ctx.previousPeriod}: ${n(prev.documents)}; ${docs.change}), ` +
        `${originals.display} of them original items, the rest reposts and shares, from ${outlets.display} sources ` +
        `(${ctx.previousPeriod}: ${n(prev.outlets)}). News: ${n(cur.news)}; social media: ${n(cur.social)}` +
        (other > 0 ? `; other: ${n(other)}.` : '.'),
    ),
  );
  if (cur.scored === 0) {
    section.paragraphs.push(
      tr('Chưa có tin, bài nào được phân tích sắc thái.', 'No document has been scored for sentiment yet.'),
    );
  } else {
    const prevShare = negative.previous === null ? '—' : formatShare(negative.previous, lang);
    section.paragraphs.push(
      tr(
        `Tỷ lệ tin, bài mang sắc thái tiêu cực là ${negative.display} (${ctx.previousPeriod}: ${prevShare}` +
          `${negative.change ? `; ${negative.change}` : ''}); tích cực ${positive.display}.`,
        `The negative share was ${negative.display} (${ctx.previousPeriod}: ${prevShare}` +
          `${negative.change ? `; ${negative.change}` : ''}); positive ${positive.display}.`,
      ),
    );
  }
  keyPoints.push(
    tr(
      `${docs.display} tin, bài (${ctx.previousPeriod}: ${n(prev.documents)}; ${docs.change}) từ ${outlets.display} nguồn; tỷ lệ tiêu cực ${negative.display}` +
        `${negative.change ? ` (${negative.change})` : ''}.`,
      `${docs.display} documents (${ctx.previousPeriod}: ${n(prev.documents)}; ${docs.change}) from ${outlets.display} sources; negative share ${negative.display}` +
        `${negative.change ? ` (${negative.change})` : ''}.`,
    ),
  );

  section.queryIds.push(daily.queryId);
  const id = ctx.chartId();
  const chart = dailyVolumeChart(
    id,
    daily.rows,
    {
      negative: tr('Tiêu cực', 'Negative'),
      other: tr('Trung tính, tích cực, chưa phân tích', 'Neutral, positive, unscored'),
      x: tr('Ngày', 'Day'),
      y: tr('Số tin, bài', 'Documents'),
    },
    lang,
  );
  const busiest = [...daily.rows].sort((a, b) => b.documents - a.documents || a.day.localeCompare(b.day))[0]!;
  section.charts.push({
    id,
    title: tr('Số tin, bài theo ngày', 'Documents per day'),
    ...chart,
    description: tr(
      `Số tin, bài mỗi ngày, phần gạch chéo là tin, bài tiêu cực; nhiều nhất ngày ${busiest.day.slice(8)}/${busiest.day.slice(5, 7)} (${n(busiest.documents)}).`,
      `Documents per day, the hatched part negative; most on ${busiest.day} (${n(busiest.documents)}).`,
    ),
    queryId: daily.queryId,
  });
  return { section, figures, keyPoints };
}
