/** What the middleware learns about a request (session, user, scope, language), kept beside it. */
import type { Request } from 'express';
import type { AccessScope } from '../data/access.ts';
import type { User } from '../data/users.ts';
import type { Session } from './auth/sessions.ts';
import type { Lang } from './i18n.ts';

export interface RequestState {
  lang: Lang;
  session?: Session;
  user?: User;
  scope?: AccessScope;
}

const states = new WeakMap<Request, RequestState>();

export function requestState(req: Request): RequestState {
  let state = states.get(req);
  if (!state) {
    state = { lang: 'vi' };
    states.set(req, state);
  }
  return state;
}
