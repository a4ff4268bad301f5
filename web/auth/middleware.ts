/** Request middleware: session and user, language, CSRF check on every state-changing request, role gates. */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { resolveScope, type AccessScope } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { findUserById, type Role, type User } from '../../data/users.ts';
import type { WebContext } from '../context.ts';
import { isLang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { LANG_COOKIE, SESSION_COOKIE, readCookie, setCookie } from './cookies.ts';
import type { Session } from './sessions.ts';

/** How long a session trusts the user it read; admin changes to a user end their sessions at once anyway. */
const USER_RECHECK_MS = 60_000;

/** The session's user, read from the database at most once a minute (not once per request). */
async function sessionUser(ctx: WebContext, session: Session): Promise<User | undefined> {
  const at = ctx.now().getTime();
  const known = session.user;
  if (
    known &&
    known.value.id === session.userId &&
    at - known.readAt >= 0 &&
    at - known.readAt < USER_RECHECK_MS
  )
    return known.value;
  const user = await findUserById(ctx.reads, session.userId!);
  session.user = user ? { value: user, readAt: at } : undefined;
  return user;
}

/** Loads the session from its cookie, the signed-in user (dropping a disabled one) and the language. */
export function loadSession(ctx: WebContext): RequestHandler {
  return async (req, res, next) => {
    const state = requestState(req);
    const session = ctx.sessions.get(readCookie(req, SESSION_COOKIE));
    if (session) {
      state.session = session;
      if (session.userId) {
        const user = await sessionUser(ctx, session);
        if (user && !user.disabled) state.user = user;
        else ctx.sessions.destroy(session.id);
      }
    }
    const asked = req.query.lang;
    if (isLang(asked)) {
      state.lang = asked;
      if (state.session) state.session.lang = asked;
      setCookie(req, res, LANG_COOKIE, asked, { forceSecure: ctx.secureCookies, maxAgeMs: 365 * 86_400_000 });
    } else {
      const remembered = state.session?.lang ?? readCookie(req, LANG_COOKIE);
      if (isLang(remembered)) state.lang = remembered;
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses (403) any POST/PUT/PATCH/DELETE whose `_csrf` field or `X-CSRF-Token` header is not the session's token. */
export function csrfProtection(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const session = requestState(req).session;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = typeof body?._csrf === 'string' ? body._csrf : req.get('x-csrf-token');
    if (!session || typeof sent !== 'string' || !sameToken(sent, session.csrf)) {
      return next(new DlxhError('FORBIDDEN', 'csrf: missing or invalid anti-forgery token'));
    }
    next();
  };
}

export function isApiRequest(req: Request): boolean {
  return req.path.startsWith('/api/');
}

/** Anyone not signed in is sent to the sign-in page (pages) or answered 401 (API). */
export function requireUser(): RequestHandler {
  return (req, res, next) => {
    if (requestState(req).user) return next();
    if (isApiRequest(req)) return void res.status(401).json({ error: 'sign in first' });
    const nextPath = req.method === 'GET' ? req.originalUrl : '/';
    res.redirect(303, `/login?next=${encodeURIComponent(nextPath)}`);
  };
}

/** The signed-in user; only call behind `requireUser`. */
export function currentUser(req: Request): User {
  const user = requestState(req).user;
  if (!user) throw new DlxhError('FORBIDDEN', 'sign in first');
  return user;
}

/** The signed-in user's access scope, kept in the session until the user or the unit responsibilities change. */
export async function currentScope(ctx: WebContext, req: Request): Promise<AccessScope> {
  const state = requestState(req);
  if (state.scope) return state.scope;
  const user = currentUser(req);
  const key = JSON.stringify([ctx.accessEpoch, user.id, user.role, user.unit_uid, user.clearance]);
  const cached = state.session?.scope;
  state.scope = cached?.key === key ? cached.scope : await resolveScope(ctx.reads, user);
  if (state.session) state.session.scope = { key, scope: state.scope };
  return state.scope;
}

/** Only users with one of `roles` pass; others get 403. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const user = requestState(req).user;
    if (user && roles.includes(user.role)) return next();
    next(new DlxhError('FORBIDDEN', `${req.path}: not allowed for this role`));
  };
}
