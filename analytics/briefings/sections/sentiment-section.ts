/** IV. Sentiment by topic and by unit (today's communes and wards, older localities mapped onto them). */
import { sentimentShareChart } from '../charts/briefing-charts.ts';
import { formatNumber, formatShare, formatShareChange } from '../format.ts';
import { emptySection, type SectionContext, type SectionResult, SECTION_TITLES } from './section-context.ts';
import type { TopicRow } from './topics-section.ts';

interface UnitRow {
  unit_uid: string;
  name: string;
  documents: number;
  scored: number;
  negative: number;
  positive: number;
}

/** Shares are compared only where both windows have at least this many documents. */
const MIN_FOR_SHARE = 10;
const UNITS_SHOWN = 10;

export async function buildSentimentSection(
  ctx: SectionContext,
  topics: { rows: TopicRow[]; queryId: string },
): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = emptySection('sentiment', tr(...SECTION_TITLES.sentiment));
  const n = (x: number) => formatNumber(x, lang);
  const name = (r: TopicRow) => (lang === 'vi' ? r.name_vi : r.name_en);
  const keyPoints: string[] = [];

  const scoredTopics = topics.rows.filter((r) => r.current > 0).slice(0, 10);
  if (scoredTopics.length) {
    section.queryIds.push(topics.queryId);
    const comparable = topics.rows.filter((r) => r.current >= MIN_FOR_SHARE);
    const byShare = [...comparable].sort(
      (a, b) => b.negative / b.current - a.negative / a.current || a.topic.localeCompare(b.topic),
    );
    if (byShare.length) {
      const worst = byShare
        .slice(0, 3)
        .map((r) => `${name(r)} (${formatShare(r.negative / r.current, lang)})`);
      section.paragraphs.push(
        tr(
          `Chủ đề có tỷ lệ tin, bài tiêu cực cao nhất (từ ${MIN_FOR_SHARE} tin, bài trở lên): ${worst.join('; ')}.`,
          `Topics with the highest negative share (${MIN_FOR_SHARE} documents or more): ${worst.join('; ')}.`,
        ),
      );
    }
    const shifts = comparable
      .filter((r) => r.previous >= MIN_FOR_SHARE)
      .map((r) => ({ r, shift: r.negative / r.current - r.previous_negative / r.previous }))
      .filter((s) => Math.abs(s.shift) >= 0.05)
      .sort((a, b) => b.shift - a.shift || a.r.topic.localeCompare(b.r.topic));
    const worse = shifts.filter((s) => s.shift > 0).slice(0, 3);
    const better = shifts
      .filter((s) => s.shift < 0)
      .reverse()
      .slice(0, 3);
    const describe = (s: { r: TopicRow }) =>
      `${name(s.r)} (${formatShareChange(s.r.negative / s.r.current, s.r.previous_negative / s.r.previous, lang)})`;
    if (worse.length || better.length) {
      section.paragraphs.push(
        [
          worse.length
            ? tr(
                `Tỷ lệ tiêu cực cao hơn ${ctx.previousPeriod}: ${worse.map(describe).join('; ')}.`,
                `Negative share up on ${ctx.previousPeriod}: ${worse.map(describe).join('; ')}.`,
              )
            : '',
          better.length
            ? tr(`Giảm: ${better.map(describe).join('; ')}.`, `Down: ${better.map(describe).join('; ')}.`)
            : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      if (worse.length) {
        keyPoints.push(
          tr(
            `Tâm trạng tiêu cực tăng rõ nhất ở chủ đề ${describe(worse[0]!)}.`,
            `Negative sentiment rose most on ${describe(worse[0]!)}.`,
          ),
        );
      }
    } else {
      section.paragraphs.push(
        tr(
          `Không chủ đề nào có tỷ lệ tiêu cực đổi khác đáng kể so với ${ctx.previousPeriod}.`,
          `Negative shares by topic changed little on ${ctx.previousPeriod}.`,
        ),
      );
    }
    const id = ctx.chartId();
    const labels = {
      negative: tr('Tiêu cực', 'Negative'),
      neutral: tr('Trung tính', 'Neutral'),
      positive: tr('Tích cực', 'Positive'),
      x: tr('Tỷ lệ trong số tin, bài của chủ đề', 'Share of the topic’s documents'),
    };
    const chart = sentimentShareChart(
      id,
      scoredTopics.map((r) => ({
        name: name(r),
        negative: r.negative,
        positive: r.positive,
        neutral: r.current - r.negative - r.positive,
      })),
      labels,
      lang,
    );
    section.charts.push({
      id,
      title: tr('Sắc thái tin, bài theo chủ đề', 'Sentiment by topic'),
      ...chart,
      description: tr(
        'Tỷ lệ tin, bài tiêu cực (gạch chéo), trung tính (xám) và tích cực (chấm) của mỗi chủ đề.',
        'Share of negative (hatched), neutral (grey) and positive (dotted) documents per topic.',
      ),
      queryId: topics.queryId,
    });
  }

  const units = await ctx.log.all<UnitRow>(
    'unit_counts',
    tr(
      'Tin, bài theo xã, phường (đơn vị hành chính hiện hành)',
      'Documents per commune and ward (current units)',
    ),
    { ...ctx.params, limit: UNITS_SHOWN },
  );
  section.queryIds.push(units.queryId);
  if (units.rows.length === 0) {
    section.paragraphs.push(
      tr(
        'Chưa có tin, bài nào xác định được xã, phường.',
        'No document could be placed in a commune or ward.',
      ),
    );
  } else {
    const most = units.rows.slice(0, 3).map((u) => `${u.name} (${n(u.documents)})`);
    section.paragraphs.push(
      tr(
        `Địa bàn có nhiều tin, bài nhất: ${most.join('; ')}. Tin, bài nêu tên xã, phường trước sắp xếp năm 2025 được tính vào xã, phường mới kế thừa.`,
        `Areas with the most documents: ${most.join('; ')}. Documents naming a commune from before the 2025 reorganisation count in its successor.`,
      ),
    );
    const negativeUnits = units.rows
      .filter((u) => u.scored >= MIN_FOR_SHARE)
      .sort((a, b) => b.negative / b.scored - a.negative / a.scored || a.unit_uid.localeCompare(b.unit_uid))
      .slice(0, 3)
      .map((u) => `${u.name} (${formatShare(u.negative / u.scored, lang)})`);
    if (negativeUnits.length) {
      section.paragraphs.push(
        tr(
          `Trong các địa bàn đó, tỷ lệ tiêu cực cao nhất: ${negativeUnits.join('; ')}.`,
          `Among them, the highest negative shares: ${negativeUnits.join('; ')}.`,
        ),
      );
    }
    section.tables.push({
      caption: tr('Sắc thái tin, bài theo địa bàn', 'Sentiment by area'),
      columns: [
        { label: tr('Xã, phường', 'Commune, ward'), align: 'left' },
        { label: tr('Tin, bài', 'Documents'), align: 'right' },
        { label: tr('Tiêu cực', 'Negative'), align: 'right' },
        { label: tr('Tích cực', 'Positive'), align: 'right' },
      ],
      rows: units.rows.map((u) => [
        u.name,
        n(u.documents),
        u.scored ? formatShare(u.negative / u.scored, lang) : '—',
        u.scored ? formatShare(u.positive / u.scored, lang) : '—',
      ]),
      queryId: units.queryId,
    });
    const id = ctx.chartId();
    const chart = sentimentShareChart(
      id,
      units.rows
        .filter((u) => u.scored > 0)
        .map((u) => ({
          name: u.name,
          negative: u.negative,
          positive: u.positive,
          neutral: u.scored - u.negative - u.positive,
        })),
      {
        negative: tr('Tiêu cực', 'Negative'),
        neutral: tr('Trung tính', 'Neutral'),
        positive: tr('Tích cực', 'Positive'),
        x: tr('Tỷ lệ trong số tin, bài của địa bàn', 'Share of the area’s documents'),
      },
      lang,
    );
    section.charts.push({
      id,
      title: tr('Sắc thái tin, bài theo địa bàn', 'Sentiment by area'),
      ...chart,
      description: tr(
        `Tỷ lệ tiêu cực, trung tính và tích cực ở ${units.rows.length} xã, phường có nhiều tin, bài nhất.`,
        `Negative, neutral and positive shares in the ${units.rows.length} communes and wards with most documents.`,
      ),
      queryId: units.queryId,
    });
  }
  return { section, keyPoints };
}
