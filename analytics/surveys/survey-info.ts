/** The survey facts a disclosure block needs that no export carries: sponsor, population, mode, classification. */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';

const sql = readSqlFile(new URL('./surveys.sql', import.meta.url));

export interface SurveyFacts {
  title?: string | null;
  /** Who commissioned the survey (e.g. "Ban Tuyên giáo Tỉnh ủy Đắk Lắk"). */
  sponsor?: string | null;
  conducted_by?: string | null;
  /** Target population, in words: "Người dân từ 18 tuổi trở lên tại tỉnh Đắk Lắk". */
  population?: string | null;
  /** "Phỏng vấn trực tiếp (CAPI)", "Trực tuyến", … */
  mode?: string | null;
  /** 0 Thường, 1 Mật, 2 Tối mật, 3 Tuyệt mật. */
  classification?: number | null;
}

/**
 * Record the facts of an imported survey; fields left out keep their value.
 * `await setSurveyInfo(db, 'ks-2025', { sponsor: 'Ban Tuyên giáo Tỉnh ủy', mode: 'Phỏng vấn trực tiếp' }, { now })`
 */
export async function setSurveyInfo(
  db: Db,
  survey: string,
  facts: SurveyFacts,
  ctx: { now: () => Date },
): Promise<void> {
  const level = facts.classification;
  if (level !== undefined && level !== null && !(Number.isInteger(level) && level >= 0 && level <= 3)) {
    throw new DlxhError('INPUT', `invalid classification: ${level} (0–3)`);
  }
  const updated = await db.all(sql('set_info'), {
    survey,
    title: facts.title ?? null,
    sponsor: facts.sponsor ?? null,
    conducted_by: facts.conducted_by ?? null,
    population: facts.population ?? null,
    mode: facts.mode ?? null,
    classification: level ?? null,
    now: ctx.now(),
  });
  if (updated.length === 0) throw new DlxhError('NOT_FOUND', `unknown survey "${survey}"`);
}
