/** dlxh claims match: documents against official statements, one output line per input line. */
import type { Command } from 'commander';
import { matchClaimsFile } from '../../analytics/misinfo/match-claims-file.ts';
import { DlxhError } from '../../data/errors.ts';
import { stderrLogger } from '../../data/logger.ts';

export function registerClaimsCommands(program: Command): void {
  program
    .command('claims')
    .description('misinformation candidates')
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
