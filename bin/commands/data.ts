/** Commands over the stored data: sql. */
import type { Command } from 'commander';
import { DlxhError } from '../../data/errors.ts';
import { withContext } from '../context.ts';
import { formatRows, type OutputFormat } from '../format.ts';

const FORMATS = ['table', 'csv', 'json'] as const;

export function registerDataCommands(program: Command): void {
  program
    .command('sql <query>')
    .description('run one read-only SQL query against the database')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--max-rows <n>', 'row limit', '10000')
    .action(async (query: string, options: { format: string; maxRows: string }, command: Command) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new DlxhError(
          'INPUT',
          `--format: invalid format "${options.format}" (use ${FORMATS.join(', ')})`,
        );
      }
      const maxRows = Number(options.maxRows);
      if (!Number.isInteger(maxRows) || maxRows < 1)
        throw new DlxhError('INPUT', `--max-rows: invalid number "${options.maxRows}"`);
      await withContext(command, async ({ db, logger }) => {
        const result = await db.readOnlyQuery(query, maxRows);
        process.stdout.write(formatRows(result.columns, result.rows, options.format as OutputFormat));
        if (result.truncated) logger.warn(`sql: output cut at ${maxRows} rows (--max-rows)`);
      });
    });
}
