/** Truy vấn / SQL explorer: read-only SQL over the user's filtered views, with row and time limits, downloads; every query audited. */
import { Router, type Request, type Response } from 'express';
import {
  EXPLORER_DEFAULTS,
  copyExplorerQueryToParquet,
  runExplorerQuery,
  scopeKey,
  type ExplorerResult,
} from '../../data/access.ts';
import { DlxhError, errorMessage, isDlxhError } from '../../data/errors.ts';
import { localDay } from '../../data/time.ts';
import { currentScope, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { SafeHtml, emptyState, html } from '../html.ts';
import { formatNumber, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { chartScripts, inScope, langOf, param, sendPage } from '../route-helpers.ts';
import { toArrowFile, toArrowStream } from '../arrow-ipc.ts';
import { jsonRows, toCsv, toXlsx } from '../tabular.ts';
import { sendAndRemove, tempExportFile } from './exports.ts';

export const SQL_EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'parquet', 'arrow', 'arrows'] as const;
const EXPORT_LABELS: Record<(typeof SQL_EXPORT_FORMATS)[number], string> = {
  csv: 'CSV',
  json: 'JSON',
  xlsx: 'XLSX',
  parquet: 'Parquet',
  arrow: 'Arrow',
  arrows: 'Arrow stream',
};
/** Media types of the Arrow IPC file and stream formats (IANA registrations of Apache Arrow). */
const ARROW_TYPES = {
  arrow: 'application/vnd.apache.arrow.file',
  arrows: 'application/vnd.apache.arrow.stream',
};
const EXAMPLE = `SELECT published_at::DATE AS day, count(*) AS n
FROM documents
GROUP BY day
ORDER BY day`;

/** JSON inside a <script type="application/json"> block: `<` escaped so no text can close the element. */
function jsonScript(id: string, value: unknown): SafeHtml {
  const text = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new SafeHtml(`<script type="application/json" id="${id}">${text}</script>`);
}

function renderPage(
  lang: Lang,
  csrf: string,
  tables: { name: string; columns: string[] }[],
  query: string,
  result?: ExplorerResult & { ms: number },
  error?: string,
): SafeHtml {
  return html`<h1>${t(lang, 'sql.title')}</h1>
    <form method="post" action="/sql" class="sql" id="sql-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <textarea name="sql" rows="8" spellcheck="false" aria-label="SQL">${query}</textarea>
      <div class="actions">
        <button type="submit">${t(lang, 'sql.run')}</button>
        ${SQL_EXPORT_FORMATS.map(
          (f) =>
            html`<button type="submit" formaction="/sql/export?format=${f}" class="secondary">
              ${EXPORT_LABELS[f]}
            </button>`,
        )}
      </div>
    </form>
    <p class="muted">
      ${formatNumber(lang, EXPLORER_DEFAULTS.maxRows)} rows · ${EXPLORER_DEFAULTS.timeoutMs / 1000} s · SELECT
      only
    </p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
    ${
      result
        ? html`<p class="muted">
              ${formatNumber(lang, result.rows.length)} rows · ${formatNumber(lang, result.ms)} ms
              ${result.truncated ? html` · <strong>${t(lang, 'sql.truncated', { n: formatNumber(lang, result.rows.length) })}</strong>` : ''}
            </p>
            <div class="chart" id="sql-chart"></div>
            ${jsonScript('sql-data', { columns: result.columns, rows: jsonRows(result.rows.slice(0, 2000)) })}
            <div class="scroll">
              <table class="result">
                <thead>
                  <tr>
                    ${result.columns.map((c) => html`<th>${c}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${result.rows.map(
                    (row) =>
                      html`<tr>
                        ${result.columns.map((c) => {
                          const v = jsonRows([{ v: row[c] }])[0]!.v;
                          return html`<td>
                            ${v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)}
                          </td>`;
                        })}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : ''
    }
    <details class="tables" open>
      <summary>${t(lang, 'sql.tables')}</summary>
      ${
        tables.length
          ? html`<dl>
              ${tables.map(
                (tb) =>
                  html`<dt><code>${tb.name}</code></dt>
                    <dd>${tb.columns.join(', ')}</dd>`,
              )}
            </dl>`
          : emptyState(t(lang, 'common.none'))
      }
    </details>`;
}

export function sqlRoutes(ctx: WebContext): Router {
  const router = Router();
  const roles = requireRole('admin', 'analyst');
  const limits = { maxRows: ctx.explorer?.maxRows, timeoutMs: ctx.explorer?.timeoutMs };

  const allowedTables = (req: Request) =>
    inScope(ctx, req, async (scoped) => {
      const columns = await ctx.reads.all<{ table_name: string; columns: string[] }>(
        `SELECT table_name, list(column_name ORDER BY column_index) AS columns FROM duckdb_columns()
         WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN (SELECT unnest($names::VARCHAR[]))
         GROUP BY table_name ORDER BY table_name`,
        { names: [...scoped.tables] },
      );
      return columns.map((c) => ({ name: c.table_name, columns: c.columns }));
    });

  /** Run and audit one query; refusals and failures are audited too, then rethrown. */
  const run = async (req: Request, text: string) => {
    const scope = await currentScope(ctx, req);
    const started = Date.now();
    try {
      const result = (await ctx.explorerCache.get(
        JSON.stringify([scopeKey(scope), text, limits]),
        ctx.db.dataVersion,
        () => runExplorerQuery(ctx.db, scope, text, { ...limits, reads: ctx.reads }),
      )) as ExplorerResult;
      await ctx.audit(req, 'sql.query', null, {
        sql: text,
        rows: result.rows.length,
        truncated: result.truncated,
        tables: result.tables,
      });
      return { ...result, ms: Date.now() - started };
    } catch (error) {
      await ctx.audit(req, 'sql.refused', null, { sql: text, error: errorMessage(error) });
      throw error;
    }
  };

  const queryText = (req: Request) => {
    const text = param(req.body as Record<string, unknown>, 'sql');
    if (!text) throw new DlxhError('INPUT', 'sql: empty query');
    return text;
  };

  router.post('/api/sql', roles, async (req, res) => {
    const result = await run(req, queryText(req));
    res.json({
      columns: result.columns,
      rows: jsonRows(result.rows),
      truncated: result.truncated,
      tables: result.tables,
      ms: result.ms,
    });
  });

  router.get('/api/sql/tables', roles, async (req, res) => {
    res.json({ tables: await allowedTables(req) });
  });

  router.get('/sql', roles, async (req, res) => {
    const lang = langOf(req);
    const csrf = requestState(req).session?.csrf ?? '';
    sendPage(req, res, t(lang, 'sql.title'), renderPage(lang, csrf, await allowedTables(req), EXAMPLE), {
      scripts: chartScripts('/static/js/sql.js'),
    });
  });

  router.post('/sql', roles, async (req, res) => {
    const lang = langOf(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const text = param(req.body as Record<string, unknown>, 'sql') ?? '';
    let result: (ExplorerResult & { ms: number }) | undefined;
    let error: string | undefined;
    try {
      result = await run(req, queryText(req));
    } catch (e) {
      if (!isDlxhError(e, 'INPUT') && !isDlxhError(e, 'FORBIDDEN')) throw e;
      error = e.message;
    }
    sendPage(
      req,
      res,
      t(lang, 'sql.title'),
      renderPage(lang, csrf, await allowedTables(req), text, result, error),
      {
        scripts: chartScripts('/static/js/sql.js'),
        status: error ? 400 : 200,
      },
    );
  });

  const exportQuery = async (req: Request, res: Response) => {
    const format =
      param(req.query as Record<string, unknown>, 'format') ??
      param(req.body as Record<string, unknown>, 'format') ??
      'csv';
    if (!(SQL_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DlxhError(
        'INPUT',
        `format: invalid format "${format}" (use ${SQL_EXPORT_FORMATS.join(', ')})`,
      );
    }
    const text = queryText(req);
    const name = `dlxh-sql-${localDay(ctx.now())}.${format}`;
    if (format === 'parquet') {
      const scope = await currentScope(ctx, req);
      const file = tempExportFile();
      try {
        const done = await copyExplorerQueryToParquet(ctx.db, scope, text, file, {
          ...limits,
          reads: ctx.reads,
        });
        await ctx.audit(req, 'export', 'sql', { format, sql: text, rows: done.rows, tables: done.tables });
      } catch (error) {
        await ctx.audit(req, 'sql.refused', null, { sql: text, format, error: errorMessage(error) });
        throw error;
      }
      return sendAndRemove(res, file, name);
    }
    const result = await run(req, text);
    await ctx.audit(req, 'export', 'sql', {
      format,
      sql: text,
      rows: result.rows.length,
      tables: result.tables,
    });
    res.attachment(name);
    if (format === 'json') return void res.json(jsonRows(result.rows));
    if (format === 'xlsx') return void res.send(await toXlsx(result.columns, result.rows));
    if (format === 'arrow' || format === 'arrows') {
      const write = format === 'arrow' ? toArrowFile : toArrowStream;
      return void res.type(ARROW_TYPES[format]).send(write(result));
    }
    res.type('text/csv; charset=utf-8').send(toCsv(result.columns, result.rows));
  };

  router.post('/api/sql/export', roles, exportQuery);
  router.post('/sql/export', roles, exportQuery);

  return router;
}
