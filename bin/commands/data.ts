/** Commands over the stored data: sql. */
import os from 'node:os';
import type { Command } from 'commander';
import { resolveScope, runExplorerQuery } from '../../data/access.ts';
import { appendAudit } from '../../data/audit.ts';
import type { Db } from '../../data/db.ts';
import { DlxhError, errorMessage } from '../../data/errors.ts';
import { findUserByUsername } from '../../data/users.ts';
import { withContext } from '../context.ts';
import { formatRows, type OutputFormat } from '../format.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
/** The roles the web SQL explorer admits. */
const EXPLORER_ROLES: readonly string[] = ['admin', 'analyst'];

/**
 * Without `--as` the query runs as whoever holds the database file (it reads every table, one SELECT only);
 * with `--as USER` it runs under the web SQL explorer's rules for that user (their clearance and area, the
 * allowed tables and functions, the time limit). Either way it is audited, refusals too, with the OS user.
 */
async function runSql(db: Db, query: string, maxRows: number, as: string | undefined, now: () => Date) {
  const osUser = os.userInfo().username;
  const user = as === undefined ? undefined : await findUserByUsername(db, as);
  const actor = user?.username ?? `cli:${osUser}`;
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(
      db,
      { actor, action, object: null, details: { ...details, via: 'cli', os_user: osUser } },
      now(),
    );
  try {
    if (as !== undefined && (!user || user.disabled))
      throw new DlxhError('INPUT', `--as: no active user "${as}"`);
    if (user && !EXPLORER_ROLES.includes(user.role)) {
      throw new DlxhError('FORBIDDEN', `--as: user "${as}" (${user.role}) may not use the SQL explorer`);
    }
    const result = user
      ? await runExplorerQuery(db, await resolveScope(db, user), query, { maxRows })
      : await db.readOnlyQuery(query, maxRows);
    await audit('sql.query', { sql: query, rows: result.rows.length, truncated: result.truncated });
    return result;
  } catch (error) {
    await audit('sql.refused', { sql: query, error: errorMessage(error) });
    throw error;
  }
}

export function registerDataCommands(program: Command): void {
  program
    .command('sql <query>')
    .description('run one read-only SQL query against the database (audited)')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--max-rows <n>', 'row limit', '10000')
    .option('--as <user>', "run under that user's SQL explorer rules (clearance, area, allowed tables)")
    .action(
      async (query: string, options: { format: string; maxRows: string; as?: string }, command: Command) => {
        if (!(FORMATS as readonly string[]).includes(options.format)) {
          throw new DlxhError(
            'INPUT',
            `--format: invalid format "${options.format}" (use ${FORMATS.join(', ')})`,
          );
        }
        const maxRows = Number(options.maxRows);
        if (!Number.isInteger(maxRows) || maxRows < 1)
          throw new DlxhError('INPUT', `--max-rows: invalid number "${options.maxRows}"`);
        await withContext(command, async ({ db, logger, now }) => {
          const result = await runSql(db, query, maxRows, options.as, now);
          process.stdout.write(formatRows(result.columns, result.rows, options.format as OutputFormat));
          if (result.truncated) logger.warn(`sql: output cut at ${maxRows} rows (--max-rows)`);
        });
      },
    );
}
