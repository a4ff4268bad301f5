/** The config file (YAML), validated; every key has a default so no file is needed. */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_MAX_ATTEMPTS } from '../analytics/alerts/outbox.ts';
import { routingConfigSchema, toRoutingRules, type RoutingRule } from '../analytics/alerts/routing.ts';
import { DlxhError, errorMessage } from '../data/errors.ts';
import { DEFAULT_RETENTION, type RetentionRules } from '../data/retention.ts';
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

/** How urgent notifications leave: the SMTP relay, the webhook signing secret, and each body's addresses. */
const notificationsSchema = z
  .object({
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(25),
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        pass: z.string().optional(),
        from: z.string().min(3).default('dlxh@localhost'),
        allow_self_signed: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** Signs webhook bodies for targets without a secret of their own. */
    webhook_secret: z.string().min(16).optional(),
    /** Attempts before a notification is marked failed (the default retries for about a day). */
    max_attempts: z.number().int().min(1).max(500).default(DEFAULT_MAX_ATTEMPTS),
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
    /** Webhook URL and e-mail of responsible bodies, stored when `serve` starts (replacing what was there). */
    targets: z
      .array(
        z
          .object({
            recipient: z.string().min(1),
            webhook_url: z.url().optional(),
            webhook_secret: z.string().min(16).optional(),
            email: z.email().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** A retention length; null (YAML `null` or `~`) keeps that data for good. */
const months = (fallback: number | null) => z.number().int().min(1).max(1200).nullable().default(fallback);
const identityDefaults = DEFAULT_RETENTION.identityMonths;

/** `retention`: how long personal data is kept (data/retention.ts), read into `RetentionRules`. */
const retentionSchema = z
  .object({
    /** Months after a person was last seen in an import before the link from their pseudonym is deleted. */
    identity_months: z
      .object({
        respondent: months(identityDefaults.respondent),
        enumerator: months(identityDefaults.enumerator),
        collaborator: months(identityDefaults.collaborator),
        petitioner: months(identityDefaults.petitioner),
      })
      .strict()
      .prefault({}),
    /** Months after fetching before raw pages and feed items are deleted (documents keep their text). */
    raw_items_months: months(DEFAULT_RETENTION.rawItemsMonths),
    /** Days after the last failed sign-in before its record (the user name tried) is deleted. */
    login_failures_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .default(DEFAULT_RETENTION.loginFailuresDays),
  })
  .strict()
  .transform((r): RetentionRules => ({
    identityMonths: r.identity_months,
    rawItemsMonths: r.raw_items_months,
    loginFailuresDays: r.login_failures_days,
  }));

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
    /** Hot-spot detection: daily or hourly buckets for `dlxh hotspots` and the scheduled job. */
    hotspots: z
      .object({ buckets: z.enum(['day', 'hour']).default('day') })
      .strict()
      .prefault({}),
    /** Routing rules replacing the built-in ones (see analytics/alerts/routing.ts). */
    routing: routingConfigSchema.optional(),
    notifications: notificationsSchema.prefault({}),
    retention: retentionSchema.prefault({}),
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
        /**
         * Worker threads for scoring and the claim scan of large runs and ingest batches; 0 does them in the server's
         * thread (default: cores - 1, at most 4).
         */
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

export type Config = Omit<z.infer<typeof configSchema>, 'sources' | 'routing'> & {
  sources: SourceConfig[];
  /** The configured routing rules, or null for the built-in ones. */
  routing: RoutingRule[] | null;
};

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
  return {
    ...result.data,
    sources: parseSources(result.data.sources, `config ${source}`),
    routing: result.data.routing ? toRoutingRules(result.data.routing) : null,
  };
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
