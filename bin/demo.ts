/** dlxh demo: generate the bundled demo stream and run it through the pipeline (idempotent). */
import path from 'node:path';
import { generateDemo, writeDemo } from '../data/demo/index.ts';
import { ingestJsonl } from '../pipeline/jsonl/ingest-jsonl.ts';
import type { CommandContext } from './context.ts';
import { reportRun } from './commands/ingest.ts';
import { afterIngest, scorePending } from './hooks.ts';

/** Where the generated demo files go: beside the database, so a temp database gets temp files. */
export function demoDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'demo-data');
}

export async function loadDemo(ctx: CommandContext, options: { days?: number } = {}): Promise<void> {
  const started = Date.now();
  const dir = demoDir(ctx.dbPath);
  const data = generateDemo({ days: options.days });
  await writeDemo(dir, data);
  ctx.logger.info(
    `dlxh demo: ${data.documents.length} tài liệu, ${data.reports.length} báo cáo, ${data.surveys.length} khảo sát → ${dir}`,
  );
  const report = await ingestJsonl(
    path.join(dir, 'documents.jsonl'),
    { source: 'demo' },
    { db: ctx.db, logger: ctx.logger, now: ctx.now, onNewDocuments: (ids) => afterIngest(ctx, ids) },
  );
  reportRun(ctx, 'demo documents', report);
  const scored = await scorePending(ctx);
  if (scored > 0) ctx.logger.info(`dlxh demo: chấm điểm thêm ${scored} tài liệu`);
  ctx.logger.info(`dlxh demo: xong sau ${((Date.now() - started) / 1000).toFixed(1)} giây`);
}
