/** The config file (YAML), validated; every key has a default so no file is needed. */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DlxhError, errorMessage } from '../data/errors.ts';
import { parseSources, type SourceConfig } from '../pipeline/config.ts';

/** `briefings.subscriptions`: units and agencies that receive the weekly or monthly briefing (synced at start). */
const briefingsSchema = z
  .object({
    subscriptions: z
      .array(
        z
          .object({
            /** Unit uid, GSO code of a current unit (a YAML number is fine), or agency id. */
            unit: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
            period: z.enum(['week', 'month']),
            clearance: z.number().int().min(0).max(3).default(0),
            email: z.email().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const configSchema = z
  .object({
    db: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65535).default(8080),
    host: z.string().default('127.0.0.1'),
    secret: z.string().min(16).optional(),
    /** Mark session cookies Secure even when TLS ends at a proxy that hides it. */
    secure_cookies: z.boolean().default(false),
    /** Express `trust proxy` when dlxh runs behind a reverse proxy. */
    trust_proxy: z.union([z.boolean(), z.number().int(), z.string()]).default(false),
    sources: z.array(z.record(z.string(), z.unknown())).default([]),
    schedules: z.record(z.string(), z.string()).default({}),
    briefings: briefingsSchema.prefault({}),
    snapshot: z
      .object({ dir: z.string().default('data/snapshots'), cron: z.string().default('*/15 * * * *') })
      .prefault({}),
    ingest: z
      .object({
        /** Near-duplicates are looked for among documents published within this many days (default 30). */
        near_duplicate_days: z.number().int().min(1).optional(),
      })
      .strict()
      .prefault({}),
    scoring: z
      .object({
        /** Worker threads for large scoring runs; 0 scores in the server's thread (default: cores - 1, at most 4). */
        workers: z.number().int().min(0).max(64).optional(),
      })
      .strict()
      .prefault({}),
    /** DuckDB's share of the machine (data/db.ts DbSettings; dlxh's defaults when left out). */
    duckdb: z
      .object({
        memory_limit: z.string().optional(),
        threads: z.number().int().min(1).optional(),
        checkpoint_threshold: z.string().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = Omit<z.infer<typeof configSchema>, 'sources'> & { sources: SourceConfig[] };

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length ? issue.path.join('.') : '(top level)';
  return `${key}: ${issue.message}`;
}

/** Parse and validate config text; `source` names the file in errors. */
export function parseConfig(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : parseYaml(text);
  } catch (error) {
    throw new DlxhError('CONFIG', `config ${source}: invalid YAML: ${errorMessage(error)}`);
  }
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new DlxhError('CONFIG', `config ${source}: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  return { ...result.data, sources: parseSources(result.data.sources, `config ${source}`) };
}

/** Load the config from `file`, or defaults when no file was given. A named file that is missing is an error. */
export function loadConfig(file: string | undefined): Config {
  if (file === undefined) return parseConfig('', '(defaults)');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : errorMessage(error);
    throw new DlxhError('CONFIG', `config ${file}: ${reason}`);
  }
  return parseConfig(text, file);
}
