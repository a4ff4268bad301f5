/** Collaborator and organisation reports summarised by topic, reporting unit and period, with their NLP sentiment. */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { loadTopics, loadUnits } from '../../data/reference/index.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { MODEL_VERSION } from '../nlp/score.ts';
import { NO_TOPIC_NAME, type SentimentTally } from './open-answers.ts';

const sql = readSqlFile(new URL('./text-scores.sql', import.meta.url));

/** `kind`: a petition's kind (khiếu nại, tố cáo, kiến nghị, phản ánh); ordinary reports have none. */
export const REPORT_DIMENSIONS = ['unit', 'period', 'kind'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportSummaryOptions {
  /** First and last period, 'YYYY-MM' (default: all). */
  from?: string | null;
  to?: string | null;
  /** Only the reports of this unit (uid, as reporting unit or locality). */
  unit?: string | null;
  /** Split each topic further (default: by unit and by period). */
  by?: readonly ReportDimension[];
  /** Report summaries quoted per row (default 2). */
  examples?: number;
}

export interface ReportSummaryRow {
  /** Topic id; null for reports neither the reporter nor the NLP gave a topic. */
  topic: string | null;
  topic_name: string;
  /** Reporting unit uid, or its name as written when the gazetteer does not know it; null when not split by unit. */
  unit: string | null;
  unit_name: string | null;
  /** 'YYYY-MM'; null when not split by period. */
  period: string | null;
  /** The petitions' kind; null when not split by kind, and for reports that are not petitions. */
  kind: string | null;
  reports: number;
  /** People who brought them, over the reports whose register says (null when none does). */
  people: number | null;
  /** Of them, reports whose reporter named the topic (the others were found by the NLP). */
  declared: number;
  /** NLP sentiment of the scored reports (summary and proposals). */
  scored: number;
  sentiment: SentimentTally;
  /** Mean of the mood the reporters assessed (−2 bức xúc … 2 phấn khởi), over the reports that gave one. */
  mood_score: number | null;
  examples: string[];
}

interface ReportRow {
  id: string;
  period: string;
  unit_uid: string | null;
  unit_text: string | null;
  declared: string[];
  mood_score: number | null;
  summary: string;
  kind: string | null;
  people: number | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  sentiment_score: number | null;
  found: string[] | null;
  topic_scores: string | null;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const EXAMPLE_CHARS = 240;

function checkPeriod(value: string | null | undefined, flag: string): void {
  if (value && !PERIOD.test(value))
    throw new DlxhError('INPUT', `${flag}: invalid period "${value}" (YYYY-MM)`);
}

/**
 * Reports by topic (the topics the reporter named, and those the NLP found in the summary and proposals), split by
 * reporting unit and period: how many, their NLP sentiment, the assessed mood, and the clearest summaries. A report
 * about two topics counts under both. Rows come by topic (most reports first, reports without topic last), then
 * unit and period. `await summariseReports(db, { from: '2025-07', to: '2025-09', by: ['period'] })`
 */
export async function summariseReports(db: Db, opts: ReportSummaryOptions = {}): Promise<ReportSummaryRow[]> {
  checkPeriod(opts.from, '--from');
  checkPeriod(opts.to, '--to');
  const by = new Set(opts.by ?? ['unit', 'period']);
  const rows = await db.all<ReportRow>(sql('report_rows'), {
    version: MODEL_VERSION,
    from: opts.from ?? '0000-00',
    to: opts.to ?? '9999-99',
    all_units: !opts.unit,
    unit: opts.unit ?? '',
  });
  const topicNames = new Map(loadTopics().map((t) => [t.id, t.name_vi]));
  const unitNames = new Map(loadUnits().map((u) => [u.uid, u.name]));
  const cells = new Map<
    string,
    { row: ReportSummaryRow; members: { report: ReportRow; weight: number }[] }
  >();
  for (const report of rows) {
    const topics = [...new Set([...report.declared, ...(report.found ?? [])])];
    const unit = by.has('unit') ? (report.unit_uid ?? report.unit_text) : null;
    const period = by.has('period') ? report.period : null;
    const kind = by.has('kind') ? report.kind : null;
    for (const topic of topics.length ? topics : [null]) {
      const key = JSON.stringify([topic, unit, period, kind]);
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          row: {
            topic,
            topic_name: topic === null ? NO_TOPIC_NAME : (topicNames.get(topic) ?? topic),
            unit,
            unit_name: unit === null ? null : (unitNames.get(unit) ?? unit),
            period,
            kind,
            reports: 0,
            people: null,
            declared: 0,
            scored: 0,
            sentiment: { positive: 0, neutral: 0, negative: 0, mean_score: 0 },
            mood_score: null,
            examples: [],
          },
          members: [],
        };
        cells.set(key, cell);
      }
      const confidence =
        topic === null
          ? 0
          : ((JSON.parse(report.topic_scores ?? '{}') as Record<string, number>)[topic] ?? 0);
      cell.members.push({
        report,
        weight: (topic !== null && report.declared.includes(topic) ? 1 : 0) + confidence,
      });
    }
  }
  const limit = opts.examples ?? 2;
  const out = [...cells.values()].map(({ row, members }) => {
    row.reports = members.length;
    const people = members.map((m) => m.report.people).filter((n): n is number => n !== null);
    row.people = people.length ? people.reduce((a, b) => a + b, 0) : null;
    row.declared = members.filter((m) => row.topic !== null && m.report.declared.includes(row.topic)).length;
    const scored = members.filter((m) => m.report.sentiment !== null);
    row.scored = scored.length;
    for (const { report } of scored) {
      row.sentiment[report.sentiment!]++;
      row.sentiment.mean_score += report.sentiment_score!;
    }
    if (scored.length) row.sentiment.mean_score /= scored.length;
    const moods = members.map((m) => m.report.mood_score).filter((m): m is number => m !== null);
    row.mood_score = moods.length ? moods.reduce((a, b) => a + b, 0) / moods.length : null;
    row.examples = [...members]
      .sort((a, b) => b.weight - a.weight || a.report.id.localeCompare(b.report.id))
      .slice(0, limit)
      .map((m) => clip(m.report.summary));
    return row;
  });
  const totals = new Map<string | null, number>();
  for (const row of out) totals.set(row.topic, (totals.get(row.topic) ?? 0) + row.reports);
  return out.sort(
    (a, b) =>
      Number(a.topic === null) - Number(b.topic === null) ||
      totals.get(b.topic)! - totals.get(a.topic)! ||
      (a.topic ?? '').localeCompare(b.topic ?? '') ||
      (a.unit ?? '').localeCompare(b.unit ?? '') ||
      (a.period ?? '').localeCompare(b.period ?? '') ||
      (a.kind ?? '').localeCompare(b.kind ?? ''),
  );
}

function clip(text: string): string {
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1).trimEnd()}…` : text;
}
