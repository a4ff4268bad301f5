/**
 * Fetching like a good citizen: allow-list and private-address refusal at every hop, robots.txt, per-host
 * rate limit and concurrency, timeouts, retries with backoff and jitter (5xx, 429, timeouts; never other 4xx),
 * conditional GET, size cap, redirect limit; every request a fetch_log row.
 */
import type { Db } from '../../data/db.ts';
import { errorMessage } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import {
  addressProblem,
  hostProblem,
  systemLookup,
  type AllowPrivate,
  type Lookup,
} from './address-policy.ts';
import { HostGate } from './host-gate.ts';
import { robotsForResponse, type RobotsRules } from './robots.ts';
import {
  fetchTransport,
  nodeTransport,
  TransportError,
  type Transport,
  type TransportResponse,
} from './transport.ts';

const sql = readSqlFile(new URL('./fetcher.sql', import.meta.url));

export const USER_AGENT = 'dlxh/0.1 (+contact)';
const ROBOTS_AGENT = 'dlxh';
const ROBOTS_TTL_MS = 24 * 3600_000;
const MAX_CRAWL_DELAY_MS = 60_000;

export interface FetchPolicy {
  userAgent: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Extra attempts after the first, for 5xx, 429, timeouts and network errors. */
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Minimum time between request starts to one host (robots.txt crawl-delay can raise it). */
  hostIntervalMs: number;
  hostConcurrency: number;
  allowPrivate: AllowPrivate;
  /** When set, only these hosts (exact, or `*.example.vn` for subdomains) may be fetched. */
  allowHosts: readonly string[] | null;
  robots: boolean;
}

export const DEFAULT_POLICY: FetchPolicy = {
  userAgent: USER_AGENT,
  connectTimeoutMs: 5_000,
  timeoutMs: 20_000,
  retries: 2,
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  hostIntervalMs: 1_000,
  hostConcurrency: 2,
  allowPrivate: false,
  allowHosts: null,
  robots: true,
};

export type FetchOutcome =
  'ok' | 'not_modified' | 'http_error' | 'timeout' | 'refused' | 'too_large' | 'error';

export type FetchResult =
  | {
      outcome: 'ok';
      url: string;
      finalUrl: string;
      status: number;
      headers: Record<string, string>;
      body: Buffer;
      /** Validators to send next time; saved with `saveValidators` once the content is safely stored. */
      validators: Validators | null;
    }
  | { outcome: 'not_modified'; url: string; finalUrl: string; status: 304 }
  | {
      outcome: Exclude<FetchOutcome, 'ok' | 'not_modified'>;
      url: string;
      status: number | null;
      error: string;
    };

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Remember `url`'s validators for the next conditional GET; call after what was fetched has been stored. */
export async function saveValidators(
  db: Db,
  url: string,
  validators: Validators | null,
  now: Date,
): Promise<void> {
  if (!validators) return;
  await db.run(sql('save_validators'), {
    url,
    etag: validators.etag,
    last_modified: validators.lastModified,
    status: 200,
    checked_at: now,
  });
}

export interface FetchRequest {
  url: string;
  /** Source name recorded in fetch_log. */
  source?: string | null;
  /** Send If-None-Match / If-Modified-Since from the last response (default true). */
  conditional?: boolean;
  accept?: string;
  policy?: Partial<FetchPolicy>;
}

export interface FetcherContext {
  db: Db;
  now: () => Date;
  /** A WHATWG fetch to use instead of node:http (e.g. in tests); redirects are still followed here. */
  fetch?: typeof fetch;
  transport?: Transport;
  lookup?: Lookup;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform [0, 1) for jitter. */
  random?: () => number;
  /** Monotonic milliseconds for rate limiting. */
  monotonic?: () => number;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function hostAllowed(host: string, allowHosts: readonly string[] | null): boolean {
  if (!allowHosts) return true;
  const lower = host.toLowerCase();
  return allowHosts.some((entry) => {
    const pattern = entry.toLowerCase();
    return pattern.startsWith('*.')
      ? lower === pattern.slice(2) || lower.endsWith(pattern.slice(1))
      : lower === pattern;
  });
}

function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

type Attempt =
  | { kind: 'response'; response: TransportResponse }
  | { kind: 'failure'; outcome: 'timeout' | 'refused' | 'too_large' | 'error'; error: string };

/** A fetcher sharing one host gate and robots cache across all its requests. */
export function createFetcher(ctx: FetcherContext, defaults: Partial<FetchPolicy> = {}): Fetcher {
  const transport = ctx.transport ?? (ctx.fetch ? fetchTransport(ctx.fetch) : nodeTransport);
  const lookup = ctx.lookup ?? systemLookup;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = ctx.random ?? Math.random;
  const gate = new HostGate({ now: ctx.monotonic ?? (() => performance.now()), sleep });
  const robotsCache = new Map<string, { rules: RobotsRules; expiresAt: number }>();

  async function log(entry: {
    source: string | null;
    url: string;
    startedAt: Date;
    started: number;
    status: number | null;
    bytes: number | null;
    outcome: string;
    error: string | null;
    headers?: Record<string, string>;
  }): Promise<void> {
    await ctx.db.run(sql('log'), {
      source: entry.source,
      url: entry.url,
      started_at: entry.startedAt,
      duration_ms: Math.round(performance.now() - entry.started),
      status: entry.status,
      bytes: entry.bytes,
      outcome: entry.outcome,
      error: entry.error,
      etag: entry.headers?.etag ?? null,
      last_modified: entry.headers?.['last-modified'] ?? null,
    });
  }

  /** One request through the gate, logged; no retries, no redirects. */
  async function attempt(
    url: URL,
    headers: Record<string, string>,
    policy: FetchPolicy,
    source: string | null,
    intervalMs: number,
  ): Promise<Attempt> {
    const release = await gate.acquire(url.host, policy.hostConcurrency, intervalMs);
    const startedAt = ctx.now();
    const started = performance.now();
    try {
      const response = await transport({
        url,
        headers,
        connectTimeoutMs: policy.connectTimeoutMs,
        timeoutMs: policy.timeoutMs,
        maxBytes: policy.maxBytes,
        checkAddress: (ip) => addressProblem(ip, policy.allowPrivate),
      });
      const outcome =
        response.status === 304
          ? 'not_modified'
          : REDIRECTS.has(response.status)
            ? 'redirect'
            : response.status >= 200 && response.status < 300
              ? 'ok'
              : 'http_error';
      await log({
        source,
        url: url.href,
        startedAt,
        started,
        status: response.status,
        bytes: response.body.length,
        outcome,
        error: outcome === 'http_error' ? `HTTP ${response.status}` : null,
        headers: response.headers,
      });
      return { kind: 'response', response };
    } catch (error) {
      const kind = error instanceof TransportError ? error.kind : 'network';
      const outcome = kind === 'network' ? 'error' : kind;
      const message = errorMessage(error);
      await log({
        source,
        url: url.href,
        startedAt,
        started,
        status: null,
        bytes: null,
        outcome,
        error: message,
      });
      return { kind: 'failure', outcome, error: message };
    } finally {
      release();
    }
  }

  async function robotsFor(url: URL, policy: FetchPolicy, source: string | null): Promise<RobotsRules> {
    const cached = robotsCache.get(url.origin);
    const nowMs = ctx.now().getTime();
    if (cached && cached.expiresAt > nowMs) return cached.rules;
    const robotsUrl = new URL('/robots.txt', url.origin);
    const result = await attempt(
      robotsUrl,
      { 'user-agent': policy.userAgent, accept: 'text/plain' },
      policy,
      source,
      policy.hostIntervalMs,
    );
    const rules = robotsForResponse(
      robotsUrl.href,
      result.kind === 'response'
        ? { status: result.response.status, body: result.response.body.toString('utf8') }
        : null,
      ROBOTS_AGENT,
    );
    robotsCache.set(url.origin, { rules, expiresAt: nowMs + ROBOTS_TTL_MS });
    return rules;
  }

  async function refused(source: string | null, url: string, error: string): Promise<FetchResult> {
    await log({
      source,
      url,
      startedAt: ctx.now(),
      started: performance.now(),
      status: null,
      bytes: null,
      outcome: 'refused',
      error,
    });
    return { outcome: 'refused', url, status: null, error };
  }

  return {
    async fetch(request) {
      const policy: FetchPolicy = { ...DEFAULT_POLICY, ...defaults, ...request.policy };
      const source = request.source ?? null;
      let validators: { etag: string | null; last_modified: string | null } | undefined;
      if (request.conditional !== false) {
        validators = await ctx.db.one<{ etag: string | null; last_modified: string | null }>(
          sql('validators'),
          {
            url: request.url,
          },
        );
      }
      const visited = new Set<string>();
      let current: URL;
      try {
        current = new URL(request.url);
      } catch {
        return refused(source, request.url, `invalid URL "${request.url}"`);
      }
      for (let hop = 0; ; hop++) {
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          return refused(source, current.href, `scheme ${current.protocol} is not allowed`);
        }
        if (!hostAllowed(current.hostname, policy.allowHosts)) {
          return refused(source, current.href, `host ${current.hostname} is not in the allow-list`);
        }
        const problem = await hostProblem(current.hostname, policy.allowPrivate, lookup);
        if (problem) return refused(source, current.href, problem);
        let intervalMs = policy.hostIntervalMs;
        if (policy.robots) {
          const rules = await robotsFor(current, policy, source);
          if (!rules.isAllowed(current.href))
            return refused(source, current.href, 'disallowed by robots.txt');
          const delay = rules.crawlDelay();
          if (delay !== undefined)
            intervalMs = Math.max(intervalMs, Math.min(delay * 1000, MAX_CRAWL_DELAY_MS));
        }
        const headers: Record<string, string> = {
          'user-agent': policy.userAgent,
          accept: request.accept ?? '*/*',
          'accept-encoding': 'identity',
        };
        if (hop === 0 && validators?.etag) headers['if-none-match'] = validators.etag;
        if (hop === 0 && validators?.last_modified) headers['if-modified-since'] = validators.last_modified;

        let result: Attempt | null = null;
        for (let tryNo = 0; tryNo <= policy.retries; tryNo++) {
          result = await attempt(current, headers, policy, source, intervalMs);
          const retryable =
            result.kind === 'failure'
              ? result.outcome === 'timeout' || result.outcome === 'error'
              : result.response.status >= 500 || result.response.status === 429;
          if (!retryable || tryNo === policy.retries) break;
          const exponential = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** tryNo);
          const asked =
            result.kind === 'response'
              ? retryAfterMs(result.response.headers['retry-after'], ctx.now())
              : null;
          const wait =
            asked !== null
              ? Math.min(asked, policy.retryMaxMs)
              : exponential / 2 + (random() * exponential) / 2;
          await sleep(wait);
        }
        if (result!.kind === 'failure')
          return { outcome: result!.outcome, url: request.url, status: null, error: result!.error };
        const { response } = result!;
        if (REDIRECTS.has(response.status)) {
          const location = response.headers.location;
          if (!location)
            return {
              outcome: 'http_error',
              url: request.url,
              status: response.status,
              error: `HTTP ${response.status} without Location`,
            };
          visited.add(current.href);
          const next = new URL(location, current);
          if (visited.has(next.href)) {
            return {
              outcome: 'error',
              url: request.url,
              status: response.status,
              error: `redirect loop at ${next.href}`,
            };
          }
          if (hop + 1 > policy.maxRedirects) {
            return {
              outcome: 'error',
              url: request.url,
              status: response.status,
              error: `more than ${policy.maxRedirects} redirects`,
            };
          }
          current = next;
          continue;
        }
        if (response.status === 304) {
          await ctx.db.run(sql('touch_validators'), { url: request.url, checked_at: ctx.now() });
          return { outcome: 'not_modified', url: request.url, finalUrl: current.href, status: 304 };
        }
        if (response.status < 200 || response.status >= 300) {
          return {
            outcome: 'http_error',
            url: request.url,
            status: response.status,
            error: `HTTP ${response.status}`,
          };
        }
        const { etag, 'last-modified': lastModified } = response.headers;
        return {
          outcome: 'ok',
          url: request.url,
          finalUrl: current.href,
          status: response.status,
          headers: response.headers,
          body: response.body,
          validators:
            etag || lastModified ? { etag: etag ?? null, lastModified: lastModified ?? null } : null,
        };
      }
    },
  };
}
