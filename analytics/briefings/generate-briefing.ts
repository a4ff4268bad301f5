/** Builds a briefing from the database: every section written from queried figures, every query kept. */
import { openScopedDb, resolveScope } from '../../data/access.ts';
import type { Db } from '../../data/db.ts';
import { errorMessage, inputError } from '../../data/errors.ts';
import type { Logger } from '../../data/logger.ts';
import { toLocalIso } from '../../data/time.ts';
import { CLASSIFICATION_LABELS } from '../../data/users.ts';
import type { DailyPoint } from './charts/briefing-charts.ts';
import { findBriefingUnit } from './briefing-unit.ts';
import { formatDay } from './format.ts';
import { resolvePeriod, type PeriodRange } from './period.ts';
import { QueryLog, type QueryParams } from './query-log.ts';
import { buildCoverageSection } from './sections/coverage-section.ts';
import { buildHeadlineSection } from './sections/headline-section.ts';
import { buildHotspotsSection } from './sections/hotspots-section.ts';
import { buildMisinformationSection } from './sections/misinformation-section.ts';
import { buildImplementationSection } from './sections/implementation-section.ts';
import { buildReportsSection } from './sections/reports-section.ts';
import {
  emptySection,
  type SectionContext,
  type SectionResult,
  SECTION_TITLES,
} from './sections/section-context.ts';
import { buildSentimentSection } from './sections/sentiment-section.ts';
import { buildSurveysSection } from './sections/surveys-section.ts';
import { buildTopicsSection, type TopicRow } from './sections/topics-section.ts';
import type { Briefing, BriefingPeriod, Figure, Issuer, Lang, Section, SectionId } from './types.ts';

export interface BriefingOptions {
  period: BriefingPeriod;
  /** First day (yyyy-mm-dd or a Date); see `resolvePeriod`. */
  from?: Date | string | null;
  /** Last day, inclusive. */
  to?: Date | string | null;
  /** Unit uid (or GSO code of a current unit, or agency id) the briefing is for; default the whole province. */
  unitUid?: string | null;
  lang?: Lang;
  /** The clock: the briefing's time and the moment case deadlines are judged against. */
  now: Date;
  /** Records above this classification are left out (default 3: everything). */
  maxClassification?: number;
  issuer?: Partial<Issuer>;
  /** Surveys completed this many days before the end of the window are reported (default 90). */
  surveyLookbackDays?: number;
  logger?: Logger;
}

export const DEFAULT_ISSUER: Issuer = {
  parentBody: 'TỈNH ỦY ĐẮK LẮK',
  body: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
  national: null,
  number: null,
  symbol: 'BC/BTG',
  place: 'Đắk Lắk',
  recipients: [
    'Thường trực Tỉnh ủy (để báo cáo)',
    'Ban Thường vụ Tỉnh ủy (để báo cáo)',
    'Thường trực HĐND, UBND tỉnh',
    'Lãnh đạo Ban',
    'Lưu Văn phòng Ban',
  ],
  signerTitle: ['TRƯỞNG BAN'],
  signerName: '',
};

const CLASSIFICATION_EN = ['Unclassified', 'Confidential', 'Secret', 'Top secret'];

/** How many days a survey stays "recent" for a briefing. */
const SURVEY_LOOKBACK_DAYS = 90;

function periodWords(period: BriefingPeriod, range: PeriodRange, lang: Lang) {
  const first = formatDay(range.firstDay, lang);
  const last = formatDay(range.lastDay, lang);
  const oneMonth = range.calendarMonths && range.firstDay.slice(0, 7) === range.lastDay.slice(0, 7);
  const week = period === 'week';
  if (period === 'year') {
    const oneYear =
      range.calendarMonths && range.firstDay.endsWith('-01-01') && range.lastDay.endsWith('-12-31');
    const year = range.firstDay.slice(0, 4);
    return lang === 'vi'
      ? {
          thisPeriod: oneYear ? `năm ${year}` : `năm từ ${first} đến ${last}`,
          previousPeriod: 'năm trước',
          currentLabel: 'Năm báo cáo',
          previousLabel: 'Năm trước',
        }
      : {
          thisPeriod: oneYear ? `in ${year}` : `in the year ${first} – ${last}`,
          previousPeriod: 'the previous year',
          currentLabel: 'This year',
          previousLabel: 'Previous year',
        };
  }
  if (lang === 'vi') {
    const unit = week ? 'tuần' : 'tháng';
    return {
      thisPeriod: oneMonth
        ? `tháng ${range.firstDay.slice(5, 7)}/${range.firstDay.slice(0, 4)}`
        : `${unit} từ ${first} đến ${last}`,
      previousPeriod: `${unit} trước`,
      currentLabel: week ? 'Tuần báo cáo' : 'Tháng báo cáo',
      previousLabel: week ? 'Tuần trước' : 'Tháng trước',
    };
  }
  const unit = week ? 'week' : 'month';
  return {
    thisPeriod: oneMonth ? `in ${last.slice(last.indexOf(' ') + 1)}` : `in the ${unit} ${first} – ${last}`,
    previousPeriod: `the previous ${unit}`,
    currentLabel: week ? 'This week' : 'This month',
    previousLabel: week ? 'Previous week' : 'Previous month',
  };
}

async function existingTables(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `SELECT lower(table_name) AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main'`,
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Make a briefing. Sections whose tables do not exist (yet) say "chưa có dữ liệu"; a section that fails is
 * reported in the briefing and in the log, and the others are still made. Same data and clock → same briefing.
 * `await generateBriefing(db, { period: 'week', now: new Date() })`
 */
export async function generateBriefing(db: Db, options: BriefingOptions): Promise<Briefing> {
  const lang: Lang = options.lang ?? 'vi';
  if (lang !== 'vi' && lang !== 'en')
    throw inputError('--lang', null, `invalid language "${String(lang)}" (vi or en)`);
  const maxClassification = options.maxClassification ?? 3;
  if (!Number.isInteger(maxClassification) || maxClassification < 0 || maxClassification > 3) {
    throw inputError('--max-classification', null, `invalid level ${maxClassification} (0 … 3)`);
  }
  const range = resolvePeriod(options.period, options);
  const tables = await existingTables(db);
  const unit = options.unitUid
    ? await findBriefingUnit(db, options.unitUid, { agencies: tables.has('agencies') })
    : null;
  const scope = await resolveScope(db, {
    id: 'briefing',
    username: 'briefing',
    role: unit ? 'leader' : 'analyst',
    unit_uid: unit?.uid ?? null,
    clearance: maxClassification,
  });
  const scoped = await openScopedDb(db, scope);
  try {
    const log = new QueryLog(scoped.db, db);
    const model = tables.has('doc_scores')
      ? ((
          await log.all<{ model_version: string }>(
            'model_version',
            lang === 'vi' ? 'Phiên bản mô hình phân tích' : 'Scoring model version',
            {},
          )
        ).rows[0]?.model_version ?? '')
      : '';
    const since = new Date(
      range.to.getTime() - (options.surveyLookbackDays ?? SURVEY_LOOKBACK_DAYS) * 86_400_000,
    );
    const params: QueryParams = {
      from: toLocalIso(range.from),
      to: toLocalIso(range.to),
      prev_from: toLocalIso(range.previousFrom),
      first_day: range.firstDay,
      last_day: range.lastDay,
      now: toLocalIso(options.now),
      since: toLocalIso(since),
      model,
    };
    let charts = 0;
    const words = periodWords(options.period, range, lang);
    const ctx: SectionContext = {
      log,
      db: scoped.db,
      lang,
      range,
      params,
      tables,
      period: options.period,
      chartId: () => `chart-${++charts}`,
      tr: (vi, en) => (lang === 'vi' ? vi : en),
      ...words,
      warn: (message) => options.logger?.warn(`briefing: ${message}`),
    };
    const results: SectionResult[] = [];
    const run = async (id: SectionId, build: () => Promise<SectionResult>) => {
      try {
        results.push(await build());
      } catch (error) {
        options.logger?.warn(`briefing: section ${id}: ${errorMessage(error)}`);
        const section = emptySection(id, ctx.tr(...SECTION_TITLES[id]));
        section.available = false;
        section.paragraphs.push(
          ctx.tr(
            `Không lập được phần này do lỗi khi đọc dữ liệu: ${errorMessage(error)}`,
            `This section could not be made: ${errorMessage(error)}`,
          ),
        );
        results.push({ section });
      }
    };
    const daily = await log.all<DailyPoint>(
      'daily_counts',
      ctx.tr('Số tin, bài theo ngày', 'Documents per day'),
      params,
    );
    await run('headline', () => buildHeadlineSection(ctx, daily));
    await run('hotspots', () => buildHotspotsSection(ctx));
    const topics = await log.all<TopicRow>(
      'topic_counts',
      ctx.tr(
        'Tin, bài theo chủ đề, kỳ này và kỳ trước',
        'Documents per topic, this period and the previous one',
      ),
      params,
    );
    await run('topics', () => buildTopicsSection(ctx, topics));
    await run('sentiment', () => buildSentimentSection(ctx, topics));
    await run('misinformation', () => buildMisinformationSection(ctx));
    await run('surveys', () => buildSurveysSection(ctx));
    await run('reports', () => buildReportsSection(ctx));
    if (options.period === 'year') await run('implementation', () => buildImplementationSection(ctx));
    await run('coverage', () => buildCoverageSection(ctx, daily.rows));

    const sections = results.map((r) => r.section);
    const headline = sections.find((s) => s.id === 'headline');
    const documentLevel = headline?.classification ?? 0;
    for (const s of sections) {
      if (s.id === 'topics' || s.id === 'sentiment' || s.id === 'coverage') {
        s.classification = Math.max(s.classification, documentLevel);
      }
    }
    const classification = Math.max(0, ...sections.map((s) => s.classification));
    const figures: Figure[] = results.flatMap((r) => r.figures ?? []);
    const summary = results.flatMap((r) => r.keyPoints ?? []).slice(0, 7);
    const dataAsOf = await latestData(log, tables, params, lang);
    const scopeName = unit?.name ?? (lang === 'vi' ? 'Toàn tỉnh' : 'Whole province');
    const issuer = { ...DEFAULT_ISSUER, ...options.issuer };
    return {
      id: briefingId(options.period, range, unit?.uid ?? null, lang, maxClassification),
      lang,
      period: options.period,
      from: params.from as string,
      to: params.to as string,
      previousFrom: params.prev_from as string,
      previousTo: params.from as string,
      firstDay: range.firstDay,
      lastDay: range.lastDay,
      title: lang === 'vi' ? 'BÁO CÁO' : 'PUBLIC OPINION BRIEFING',
      subtitle:
        lang === 'vi'
          ? `Tình hình dư luận xã hội ${words.thisPeriod}${unit ? ` trên địa bàn ${unit.name}` : ''}`
          : `${words.thisPeriod[0]!.toUpperCase()}${words.thisPeriod.slice(1)}${unit ? ` — ${unit.name}` : ''}`,
      scope: { unitUid: unit?.uid ?? null, unitName: scopeName, maxClassification },
      classification,
      classificationLabel: (lang === 'vi' ? CLASSIFICATION_LABELS : CLASSIFICATION_EN)[classification]!,
      generatedAt: toLocalIso(options.now),
      dataAsOf,
      issuer,
      summary,
      figures,
      sections: orderSections(sections),
      queries: log.records,
    };
  } finally {
    scoped.close();
  }
}

const ORDER: SectionId[] = [
  'headline',
  'hotspots',
  'topics',
  'sentiment',
  'misinformation',
  'surveys',
  'reports',
  'implementation',
  'coverage',
];

function orderSections(sections: Section[]): Section[] {
  return [...sections].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}

async function latestData(log: QueryLog, tables: ReadonlySet<string>, params: QueryParams, lang: Lang) {
  const title = lang === 'vi' ? 'Thời điểm dữ liệu mới nhất' : 'Newest data';
  const statements: [string, string][] = [
    ['data_as_of', 'documents'],
    ['data_as_of_reports', 'reports'],
    ['data_as_of_surveys', 'survey_respondents'],
  ];
  let latest: Date | null = null;
  for (const [name, table] of statements) {
    if (!tables.has(table)) continue;
    const at =
      (await log.all<{ latest: Date | null }>(name, `${title} (${table})`, params)).rows[0]?.latest ?? null;
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest ? toLocalIso(latest) : null;
}

/** `bc-week-2026-11-16-2026-11-22-tinh-vi`: one stored briefing per window, scope, language and level. */
export function briefingId(
  period: BriefingPeriod,
  range: PeriodRange,
  unitUid: string | null,
  lang: Lang,
  maxClassification: number,
): string {
  const scope = unitUid ? unitUid.replace(/[^\w-]+/g, '_') : 'tinh';
  const level = maxClassification < 3 ? `-m${maxClassification}` : '';
  return `bc-${period}-${range.firstDay}-${range.lastDay}-${scope}${level}-${lang}`;
}
