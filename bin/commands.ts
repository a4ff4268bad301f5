/**
 * Registers dlxh's commands; each action wires the layers it needs. Only the module of the command being run is
 * loaded: `dlxh ingest jsonl` then never loads the web server, the briefings' charts and the rest, which took
 * about 100 MB of the import's memory. Help, no command or an unknown one load every module.
 */
import type { Command } from 'commander';
import { DlxhError } from '../data/errors.ts';

/** A command whose capability has not landed: says so and exits non-zero (it never pretends to work). */
export function notImplemented(name: string): () => never {
  return () => {
    throw new DlxhError('NOT_IMPLEMENTED', `${name}: not implemented yet`);
  };
}

type Register = (program: Command) => void;

/** The top-level commands each module registers, in the order help lists them (a test checks the names). */
export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  {
    names: ['run', 'serve', 'demo'],
    load: async () => (await import('./commands/serve.ts')).registerServeCommands,
  },
  { names: ['sql'], load: async () => (await import('./commands/data.ts')).registerDataCommands },
  { names: ['ingest'], load: async () => (await import('./commands/ingest.ts')).registerIngestCommands },
  { names: ['hotspots'], load: async () => (await import('./commands/hotspots.ts')).registerHotspotCommands },
  { names: ['nlp'], load: async () => (await import('./commands/nlp.ts')).registerNlpCommands },
  { names: ['survey'], load: async () => (await import('./commands/survey.ts')).registerSurveyCommands },
  { names: ['claims'], load: async () => (await import('./commands/claims.ts')).registerClaimsCommands },
  {
    names: ['archive', 'restore-archive'],
    load: async () => (await import('./commands/archive.ts')).registerArchiveCommands,
  },
  {
    names: ['backup', 'restore'],
    load: async () => (await import('./commands/backup.ts')).registerBackupCommands,
  },
  { names: ['brief'], load: async () => (await import('./commands/brief.ts')).registerBriefCommands },
  {
    names: ['admin', 'retention', 'audit'],
    load: async () => (await import('./commands/admin.ts')).registerAdminCommands,
  },
];

/** Global options that take a value (`--db FILE`), so that value is not read as the command. */
const VALUED_OPTIONS = new Set(['--db', '--config']);

/** The command named in `args` (what follows node and the script), or null when there is none before an option. */
export function commandName(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUED_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
    else if (!arg.startsWith('--db=') && !arg.startsWith('--config=')) return null; // --help, --version, unknown
  }
  return null;
}

/** Register the module of the command `args` names, or every module when it names none that is known. */
export async function registerCommands(program: Command, args: readonly string[] = []): Promise<void> {
  const name = commandName(args);
  const chosen = COMMAND_MODULES.filter((m) => name !== null && m.names.includes(name));
  for (const module of chosen.length > 0 ? chosen : COMMAND_MODULES) (await module.load())(program);
}
