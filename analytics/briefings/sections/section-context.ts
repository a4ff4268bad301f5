/** What every section builder gets, and what it gives back: the same shape for all of them. */
import type { Db } from '../../../data/db.ts';
import type { PeriodRange } from '../period.ts';
import type { QueryLog, QueryParams } from '../query-log.ts';
import type { BriefingPeriod, Figure, Lang, Section, SectionId } from '../types.ts';

export interface SectionContext {
  log: QueryLog;
  /** The scoped connection, for library code that reads tables itself (survey estimates). */
  db: Db;
  lang: Lang;
  range: PeriodRange;
  /** Values every statement may use: from, to, prev_from, first_day, last_day, now, model, since … */
  params: QueryParams;
  /** Tables of the database (lower case): a section whose tables are missing says so instead of failing. */
  tables: ReadonlySet<string>;
  period: BriefingPeriod;
  /** Unique chart id: `chartId()` → "chart-3". */
  chartId(): string;
  /** Pick the text of the briefing's language: `ctx.tr('tuần này', 'this week')`. */
  tr(vi: string, en: string): string;
  /** The window in words: "tuần từ 16/11/2026 đến 22/11/2026", "tháng 11/2026". */
  thisPeriod: string;
  /** "tuần trước" / "the previous week". */
  previousPeriod: string;
  /** Short names of the two windows for legends and columns: "Tuần báo cáo", "Tuần trước". */
  currentLabel: string;
  previousLabel: string;
  /** A problem that leaves one figure out without stopping the briefing. */
  warn(message: string): void;
}

export interface SectionResult {
  section: Section;
  figures?: Figure[];
  /** Sentences for the summary at the top, most important first. */
  keyPoints?: string[];
}

export type SectionBuilder = (ctx: SectionContext) => Promise<SectionResult>;

/** Each section's title in Vietnamese and English: the section's own, and the one a section that failed keeps. */
export const SECTION_TITLES: Record<SectionId, readonly [vi: string, en: string]> = {
  alert: ['Diễn biến', 'How it developed'],
  evidence: ['Tin, bài tiêu biểu', 'Representative stories'],
  ground: ['Báo cáo của cộng tác viên trên địa bàn', "Collaborators' reports from the area"],
  claims: ['Thông tin sai lệch và thông tin chính thức', 'Misinformation and the official answer'],
  case: ['Chuyển xử lý', 'Routing and handling'],
  headline: ['Bức tranh chung', 'Overview'],
  hotspots: ['Các điểm nóng', 'Hot spots'],
  topics: ['Chủ đề người dân bàn đến nhiều', 'Topics of public attention'],
  sentiment: ['Tâm trạng, thái độ của dư luận', 'Sentiment'],
  misinformation: ['Thông tin sai sự thật, xuyên tạc', 'Misinformation'],
  surveys: ['Số liệu khảo sát dư luận xã hội', 'Survey results'],
  reports: ['Báo cáo của cộng tác viên, tổ chức', 'Reports of collaborators and organisations'],
  implementation: ['Kết quả thực hiện quy chế', 'How the regulation was carried out'],
  coverage: ['Nguồn dữ liệu và độ bao phủ', 'Data sources and coverage'],
};

/** An empty section of the given id, to fill in. */
export function emptySection(id: SectionId, title: string): Section {
  return {
    id,
    title,
    available: true,
    paragraphs: [],
    tables: [],
    charts: [],
    classification: 0,
    queryIds: [],
  };
}

/** A section whose data is missing: it stays in the briefing, marked "chưa có dữ liệu", and says why. */
export function unavailable(ctx: SectionContext, id: SectionId, title: string, why: string): SectionResult {
  const section = emptySection(id, title);
  section.available = false;
  section.paragraphs.push(`${ctx.tr('Chưa có dữ liệu', 'No data yet')}: ${why}.`);
  return { section };
}

/**
 * The section `id` under its title, to fill in; or, when one of `tables` does not exist, the finished result that
 * says so: `const opened = openSection(ctx, 'reports', ['reports'], ['chưa có bảng báo cáo', 'no reports table'])`,
 * then `if ('section' in opened) return opened`.
 */
export function openSection(
  ctx: SectionContext,
  id: SectionId,
  tables: readonly string[],
  why: readonly [vi: string, en: string],
): Section | SectionResult {
  const title = ctx.tr(...SECTION_TITLES[id]);
  return hasTables(ctx, ...tables) ? emptySection(id, title) : unavailable(ctx, id, title, ctx.tr(...why));
}

/** Whether every table exists. */
export function hasTables(ctx: SectionContext, ...names: string[]): boolean {
  return names.every((n) => ctx.tables.has(n));
}
