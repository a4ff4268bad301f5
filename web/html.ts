/** Server-side HTML: an escaping tagged template, safe links, and the page layout shared by all pages. */
import type { Role, User } from '../data/users.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATION_LABELS_EN } from '../data/users.ts';
import { formatNumber, t, type Lang, type MessageKey } from './i18n.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** `html\`<p>${userText}</p>\`` escapes every interpolated value unless it is already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** `formatNumberVi(1234.5)` → `'1.234,5'`. */
export function formatNumberVi(n: number): string {
  return formatNumber('vi', n);
}

/** An external link target only if it is http(s); anything else (`javascript:`, `data:`) becomes undefined. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL path with query parameters, dropping empty ones: `href('/hotspots', { topic: 'y-te', q: '' })`. */
export function href(path: string, query: Record<string, string | number | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function classificationLabel(lang: Lang, level: number): string {
  return (lang === 'en' ? CLASSIFICATION_LABELS_EN : CLASSIFICATION_LABELS)[level] ?? String(level);
}

/** The classification marking shown on every classified record. */
export function classificationBadge(lang: Lang, level: number): SafeHtml {
  return html`<span class="badge level-${Math.min(Math.max(level, 0), 3)}"
    >${classificationLabel(lang, level)}</span
  >`;
}

export function emptyState(message: string): SafeHtml {
  return html`<p class="empty">${message}</p>`;
}

interface NavItem {
  path: string;
  key: MessageKey;
  roles: readonly Role[];
}

const ALL_BUT_CONTRIBUTOR: readonly Role[] = ['admin', 'analyst', 'leader', 'officer'];
export const NAV: readonly NavItem[] = [
  { path: '/', key: 'nav.overview', roles: ALL_BUT_CONTRIBUTOR },
  { path: '/hotspots', key: 'nav.hotspots', roles: ALL_BUT_CONTRIBUTOR },
  { path: '/inbox', key: 'nav.inbox', roles: ALL_BUT_CONTRIBUTOR },
  { path: '/documents', key: 'nav.documents', roles: ['admin', 'analyst', 'officer'] },
  { path: '/misinfo', key: 'nav.misinfo', roles: ['admin', 'analyst'] },
  { path: '/surveys', key: 'nav.surveys', roles: ['admin', 'analyst', 'leader'] },
  { path: '/survey-plan', key: 'nav.surveyPlan', roles: ALL_BUT_CONTRIBUTOR },
  { path: '/briefings', key: 'nav.briefings', roles: ALL_BUT_CONTRIBUTOR },
  { path: '/sources', key: 'nav.sources', roles: ['admin', 'analyst'] },
  { path: '/sql', key: 'nav.sql', roles: ['admin', 'analyst'] },
  { path: '/notebooks', key: 'nav.notebooks', roles: ['admin', 'analyst'] },
  { path: '/mine', key: 'nav.mine', roles: ['contributor'] },
  { path: '/admin', key: 'nav.admin', roles: ['admin'] },
  { path: '/audit', key: 'nav.audit', roles: ['admin'] },
];

/** Which roles may open a page, by its path in the navigation. */
export function rolesFor(path: string): readonly Role[] {
  return NAV.find((item) => item.path === path)?.roles ?? [];
}

export interface PageContext {
  lang: Lang;
  user?: User;
  csrf?: string;
  /** The request's path and query, for the language toggle and the active menu entry. */
  url: string;
}

function withLang(url: string, lang: Lang): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.set('lang', lang);
  return parsed.pathname + parsed.search;
}

/** A whole HTML page: header with the menu for the user's role, language toggle, sign-out form, body. */
export function page(
  ctx: PageContext,
  title: string,
  body: SafeHtml,
  options: { scripts?: string[] } = {},
): string {
  const { lang, user } = ctx;
  const path = new URL(ctx.url, 'http://local').pathname;
  const nav = user
    ? NAV.filter((item) => item.roles.includes(user.role)).map(
        (item) =>
          html`<a
            href="${item.path}"
            class="${(item.path === '/' ? path === '/' : path.startsWith(item.path)) ? 'active' : ''}"
            >${t(lang, item.key)}</a
          >`,
      )
    : [];
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${ctx.csrf ? html`<meta name="csrf-token" content="${ctx.csrf}" />` : ''}
        <title>${title} · dlxh</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">dlxh</a><span class="sub">${t(lang, 'app.name')}</span>
          <span class="spacer"></span>
          <a class="lang" href="${withLang(ctx.url, other)}" hreflang="${other}">${other.toUpperCase()}</a>
          ${
            user
              ? html`<span class="who"
                    >${user.display_name} · ${classificationLabel(lang, user.clearance)}</span
                  >
                  <form method="post" action="/logout" class="inline">
                    <input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}" />
                    <button type="submit" class="link">${t(lang, 'auth.logout')}</button>
                  </form>`
              : ''
          }
        </header>
        ${nav.length ? html`<nav class="menu">${nav}</nav>` : ''}
        <main>${body}</main>
        ${(options.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}
      </body>
    </html>`.value;
}

/** The former single-page layout, kept for callers that only need a title and a body. */
export function layout(title: string, body: SafeHtml): string {
  return page({ lang: 'vi', url: '/' }, title, body);
}
