/** Sign-in and sign-out: throttled, locked after repeated failures, session id rotated, every attempt audited. */
import { Router, type Request, type Response } from 'express';
import { DEMO_USERS, checkCredentials } from '../../data/users.ts';
import { formatDate, t, type Lang } from '../i18n.ts';
import { SESSION_COOKIE, clearCookie, setCookie } from '../auth/cookies.ts';
import type { WebContext } from '../context.ts';
import { html, page, type SafeHtml } from '../html.ts';
import { requestState } from '../request-state.ts';

/** Only local paths: `/hotspots?x=1` passes, `//evil.example` and `https://…` become `/`. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function demoTable(lang: Lang): SafeHtml {
  return html`<section class="demo">
    <h2>${t(lang, 'auth.demo')}</h2>
    <table>
      <thead>
        <tr>
          <th>${t(lang, 'auth.username')}</th>
          <th>${t(lang, 'auth.password')}</th>
          <th>Role</th>
        </tr>
      </thead>
      <tbody>
        ${DEMO_USERS.map(
          (u) =>
            html`<tr>
              <td><code>${u.username}</code></td>
              <td><code>${u.password}</code></td>
              <td>${u.role}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function authRoutes(ctx: WebContext): Router {
  const router = Router();

  const showForm = (req: Request, res: Response, status: number, message?: string) => {
    const state = requestState(req);
    let session = state.session;
    if (!session) {
      session = ctx.sessions.create(null, state.lang);
      state.session = session;
      setCookie(req, res, SESSION_COOKIE, session.id, { forceSecure: ctx.secureCookies });
    }
    const lang = state.lang;
    const next = safeNext(req.query.next ?? (req.body as Record<string, unknown> | undefined)?.next);
    const body = html`<section class="login">
        <h1>${t(lang, 'auth.login')}</h1>
        ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value="${session.csrf}" />
          <input type="hidden" name="next" value="${next}" />
          <label
            >${t(lang, 'auth.username')} <input name="username" autocomplete="username" required
          /></label>
          <label
            >${t(lang, 'auth.password')}
            <input name="password" type="password" autocomplete="current-password" required
          /></label>
          <button type="submit">${t(lang, 'auth.login')}</button>
        </form>
      </section>
      ${ctx.demoMode ? demoTable(lang) : ''}`;
    res
      .status(status)
      .type('html')
      .send(page({ lang, url: req.originalUrl, csrf: session.csrf }, t(lang, 'auth.login'), body));
  };

  router.get('/login', (req, res) => {
    if (requestState(req).user) return void res.redirect(303, safeNext(req.query.next));
    const expired = req.query.expired === '1' ? t(requestState(req).lang, 'auth.expired') : undefined;
    showForm(req, res, 200, expired);
  });

  router.post('/login', async (req, res) => {
    const state = requestState(req);
    const lang = state.lang;
    const form = req.body as Record<string, unknown>;
    const username = String(form.username ?? '')
      .trim()
      .toLowerCase()
      .slice(0, 64);
    const password = String(form.password ?? '');
    if (!ctx.guard.allowAddress(req.ip ?? 'unknown')) {
      await ctx.audit(req, 'login.throttled', username);
      return showForm(req, res, 429, t(lang, 'auth.rate'));
    }
    const lockedUntil = await ctx.guard.lockedUntil(username);
    if (lockedUntil) {
      await ctx.audit(req, 'login.refused_locked', username);
      return showForm(req, res, 423, t(lang, 'auth.locked', { until: formatDate(lockedUntil, true) }));
    }
    const user = await checkCredentials(ctx.db, username, password);
    if (!user) {
      const locked = await ctx.guard.recordFailure(username);
      await ctx.audit(req, locked ? 'login.locked' : 'login.failure', username);
      if (locked) return showForm(req, res, 423, t(lang, 'auth.locked', { until: formatDate(locked, true) }));
      return showForm(req, res, 401, t(lang, 'auth.failed'));
    }
    await ctx.guard.recordSuccess(username);
    if (state.session) ctx.sessions.destroy(state.session.id);
    const session = ctx.sessions.create(user.id, lang);
    state.session = session;
    state.user = user;
    setCookie(req, res, SESSION_COOKIE, session.id, { forceSecure: ctx.secureCookies });
    await ctx.audit(req, 'login', user.username, { role: user.role });
    res.redirect(303, safeNext(form.next));
  });

  router.post('/logout', async (req, res) => {
    const state = requestState(req);
    if (state.user) await ctx.audit(req, 'logout', state.user.username);
    if (state.session) ctx.sessions.destroy(state.session.id);
    clearCookie(req, res, SESSION_COOKIE, ctx.secureCookies);
    res.redirect(303, '/login');
  });

  return router;
}
