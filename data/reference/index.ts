// Typed, cached access to the bundled reference data: the gazetteer of administrative units and the topic taxonomy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type UnitType = 'tỉnh' | 'thành phố' | 'thị xã' | 'huyện' | 'phường' | 'xã' | 'thị trấn';
export type UnitLevel = 1 | 2 | 3;
export type SuccessorPortion = 'whole' | 'part' | 'remainder';

export interface UnitSuccessor {
  uid: string;
  portion: SuccessorPortion;
}

/** One administrative unit of one era; `uid` is `"<GSO code>/pre2025"` or `"<GSO code>/2025"`. */
export interface Unit {
  uid: string;
  code: string;
  name: string;
  short_name: string;
  type: UnitType;
  level: UnitLevel;
  parent_uid: string | null;
  /** ISO date (yyyy-mm-dd) or null where unknown. */
  valid_from: string | null;
  /** ISO date of the last day the unit existed, null while it exists. */
  valid_to: string | null;
  aliases: string[];
  successors: UnitSuccessor[];
}

export interface Topic {
  id: string;
  name_vi: string;
  name_en: string;
  keywords: string[];
  /**
   * Phrases that hold a keyword but mean something else ("yêu cầu" holds "cầu", a bridge; "lũ trẻ" holds "lũ", a
   * flood): matched like keywords, longest first, and counted for no topic.
   */
  exclude?: string[];
  sensitive: boolean;
  description_vi: string;
}

const UNITS_FILE = fileURLToPath(new URL('./units.json', import.meta.url));
const TOPICS_FILE = fileURLToPath(new URL('./topics.json', import.meta.url));

let units: readonly Unit[] | undefined;
let unitIndex: Map<string, Unit> | undefined;
let topics: readonly Topic[] | undefined;

function readJsonArray<T>(file: string): T[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array`);
  return parsed as T[];
}

/** All units of both eras, read once from `units.json`: `loadUnits().length` → 415. */
export function loadUnits(): readonly Unit[] {
  units ??= Object.freeze(readJsonArray<Unit>(UNITS_FILE));
  return units;
}

/** The board's topic taxonomy, read once from `topics.json`. */
export function loadTopics(): readonly Topic[] {
  topics ??= Object.freeze(readJsonArray<Topic>(TOPICS_FILE));
  return topics;
}

/** The unit with this uid, or undefined: `unitByUid('24163/pre2025')?.name` → `'Xã Ea Tu'`. */
export function unitByUid(uid: string): Unit | undefined {
  unitIndex ??= new Map(loadUnits().map((u) => [u.uid, u]));
  return unitIndex.get(uid);
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The calendar day (yyyy-mm-dd) in Asia/Ho_Chi_Minh containing `at`. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether the unit existed on `day` (yyyy-mm-dd); unknown bounds count as open. */
export function isUnitValidOn(unit: Unit, day: string): boolean {
  return (
    (unit.valid_from === null || unit.valid_from <= day) && (unit.valid_to === null || unit.valid_to >= day)
  );
}

/** Whether the unit existed on the calendar day (Asia/Ho_Chi_Minh) containing `at`; unknown bounds count as open. */
export function isUnitValidAt(unit: Unit, at: Date): boolean {
  return isUnitValidOn(unit, vietnamDay(at));
}

/**
 * The units valid at `at` (default: units with no end date) that the unit became, following successor links
 * through every reorganisation; a unit still valid is its own successor. Order: as first reached.
 * `currentSuccessors('24163/pre2025').map((u) => u.name)` → `['Phường Tân An']`.
 */
export function currentSuccessors(uid: string, at?: Date): Unit[] {
  const day = at ? vietnamDay(at) : null;
  const isCurrent = (u: Unit) => (day === null ? u.valid_to === null : isUnitValidOn(u, day));
  const result: Unit[] = [];
  const seen = new Set<string>();
  const queue = [uid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const unit = unitByUid(next);
    if (!unit) continue;
    if (isCurrent(unit)) result.push(unit);
    else queue.push(...unit.successors.map((s) => s.uid));
  }
  return result;
}

/** Parent, grandparent… of the unit, nearest first: `ancestors('24163/pre2025')` → [TP. Buôn Ma Thuột, Tỉnh Đắk Lắk]. */
export function ancestors(uid: string): Unit[] {
  const result: Unit[] = [];
  let parent = unitByUid(uid)?.parent_uid ?? null;
  while (parent !== null && result.length < 8) {
    const unit = unitByUid(parent);
    if (!unit) break;
    result.push(unit);
    parent = unit.parent_uid;
  }
  return result;
}
