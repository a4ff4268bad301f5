/** What the app is given (database, logger, clock, job control, options) and the services it builds from it. */
import type { Request } from 'express';
import type { RoutingRule } from '../analytics/alerts/routing.ts';
import { ScopedDbPool } from '../data/access.ts';
import { appendAudit } from '../data/audit.ts';
import type { Db } from '../data/db.ts';
import { readConnections, type Reads } from '../data/readers.ts';
import type { Logger } from '../data/logger.ts';
import type { RetentionRules } from '../data/retention.ts';
import { LoginGuard, type LoginGuardOptions } from './auth/login-guard.ts';
import { SessionStore, type SessionOptions } from './auth/sessions.ts';
import { requestState } from './request-state.ts';
import { ResponseCache } from './response-cache.ts';

/** Job control injected by bin/: the scheduler's jobs and a way to run one now. */
export interface JobControl {
  jobs(): string[];
  runNow(job: string): Promise<unknown>;
  /** The job's cron expression in Vietnam time, when it has one. */
  schedule?(job: string): string | null | undefined;
}

export interface AppContext {
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Demo mode: the sign-in page lists the demo accounts. */
  demoMode?: boolean;
  jobs?: JobControl;
  /** Mark cookies Secure even when the request does not look like https (TLS ends before a proxy that hides it). */
  secureCookies?: boolean;
  /** Express `trust proxy`: set when behind a reverse proxy so that client addresses and https are seen. */
  trustProxy?: boolean | number | string;
  session?: SessionOptions;
  loginGuard?: LoginGuardOptions;
  explorer?: { maxRows?: number; timeoutMs?: number };
  /** The pseudonym secret (data/pseudonym.ts), so that an admin can resolve a pseudonym; absent: not offered. */
  pseudonymSecret?: string;
  /** The config file's routing rules (`routing:`): when set they are in force and the admin page only shows them. */
  routingRules?: readonly RoutingRule[] | null;
  /** The retention rules for personal data (config `retention`); default DEFAULT_RETENTION. */
  retention?: RetentionRules;
  /** Where the built analyst notebooks are (`npm run notebooks`); default notebooks/dist. */
  notebooksDir?: string;
}

export interface WebContext extends AppContext {
  sessions: SessionStore;
  /**
   * Connections of their own for the per-request reads (user, data versions, reference lists), so that they do not
   * queue behind the scheduler's work on `db`'s connection; writes and transactions stay on `db`.
   */
  reads: Reads;
  /** Scoped connections reused across requests of users with the same scope. */
  scopedPool: ScopedDbPool;
  guard: LoginGuard;
  /** Answers of the overview and the hot-spot list per scope and filters, until their data changes. */
  answerCache: ResponseCache<unknown>;
  /** Results of the SQL explorer per scope and query text, for a few seconds or until new data. */
  explorerCache: ResponseCache<unknown>;
  /** Bumped when unit responsibilities change, so that cached scopes are resolved again. */
  accessEpoch: number;
  /** Append to the audit log as the request's user. */
  audit(
    req: Request,
    action: string,
    object?: string | null,
    details?: Record<string, unknown>,
  ): Promise<void>;
}

export function webContext(ctx: AppContext): WebContext {
  // One connection: the reads are short, and several at once on two cores made the API slower (bench/web-api).
  const reads = readConnections(ctx.db, 1);
  return {
    ...ctx,
    sessions: new SessionStore(ctx.now, ctx.session),
    reads,
    scopedPool: new ScopedDbPool(ctx.db, ctx.now, { reads }),
    answerCache: new ResponseCache(() => ctx.now().getTime()),
    explorerCache: new ResponseCache(() => performance.now(), { ttlMs: 5000, max: 50 }),
    accessEpoch: 0,
    guard: new LoginGuard(ctx.db, ctx.now, ctx.loginGuard),
    async audit(req, action, object, details) {
      const user = requestState(req).user;
      await appendAudit(
        ctx.db,
        {
          actor: user?.username ?? 'anonymous',
          action,
          object: object ?? null,
          details: { ...details, ip: req.ip },
        },
        ctx.now(),
      );
    },
  };
}
