/**
 * The unit tree detection counts on, read from the `units` and `unit_successors` tables.
 *
 * Series exist for current (2025) communes, pre-2025 districts and the current province 66/2025. A document
 * located at a pre-2025 commune counts for its successor commune(s), its old district and the province; one
 * located at a 2025 commune counts for that commune, the old district(s) its predecessors belonged to and the
 * province; one located at an old district or province counts for that district and the province. So a
 * story told with old names and with new ones lands in the same series. Alerts name the unit the way most of
 * their documents name it (old units keep their old names), with the successor today beside it.
 */
import type { Db } from '../../data/db.ts';

export const PROVINCE_UID = '66/2025';

export interface UnitInfo {
  uid: string;
  code: string;
  name: string;
  level: number;
  parentUid: string | null;
  /** Still exists today (no end date). */
  current: boolean;
  /** Names from the province down to this unit, as of the unit's own era. */
  path: string[];
  /** Units valid today that this one became (itself when still current). */
  successors: string[];
}

/** One row of the locality → series map: documents at `localityUid` count for `seriesUid`, named `namedUid`. */
export interface SeriesMapping {
  localityUid: string;
  seriesUid: string;
  level: number;
  namedUid: string;
}

export interface UnitTree {
  units: Map<string, UnitInfo>;
  mappings: SeriesMapping[];
  /** The mappings of each locality. */
  byLocality: Map<string, SeriesMapping[]>;
  /** Series units per level. */
  seriesByLevel: Map<number, string[]>;
  /** For a series unit, the series units of the level above that contain it. */
  parents: Map<string, string[]>;
}

interface UnitRow {
  uid: string;
  code: string;
  name: string;
  level: number;
  parent_uid: string | null;
  valid_to: unknown;
}

/** Read the unit tree from the database: `const tree = await loadUnitTree(db)`. */
export async function loadUnitTree(db: Db): Promise<UnitTree> {
  const rows = await db.all<UnitRow>('SELECT uid, code, name, level, parent_uid, valid_to FROM units');
  const successorRows = await db.all<{ uid: string; successor_uid: string }>(
    'SELECT uid, successor_uid FROM unit_successors ORDER BY uid, successor_uid',
  );
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const next = new Map<string, string[]>();
  const previous = new Map<string, string[]>();
  for (const s of successorRows) {
    next.set(s.uid, [...(next.get(s.uid) ?? []), s.successor_uid]);
    previous.set(s.successor_uid, [...(previous.get(s.successor_uid) ?? []), s.uid]);
  }
  const isCurrent = (r: UnitRow) => r.valid_to === null;

  const ancestors = (uid: string): UnitRow[] => {
    const out: UnitRow[] = [];
    let parent = byUid.get(uid)?.parent_uid ?? null;
    while (parent !== null && out.length < 8) {
      const row = byUid.get(parent);
      if (!row) break;
      out.push(row);
      parent = row.parent_uid;
    }
    return out;
  };
  const currentSuccessors = (uid: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const queue = [uid];
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const row = byUid.get(at);
      if (!row) continue;
      if (isCurrent(row)) out.push(at);
      else queue.push(...(next.get(at) ?? []));
    }
    return out;
  };

  const units = new Map<string, UnitInfo>();
  for (const row of rows) {
    units.set(row.uid, {
      uid: row.uid,
      code: row.code,
      name: row.name,
      level: row.level,
      parentUid: row.parent_uid,
      current: isCurrent(row),
      path: [...ancestors(row.uid).reverse(), row].map((u) => u.name),
      successors: currentSuccessors(row.uid),
    });
  }

  const mappings: SeriesMapping[] = [];
  const seen = new Set<string>();
  const add = (localityUid: string, seriesUid: string, namedUid: string) => {
    const series = byUid.get(seriesUid);
    if (!series) return;
    const key = `${localityUid}|${seriesUid}`;
    if (seen.has(key)) return;
    seen.add(key);
    mappings.push({ localityUid, seriesUid, level: series.level, namedUid });
  };
  const oldDistrictsOf = (currentCommune: string): string[] => {
    const districts = new Set<string>();
    for (const old of previous.get(currentCommune) ?? []) {
      const district = ancestors(old).find((a) => a.level === 2);
      if (district) districts.add(district.uid);
    }
    return [...districts].sort();
  };

  for (const row of rows) {
    const up = ancestors(row.uid);
    const province = [...up, row].find((u) => u.level === 1);
    const namedProvince = province?.uid ?? PROVINCE_UID;
    if (row.level === 3 && isCurrent(row)) {
      add(row.uid, row.uid, row.uid);
      for (const district of oldDistrictsOf(row.uid)) add(row.uid, district, district);
    } else if (row.level === 3) {
      for (const successor of currentSuccessors(row.uid)) {
        if (byUid.get(successor)?.level === 3) add(row.uid, successor, row.uid);
      }
      const district = up.find((u) => u.level === 2);
      if (district) add(row.uid, district.uid, district.uid);
    } else if (row.level === 2) {
      add(row.uid, row.uid, row.uid);
    }
    if (byUid.has(PROVINCE_UID)) add(row.uid, PROVINCE_UID, namedProvince);
  }

  const seriesByLevel = new Map<number, string[]>();
  for (const uid of new Set(mappings.map((m) => m.seriesUid))) {
    const level = byUid.get(uid)!.level;
    seriesByLevel.set(level, [...(seriesByLevel.get(level) ?? []), uid]);
  }
  for (const list of seriesByLevel.values()) list.sort();

  const byLocality = new Map<string, SeriesMapping[]>();
  for (const m of mappings) byLocality.set(m.localityUid, [...(byLocality.get(m.localityUid) ?? []), m]);
  const parents = new Map<string, string[]>();
  for (const uid of new Set(mappings.map((m) => m.seriesUid))) {
    const level = byUid.get(uid)!.level;
    const above = (byLocality.get(uid) ?? []).filter((m) => m.level < level).map((m) => m.seriesUid);
    if (above.length > 0) parents.set(uid, [...new Set(above)].sort());
  }
  return {
    units,
    mappings,
    byLocality,
    seriesByLevel,
    parents,
  };
}
