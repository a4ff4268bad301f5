/** The `sources` part of the config file: schema, validation with messages naming the key, and sync to the sources table. */
import cron from 'node-cron';
import { z } from 'zod';
import type { Db } from '../data/db.ts';
import { DlxhError } from '../data/errors.ts';
import { VERDICTS, type Verdict } from '../analytics/misinfo/read-statements.ts';

const selector = z.string().min(1);

export const selectorsSchema = z
  .object({
    /** Listing page: article links (`a` elements or elements containing one). */
    links: selector.optional(),
    title: selector.optional(),
    date: selector.optional(),
    content: selector.optional(),
    /** Removed from the article before extraction (ads, related links, comments). */
    remove: z.array(selector).default([]),
  })
  .strict();

export const sourceSchema = z
  .object({
    name: z.string().regex(/^[\w.-]+$/, 'use letters, digits, "-", "_" or "." only'),
    /** statements: a feed of official statements, whose items go to the registry instead of the documents. */
    kind: z.enum(['rss', 'html', 'jsonl', 'statements']),
    /** Feed or listing URL; a file path for jsonl. */
    url: z.string().min(1),
    /** Cron expression (Asia/Ho_Chi_Minh); absent means run only on demand. */
    schedule: z
      .string()
      .refine((expr) => cron.validate(expr), { message: 'invalid cron expression' })
      .optional(),
    selectors: selectorsSchema.prefault({}),
    default_locality: z.string().min(1).optional(),
    credibility: z.number().min(0).max(1).optional(),
    classification: z.number().int().min(0).max(3).default(0),
    /** Allow private/loopback addresses: true, or a list of addresses/CIDR ranges. */
    allow_private: z.union([z.boolean(), z.array(z.string().min(1))]).default(false),
    /** Only these hosts may be fetched (default: the host of `url` and its subdomains). */
    allow_hosts: z.array(z.string().min(1)).optional(),
    /** RSS: fetch each item's page for the full text. */
    full_text: z.boolean().default(false),
    max_articles: z.number().int().min(1).max(1000).default(50),
    enabled: z.boolean().default(true),
    outlet: z.string().min(1).optional(),
    document_kind: z.string().min(1).default('news'),
    /** Politeness overrides. */
    rate_limit_ms: z.number().int().min(0).optional(),
    timeout_ms: z.number().int().min(1).optional(),
    robots: z.boolean().default(true),
    /** html: the URL is a listing of articles (default) or one article. */
    page: z.enum(['listing', 'article']).default('listing'),
    /** statements: the body that issues them (default: the outlet, else the source name). */
    issuing_body: z.string().min(1).optional(),
    /** statements: the verdict their claims are registered with (default unverified, for an analyst to set); YAML's bare true/false are read as those verdicts. */
    verdict: z
      .preprocess(
        (v) => (typeof v === 'boolean' ? String(v) : v),
        z.enum(VERDICTS as [Verdict, ...Verdict[]]),
      )
      .optional(),
  })
  .strict()
  .superRefine((source, issues) => {
    for (const key of ['issuing_body', 'verdict'] as const) {
      if (source[key] !== undefined && source.kind !== 'statements')
        issues.addIssue({ code: 'custom', path: [key], message: 'only for sources of kind statements' });
    }
    if (source.kind !== 'jsonl') {
      try {
        const url = new URL(source.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      } catch {
        issues.addIssue({ code: 'custom', path: ['url'], message: `invalid http(s) URL "${source.url}"` });
      }
    }
  });

export type SourceConfig = z.infer<typeof sourceSchema>;

/**
 * Validate the `sources` list of the config; errors name the key: `sources[1].schedule: invalid cron expression`.
 * `parseSources([{ name: 'baodaklak', kind: 'rss', url: 'https://baodaklak.vn/rss' }])`
 */
export function parseSources(raw: unknown, origin = 'config'): SourceConfig[] {
  const result = z.array(sourceSchema).safeParse(raw ?? []);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [index, ...rest] = issue.path;
      const key =
        typeof index === 'number'
          ? `sources[${index}]${rest.map((p) => `.${String(p)}`).join('')}`
          : 'sources';
      return `${key}: ${issue.message}`;
    });
    throw new DlxhError('CONFIG', `${origin}: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  for (const source of result.data) {
    if (seen.has(source.name))
      throw new DlxhError('CONFIG', `${origin}: sources: duplicate name "${source.name}"`);
    seen.add(source.name);
  }
  return result.data;
}

/** Make sure a sources row exists for `name` (ad-hoc imports have none in the config). */
export async function ensureSource(db: Db, name: string, kind: string, url: string | null): Promise<void> {
  await db.run(
    `INSERT INTO sources (name, kind, url) VALUES ($name, $kind, $url) ON CONFLICT (name) DO NOTHING`,
    {
      name,
      kind,
      url,
    },
  );
}

/** Upsert configured sources into the sources table (health columns are kept). */
export async function syncSources(db: Db, sources: readonly SourceConfig[]): Promise<void> {
  await db.transaction(async () => {
    for (const s of sources) {
      await db.run(
        `INSERT INTO sources (name, kind, url, schedule, config, credibility, classification, default_locality)
         VALUES ($name, $kind, $url, $schedule, $config, $credibility, $classification, $default_locality)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url, schedule = excluded.schedule,
           config = excluded.config, credibility = excluded.credibility, classification = excluded.classification,
           default_locality = excluded.default_locality`,
        {
          name: s.name,
          kind: s.kind,
          url: s.url,
          schedule: s.schedule ?? null,
          config: JSON.stringify(s),
          credibility: s.credibility ?? null,
          classification: s.classification,
          default_locality: s.default_locality ?? null,
        },
      );
    }
  });
}

/**
 * A source for a one-off `dlxh ingest rss|html URL --source NAME`: the configured source of that name when
 * there is one (its selectors and permissions apply), else defaults for the URL.
 * `adhocSource('rss', 'https://baodaklak.vn/rss', 'baodaklak', configuredSources)`
 */
export function adhocSource(
  kind: 'rss' | 'html',
  url: string,
  name: string,
  configured: readonly SourceConfig[] = [],
): SourceConfig {
  const known = configured.find((s) => s.name === name);
  return parseSources([{ ...(known ?? {}), name, kind, url }], 'command line')[0]!;
}
