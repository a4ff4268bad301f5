/** What every published survey figure carries: a disclosure block, and small cells suppressed. */
import type { Db } from '../../data/db.ts';
import { formatDateVi, localDay } from '../../data/time.ts';
import { loadAnswers, loadDesign, loadSurvey, resolveQuestion } from './design.ts';
import {
  estimateKind,
  estimateSurvey,
  Z_95,
  type EstimateKind,
  type EstimateOptions,
  type EstimateRow,
} from './estimate.ts';

export const MIN_PUBLISHED_COUNT = 5;

export interface DisclosureBlock {
  survey: string;
  title: string | null;
  sponsor: string | null;
  conducted_by: string | null;
  population: string | null;
  mode: string | null;
  /** First and last submission day (local dates, yyyy-mm-dd). */
  dates: { from: string | null; to: string | null };
  /** Proportions (choice questions) or means (numbers): the unit of the margin of error. */
  estimate_kind: EstimateKind;
  /** Respondents who answered the question. */
  sample_size: number;
  /** Respondents in the design (rejected submissions left out). */
  respondents: number;
  weighting: {
    weight_column: string | null;
    strata_column: string | null;
    strata: number;
    cluster_column: string | null;
    psus: number;
    calibration: { name: string; method: string; variables: string[] } | null;
  };
  /** Largest 1.96 × SE over the whole-sample estimates (a proportion 0–1, or the unit of a mean). */
  margin_of_error: number | null;
  confidence: number;
  question: string;
  /** The exact wording of the question (the latest version's). */
  question_wording: string;
  /** Earlier wordings, when form versions differ. */
  other_wordings: string[];
  method: string;
  min_published_count: number;
  classification: number;
}

export const METHOD =
  'design-based estimates (weights, strata, clusters); Taylor-linearisation standard errors with PSUs drawn ' +
  'with replacement, no finite-population correction; single-PSU strata centred at the grand mean; 95% ' +
  'intervals (logit for proportions)';

/** How the answers of a free-text question were read, added to the method of its disclosure block. */
export const OPEN_ANSWER_METHOD = 'open-ended answers classified by topic and sentiment with the dlxh NLP';

/**
 * The disclosure block of one question's estimates; `wholeSample` (whole-sample estimates) gives the margin of error.
 * A free-text question has no estimates of its own: its topic shares (proportions) must be given as `wholeSample`.
 */
export async function disclosureFor(
  db: Db,
  opts: Pick<EstimateOptions, 'survey' | 'question' | 'weighting'>,
  wholeSample?: readonly Pick<EstimateRow, 'group' | 'se'>[],
): Promise<DisclosureBlock> {
  const info = await loadSurvey(db, opts.survey);
  const loaded = await loadDesign(db, opts.survey, { weighting: opts.weighting });
  const question = await resolveQuestion(db, opts.survey, opts.question);
  const { values, numbers } = await loadAnswers(db, opts.survey, loaded.design, question.name);
  const open = question.type === 'text';
  if (open && !wholeSample) throw new Error(`disclosureFor: give the topic shares of "${question.name}"`);
  const rows = wholeSample ?? (await estimateSurvey(db, { ...opts, by: null }));
  const overall = rows.filter((r) => r.group === null);
  const design = loaded.design;
  return {
    survey: info.name,
    title: info.title,
    sponsor: info.sponsor,
    conducted_by: info.conducted_by,
    population: info.population,
    mode: info.mode,
    dates: { from: loaded.from ? localDay(loaded.from) : null, to: loaded.to ? localDay(loaded.to) : null },
    estimate_kind: open ? 'proportion' : estimateKind(question, numbers, values),
    sample_size: values.filter((v) => v !== null).length,
    respondents: design.ids.length,
    weighting: {
      weight_column: info.weight_column,
      strata_column: info.strata_column,
      strata: design.strataPsus.length,
      cluster_column: info.cluster_column,
      psus: design.psuCount,
      calibration: loaded.weighting,
    },
    margin_of_error: overall.length ? Math.max(...overall.map((r) => Z_95 * r.se)) : null,
    confidence: 0.95,
    question: question.name,
    question_wording: question.label,
    other_wordings: question.wordings.filter((w) => w !== question.label),
    method: open ? `${METHOD}; ${OPEN_ANSWER_METHOD}` : METHOD,
    min_published_count: MIN_PUBLISHED_COUNT,
    classification: info.classification,
  };
}

export interface PublishedRow {
  group: string | null;
  group_label: string | null;
  category: string | null;
  category_label: string | null;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  deff: number | null;
  /** Unweighted count; null when suppressed. */
  n: number | null;
  suppressed: boolean;
}

/**
 * Blank every cell with fewer than `minCount` respondents. For a single-choice question, whose shares in a
 * group add up to 1, a group with exactly one blanked cell loses its next smallest cell too, so the blank
 * cannot be recovered by subtraction.
 */
export function suppressSmallCells(
  rows: readonly EstimateRow[],
  options: { minCount?: number; sumsToOne?: boolean } = {},
): (EstimateRow & { suppressed: boolean })[] {
  const minCount = options.minCount ?? MIN_PUBLISHED_COUNT;
  const suppressed = rows.map((r) => r.n < minCount);
  if (options.sumsToOne) {
    const groups = new Map<string | null, number[]>();
    rows.forEach((r, i) => groups.set(r.group, [...(groups.get(r.group) ?? []), i]));
    for (const members of groups.values()) {
      if (members.filter((i) => suppressed[i]).length !== 1) continue;
      const next = members.filter((i) => !suppressed[i]).sort((a, b) => rows[a]!.n - rows[b]!.n)[0];
      if (next !== undefined) suppressed[next] = true;
    }
  }
  return rows.map((r, i) => ({ ...r, suppressed: suppressed[i]! }));
}

/**
 * Estimates ready to publish: labelled, small cells suppressed, with the disclosure block.
 * `const { rows, disclosure } = await publishEstimates(db, { survey: 'ks-2025', question: 'hai_long_tthc', by: 'khu_vuc' })`
 */
export async function publishEstimates(
  db: Db,
  opts: EstimateOptions & { minCount?: number },
): Promise<{ rows: PublishedRow[]; disclosure: DisclosureBlock }> {
  const rows = await estimateSurvey(db, opts);
  const whole = opts.by ? await estimateSurvey(db, { ...opts, by: null }) : rows;
  const disclosure = await disclosureFor(db, opts, whole);
  const question = await resolveQuestion(db, opts.survey, opts.question);
  const byQuestion = opts.by ? await resolveQuestion(db, opts.survey, opts.by) : null;
  const label = (choices: { value: string; label: string }[] | undefined, v: string | null) =>
    v === null ? null : (choices?.find((c) => c.value === v)?.label ?? v);
  const marked = suppressSmallCells(rows, {
    minCount: opts.minCount,
    sumsToOne: question.type === 'select_one',
  });
  disclosure.min_published_count = opts.minCount ?? MIN_PUBLISHED_COUNT;
  return {
    rows: marked.map((r) => ({
      group: r.group,
      group_label: label(byQuestion?.choices, r.group),
      category: r.category,
      category_label: label(question.choices, r.category),
      estimate: r.suppressed ? null : r.estimate,
      se: r.suppressed ? null : r.se,
      ci_low: r.suppressed ? null : r.ci_low,
      ci_high: r.suppressed ? null : r.ci_high,
      deff: r.suppressed ? null : r.deff,
      n: r.suppressed ? null : r.n,
      suppressed: r.suppressed,
    })),
    disclosure,
  };
}

const CLASSIFICATION_VI = ['Thường', 'Mật', 'Tối mật', 'Tuyệt mật'];
const number = (x: number, digits = 1) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
const viDay = (day: string | null) => (day ? formatDateVi(new Date(`${day}T12:00:00+07:00`)) : '?');

/** The disclosure block as Vietnamese lines for a page or a briefing, dates dd/mm/yyyy, decimals with a comma. */
export function formatDisclosureVi(block: DisclosureBlock): string {
  const w = block.weighting;
  const design: string[] = [
    w.weight_column ? `trọng số thiết kế (cột ${w.weight_column})` : 'không gia quyền',
  ];
  if (w.strata_column) design.push(`${w.strata} tầng theo ${w.strata_column}`);
  if (w.cluster_column) design.push(`${w.psus} cụm theo ${w.cluster_column}`);
  if (w.calibration) {
    const how = w.calibration.method === 'rake' ? 'hiệu chỉnh lặp (raking)' : 'hậu phân tầng';
    design.push(`${how} "${w.calibration.name}" theo ${w.calibration.variables.join(', ')}`);
  }
  const moe =
    block.margin_of_error === null
      ? 'không xác định'
      : block.estimate_kind === 'proportion'
        ? `±${number(block.margin_of_error * 100)} điểm phần trăm`
        : `±${number(block.margin_of_error, 2)}`;
  const lines = [
    `Cuộc khảo sát: ${block.title ?? block.survey}`,
    `Cơ quan chủ trì: ${block.sponsor ?? 'chưa ghi'}`,
    `Đơn vị thực hiện: ${block.conducted_by ?? 'chưa ghi'}`,
    `Tổng thể: ${block.population ?? 'chưa ghi'}`,
    `Thời gian thu thập: ${viDay(block.dates.from)} – ${viDay(block.dates.to)}`,
    `Hình thức: ${block.mode ?? 'chưa ghi'}`,
    `Cỡ mẫu: ${number(block.sample_size, 0)} người trả lời câu hỏi (trong ${number(block.respondents, 0)} phiếu hợp lệ)`,
    `Gia quyền: ${design.join('; ')}`,
    `Sai số tối đa (độ tin cậy 95%): ${moe}`,
    `Câu hỏi: "${block.question_wording}"`,
    ...block.other_wordings.map((wording) => `Cách hỏi ở phiên bản khác: "${wording}"`),
    `Phương pháp: ước lượng theo thiết kế mẫu, sai số chuẩn tuyến tính hóa Taylor; ô dưới ${block.min_published_count} người trả lời không công bố` +
      (block.method.includes(OPEN_ANSWER_METHOD)
        ? '; ý kiến trả lời mở được phân loại theo chủ đề và sắc thái bằng bộ xử lý ngôn ngữ của dlxh'
        : ''),
    `Độ mật: ${CLASSIFICATION_VI[block.classification] ?? block.classification}`,
  ];
  return lines.join('\n');
}
