/** Exports of what the user may see: documents as CSV, JSON or Parquet; every export is audited. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { copyToParquet } from '../../data/access.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { localDay, toLocalIso } from '../../data/time.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { inScope, param } from '../route-helpers.ts';
import { jsonRows, toCsv } from '../tabular.ts';
import { documentFilters } from './documents.ts';

const sql = readSqlFile(new URL('./exports.sql', import.meta.url));
export const EXPORT_FORMATS = ['csv', 'json', 'parquet'] as const;
const MAX_EXPORT_ROWS = 1_000_000;
const DOCUMENT_COLUMNS = [
  'id',
  'published_at',
  'import_source',
  'outlet',
  'kind',
  'title',
  'text',
  'url',
  'locality_uid',
  'lang',
  'classification',
  'sentiment',
  'sentiment_score',
  'topics',
];

/** A temporary file name for a Parquet export, removed once sent. */
export function tempExportFile(): string {
  return path.join(os.tmpdir(), `dlxh-export-${randomBytes(12).toString('hex')}.parquet`);
}

/** Send a file and remove it afterwards, whatever happens to the response. */
export function sendAndRemove(res: Response, file: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    res.download(file, name, (error) => {
      fs.rmSync(file, { force: true });
      if (error && !res.headersSent) reject(error);
      else resolve();
    });
  });
}

export function exportRoutes(ctx: WebContext): Router {
  const router = Router();

  router.get(
    '/api/export/documents',
    requireRole('admin', 'analyst', 'leader', 'officer'),
    async (req, res) => {
      const format = param(req.query as Record<string, unknown>, 'format') ?? 'csv';
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new DlxhError('INPUT', `format: invalid format "${format}" (use ${EXPORT_FORMATS.join(', ')})`);
      }
      const filters = documentFilters(req, MAX_EXPORT_ROWS);
      if (param(req.query as Record<string, unknown>, 'limit') === undefined) filters.limit = MAX_EXPORT_ROWS;
      const name = `dlxh-documents-${localDay(ctx.now())}.${format}`;
      const details = {
        format,
        filters: {
          ...filters,
          from: filters.from && toLocalIso(filters.from),
          to: filters.to && toLocalIso(filters.to),
        },
      };
      if (format === 'parquet') {
        const file = tempExportFile();
        await inScope(ctx, req, (scoped) => copyToParquet(scoped, sql('documents'), filters, file));
        await ctx.audit(req, 'export', 'documents', details);
        return sendAndRemove(res, file, name);
      }
      const result = await inScope(ctx, req, (scoped) => scoped.db.all(sql('documents'), filters));
      const classification = result.reduce((max, r) => Math.max(max, Number(r.classification ?? 0)), 0);
      await ctx.audit(req, 'export', 'documents', { ...details, rows: result.length, classification });
      res.set('X-Dlxh-Classification', String(classification));
      res.attachment(name);
      if (format === 'json') {
        return void res.json({
          exported_at: toLocalIso(ctx.now()),
          classification,
          count: result.length,
          documents: jsonRows(result),
        });
      }
      res.type('text/csv; charset=utf-8').send(toCsv(DOCUMENT_COLUMNS, result));
    },
  );

  return router;
}
