import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { withContext } from '../../bin/context.ts';
import { IMPORT_SETTINGS } from '../../data/db.ts';
import { tempDir } from '../helpers/temp.ts';

/** Runs `dlxh [--config file] --db file x`, whose action opens the context with `db` defaults; DuckDB's settings. */
async function settingsSeen(dbFile: string, configFile: string | null, db = IMPORT_SETTINGS) {
  const program = new Command().option('--db <file>', 'database', 'unused.duckdb').option('--config <file>');
  let seen: Record<string, string> = {};
  program.command('x').action(async (_options: unknown, command: Command) => {
    seen = await withContext(
      command,
      async (ctx) =>
        (await ctx.db.one<Record<string, string>>(
          `SELECT current_setting('threads')::VARCHAR AS threads, current_setting('memory_limit') AS memory_limit`,
        ))!,
      { quiet: true, db },
    );
  });
  await program.parseAsync([
    'node',
    'dlxh',
    ...(configFile ? ['--config', configFile] : []),
    '--db',
    dbFile,
    'x',
  ]);
  return seen;
}

describe('withContext', () => {
  it("opens the database with the command's DuckDB defaults, and the config's duckdb section wins over them", async () => {
    const dir = tempDir();
    expect(await settingsSeen(path.join(dir, 'a.duckdb'), null)).toEqual({
      threads: '1',
      memory_limit: '128.0 MiB',
    });
    const config = path.join(dir, 'dlxh.yaml');
    fs.writeFileSync(config, 'duckdb:\n  threads: 2\n  memory_limit: 300MiB\n');
    expect(await settingsSeen(path.join(dir, 'b.duckdb'), config)).toEqual({
      threads: '2',
      memory_limit: '300.0 MiB',
    });
    // Threads set without a limit: dlxh's limit for that many threads, not the command's for one.
    fs.writeFileSync(config, 'duckdb:\n  threads: 2\n');
    expect(await settingsSeen(path.join(dir, 'd.duckdb'), config)).toEqual({
      threads: '2',
      memory_limit: '256.0 MiB',
    });
    // Without the command's own defaults, dlxh's: a thread per core.
    const plain = await settingsSeen(path.join(dir, 'c.duckdb'), null, {});
    expect(Number(plain.threads)).toBe(os.availableParallelism());
  });
});
