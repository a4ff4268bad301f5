/** What every command gets: the opened database, the config, a logger and the clock. */
import type { Command } from 'commander';
import type { Db, DbSettings } from '../data/db.ts';
import { openDatabase } from '../data/database.ts';
import { stderrLogger, type Logger } from '../data/logger.ts';
import { loadOrCreateSecret } from '../data/pseudonym.ts';
import { loadConfig, type Config } from './config.ts';

export interface CommandContext {
  db: Db;
  dbPath: string;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** The pseudonym secret: config, env DLXH_SECRET, or `<db>.secret` (generated once, mode 0600). */
  secret: () => string;
  /** Aborted when the server is asked to stop: long jobs end after the batch they are writing. */
  shutdown: AbortSignal;
  requestShutdown(): void;
}

export interface GlobalOptions {
  db: string;
  config?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Load config, open the database (creating and migrating it), run `fn`, always close. `options.db` gives the
 * command's own DuckDB defaults (e.g. `IMPORT_SETTINGS`); what the config's `duckdb` section sets wins over them,
 * and a config that sets the threads but no memory limit gets dlxh's default limit for that many threads, not a
 * command's limit sized for its own thread count.
 */
export async function withContext<T>(
  command: Command,
  fn: (ctx: CommandContext) => Promise<T>,
  options: { quiet?: boolean; db?: DbSettings } = {},
): Promise<T> {
  const globals = globalOptions(command);
  const config = loadConfig(globals.config);
  const dbPath = command.getOptionValueSource('db') === 'default' && config.db ? config.db : globals.db;
  const logger = stderrLogger({ quiet: options.quiet });
  const db = await openDatabase(dbPath, {
    memoryLimit:
      config.duckdb.memory_limit ??
      (config.duckdb.threads === undefined ? options.db?.memoryLimit : undefined),
    threads: config.duckdb.threads ?? options.db?.threads,
    checkpointThreshold: config.duckdb.checkpoint_threshold ?? options.db?.checkpointThreshold,
  });
  try {
    let secret: string | undefined;
    const getSecret = () => (secret ??= config.secret ?? loadOrCreateSecret(dbPath, { logger }));
    const shutdown = new AbortController();
    return await fn({
      db,
      dbPath,
      config,
      logger,
      now: () => new Date(),
      secret: getSecret,
      shutdown: shutdown.signal,
      requestShutdown: () => shutdown.abort(),
    });
  } finally {
    db.close();
  }
}
