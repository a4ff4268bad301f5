/**
 * A flash report (báo cáo nhanh) on one hot spot, made in one click from its page: what is being said, where, since
 * when and how strongly against the usual, the stories and outlets, what the collaborators on the ground reported,
 * and where the case stands. Made through the reader's scope, marked with the highest classification of what it
 * shows, and rendered by the briefings' HTML and DOCX renderers with its queries in the appendix.
 */
import { unitsInArea } from '../../data/access.ts';
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import type { Reads } from '../../data/readers.ts';
import { addMonths, localDay, toLocalIso } from '../../data/time.ts';
import { CLASSIFICATION_LABELS } from '../../data/users.ts';
import type { NamedAlertRow } from '../hotspots/store-alerts.ts';
import { MODEL_VERSION } from '../nlp/score.ts';
import { alertSeriesChart, type AlertSeriesPoint } from './charts/briefing-charts.ts';
import { formatLocalTime, formatNumber, formatShare } from './format.ts';
import { DEFAULT_ISSUER } from './generate-briefing.ts';
import { QueryLog, type QueryParams } from './query-log.ts';
import { SECTION_TITLES } from './sections/section-context.ts';
import type { Briefing, BriefingTable, Issuer, Lang, Section } from './types.ts';

/** What an alert's collaborators' reports are chosen by. */
export interface AlertPlace {
  topic: string | null;
  unit_uid: string | null;
  current_uid: string | null;
  first_seen: Date;
  last_seen: Date;
}

/** A collaborator's report from the alert's area and time, on its topic: ground evidence for verifying it. */
export interface AreaReport {
  id: string;
  period: string;
  unit_name: string | null;
  summary: string;
  mood: string | null;
  classification: number;
  /** The answer to the alert's watch topic's question, for a watch topic's alert. */
  answer: string | null;
  /** How many reports match, of which these are the latest. */
  total: number;
}

export const AREA_REPORTS_SHOWN = 10;

/** The months whose reports bear on an alert: from the month before its first story to the month of its last. */
export function reportMonths(a: AlertPlace): { from: string; to: string } {
  return { from: addMonths(localDay(a.first_seen), -1).slice(0, 7), to: localDay(a.last_seen).slice(0, 7) };
}

/** The values of `alert_area_reports` for an alert, or null when it has no topic or unit (a new-term alert). */
async function areaReportParams(reads: Reads, a: AlertPlace): Promise<QueryParams | null> {
  const uid = a.current_uid ?? a.unit_uid;
  if (!a.topic || !uid) return null;
  const area = await unitsInArea(reads, uid);
  return {
    ...reportMonths(a),
    area: area.length ? area : [uid],
    topic: a.topic,
    watch: a.topic.startsWith('watch:') ? a.topic.slice('watch:'.length) : null,
    version: MODEL_VERSION,
    limit: AREA_REPORTS_SHOWN,
  };
}

/**
 * Collaborators' reports about the alert's unit (the units below it and their predecessors too) on its topic, or
 * answering its watch topic, read on `scoped` (the reader's scope); `reads` resolves the area.
 */
export async function alertAreaReports(scoped: Db, reads: Reads, a: AlertPlace): Promise<AreaReport[]> {
  const params = await areaReportParams(reads, a);
  if (!params) return [];
  return (await new QueryLog(scoped, scoped).all<AreaReport>('alert_area_reports', 'reports', params)).rows;
}

interface FlashDoc {
  id: string;
  title: string | null;
  outlet: string | null;
  published_at: Date | null;
  classification: number;
  snippet: string;
}

interface FlashClaim {
  statement_id: string | null;
  claim: string | null;
  verdict: string | null;
  official_text: string | null;
  issuing_body: string | null;
  /** The riskiest matching passage: the claim as it circulates. */
  example: string;
  stories: number;
  judged_false: number;
  classification: number;
}

const VERDICT: Record<string, [string, string]> = {
  true: ['đúng sự thật', 'true'],
  false: ['sai sự thật', 'false'],
  misleading: ['gây hiểu lầm', 'misleading'],
  unverified: ['chưa kiểm chứng', 'unverified'],
};

/** The claims among the stories, each with the official information that answers it, or none yet. */
function claimsSection(
  rows: readonly FlashClaim[],
  queryId: string,
  lang: Lang,
  n: (x: number) => string,
): Section {
  const tr = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  return {
    id: 'claims',
    title: tr(...SECTION_TITLES.claims),
    available: true,
    paragraphs: [],
    tables: [
      {
        caption: tr('Nội dung bị nghi sai lệch trong các tin, bài', 'Suspect claims among the stories'),
        columns: [
          { label: tr('Nội dung', 'Claim'), align: 'left' },
          { label: tr('Số tin, bài', 'Stories'), align: 'right' },
          { label: tr('Kết luận', 'Verdict'), align: 'left' },
          { label: tr('Thông tin chính thức', 'Official information'), align: 'left' },
        ],
        rows: rows.map((c) => [
          c.claim ?? c.example,
          n(c.stories),
          c.verdict
            ? (VERDICT[c.verdict]?.[lang === 'vi' ? 0 : 1] ?? c.verdict)
            : tr('chưa có kết luận', 'none yet'),
          c.official_text
            ? `${c.official_text}${c.issuing_body ? ` (${c.issuing_body})` : ''}`
            : tr('Chưa có thông tin chính thức', 'No official information yet'),
        ]),
        queryId,
      },
    ],
    charts: [],
    classification: Math.max(0, ...rows.map((c) => c.classification)),
    queryIds: [queryId],
  };
}

interface FlashCase {
  id: string;
  status: string;
  assignee: string;
  recipients: string[];
  escalated: boolean;
  deadline: Date | null;
  resolution_report: string | null;
  classification: number;
  events: number;
}

export interface FlashOptions {
  lang?: Lang;
  now: Date;
  /** Who the reader is, for the scope line: their unit's name, or the province. */
  scopeName: string;
  /** The reader's clearance: records above it were not read. */
  maxClassification: number;
  issuer?: Partial<Issuer>;
}

const CLASSIFICATION_EN = ['Unclassified', 'Confidential', 'Secret', 'Top secret'];
const STATUS: Record<string, [string, string]> = {
  received: ['mới tiếp nhận', 'received'],
  verifying: ['đang xác minh', 'being verified'],
  resolved: ['đã giải quyết', 'resolved'],
  closed: ['đã kết thúc', 'closed'],
  dismissed: ['không phải điểm nóng', 'dismissed'],
};

/**
 * The alert's series as its explanation holds it (`series`, or the `days`, `history` or `buckets` of older
 * explanations): observed and expected per bucket; points without a time or a count are skipped.
 */
export function alertSeries(explanation: unknown): AlertSeriesPoint[] {
  const record = typeof explanation === 'string' ? parseExplanation(explanation) : explanation;
  if (!record || typeof record !== 'object') return [];
  const fields = record as Record<string, unknown>;
  const candidate = ['series', 'days', 'history', 'buckets'].map((k) => fields[k]).find(Array.isArray) as
    unknown[] | undefined;
  const points: AlertSeriesPoint[] = [];
  for (const item of candidate ?? []) {
    if (!item || typeof item !== 'object') continue;
    const p = item as Record<string, unknown>;
    const when = p.day ?? p.hour ?? p.date ?? p.t ?? p.bucket ?? p.start;
    const observed = p.count ?? p.observed ?? p.n;
    const expected = p.expected ?? p.baseline ?? null;
    if (typeof when !== 'string' || typeof observed !== 'number') continue;
    points.push({ t: when, observed, expected: typeof expected === 'number' ? expected : null });
  }
  return points;
}

function parseExplanation(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : null;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The flash report on alert `alertId`, read on `scoped` (the reader's scope: an alert they may not read is not
 * found); `base` and `reads` are the whole database, for the unit tree.
 * `renderBriefingHtml(await flashReport(scoped.db, db, reads, 'a-12', { now, scopeName: 'Toàn tỉnh', maxClassification: 3 }))`
 */
export async function flashReport(
  scoped: Db,
  base: Db,
  reads: Reads,
  alertId: string,
  options: FlashOptions,
): Promise<Briefing> {
  const lang: Lang = options.lang ?? 'vi';
  const tr = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const n = (x: number, digits = 0) => formatNumber(x, lang, digits);
  const log = new QueryLog(scoped, base);
  const alert = (
    await log.all<NamedAlertRow>('flash_alert', tr('Điểm nóng', 'The hot spot'), { alert: alertId, lang })
  ).rows[0];
  if (!alert) throw new DlxhError('NOT_FOUND', `hot spot ${alertId}: not found`);
  const docs = await log.all<FlashDoc>('flash_evidence', tr('Tin, bài tiêu biểu', 'Representative stories'), {
    ids: alert.doc_ids,
  });
  const reportParams = await areaReportParams(reads, alert);
  const reports = reportParams
    ? await log.all<AreaReport>(
        'alert_area_reports',
        tr('Báo cáo của cộng tác viên trên địa bàn', "Collaborators' reports from the area"),
        reportParams,
      )
    : null;
  const claims = await log.all<FlashClaim>(
    'flash_claims',
    tr('Thông tin sai lệch trong các tin, bài', 'Misinformation among the stories'),
    { ids: alert.doc_ids },
  );
  const caseResult = await log.all<FlashCase>('flash_case', tr('Vụ việc', 'The case'), { alert: alertId });
  const caseRow = caseResult.rows[0];

  const place = alert.current_name ?? alert.unit_name ?? tr('toàn tỉnh', 'the province');
  const oldName = alert.current_name && alert.unit_name && alert.unit_name !== alert.current_name;
  const where = oldName ? `${alert.unit_name} (${tr('nay là', 'now')} ${alert.current_name})` : place;
  const topic = alert.topic_name ?? alert.label;
  const first = formatLocalTime(toLocalIso(alert.first_seen), lang);
  const last = formatLocalTime(toLocalIso(alert.last_seen), lang);
  // The burst's stories (copies once) and documents, as the explanation counts them; the test itself counts each
  // outlet up to a cap, so its observed count is smaller and is said apart, against the usual level.
  const explained = parseExplanation(alert.explanation);
  const stories = typeof explained.stories === 'number' ? explained.stories : null;
  const documents = typeof explained.documents === 'number' ? explained.documents : null;
  // Against a usual level below one story in two, a ratio reads as a wild number (1.770 times): say it is near none.
  const ratio = alert.expected >= 0.5 ? alert.count / alert.expected : null;
  const pValue = tr(alert.p_value.toExponential(1).replace('.', ','), alert.p_value.toExponential(1));
  const against =
    ratio !== null
      ? tr(
          `gấp ${n(ratio, 1)} lần mức thường (${n(alert.expected, 1)})`,
          `${n(ratio, 1)} times the usual (${n(alert.expected, 1)})`,
        )
      : tr(
          `trong khi bình thường gần như không có (mức thường ${n(alert.expected, 2)})`,
          `where almost none are usual (expected ${n(alert.expected, 2)})`,
        );
  const burst =
    stories === null
      ? tr(
          `${n(alert.count)} tin, bài về ${topic} tại ${where} từ ${first} đến ${last}, ${against}; xác suất xảy ra ngẫu nhiên p = ${pValue}.`,
          `${n(alert.count)} stories on ${topic} at ${where} from ${first} to ${last}, ${against}; chance probability p = ${pValue}.`,
        )
      : tr(
          `${n(stories)} tin, bài về ${topic} tại ${where} từ ${first} đến ${last}` +
            (documents !== null && documents > stories ? ` (${n(documents)} tài liệu, kể cả bản sao)` : '') +
            `. Phép kiểm định tính ${n(alert.count)} tin (mỗi nguồn có hạn mức), ${against}; xác suất xảy ra ngẫu nhiên p = ${pValue}.`,
          `${n(stories)} stories on ${topic} at ${where} from ${first} to ${last}` +
            (documents !== null && documents > stories ? ` (${n(documents)} documents with copies)` : '') +
            `. The test counts ${n(alert.count)} (each outlet capped), ${against}; chance probability p = ${pValue}.`,
        );
  const summary = [
    burst,
    tr(
      `${formatShare(alert.neg_share, lang)} mang sắc thái tiêu cực; ${n(alert.outlets.length)} nguồn đưa tin; mức độ: ${alert.severity}.`,
      `${formatShare(alert.neg_share, lang)} negative; ${n(alert.outlets.length)} outlet${alert.outlets.length === 1 ? '' : 's'}; severity: ${alert.severity}.`,
    ),
  ];
  if (reports)
    summary.push(
      tr(
        `${n(reports.rows[0]?.total ?? 0)} báo cáo của cộng tác viên về địa bàn và chủ đề này trong kỳ ${monthWords(reportMonths(alert))}.`,
        `${n(reports.rows[0]?.total ?? 0)} collaborators' reports on this area and topic in ${monthWords(reportMonths(alert))}.`,
      ),
    );
  const answered = claims.rows.find((c) => c.claim && (c.verdict === 'false' || c.verdict === 'misleading'));
  if (answered)
    summary.push(
      tr(
        `${n(answered.stories)} tin, bài khớp với thông tin đã được ${answered.issuing_body ?? 'cơ quan chức năng'} khẳng định là ${VERDICT[answered.verdict!]?.[0] ?? answered.verdict}: "${answered.claim}".`,
        `${n(answered.stories)} ${answered.stories === 1 ? 'story matches' : 'stories match'} a claim ${answered.issuing_body ?? 'the authorities'} declared ${VERDICT[answered.verdict!]?.[1] ?? answered.verdict}: "${answered.claim}".`,
      ),
    );
  summary.push(
    caseRow
      ? tr(
          `Đã chuyển ${caseRow.assignee} xử lý${caseRow.deadline ? `, hạn ${formatLocalTime(toLocalIso(caseRow.deadline), lang)}` : ''}; trạng thái: ${STATUS[caseRow.status]?.[0] ?? caseRow.status}${caseRow.escalated ? '; đã báo cáo cấp trên' : ''}.`,
          `Routed to ${caseRow.assignee}${caseRow.deadline ? `, due ${formatLocalTime(toLocalIso(caseRow.deadline), lang)}` : ''}; status: ${STATUS[caseRow.status]?.[1] ?? caseRow.status}${caseRow.escalated ? '; escalated' : ''}.`,
        )
      : tr('Chưa lập vụ việc xử lý.', 'No case has been opened.'),
  );

  const alertQuery = log.records[0]!.id;
  const series = alertSeries(alert.explanation);
  const seriesSection: Section = {
    id: 'alert',
    title: tr(...SECTION_TITLES.alert),
    available: true,
    paragraphs: [
      alert.top_terms.length
        ? tr(`Cụm từ nổi bật: ${alert.top_terms.join(', ')}.`, `Top terms: ${alert.top_terms.join(', ')}.`)
        : '',
      alert.outlets.length
        ? tr(`Nguồn đưa tin: ${alert.outlets.join(', ')}.`, `Outlets: ${alert.outlets.join(', ')}.`)
        : '',
    ].filter(Boolean),
    tables: [],
    charts: series.length
      ? [
          {
            id: 'chart-1',
            title: tr('Số tin, bài so với mức thường', 'Stories against the usual'),
            ...alertSeriesChart(
              'chart-1',
              series,
              {
                observed: tr('Quan sát', 'Observed'),
                expected: tr('Mức thường', 'Usual'),
                y: tr('Số tin, bài', 'Stories'),
              },
              lang,
            ),
            description: tr(
              `Số tin, bài theo ${series[0]!.t.length > 10 ? 'giờ' : 'ngày'} (cột) và mức thường (đường), ${series.length} mốc.`,
              `Stories per ${series[0]!.t.length > 10 ? 'hour' : 'day'} (bars) and the usual (line), ${series.length} points.`,
            ),
            queryId: alertQuery,
          },
        ]
      : [],
    classification: alert.classification,
    queryIds: [alertQuery],
  };
  const evidenceTable: BriefingTable = {
    caption: tr('Tin, bài tiêu biểu', 'Representative stories'),
    columns: [
      { label: tr('Thời gian', 'Time'), align: 'left' },
      { label: tr('Nguồn', 'Outlet'), align: 'left' },
      { label: tr('Tiêu đề, trích đoạn', 'Title and excerpt'), align: 'left' },
    ],
    rows: docs.rows.map((d) => [
      d.published_at ? formatLocalTime(toLocalIso(d.published_at), lang) : '—',
      d.outlet ?? '—',
      `${d.title ?? d.id}: ${d.snippet}`,
    ]),
    queryId: docs.queryId,
    ...(docs.rows.length < alert.doc_ids.length
      ? {
          note: tr(
            `${n(alert.doc_ids.length - docs.rows.length)} tin, bài vượt độ mật hoặc phạm vi của người lập không được đưa vào.`,
            `${n(alert.doc_ids.length - docs.rows.length)} stories above the maker's clearance or outside their scope are left out.`,
          ),
        }
      : {}),
  };
  const sections: Section[] = [
    seriesSection,
    {
      id: 'evidence',
      title: tr(...SECTION_TITLES.evidence),
      available: docs.rows.length > 0,
      paragraphs: docs.rows.length ? [] : [tr('Không có tin, bài nào đọc được.', 'No readable story.')],
      tables: docs.rows.length ? [evidenceTable] : [],
      charts: [],
      classification: Math.max(0, ...docs.rows.map((d) => d.classification)),
      queryIds: [docs.queryId],
    },
  ];
  if (reports) {
    const rows = reports.rows;
    sections.push({
      id: 'ground',
      title: tr(...SECTION_TITLES.ground),
      available: rows.length > 0,
      paragraphs: rows.length
        ? rows[0]!.total > rows.length
          ? [
              tr(
                `${n(rows.length)} báo cáo mới nhất trong ${n(rows[0]!.total)}.`,
                `The ${n(rows.length)} latest of ${n(rows[0]!.total)}.`,
              ),
            ]
          : []
        : [
            tr(
              `Chưa có báo cáo nào của cộng tác viên về địa bàn và chủ đề này trong kỳ ${monthWords(reportMonths(alert))}.`,
              `No collaborator has reported on this area and topic in ${monthWords(reportMonths(alert))}.`,
            ),
          ],
      tables: rows.length
        ? [
            {
              caption: tr('Báo cáo của cộng tác viên', "Collaborators' reports"),
              columns: [
                { label: tr('Kỳ', 'Month'), align: 'left' },
                { label: tr('Địa bàn', 'Place'), align: 'left' },
                { label: tr('Tâm trạng', 'Mood'), align: 'left' },
                { label: tr('Nội dung', 'What they reported'), align: 'left' },
              ],
              rows: rows.map((r) => [
                `${r.period.slice(5, 7)}/${r.period.slice(0, 4)}`,
                r.unit_name ?? '—',
                r.mood ?? '—',
                r.answer ?? r.summary,
              ]),
              queryId: reports.queryId,
            },
          ]
        : [],
      charts: [],
      classification: Math.max(0, ...rows.map((r) => r.classification)),
      queryIds: [reports.queryId],
    });
  }
  if (claims.rows.length) sections.push(claimsSection(claims.rows, claims.queryId, lang, n));
  const caseQuery = caseResult.queryId;
  sections.push({
    id: 'case',
    title: tr(...SECTION_TITLES.case),
    available: !!caseRow,
    paragraphs: caseRow
      ? [
          tr(
            `Đơn vị xử lý: ${caseRow.assignee}` +
              (caseRow.recipients.length ? `; gửi tới: ${caseRow.recipients.join(', ')}` : '') +
              `. Trạng thái: ${STATUS[caseRow.status]?.[0] ?? caseRow.status}; ${n(caseRow.events)} bước xử lý đã ghi nhận.`,
            `Handled by: ${caseRow.assignee}` +
              (caseRow.recipients.length ? `; sent to: ${caseRow.recipients.join(', ')}` : '') +
              `. Status: ${STATUS[caseRow.status]?.[1] ?? caseRow.status}; ${n(caseRow.events)} recorded steps.`,
          ),
          ...(caseRow.resolution_report
            ? [
                tr(
                  `Báo cáo kết quả: ${caseRow.resolution_report}`,
                  `Resolution report: ${caseRow.resolution_report}`,
                ),
              ]
            : []),
        ]
      : [tr('Chưa lập vụ việc xử lý.', 'No case has been opened.')],
    tables: [],
    charts: [],
    classification: caseRow?.classification ?? 0,
    queryIds: [caseQuery],
  });

  const classification = Math.max(alert.classification, ...sections.map((s) => s.classification));
  const now = toLocalIso(options.now);
  return {
    id: `bcn-${alert.id}-${lang}`,
    lang,
    period: 'flash',
    from: toLocalIso(alert.first_seen),
    to: toLocalIso(alert.last_seen),
    previousFrom: toLocalIso(alert.first_seen),
    previousTo: toLocalIso(alert.first_seen),
    firstDay: localDay(alert.first_seen),
    lastDay: localDay(alert.last_seen),
    title: tr('BÁO CÁO NHANH', 'FLASH REPORT'),
    subtitle: tr(`Điểm nóng: ${alert.label}`, `Hot spot: ${alert.label}`),
    scope: { unitUid: null, unitName: options.scopeName, maxClassification: options.maxClassification },
    classification,
    classificationLabel: (lang === 'vi' ? CLASSIFICATION_LABELS : CLASSIFICATION_EN)[classification]!,
    generatedAt: now,
    dataAsOf: toLocalIso(alert.last_seen),
    issuer: { ...DEFAULT_ISSUER, symbol: 'BCN/BTG', ...options.issuer },
    summary,
    figures: [],
    sections,
    queries: log.records,
  };
}

/** `02/2026 – 03/2026`: months are written mm/yyyy in both languages, like the app's dates. */
function monthWords(months: { from: string; to: string }): string {
  const month = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
  return `${month(months.from)} – ${month(months.to)}`;
}
