/** The unit or agency a briefing is made for or sent to: found by uid or GSO code, and named as a recipient. */
import type { Db } from '../../data/db.ts';
import { inputError } from '../../data/errors.ts';
import { committeeOf } from '../alerts/routing.ts';

export interface BriefingUnit {
  uid: string;
  name: string;
  agency: boolean;
}

/**
 * A unit by uid, by the GSO code of a current unit, or an agency by id; a bad value names `input`.
 * `await findBriefingUnit(db, '24133')` → `{ uid: '24133/2025', name: 'Phường Buôn Ma Thuột', agency: false }`
 */
export async function findBriefingUnit(
  db: Db,
  wanted: string,
  options: { input?: string; agencies?: boolean } = {},
): Promise<BriefingUnit> {
  const key = wanted.trim();
  const unit = async (uid: string) =>
    db.one<{ uid: string; name: string }>('SELECT uid, name FROM units WHERE uid = $uid', { uid });
  const found =
    (await unit(key)) ??
    (await unit(`${key}/2025`)) ??
    (options.agencies === false
      ? undefined
      : await db.one<{ uid: string; name: string }>('SELECT uid, name FROM agencies WHERE uid = $key', {
          key,
        }));
  if (!found) {
    throw inputError(
      options.input ?? '--unit',
      null,
      `unknown unit "${wanted}" (a unit uid such as 24133/2025, or an agency id)`,
    );
  }
  const agency = !(await unit(found.uid));
  return { uid: found.uid, name: found.name, agency };
}

/** How the outbox names a unit, as alert routing does: an agency by its name, a unit by its People's Committee. */
export function recipientName(unit: Pick<BriefingUnit, 'name' | 'agency'>): string {
  return unit.agency ? unit.name : committeeOf(unit.name);
}
