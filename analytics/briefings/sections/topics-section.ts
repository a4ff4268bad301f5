/** III. Topics people talk about: most mentioned, rising and falling against the previous window. */
import { topicChangeChart } from '../charts/briefing-charts.ts';
import { formatCountChange, formatNumber, formatShare, formatSigned } from '../format.ts';
import { emptySection, type SectionContext, type SectionResult, SECTION_TITLES } from './section-context.ts';

export interface TopicRow {
  topic: string;
  name_vi: string;
  name_en: string;
  current: number;
  negative: number;
  positive: number;
  previous: number;
  previous_negative: number;
}

/** A change counts as rising or falling only when it is at least this many mentions and this share. */
const MIN_CHANGE = 3;
const MIN_RELATIVE = 0.2;
const CHART_TOPICS = 10;

/** Topics whose mentions changed most: `[rising, falling]`, each largest change first. */
export function movers(rows: readonly TopicRow[]): [TopicRow[], TopicRow[]] {
  const moved = rows.filter((r) => {
    const diff = Math.abs(r.current - r.previous);
    return diff >= MIN_CHANGE && diff >= MIN_RELATIVE * Math.max(r.previous, 1);
  });
  const byChange = (a: TopicRow, b: TopicRow) =>
    Math.abs(b.current - b.previous) - Math.abs(a.current - a.previous) || a.topic.localeCompare(b.topic);
  return [
    moved
      .filter((r) => r.current > r.previous)
      .sort(byChange)
      .slice(0, 3),
    moved
      .filter((r) => r.current < r.previous)
      .sort(byChange)
      .slice(0, 3),
  ];
}

export async function buildTopicsSection(
  ctx: SectionContext,
  topics: { rows: TopicRow[]; queryId: string },
): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = emptySection('topics', tr(...SECTION_TITLES.topics));
  section.queryIds.push(topics.queryId);
  const name = (r: TopicRow) => (lang === 'vi' ? r.name_vi : r.name_en);
  const n = (x: number) => formatNumber(x, lang);
  const mentioned = topics.rows.filter((r) => r.current > 0 || r.previous > 0);
  const current = mentioned.filter((r) => r.current > 0);
  if (current.length === 0) {
    section.paragraphs.push(
      tr(
        `Trong ${ctx.thisPeriod} chưa có tin, bài nào được xếp vào chủ đề.`,
        `No document was assigned a topic ${ctx.thisPeriod}.`,
      ),
    );
    return { section };
  }
  const keyPoints: string[] = [];
  const top = current.slice(0, 5).map((r) => `${name(r)} (${n(r.current)})`);
  section.paragraphs.push(
    tr(`Chủ đề có nhiều tin, bài nhất: ${top.join('; ')}.`, `Most mentioned topics: ${top.join('; ')}.`),
  );
  const [rising, falling] = movers(mentioned);
  const describe = (r: TopicRow) =>
    `${name(r)} (${n(r.previous)} → ${n(r.current)}, ${formatCountChange(r.current, r.previous, lang)})`;
  if (rising.length) {
    section.paragraphs.push(
      tr(
        `Nhiều hơn ${ctx.previousPeriod}: ${rising.map(describe).join('; ')}.`,
        `Rising on ${ctx.previousPeriod}: ${rising.map(describe).join('; ')}.`,
      ),
    );
    keyPoints.push(
      tr(`Chủ đề tăng mạnh nhất: ${describe(rising[0]!)}.`, `Fastest rising topic: ${describe(rising[0]!)}.`),
    );
  }
  if (falling.length) {
    section.paragraphs.push(
      tr(
        `Giảm so với ${ctx.previousPeriod}: ${falling.map(describe).join('; ')}.`,
        `Falling on ${ctx.previousPeriod}: ${falling.map(describe).join('; ')}.`,
      ),
    );
  }
  if (!rising.length && !falling.length) {
    section.paragraphs.push(
      tr(
        `Không có chủ đề nào thay đổi đáng kể so với ${ctx.previousPeriod}.`,
        `No topic changed markedly on ${ctx.previousPeriod}.`,
      ),
    );
  }
  const shown = mentioned.slice(0, CHART_TOPICS);
  const id = ctx.chartId();
  const chart = topicChangeChart(
    id,
    shown.map((r) => ({ name: name(r), current: r.current, previous: r.previous })),
    { current: ctx.currentLabel, previous: ctx.previousLabel, x: tr('Số tin, bài', 'Documents') },
    lang,
  );
  section.charts.push({
    id,
    title: tr('Số tin, bài theo chủ đề, so với kỳ trước', 'Documents per topic, against the previous period'),
    ...chart,
    description: tr(
      `Số tin, bài của ${shown.length} chủ đề có nhiều tin, bài nhất, ${ctx.thisPeriod} (đậm) và ${ctx.previousPeriod} (chấm).`,
      `Documents of the ${shown.length} most mentioned topics, ${ctx.thisPeriod} (solid) and ${ctx.previousPeriod} (dotted).`,
    ),
    queryId: topics.queryId,
  });
  section.tables.push({
    caption: tr('Chủ đề: số tin, bài và tỷ lệ tiêu cực', 'Topics: documents and negative share'),
    columns: [
      { label: tr('Chủ đề', 'Topic'), align: 'left' },
      { label: ctx.currentLabel, align: 'right' },
      { label: ctx.previousLabel, align: 'right' },
      { label: tr('Thay đổi', 'Change'), align: 'right' },
      { label: tr('Tiêu cực', 'Negative'), align: 'right' },
    ],
    rows: mentioned.map((r) => [
      name(r),
      n(r.current),
      n(r.previous),
      formatSigned(r.current - r.previous, lang),
      r.current > 0 ? formatShare(r.negative / r.current, lang) : '—',
    ]),
    queryId: topics.queryId,
    note: tr('Một tin, bài có thể thuộc nhiều chủ đề.', 'A document may belong to several topics.'),
  });
  return { section, keyPoints };
}
