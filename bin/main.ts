/** The composition root: parses commands and wires data, pipeline, analytics and web. Nothing imports it. */
import { Command, CommanderError } from 'commander';
import { DlxhError, errorMessage, isDlxhError } from '../data/errors.ts';
import { registerCommands } from './commands.ts';

const program = new Command();
program
  .name('dlxh')
  .description('dlxh: phân tích dư luận xã hội (public-opinion analytics)')
  .option('--db <file>', 'DuckDB database file (env DLXH_DB)', process.env.DLXH_DB ?? 'data/dlxh.duckdb')
  .option('--config <file>', 'YAML config file (optional; defaults work)')
  .showHelpAfterError()
  .exitOverride();
await registerCommands(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`dlxh: ${isDlxhError(error) ? error.message : errorMessage(error)}\n`);
    if (process.env.DLXH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = isDlxhError(error, 'NOT_IMPLEMENTED') ? 3 : error instanceof DlxhError ? 1 : 70;
  }
}
