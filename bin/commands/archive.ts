/** dlxh archive / restore-archive: move old documents to Parquet files and back (data/archive.ts). */
import type { Command } from 'commander';
import { DlxhError } from '../../data/errors.ts';
import { duckdbStorage } from '../../data/storage.ts';
import { formatDateVi, parseTime } from '../../data/time.ts';
import { withContext } from '../context.ts';
import { jsonReplacer } from '../format.ts';

const COUNT = new Intl.NumberFormat('vi-VN');
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function cutOff(options: { before?: string; olderThanMonths: string }, now: Date): Date {
  if (options.before !== undefined) {
    const at = parseTime(options.before);
    if (!at) throw new DlxhError('INPUT', `--before: invalid time "${options.before}"`);
    return at;
  }
  const months = Number(options.olderThanMonths);
  if (!Number.isInteger(months) || months < 0)
    throw new DlxhError('INPUT', `--older-than-months: invalid number "${options.olderThanMonths}"`);
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

function month(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && !MONTH.test(value))
    throw new DlxhError('INPUT', `${flag}: invalid month "${value}" (use yyyy-mm)`);
  return value;
}

export function registerArchiveCommands(program: Command): void {
  program
    .command('archive')
    .description('move documents older than a cut-off (with scores and raw items) to Parquet files')
    .option('--before <iso>', 'archive documents published before this time')
    .option(
      '--older-than-months <n>',
      'archive documents older than this many months (without --before)',
      '12',
    )
    .option('--dir <dir>', 'archive folder (default: beside the database, data/dlxh-archive)')
    .option('--verify', 'only check every archived file against its checksum')
    .option('--json', 'machine output')
    .action(
      async (
        options: { before?: string; olderThanMonths: string; dir?: string; verify?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async (ctx) => {
          const storage = duckdbStorage(ctx.db);
          if (options.verify) {
            const report = await storage.verify();
            if (options.json) process.stdout.write(`${JSON.stringify(report, jsonReplacer, 2)}\n`);
            else process.stdout.write(`Đã kiểm tra ${COUNT.format(report.checked)} tệp lưu trữ.\n`);
            if (report.problems.length)
              throw new DlxhError('INPUT', `archive: ${report.problems.join('; ')}`);
            return;
          }
          const before = cutOff(options, ctx.now());
          const report = await storage.archive({ before, now: ctx.now(), dir: options.dir });
          for (const orphan of report.removedOrphans)
            ctx.logger.warn(`archive: removed ${orphan} left by an interrupted run`);
          if (options.json) {
            process.stdout.write(`${JSON.stringify(report, jsonReplacer, 2)}\n`);
            return;
          }
          process.stdout.write(
            report.documents === 0
              ? `Không có văn bản nào trước ${formatDateVi(before)} cần lưu trữ.\n`
              : `Đã lưu trữ ${COUNT.format(report.documents)} văn bản trước ${formatDateVi(before)} ` +
                  `(${COUNT.format(report.doc_scores)} kết quả chấm điểm, ${COUNT.format(report.raw_items)} bản gốc) ` +
                  `vào ${COUNT.format(report.files.length)} tệp Parquet tại ${report.root}.\n`,
          );
        });
      },
    );

  program
    .command('restore-archive')
    .description('bring archived documents back into the database (after checking every checksum)')
    .option('--from <yyyy-mm>', 'first month to restore')
    .option('--to <yyyy-mm>', 'last month to restore')
    .option('--json', 'machine output')
    .action(async (options: { from?: string; to?: string; json?: boolean }, command: Command) => {
      const range = { from: month('--from', options.from), to: month('--to', options.to) };
      await withContext(command, async (ctx) => {
        const report = await duckdbStorage(ctx.db).restore(range);
        for (const orphan of report.removedOrphans)
          ctx.logger.warn(`restore-archive: removed ${orphan} left by an interrupted run`);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, jsonReplacer, 2)}\n`);
          return;
        }
        process.stdout.write(
          report.files.length === 0
            ? 'Không có dữ liệu lưu trữ nào cần khôi phục.\n'
            : `Đã khôi phục ${COUNT.format(report.documents)} văn bản (${COUNT.format(report.doc_scores)} kết quả chấm điểm, ` +
                `${COUNT.format(report.raw_items)} bản gốc) từ ${COUNT.format(report.files.length)} tệp Parquet.\n`,
        );
      });
    });
}
