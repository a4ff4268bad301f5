/** The `briefings` table: a briefing stored with its HTML and DOCX as issued, listed and read back. */
import type { Db } from '../../data/db.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { toLocalIso } from '../../data/time.ts';
import { renderBriefingDocx } from './render-docx.ts';
import { renderBriefingHtml } from './render-html.ts';
import type { Briefing, BriefingPeriod, Figure, Lang } from './types.ts';

const sql = readSqlFile(new URL('./store-briefing.sql', import.meta.url));

export interface BriefingSummary {
  key_points: string[];
  figures: Pick<Figure, 'key' | 'label' | 'value' | 'previous' | 'display' | 'change'>[];
  sections: { id: string; title: string; available: boolean }[];
}

export interface StoredBriefing {
  id: string;
  period: BriefingPeriod;
  /** Local ISO times (+07:00); `period_to` is exclusive. */
  period_from: string;
  period_to: string;
  unit_uid: string | null;
  lang: Lang;
  classification: number;
  title: string;
  created_at: string;
  data_as_of: string | null;
  created_by: string | null;
  summary: BriefingSummary;
}

export interface StoredBriefingFull extends StoredBriefing {
  html: string;
  docx: Buffer | null;
  briefing: Briefing;
}

interface Row {
  id: string;
  period: BriefingPeriod;
  period_from: Date;
  period_to: Date;
  unit_uid: string | null;
  lang: Lang;
  classification: number;
  title: string;
  created_at: Date;
  data_as_of: Date | null;
  created_by: string | null;
  summary: string | BriefingSummary;
  model?: string | Briefing;
  html?: string;
  docx?: Uint8Array | null;
}

function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function toStored(row: Row): StoredBriefing {
  return {
    id: row.id,
    period: row.period,
    period_from: toLocalIso(row.period_from),
    period_to: toLocalIso(row.period_to),
    unit_uid: row.unit_uid,
    lang: row.lang,
    classification: row.classification,
    title: row.title,
    created_at: toLocalIso(row.created_at),
    data_as_of: row.data_as_of ? toLocalIso(row.data_as_of) : null,
    created_by: row.created_by,
    summary: json<BriefingSummary>(row.summary),
  };
}

/** The short form kept beside the briefing, for lists and the dashboard. */
export function summarizeBriefing(briefing: Briefing): BriefingSummary {
  return {
    key_points: briefing.summary,
    figures: briefing.figures.map(({ key, label, value, previous, display, change }) => ({
      key,
      label,
      value,
      previous,
      display,
      change,
    })),
    sections: briefing.sections.map((s) => ({ id: s.id, title: s.title, available: s.available })),
  };
}

/**
 * Store a briefing with its HTML and DOCX (rendered here unless given), replacing the one made earlier for the
 * same window, scope and language, in one transaction. Returns its id.
 * `await saveBriefing(db, await generateBriefing(db, { period: 'week', now }), { createdBy: user.id })`
 */
export async function saveBriefing(
  db: Db,
  briefing: Briefing,
  options: { html?: string; docx?: Buffer | null; createdBy?: string | null } = {},
): Promise<string> {
  const html = options.html ?? renderBriefingHtml(briefing);
  const docx = options.docx === undefined ? await renderBriefingDocx(briefing) : options.docx;
  await db.transaction(async () => {
    await db.run(sql('delete'), { id: briefing.id });
    await db.run(sql('insert'), {
      id: briefing.id,
      period: briefing.period,
      period_from: briefing.from,
      period_to: briefing.to,
      unit_uid: briefing.scope.unitUid,
      lang: briefing.lang,
      classification: briefing.classification,
      title: `${briefing.title} – ${briefing.subtitle}`,
      created_at: briefing.generatedAt,
      data_as_of: briefing.dataAsOf,
      created_by: options.createdBy ?? null,
      summary: JSON.stringify(summarizeBriefing(briefing)),
      model: JSON.stringify(briefing),
      html,
      docx: docx ? docx.toString('base64') : null,
    });
  });
  return briefing.id;
}

/**
 * Stored briefings, newest window first, without their documents.
 * `await listBriefings(db, { period: 'week', limit: 10 })`
 */
export async function listBriefings(
  db: Db,
  options: {
    period?: BriefingPeriod | null;
    unitUid?: string | null;
    maxClassification?: number;
    limit?: number;
  } = {},
): Promise<StoredBriefing[]> {
  const rows = await db.all<Row>(sql('list'), {
    period: options.period ?? null,
    unit_uid: options.unitUid ?? null,
    max_classification: options.maxClassification ?? 3,
    limit: options.limit ?? 50,
  });
  return rows.map(toStored);
}

/** One stored briefing with its HTML, DOCX and model, or null. */
export async function getBriefing(db: Db, id: string): Promise<StoredBriefingFull | null> {
  const row = await db.one<Row>(sql('get'), { id });
  if (!row) return null;
  return {
    ...toStored(row),
    html: row.html!,
    docx: row.docx ? Buffer.from(row.docx) : null,
    briefing: json<Briefing>(row.model!),
  };
}

/**
 * Which of `ids` are stored; on a scoped connection (data/access.ts), which of them its user may open.
 * `await presentBriefings(scoped.db, ['bc-week-…', 'bc-month-…'])` → `Set { 'bc-week-…' }`
 */
export async function presentBriefings(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.all<{ id: string }>(sql('present'), { ids: [...ids] });
  return new Set(rows.map((r) => r.id));
}
