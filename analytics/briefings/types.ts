/** The briefing data model: what was measured, from which query, at which classification, for which scope. */

/** The windows a briefing covers: a week or a month (also sent on a schedule), or a year (the annual report). */
export const BRIEFING_PERIODS = ['week', 'month', 'year'] as const;
export type BriefingPeriod = (typeof BRIEFING_PERIODS)[number];
export type Lang = 'vi' | 'en';

/** The body that issues the report, as it appears in the header of a Vietnamese administrative document. */
export interface Issuer {
  /** Line above the issuing body, e.g. "TỈNH ỦY ĐẮK LẮK". */
  parentBody: string;
  /** The issuing body, e.g. "BAN TUYÊN GIÁO VÀ DÂN VẬN". */
  body: string;
  /**
   * Right-hand national line of the official layout (the party's or the state's name, as the office's own
   * template has it); null leaves only the dateline on the right.
   */
  national: string | null;
  /** Document number; null leaves the office's blank "…" to fill in. */
  number: string | null;
  /** Symbol after the number: "BC/BTG" gives "Số: …-BC/BTG". */
  symbol: string;
  /** Place in the dateline: "Đắk Lắk, ngày 25 tháng 11 năm 2026". */
  place: string;
  /** "Nơi nhận:" lines, without the leading dash. */
  recipients: string[];
  /** Signature block: e.g. ["T/M BAN THƯỜNG VỤ", "TRƯỞNG BAN"], then the signer's name (may be empty). */
  signerTitle: string[];
  signerName: string;
}

/** One query the briefing ran: the appendix lists them so every number can be traced and re-run. */
export interface QueryRecord {
  id: string;
  /** Name of the statement in briefing.sql. */
  name: string;
  title: string;
  sql: string;
  params: Record<string, string | number | boolean | null | string[]>;
  rows: number;
}

/** A headline number with its previous-period value and the query that made it. */
export interface Figure {
  key: string;
  label: string;
  value: number | null;
  previous: number | null;
  /** value formatted for the briefing's language, e.g. "1.234" or "23,4%". */
  display: string;
  /** Change against the previous period in words, e.g. "tăng 12,3%". */
  change: string | null;
  unit: 'count' | 'share';
  queryId: string;
}

export interface TableColumn {
  label: string;
  align: 'left' | 'right' | 'center';
}

export interface BriefingTable {
  caption: string;
  columns: TableColumn[];
  /** Cells already formatted; small counts already suppressed. */
  rows: string[][];
  queryId: string;
  note?: string;
}

export interface BriefingChart {
  id: string;
  title: string;
  /** Standalone SVG (xmlns set, ids unique to this chart, numbers rounded). */
  svg: string;
  width: number;
  height: number;
  /** What the chart shows, in words, for readers who cannot see it. */
  description: string;
  queryId: string;
}

export type SectionId =
  // A flash report on one hot spot (flash-report.ts):
  | 'alert'
  | 'evidence'
  | 'ground'
  | 'claims'
  | 'case'
  | 'headline'
  | 'hotspots'
  | 'topics'
  | 'sentiment'
  | 'misinformation'
  | 'surveys'
  | 'reports'
  | 'implementation'
  | 'coverage';

export interface Section {
  id: SectionId;
  title: string;
  /** False when the tables it reads do not exist yet or hold nothing for the period ("chưa có dữ liệu"). */
  available: boolean;
  paragraphs: string[];
  tables: BriefingTable[];
  charts: BriefingChart[];
  /** Highest classification of the records this section was made from. */
  classification: number;
  queryIds: string[];
}

export interface BriefingScope {
  /** null: the whole province. */
  unitUid: string | null;
  unitName: string;
  /** Records above this classification were left out. */
  maxClassification: number;
}

export interface Briefing {
  id: string;
  lang: Lang;
  /** The window's kind, or `flash`: a flash report on one hot spot (made on demand, not stored). */
  period: BriefingPeriod | 'flash';
  /** Local ISO times (+07:00); `to` is exclusive. */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** First and last day, yyyy-mm-dd. */
  firstDay: string;
  lastDay: string;
  title: string;
  subtitle: string;
  scope: BriefingScope;
  /** Highest classification of everything the briefing was made from (0 Thường … 3 Tuyệt mật). */
  classification: number;
  classificationLabel: string;
  /** When the briefing was made (the injected clock). */
  generatedAt: string;
  /** The newest record in the data it read: what "now" the numbers describe. */
  dataAsOf: string | null;
  issuer: Issuer;
  /** Key points, one sentence each, written from the figures. */
  summary: string[];
  figures: Figure[];
  sections: Section[];
  queries: QueryRecord[];
}
