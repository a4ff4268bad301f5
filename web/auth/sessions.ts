/** Server-side sessions in memory: random ids, a CSRF token each, idle and absolute expiry on an injected clock. */
import { randomBytes } from 'node:crypto';
import type { AccessScope } from '../../data/access.ts';
import type { User } from '../../data/users.ts';
import type { Lang } from '../i18n.ts';

export interface Session {
  readonly id: string;
  /** Synchronizer token: every state-changing request must echo it. */
  readonly csrf: string;
  userId: string | null;
  /**
   * The signed-in user as last read from the database, and when (ms): re-read once a minute, and gone with the
   * session when an admin changes the user (their sessions are destroyed), so a request need not query for it.
   */
  user?: { value: User; readAt: number };
  lang?: Lang;
  /** The user's access scope, with the key (user's role, unit, clearance, access epoch) it was resolved for. */
  scope?: { key: string; scope: AccessScope };
  /** A message for the next page shown (after a form's redirect), shown once. */
  flash?: string;
  readonly createdAt: number;
  lastSeen: number;
}

export interface SessionOptions {
  /** Signed-in sessions end after this long without a request (default 30 minutes). */
  idleMs?: number;
  /** …and this long after sign-in whatever happens (default 12 hours). */
  maxMs?: number;
  /** At most this many sessions are kept; the least recently used go first (default 10,000). */
  maxSessions?: number;
  /** At most this many not signed in (sign-in forms), so that a flood of them cannot push out users (default 1,000). */
  maxAnonymous?: number;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly maxSessions: number;
  private readonly maxAnonymous: number;
  private anonymous = 0;

  constructor(
    private readonly now: () => Date,
    options: SessionOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.maxMs = options.maxMs ?? 12 * 3600_000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.maxAnonymous = options.maxAnonymous ?? 1000;
  }

  /** A new session (anonymous when `userId` is null) with fresh id and CSRF token. */
  create(userId: string | null, lang?: Lang): Session {
    const at = this.now().getTime();
    const session: Session = { id: token(), csrf: token(), userId, lang, createdAt: at, lastSeen: at };
    if (userId === null && this.anonymous >= this.maxAnonymous) {
      for (const [id, old] of this.sessions) {
        if (old.userId !== null) continue;
        this.destroy(id);
        break;
      }
    }
    this.sessions.set(session.id, session);
    if (userId === null) this.anonymous++;
    if (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.destroy(oldest);
    }
    return session;
  }

  /** The live session with this id, touched; undefined (and forgotten) when unknown or expired. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now().getTime();
    if (at - session.lastSeen > this.idleMs || at - session.createdAt > this.maxMs) {
      this.destroy(id);
      return undefined;
    }
    session.lastSeen = at;
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  destroy(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    if (session.userId === null) this.anonymous--;
  }

  /** End every session of a user (after a change to their account). */
  destroyUser(userId: string): void {
    for (const [id, session] of this.sessions) if (session.userId === userId) this.destroy(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
