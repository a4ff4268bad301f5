/** Helpers every route uses: render a page for the request's user, read query parameters, query in scope. */
import type { Request, Response } from 'express';
import type { ScopedDb } from '../data/access.ts';
import { quoteIdent, type Db } from '../data/db.ts';
import { inputError } from '../data/errors.ts';
import type { Reads } from '../data/readers.ts';
import { parseTime } from '../data/time.ts';
import { currentScope } from './auth/middleware.ts';
import type { WebContext } from './context.ts';
import { html, page, type SafeHtml } from './html.ts';
import { t, type Lang } from './i18n.ts';
import { requestState } from './request-state.ts';

/** Scripts of a page with Plot charts: d3 and Plot served by the app, the shared chart code, then the page's own. */
export function chartScripts(own: string): string[] {
  return ['/vendor/d3.min.js', '/vendor/plot.umd.min.js', '/static/js/charts.js', own];
}

export function langOf(req: Request): Lang {
  return requestState(req).lang;
}

/** Send a full page with the request's language, user, CSRF token and menu. */
export function sendPage(
  req: Request,
  res: Response,
  title: string,
  body: SafeHtml,
  options: { scripts?: string[]; status?: number } = {},
): void {
  const state = requestState(req);
  res
    .status(options.status ?? 200)
    .type('html')
    .send(
      page(
        { lang: state.lang, user: state.user, csrf: state.session?.csrf, url: req.originalUrl },
        title,
        body,
        {
          scripts: options.scripts,
        },
      ),
    );
}

/** The first value of a query or form parameter, trimmed; undefined when absent or empty. */
export function param(source: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = source?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Every value of a repeated form parameter (checkboxes), as strings: `params(body, 'topics')` → `['y-te']`. */
export function params(source: Record<string, unknown> | undefined, name: string): string[] {
  const value = source?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
}

const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day typed the dashboard's way (dd/mm/yyyy) as ISO yyyy-mm-dd; any other value unchanged. */
export function isoDay(value: string): string {
  const m = DAY_MONTH_YEAR.exec(value.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value.trim();
}

/** An ISO day (yyyy-mm-dd) shown as the dashboard writes dates (dd/mm/yyyy); any other value unchanged. */
export function displayDay(value: string | undefined): string {
  if (value === undefined) return '';
  const m = ISO_DAY.exec(value.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** A day field the dashboard's way: typed dd/mm/yyyy whatever the browser's locale (a native date picker would not be). */
export function dateInput(name: string, value: string | undefined): SafeHtml {
  return html`<input
    type="text"
    name="${name}"
    value="${displayDay(value)}"
    placeholder="dd/mm/yyyy"
    inputmode="numeric"
    pattern="\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}"
    size="10"
  />`;
}

/**
 * A date or date-time parameter: dd/mm/yyyy as typed in the dashboard, or ISO 8601 (local time when no
 * offset); a bad value is a 400 naming it.
 */
export function timeParam(source: Record<string, unknown> | undefined, name: string): Date | undefined {
  const value = param(source, name);
  if (value === undefined) return undefined;
  const parsed = parseTime(isoDay(value));
  if (!parsed) throw inputError(name, null, `invalid date "${value}" (use dd/mm/yyyy or yyyy-mm-dd)`);
  return parsed;
}

/** The first day of a range as ISO yyyy-mm-dd (validated like timeParam); undefined when absent. */
export function dayParam(source: Record<string, unknown> | undefined, name: string): string | undefined {
  return timeParam(source, name) ? isoDay(param(source, name)!).slice(0, 10) : undefined;
}

/** A whole-number parameter within bounds, else the default. */
export function intParam(
  source: Record<string, unknown> | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = param(source, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw inputError(name, null, `invalid number "${value}" (${min}–${max})`);
  return n;
}

/**
 * Run `fn` on a connection that sees only what the signed-in user may see (pooled: create no temporary
 * objects on it).
 */
export async function inScope<T>(
  ctx: WebContext,
  req: Request,
  fn: (scoped: ScopedDb) => Promise<T>,
): Promise<T> {
  return ctx.scopedPool.use(await currentScope(ctx, req), fn);
}

/**
 * Today's administrative units by level and name, for a form's unit or area choice; with `agencies`, the specialised
 * agencies first (forms that name who acts: a user's unit, who asks for a survey).
 */
export async function unitChoices(
  db: Reads,
  options: { agencies?: boolean } = {},
): Promise<{ uid: string; name: string }[]> {
  const units =
    'SELECT uid, name FROM (SELECT uid, name FROM units WHERE valid_to IS NULL ORDER BY level, name)';
  return db.all<{ uid: string; name: string }>(
    options.agencies ? `SELECT uid, name FROM agencies UNION ALL ${units}` : units,
  );
}

/** A unit (of either era) or an agency by its uid: `{ uid, name }`, or undefined when there is none. */
export async function namedUnit(db: Reads, uid: string): Promise<{ uid: string; name: string } | undefined> {
  return db.one<{ uid: string; name: string }>(
    `SELECT uid, name FROM units WHERE uid = $uid UNION ALL SELECT uid, name FROM agencies WHERE uid = $uid LIMIT 1`,
    { uid },
  );
}

/** The taxonomy's topics with their names in `lang`, by name: for filters and for showing ids as names. */
export async function topicList(db: Reads, lang: Lang): Promise<{ id: string; name: string }[]> {
  return db.all<{ id: string; name: string }>(
    `SELECT id, ${lang === 'en' ? 'name_en' : 'name_vi'} AS name FROM topics ORDER BY name`,
  );
}

/** The topic filter of a list page: every topic by name, "all" first, `selected` chosen. */
export function topicFilter(
  lang: Lang,
  topics: readonly { id: string; name: string }[],
  selected: string | null | undefined,
): SafeHtml {
  return html`<label
    >${t(lang, 'common.topic')}
    <select name="topic">
      <option value="">${t(lang, 'common.all')}</option>
      ${topics.map((tp) => html`<option value="${tp.id}" ${selected === tp.id ? html`selected` : ''}>${tp.name}</option>`)}
    </select></label
  >`;
}

/** One checkbox named `topics` per topic, those in `checked` ticked (forms that take several topics). */
export function topicCheckboxes(
  topics: readonly { id: string; name: string }[],
  checked: readonly string[],
): SafeHtml {
  return html`${topics.map(
    (tp) =>
      html`<label class="check"
        ><input
          type="checkbox"
          name="topics"
          value="${tp.id}"
          ${checked.includes(tp.id) ? html`checked` : ''}
        />
        ${tp.name}</label
      >`,
  )}`;
}

/** Whether a table exists in the main schema (tables of capabilities that have not landed may not). */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  const row = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $name`,
    { name },
  );
  return (row?.n ?? 0) > 0;
}

/**
 * A value that changes whenever any row of `tables` does (a hash of every row), in one query, for caching
 * answers read from small tables. `await contentVersion(db, ['alerts'])` → `'500:2857554347596945412'`
 */
export async function contentVersion(db: Reads, tables: readonly string[]): Promise<string> {
  const parts = tables.map(
    (table) =>
      `(SELECT count(*) || ':' || coalesce(bit_xor(hash(*COLUMNS(*))), 0) FROM ${quoteIdent(table)})`,
  );
  return (await db.one<{ version: string }>(`SELECT ${parts.join(" || '|' || ")} AS version`))!.version;
}

/** Audit the view of a classified record (level above Thường). */
export async function auditView(
  ctx: WebContext,
  req: Request,
  kind: string,
  id: string,
  classification: number,
): Promise<void> {
  if (classification > 0) await ctx.audit(req, 'view', `${kind}:${id}`, { classification });
}

/** Is this request asking for JSON (an /api/ path)? */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/');
}
