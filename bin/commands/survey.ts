/** dlxh survey estimate: design-based estimates with standard errors, intervals and design effects. */
import type { Command } from 'commander';
import { estimateSurvey, type EstimateRow } from '../../analytics/surveys/estimate.ts';
import { withContext } from '../context.ts';
import { formatRows } from '../format.ts';

const PERCENT = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DECIMAL = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function humanRows(rows: EstimateRow[]): Record<string, unknown>[] {
  const isMean = rows.every((r) => r.category === null);
  const show = (x: number) => (isMean ? DECIMAL.format(x) : `${PERCENT.format(x * 100)}%`);
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

export function registerSurveyCommands(program: Command): void {
  program
    .command('survey')
    .description('survey statistics')
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
          const human = humanRows(rows);
          process.stdout.write(formatRows(Object.keys(human[0] ?? { n: 0 }), human, 'table'));
        });
      },
    );
}
