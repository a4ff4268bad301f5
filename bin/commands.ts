/** Registers every dlxh command; each action wires the layers it needs. */
import type { Command } from 'commander';
import { DlxhError } from '../data/errors.ts';
import { registerAdminCommands } from './commands/admin.ts';
import { registerBriefCommands } from './commands/brief.ts';
import { registerArchiveCommands } from './commands/archive.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerClaimsCommands } from './commands/claims.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerHotspotCommands } from './commands/hotspots.ts';
import { registerIngestCommands } from './commands/ingest.ts';
import { registerNlpCommands } from './commands/nlp.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerSurveyCommands } from './commands/survey.ts';

/** A command whose capability has not landed: says so and exits non-zero (it never pretends to work). */
export function notImplemented(name: string): () => never {
  return () => {
    throw new DlxhError('NOT_IMPLEMENTED', `${name}: not implemented yet`);
  };
}

export function registerCommands(program: Command): void {
  registerServeCommands(program);
  registerDataCommands(program);

  registerIngestCommands(program);
  registerHotspotCommands(program);
  registerNlpCommands(program);
  registerSurveyCommands(program);
  registerClaimsCommands(program);
  registerArchiveCommands(program);
  registerBackupCommands(program);
  registerBriefCommands(program);
  registerAdminCommands(program);
}
