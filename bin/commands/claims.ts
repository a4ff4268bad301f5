/** dlxh claims match: documents against official statements, one output line per input line. */
import type { Command } from 'commander';
import { matchClaimsFile } from '../../analytics/misinfo/match-claims-file.ts';
import { importStatements } from '../../analytics/misinfo/statements.ts';
import { withContext } from '../context.ts';
import { DlxhError } from '../../data/errors.ts';
import { stderrLogger } from '../../data/logger.ts';

export function registerClaimsCommands(program: Command): void {
  const claims = program.command('claims').description('misinformation candidates');
  claims
    .command('import <file>')
    .description('add official statements and verified fact-checks to the registry (CSV, JSON or JSONL)')
    .action(async (file: string, _options: unknown, command: Command) => {
      await withContext(command, async (ctx) => {
        const report = await importStatements(ctx.db, file, { logger: ctx.logger, now: ctx.now });
        ctx.logger.info(
          `claims import ${file}: ${report.read} phát ngôn, ${report.inserted} mới, ${report.updated} cập nhật, ${report.skipped} bỏ qua`,
        );
      });
    });
  claims
    .command('match')
    .description(
      'match {id, text} documents against statements {id, text, verdict}; one {id, matches} line per input line',
    )
    .option('--statements <file>', 'statements: JSONL, JSON array or CSV')
    .option('--in <file>', 'documents, JSONL')
    .option('--out <file>', 'matches, JSONL')
    .action(async (options: { statements?: string; in?: string; out?: string }) => {
      for (const key of ['statements', 'in', 'out'] as const) {
        if (!options[key]) throw new DlxhError('INPUT', `claims match: --${key} is required`);
      }
      const logger = stderrLogger();
      const report = await matchClaimsFile(
        { statementsFile: options.statements!, inFile: options.in!, outFile: options.out! },
        { logger },
      );
      logger.info(
        `claims match: ${report.lines} tài liệu, ${report.matched} có đối chiếu, ${report.failed} dòng lỗi, ${report.statements} phát ngôn chính thức`,
      );
    });
}
