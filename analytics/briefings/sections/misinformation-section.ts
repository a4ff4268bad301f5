/** V. Misinformation: candidates found, reviewed and answered in the window, the main false claims handled. */
import { formatNumber } from '../format.ts';
import { openSection, type SectionContext, type SectionResult } from './section-context.ts';

interface ClaimsSummaryRow {
  detected: number;
  matched: number;
  reviewed: number;
  false_claims: number;
  answered: number;
  true_claims: number;
  not_applicable: number;
  pending: number;
  classification: number;
}

interface HandledRow {
  claim: string;
  status: string;
  documents: number;
  response: string | null;
  classification: number;
}

const VERDICT_EN: Record<string, string> = { 'sai sự thật': 'false', 'đúng sự thật': 'true' };

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export async function buildMisinformationSection(ctx: SectionContext): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = openSection(
    ctx,
    'misinformation',
    ['claim_candidates', 'official_statements'],
    ['chưa có hàng đợi xác minh thông tin', 'no misinformation review queue'],
  );
  if ('section' in section) return section;
  const n = (x: number) => formatNumber(x, lang);
  const summary = await ctx.log.all<ClaimsSummaryRow>(
    'claims_summary',
    tr(
      'Nội dung nghi sai sự thật: số phát hiện, số đã kết luận',
      'Misinformation candidates: found and handled',
    ),
    ctx.params,
  );
  section.queryIds.push(summary.queryId);
  const s = summary.rows[0]!;
  section.classification = s.classification;
  const keyPoints: string[] = [];
  section.paragraphs.push(
    tr(
      `Trong ${ctx.thisPeriod} phát hiện ${n(s.detected)} nội dung nghi sai sự thật cần xác minh (${n(s.matched)} khớp với thông tin chính thức đã có); ` +
        `đã kết luận ${n(s.reviewed)}: ${n(s.false_claims)} sai sự thật (${n(s.answered)} đã có thông tin phản hồi chính thức), ` +
        `${n(s.true_claims)} đúng sự thật, ${n(s.not_applicable)} không thuộc diện xử lý. Còn ${n(s.pending)} nội dung chưa có kết luận.`,
      `${n(s.detected)} possible misinformation items were found ${ctx.thisPeriod} (${n(s.matched)} matching an official statement); ` +
        `${n(s.reviewed)} were concluded: ${n(s.false_claims)} false (${n(s.answered)} answered officially), ` +
        `${n(s.true_claims)} true, ${n(s.not_applicable)} not applicable. ${n(s.pending)} await a conclusion.`,
    ),
  );
  if (s.false_claims > 0 || s.pending > 0) {
    keyPoints.push(
      tr(
        `Thông tin sai sự thật: ${n(s.false_claims)} nội dung được kết luận trong kỳ, ${n(s.pending)} đang chờ xác minh.`,
        `Misinformation: ${n(s.false_claims)} items concluded false, ${n(s.pending)} awaiting review.`,
      ),
    );
  }
  const handled = await ctx.log.all<HandledRow>(
    'claims_handled',
    tr('Nội dung đã kết luận nhiều tin, bài nhất', 'Concluded claims with most documents'),
    ctx.params,
  );
  section.queryIds.push(handled.queryId);
  section.classification = Math.max(section.classification, ...handled.rows.map((r) => r.classification));
  if (handled.rows.length) {
    section.tables.push({
      caption: tr('Nội dung đã xác minh trong kỳ', 'Claims concluded in the period'),
      columns: [
        { label: tr('Nội dung', 'Claim'), align: 'left' },
        { label: tr('Kết luận', 'Verdict'), align: 'center' },
        { label: tr('Tin, bài', 'Documents'), align: 'right' },
        { label: tr('Thông tin phản hồi', 'Official response'), align: 'left' },
      ],
      rows: handled.rows.map((r) => [
        clip(r.claim),
        lang === 'vi' ? r.status : (VERDICT_EN[r.status] ?? r.status),
        n(r.documents),
        r.response ? clip(r.response, 120) : '—',
      ]),
      queryId: handled.queryId,
    });
  }
  return { section, keyPoints };
}
