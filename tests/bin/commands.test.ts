import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, commandName, registerCommands } from '../../bin/commands.ts';

const names = (program: Command) => program.commands.map((c) => c.name());

describe('lazy command registration', () => {
  it('lists, for every module, exactly the top-level commands it registers', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command();
      (await module.load())(program);
      expect(names(program)).toEqual(module.names);
    }
  });

  it('reads the command after the global options, and none before --help or an unknown option', () => {
    expect(commandName(['ingest', 'jsonl', 'a.jsonl'])).toBe('ingest');
    expect(commandName(['--db', 'x.duckdb', '--config', 'c.yaml', 'hotspots', '--json'])).toBe('hotspots');
    expect(commandName(['--db=x.duckdb', 'serve'])).toBe('serve');
    expect(commandName(['--help'])).toBeNull();
    expect(commandName(['--quiet', 'ingest'])).toBeNull();
    expect(commandName(['--db'])).toBeNull();
    expect(commandName([])).toBeNull();
  });

  it('registers only the named command, and every command when none (or an unknown one) is named', async () => {
    const one = new Command();
    await registerCommands(one, ['--db', 'x.duckdb', 'ingest', 'jsonl', 'a.jsonl']);
    expect(names(one)).toEqual(['ingest']);
    const every = COMMAND_MODULES.flatMap((m) => m.names);
    for (const args of [[], ['--help'], ['no-such-command']]) {
      const all = new Command();
      await registerCommands(all, args);
      expect(names(all)).toEqual(every);
    }
  });
});
