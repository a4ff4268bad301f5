/**
 * Runs analyst notebooks (Markdown with ```sql and ```js cells) against a read-only snapshot of the database
 * and writes one self-contained HTML page per notebook, charts rendered on the server with Observable Plot.
 *
 *   node --import tsx notebooks/run-notebook.ts --db data/snapshots/dlxh.duckdb --out notebooks/dist [file.md …]
 *
 * The database file is copied first and the copy attached READ_ONLY: a notebook never holds a lock on the
 * live file the server owns, and cannot change anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { openDb, quoteIdent, type Db, type SqlValue } from '../data/db.ts';
import { DlxhError, errorMessage } from '../data/errors.ts';
import { stderrLogger, type Logger } from '../data/logger.ts';
import { formatDateVi, toLocalIso } from '../data/time.ts';
import { formatNumber, formatShare } from '../analytics/briefings/format.ts';
import { dayDate, viTickFormat, viUtcFormat } from '../analytics/briefings/charts/vi-time-locale.ts';
import { formatDisclosureVi, publishEstimates } from '../analytics/surveys/disclosure.ts';
import { isProfile } from '../analytics/briefings/sections/surveys-section.ts';
import { escapeHtml, markdownToHtml, parseNotebook, type CodeCell } from './notebook-markdown.ts';

export const NOTEBOOK_DIR = path.dirname(fileURLToPath(import.meta.url));
const MAX_TABLE_ROWS = 50;
const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

export interface Snapshot {
  db: Db;
  /** The file the snapshot was copied from. */
  source: string;
  /** When that file was last written. */
  modifiedAt: Date;
  close(): void;
}

/**
 * Copy `file` (and its WAL) to a temporary folder and attach the copy read-only.
 * `const snap = await openSnapshot('data/snapshots/dlxh.duckdb'); … snap.close()`
 */
export async function openSnapshot(file: string): Promise<Snapshot> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new DlxhError('INPUT', `--db: database ${file} not found (give a snapshot of the dlxh database)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-notebook-'));
  const copy = path.join(dir, 'snapshot.duckdb');
  const db = await openDb(':memory:');
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}.wal`)) fs.copyFileSync(`${file}.wal`, `${copy}.wal`);
    // ATTACH takes no bound parameters; the path is our own temporary file, quoted as a literal.
    await db.run(`ATTACH '${copy.replaceAll("'", "''")}' AS snapshot (READ_ONLY)`);
    await db.run('USE snapshot');
  } catch (error) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw new DlxhError(
      'INPUT',
      `--db: ${file} cannot be read as a DuckDB database: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  return {
    db,
    source: file,
    modifiedAt: fs.statSync(file).mtime,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface RawHtml {
  __html: string;
}

function isRawHtml(value: unknown): value is RawHtml {
  return !!value && typeof value === 'object' && typeof (value as RawHtml).__html === 'string';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return toLocalIso(value).replace('T', ' ').slice(0, 16);
  if (typeof value === 'number') {
    return value !== 0 && Math.abs(value) < 0.001 ? value.toExponential(2) : NUMBER.format(value);
  }
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows of objects as an HTML table (the first 50, with a note of how many more). */
export function rowsToHtml(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '<p class="empty">(không có dòng nào)</p>';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const numeric = columns.map((c) => shown.every((r) => r[c] === null || typeof r[c] === 'number'));
  const head = columns.map((c, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body = shown
    .map(
      (r) =>
        `<tr>${columns
          .map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${escapeHtml(cellText(r[c]))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const more =
    rows.length > shown.length ? `<p class="more">… và ${rows.length - shown.length} dòng nữa</p>` : '';
  return `<table class="rows"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

/** How a value shows in the page: Plot charts as inline SVG, rows as a table, text as text. */
export function valueToHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isRawHtml(value)) return value.__html;
  if (typeof value === 'object' && typeof (value as Element).outerHTML === 'string') {
    return `<div class="chart">${(value as Element).outerHTML}</div>`;
  }
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    return rowsToHtml(value as Record<string, unknown>[]);
  }
  if (typeof value === 'string') return `<p class="text">${escapeHtml(value)}</p>`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return `<p class="text">${escapeHtml(cellText(value))}</p>`;
  return `<pre class="json">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => AsyncFn;

/** Top-level names a JS cell declares (`const x`, `let {a, b: c}`, `function f`, `class K`): later cells see them. */
export function declaredNames(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of code.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of code.matchAll(/^class\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of code.matchAll(/^(?:const|let|var)\s+[{[]([^=]*?)[}\]]\s*=/gm)) {
    for (const part of m[1]!.split(',')) {
      const local = part.split(':').pop()!.split('=')[0]!.replace('...', '').trim();
      if (/^[A-Za-z_$][\w$]*$/.test(local)) names.add(local);
    }
  }
  return [...names];
}

function compileExpression(params: string[], code: string): AsyncFn | null {
  const expression = code.trim().replace(/;\s*$/, '');
  if (!expression) return null;
  try {
    return new AsyncFunction(...params, `return (\n${expression}\n);`);
  } catch {
    // Not a single expression: the caller runs the cell as statements.
    return null;
  }
}

export interface NotebookEnv {
  db: Db;
  logger?: Logger;
}

interface RunState {
  scope: Record<string, unknown>;
  outputs: string[];
}

function makeSql(db: Db) {
  /** sql`SELECT … WHERE x = ${value}` (values bound), or sql('SELECT …'). */
  return async (strings: TemplateStringsArray | string, ...values: unknown[]) => {
    if (typeof strings === 'string') return db.all(strings);
    let text = strings[0]!;
    values.forEach((_, i) => (text += `$${i + 1}${strings[i + 1]}`));
    return db.all(
      text,
      values.map((v) => (v === undefined ? null : (v as SqlValue))),
    );
  };
}

/** The names every JS cell can use besides the cells' own. */
function builtins(db: Db, state: RunState): Record<string, unknown> {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const plot = (options: Plot.PlotOptions = {}) => Plot.plot({ ...options, document });
  return {
    sql: makeSql(db),
    db,
    Plot: { ...Plot, plot },
    display: (value: unknown) => {
      state.outputs.push(valueToHtml(value));
      return undefined;
    },
    html: (strings: TemplateStringsArray, ...values: unknown[]): RawHtml => ({
      __html: strings.reduce(
        (out, s, i) => out + s + (i < values.length ? escapeHtml(String(values[i] ?? '')) : ''),
        '',
      ),
    }),
    lib: {
      formatNumber,
      formatShare,
      formatDateVi,
      viUtcFormat,
      viTickFormat,
      dayDate,
      quoteIdent,
      publishEstimates: (options: Parameters<typeof publishEstimates>[1]) => publishEstimates(db, options),
      formatDisclosureVi,
      isProfile,
    },
  };
}

async function runSqlCell(cell: CodeCell, state: RunState, db: Db): Promise<unknown> {
  const params: SqlValue[] = [];
  const parts = cell.code.split(/\$\{([^}]+)\}/);
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      text += parts[i];
      continue;
    }
    const names = Object.keys(state.scope);
    const fn = new AsyncFunction(...names, `return (${parts[i]});`);
    const value = await fn(...names.map((n) => state.scope[n]));
    params.push(value === undefined ? null : (value as SqlValue));
    text += `$${params.length}`;
  }
  return db.all(text, params);
}

async function runJsCell(cell: CodeCell, state: RunState): Promise<unknown> {
  const declared = declaredNames(cell.code);
  const params = Object.keys(state.scope).filter((n) => !declared.includes(n));
  const args = params.map((n) => state.scope[n]);
  const expression = declared.length === 0 ? compileExpression(params, cell.code) : null;
  if (expression) return expression(...args);
  const fn = new AsyncFunction(...params, `${cell.code}\n;return { ${declared.join(', ')} };`);
  const result = (await fn(...args)) as Record<string, unknown>;
  Object.assign(state.scope, result);
  return undefined;
}

export interface CellResult {
  line: number;
  kind: 'sql' | 'js';
  error: string | null;
  /** Inline SVG charts the cell showed. */
  charts: number;
}

export interface NotebookResult {
  file: string;
  title: string;
  html: string;
  cells: CellResult[];
  /** `file: line N: message` for each cell that failed. */
  errors: string[];
  charts: number;
}

const PAGE_CSS = `
body { font: 15px/1.5 "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 980px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
.meta { color: #555; font-size: .9em; }
details.code { margin: 10px 0 4px; } details.code summary { cursor: pointer; color: #555; font-size: .85em; }
pre { background: #f5f5f5; border: 1px solid #ddd; padding: 6px 8px; overflow-x: auto; font: 12.5px/1.4 "DejaVu Sans Mono", monospace; }
.output { margin: 4px 0 14px; overflow-x: auto; }
table { border-collapse: collapse; font-size: .88em; margin: 6px 0; }
th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; } th { background: #eee; } .num { text-align: right; }
.cell-error { border-left: 4px solid #b2182b; background: #fdecea; padding: 6px 10px; white-space: pre-wrap; }
.chart svg { max-width: 100%; height: auto; }
blockquote { border-left: 3px solid #ccc; margin: 0; padding-left: 10px; color: #444; }
`;

/**
 * Run one notebook on `env.db` and render its page. A failing cell is shown as an error and the notebook goes on.
 * `const page = await runNotebook('notebooks/xu-huong-chu-de.md', { db: snap.db })`
 */
export async function runNotebook(
  file: string,
  env: NotebookEnv,
  meta: { snapshot?: string; now?: Date } = {},
): Promise<NotebookResult> {
  const name = path.basename(file);
  const parsed = parseNotebook(fs.readFileSync(file, 'utf8'), name);
  const state: RunState = { scope: {}, outputs: [] };
  state.scope = builtins(env.db, state);
  const body: string[] = [];
  const cells: CellResult[] = [];
  const errors: string[] = [];
  for (const block of parsed.blocks) {
    if (block.kind === 'markdown') {
      body.push(markdownToHtml(block.text));
      continue;
    }
    state.outputs = [];
    let error: string | null = null;
    try {
      const value =
        block.kind === 'sql' ? await runSqlCell(block, state, env.db) : await runJsCell(block, state);
      if (block.id) state.scope[block.id] = value;
      if (block.display && value !== undefined) state.outputs.push(valueToHtml(value));
    } catch (e) {
      error = errorMessage(e);
      errors.push(`${name}: line ${block.line}: ${error}`);
      env.logger?.warn(`${name}: line ${block.line}: ${error}`);
    }
    const output = state.outputs.join('\n');
    const charts = (output.match(/<svg\b/g) ?? []).length;
    cells.push({ line: block.line, kind: block.kind, error, charts });
    body.push(
      `<details class="code"><summary>${block.kind.toUpperCase()}${block.id ? ` · ${escapeHtml(block.id)}` : ''} (dòng ${block.line})</summary>` +
        `<pre><code>${escapeHtml(block.code)}</code></pre></details>` +
        (error ? `<div class="cell-error">Lỗi: ${escapeHtml(error)}</div>` : '') +
        (output ? `<div class="output">${output}</div>` : ''),
    );
  }
  const title = parsed.title ?? name.replace(/\.md$/, '');
  const info = [
    meta.snapshot ? `Dữ liệu: ${escapeHtml(meta.snapshot)}` : null,
    meta.now ? `chạy lúc ${escapeHtml(formatDateVi(meta.now, true))}` : null,
    `sổ tay ${escapeHtml(name)}`,
  ].filter(Boolean);
  const html = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head>
<body>
<p class="meta">${info.join(' · ')}</p>
${body.join('\n')}
</body>
</html>
`;
  return { file, title, html, cells, errors, charts: cells.reduce((a, c) => a + c.charts, 0) };
}

/** The notebooks of a folder: every `.md` file except README.md, sorted. */
export function listNotebooks(dir = NOTEBOOK_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => path.join(dir, f));
}

/** What `buildNotebooks` writes beside the pages (`manifest.json`): the dashboard serves the pages by it. */
export interface NotebookManifest {
  built_at: string;
  /** The database file the snapshot was copied from, and when it was last written. */
  source: string;
  source_written_at: string;
  /**
   * The highest classification of any record in the snapshot: the notebooks read it unfiltered, province-wide,
   * so only users who see the whole province with at least this clearance may open them.
   */
  max_classification: number;
  notebooks: { file: string; title: string; charts: number; errors: number }[];
}

export const MANIFEST_FILE = 'manifest.json';

/** The highest `classification` of any row of any table in `db` (0 when none has one). */
export async function highestClassification(db: Db): Promise<number> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND column_name = 'classification'
     ORDER BY table_name`,
  );
  let highest = 0;
  for (const { table_name } of tables) {
    const row = await db.one<{ level: number | null }>(
      `SELECT max(classification)::INTEGER AS level FROM ${quoteIdent(table_name)}`,
    );
    highest = Math.max(highest, row?.level ?? 0);
  }
  return highest;
}

export interface BuildOptions {
  /** The database file to snapshot (never opened in place). */
  db: string;
  out: string;
  notebooks?: string[];
  now: Date;
  logger?: Logger;
}

/**
 * Run notebooks against a snapshot of `options.db` and write `<name>.html` for each, `index.html` and
 * `manifest.json` (with the snapshot's highest classification) into `options.out`. Returns what each produced.
 */
export async function buildNotebooks(options: BuildOptions): Promise<NotebookResult[]> {
  const files = options.notebooks?.length ? options.notebooks : listNotebooks();
  const snapshot = await openSnapshot(options.db);
  const results: NotebookResult[] = [];
  let maxClassification: number;
  try {
    maxClassification = await highestClassification(snapshot.db);
    fs.mkdirSync(options.out, { recursive: true });
    // Until the new manifest is written, the dashboard serves nothing from this folder (it fails closed).
    fs.rmSync(path.join(options.out, MANIFEST_FILE), { force: true });
    const label = `${path.basename(options.db)} (ghi lúc ${formatDateVi(snapshot.modifiedAt, true)})`;
    for (const file of files) {
      const result = await runNotebook(
        file,
        { db: snapshot.db, logger: options.logger },
        { snapshot: label, now: options.now },
      );
      const target = path.join(options.out, `${path.basename(file, '.md')}.html`);
      fs.writeFileSync(`${target}.tmp`, result.html);
      fs.renameSync(`${target}.tmp`, target);
      results.push(result);
    }
  } finally {
    snapshot.close();
  }
  const items = results.map(
    (r) =>
      `<li><a href="${escapeHtml(path.basename(r.file, '.md'))}.html">${escapeHtml(r.title)}</a>` +
      `${r.errors.length ? ` <span class="cell-error">${r.errors.length} ô lỗi</span>` : ''}</li>`,
  );
  fs.writeFileSync(
    path.join(options.out, 'index.html'),
    `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Sổ tay phân tích</title><style>${PAGE_CSS}</style></head>\n<body><h1>Sổ tay phân tích dữ liệu dư luận</h1>\n<ul>${items.join('\n')}</ul></body></html>\n`,
  );
  const manifest: NotebookManifest = {
    built_at: toLocalIso(options.now),
    source: path.resolve(options.db),
    source_written_at: toLocalIso(snapshot.modifiedAt),
    max_classification: maxClassification,
    notebooks: results.map((r) => ({
      file: `${path.basename(r.file, '.md')}.html`,
      title: r.title,
      charts: r.charts,
      errors: r.errors.length,
    })),
  };
  const target = path.join(options.out, MANIFEST_FILE);
  fs.writeFileSync(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(`${target}.tmp`, target);
  return results;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { db: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const logger = stderrLogger();
  const db = values.db ?? process.env.DLXH_DB ?? 'data/dlxh.duckdb';
  const out = values.out ?? path.join(NOTEBOOK_DIR, 'dist');
  const results = await buildNotebooks({ db, out, notebooks: positionals, now: new Date(), logger });
  for (const r of results) {
    logger.info(`${path.basename(r.file)}: ${r.cells.length} ô, ${r.charts} biểu đồ, ${r.errors.length} lỗi`);
  }
  logger.info(`sổ tay → ${path.join(out, 'index.html')}`);
  if (results.some((r) => r.errors.length)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`lỗi: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  });
}
