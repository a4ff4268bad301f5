/** dlxh survey: design-based estimates, open-ended answers and reports by topic, (re)scoring of their text. */
import type { Command } from 'commander';
import { estimateSurvey, type EstimateRow } from '../../analytics/surveys/estimate.ts';
import { summariseOpenAnswers, type OpenAnswerSummary } from '../../analytics/surveys/open-answers.ts';
import {
  summariseReports,
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportSummaryRow,
} from '../../analytics/surveys/report-summary.ts';
import { listRequests, REQUEST_STATUS_VI } from '../../analytics/surveys/requests.ts';
import { scoreReports, scoreSurveyAnswers, scoreWatchAnswers } from '../../analytics/surveys/text-scores.ts';
import { DlxhError, errorMessage } from '../../data/errors.ts';
import { formatDateVi, localDay, parseTime } from '../../data/time.ts';
import { loadUnits } from '../../data/reference/index.ts';
import { createLocalityResolver } from '../../pipeline/locality/resolve-locality.ts';
import { withContext, type CommandContext } from '../context.ts';
import { formatRows, jsonReplacer } from '../format.ts';
import { progressBar } from '../progress.ts';

const PERCENT = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DECIMAL = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (x: number) => `${PERCENT.format(x * 100)}%`;

function humanRows(rows: EstimateRow[]): Record<string, unknown>[] {
  const isMean = rows.every((r) => r.category === null);
  const show = (x: number) => (isMean ? DECIMAL.format(x) : percent(x));
  return rows.map((r) => ({
    nhóm: r.group ?? 'toàn mẫu',
    'phương án': r.category ?? '(trung bình)',
    'ước lượng': show(r.estimate),
    'sai số chuẩn': show(r.se),
    'khoảng tin cậy 95%': `${show(r.ci_low)} – ${show(r.ci_high)}`,
    deff: r.deff === null ? '—' : DECIMAL.format(r.deff),
    n: r.n,
  }));
}

function sentimentText(s: { positive: number; neutral: number; negative: number }): string {
  return `${s.positive} / ${s.neutral} / ${s.negative}`;
}

function openRows(summary: OpenAnswerSummary): Record<string, unknown>[] {
  return summary.groups.flatMap((g) =>
    g.topics.map((t) => ({
      nhóm: g.group_label ?? 'toàn mẫu',
      'chủ đề': t.topic_name,
      'số ý kiến': t.n,
      'tỷ lệ': percent(t.estimate),
      'khoảng tin cậy 95%': `${percent(t.ci_low)} – ${percent(t.ci_high)}`,
      'tích cực / trung tính / tiêu cực': sentimentText(t.sentiment),
      'ví dụ': t.examples[0] ?? '',
    })),
  );
}

/** The table `survey reports` prints; the petition columns only when some report is a petition. */
function reportRows(rows: ReportSummaryRow[]): Record<string, unknown>[] {
  const kinds = rows.some((r) => r.kind !== null);
  const people = rows.some((r) => r.people !== null);
  return rows.map((r) => ({
    'chủ đề': r.topic_name,
    'đơn vị': r.unit_name ?? '',
    kỳ: r.period ?? '',
    ...(kinds ? { 'loại đơn': r.kind ?? '' } : {}),
    'số báo cáo': r.reports,
    ...(people ? { 'số người': r.people ?? '' } : {}),
    'tự nêu': r.declared,
    'tích cực / trung tính / tiêu cực': sentimentText(r.sentiment),
    'tâm trạng': r.mood_score === null ? '—' : DECIMAL.format(r.mood_score),
    'ví dụ': r.examples[0] ?? '',
  }));
}

function printTable(rows: Record<string, unknown>[]): void {
  process.stdout.write(formatRows(Object.keys(rows[0] ?? { n: 0 }), rows, 'table'));
}

/**
 * Score the open answers (of `survey`, else of every survey) and, without `survey`, the reports and their answers to
 * watch topics that the current NLP model has not scored (with `rescore`: all of them again); a progress bar when `progress`. Returns the counts.
 */
export async function scoreTexts(
  ctx: CommandContext,
  options: { survey?: string | null; rescore?: boolean; progress?: boolean } = {},
): Promise<{ answers: number; reports: number; watchAnswers: number }> {
  const bar = options.progress ? progressBar('chấm điểm văn bản') : null;
  const common = {
    rescore: options.rescore,
    onProgress: (done: number, total: number) => bar?.update(done, total),
    onError: (what: string, error: unknown) => ctx.logger.warn(`score: ${what}: ${errorMessage(error)}`),
  };
  try {
    const answers = await scoreSurveyAnswers(ctx.db, { ...common, survey: options.survey }, ctx.now);
    const reports = options.survey ? 0 : await scoreReports(ctx.db, common, ctx.now);
    const watchAnswers = options.survey ? 0 : await scoreWatchAnswers(ctx.db, common, ctx.now);
    return { answers, reports, watchAnswers };
  } finally {
    bar?.stop();
  }
}

function parseDimensions(value: string): ReportDimension[] {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of parts) {
    if (!(REPORT_DIMENSIONS as readonly string[]).includes(p))
      throw new DlxhError('INPUT', `--by: invalid "${p}" (${REPORT_DIMENSIONS.join(', ')})`);
  }
  return parts as ReportDimension[];
}

function resolveUnit(value: string): string {
  const found = createLocalityResolver(loadUnits())(value, null);
  if (found.uid === null) throw new DlxhError('INPUT', `--unit: ${found.problem}`);
  return found.uid;
}

export function registerSurveyCommands(program: Command): void {
  const survey = program
    .command('survey')
    .description('survey statistics, open-ended answers and collaborator reports by topic');
  survey
    .command('estimate')
    .description('weighted proportions or means with Taylor-linearised standard errors')
    .requiredOption('--survey <name>')
    .requiredOption('--question <q>', 'question name, e.g. danh_gia/muc_do_hai_long')
    .option('--by <column>', 'estimate within each value of this question (domains)')
    .option('--json', 'machine output: [{group, category, estimate, se, ci_low, ci_high, deff, n}]')
    .action(
      async (
        options: { survey: string; question: string; by?: string; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ db }) => {
          const rows = await estimateSurvey(db, {
            survey: options.survey,
            question: options.question,
            by: options.by,
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
            return;
          }
          printTable(humanRows(rows));
        });
      },
    );
  survey
    .command('open')
    .description('a free-text question by topic: share of answers, sentiment, representative answers')
    .requiredOption('--survey <name>')
    .requiredOption('--question <q>', 'free-text question, e.g. danh_gia/y_kien')
    .option('--by <column>', 'summarise within each value of this question')
    .option('--examples <n>', 'representative answers per topic', '3')
    .option(
      '--json',
      'machine output: {survey, question, groups: [{group, answered, scored, topics: [{topic, n, estimate, se, ci_low, ci_high, sentiment, examples}]}]}',
    )
    .action(
      async (
        options: { survey: string; question: string; by?: string; examples: string; json?: boolean },
        command: Command,
      ) => {
        const examples = Number(options.examples);
        if (!Number.isInteger(examples) || examples < 0)
          throw new DlxhError('INPUT', `--examples: invalid number "${options.examples}"`);
        await withContext(command, async (ctx) => {
          await scoreTexts(ctx, { survey: options.survey, progress: true });
          const summary = await summariseOpenAnswers(ctx.db, { ...options, examples });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(summary, jsonReplacer, 2)}\n`);
            return;
          }
          process.stdout.write(`${summary.question_wording}\n`);
          printTable(openRows(summary));
        });
      },
    );
  survey
    .command('reports')
    .description('collaborator and organisation reports and petitions by topic, reporting unit and period')
    .option('--from <period>', 'first period, YYYY-MM')
    .option('--to <period>', 'last period, YYYY-MM')
    .option('--unit <unit>', 'only this reporting unit or locality (name or GSO code)')
    .option(
      '--by <dimensions>',
      'split each topic by: unit, period, kind (of petition) (comma-separated; "" for none)',
      'unit,period',
    )
    .option('--examples <n>', 'report summaries quoted per row', '2')
    .option(
      '--json',
      'machine output: [{topic, unit, period, reports, declared, scored, sentiment, mood_score, examples}]',
    )
    .action(
      async (
        options: { from?: string; to?: string; unit?: string; by: string; examples: string; json?: boolean },
        command: Command,
      ) => {
        const examples = Number(options.examples);
        if (!Number.isInteger(examples) || examples < 0)
          throw new DlxhError('INPUT', `--examples: invalid number "${options.examples}"`);
        const by = parseDimensions(options.by);
        const unit = options.unit ? resolveUnit(options.unit) : null;
        await withContext(command, async (ctx) => {
          await scoreTexts(ctx, { progress: true });
          const rows = await summariseReports(ctx.db, {
            from: options.from,
            to: options.to,
            unit,
            by,
            examples,
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(rows, jsonReplacer, 2)}\n`);
            return;
          }
          printTable(reportRows(rows));
        });
      },
    );
  survey
    .command('plan')
    .description("the year's plan of surveys: agencies' written requests and the status of each")
    .option('--year <yyyy>', 'plan year (default: this year)')
    .option('--json', 'machine output: the requests with every field')
    .action(async (options: { year?: string; json?: boolean }, command: Command) => {
      await withContext(command, async (ctx) => {
        const year =
          options.year === undefined ? Number(localDay(ctx.now()).slice(0, 4)) : Number(options.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          throw new DlxhError('INPUT', `--year: invalid year "${options.year}"`);
        const requests = await listRequests(ctx.db, { year, now: ctx.now() });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(requests, jsonReplacer, 2)}\n`);
          return;
        }
        if (requests.length === 0) {
          process.stdout.write(`Chưa có đề nghị khảo sát nào trong kế hoạch năm ${year}.\n`);
          return;
        }
        printTable(
          requests.map((r) => ({
            số: r.id,
            'đề nghị': r.title,
            'đơn vị': r.requester_name,
            'địa bàn': r.locality_name ?? 'Toàn tỉnh',
            'cần kết quả': r.wanted_by ? formatDateVi(parseTime(r.wanted_by)!) : '',
            'trạng thái': REQUEST_STATUS_VI[r.status] + (r.overdue ? ' (quá hạn)' : ''),
            'khảo sát': r.survey ?? '',
          })),
        );
      });
    });
  survey
    .command('score')
    .description(
      'score open-ended answers and reports the current NLP model has not scored yet (with --rescore: all again)',
    )
    .option('--survey <name>', 'only the answers of this survey (reports are left alone)')
    .option('--rescore', 'score again what the current model already scored')
    .action(async (options: { survey?: string; rescore?: boolean }, command: Command) => {
      await withContext(command, async (ctx) => {
        const done = await scoreTexts(ctx, { ...options, progress: true });
        ctx.logger.info(
          `survey score: ${done.answers} câu trả lời mở, ${done.reports} báo cáo, ` +
            `${done.watchAnswers} câu trả lời chủ đề theo dõi đã chấm điểm`,
        );
      });
    });
}
