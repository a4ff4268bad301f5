/** Resolves a document's `locality` field (GSO code, unit uid or unit name) to a unit uid of the right era. */
import { foldDiacritics } from '../../data/text/normalize.ts';
import type { Unit } from '../../data/reference/index.ts';

/** The reform that removed districts and merged Phú Yên into Đắk Lắk took effect on this instant. */
export const REFORM_AT = new Date('2025-06-30T17:00:00Z');

export type LocalityResult = { uid: string } | { uid: null; problem: string };

export type LocalityResolver = (value: string, publishedAt: Date | null) => LocalityResult;

const TYPE_PREFIX =
  /^(?:tinh|thanh pho|tp\.?|thi xa|tx\.?|huyen|h\.|phuong|p\.|xa|x\.|thi tran|tt\.?)\s+(?=\S)/;

function key(name: string): string {
  return foldDiacritics(name).replace(/\s+/g, ' ').trim();
}

function eraOf(uid: string): 'pre2025' | '2025' {
  return uid.endsWith('/pre2025') ? 'pre2025' : '2025';
}

/**
 * Build a resolver over the gazetteer. A code or name is looked up in the era of the document's date first
 * (before 1 July 2025 → pre2025 units), then in the other era, so a document naming a dissolved unit keeps it.
 * `createLocalityResolver(loadUnits())('24163', new Date('2024-05-01'))` → `{ uid: '24163/pre2025' }`.
 */
export function createLocalityResolver(units: readonly Unit[]): LocalityResolver {
  const byUid = new Map(units.map((u) => [u.uid, u]));
  const byFullName = new Map<string, Unit[]>();
  const byShortName = new Map<string, Unit[]>();
  const add = (map: Map<string, Unit[]>, name: string, unit: Unit) => {
    const k = key(name);
    if (!k) return;
    const list = map.get(k);
    if (!list) map.set(k, [unit]);
    else if (!list.includes(unit)) list.push(unit);
  };
  for (const unit of units) {
    add(byFullName, unit.name, unit);
    for (const alias of unit.aliases)
      add(TYPE_PREFIX.test(key(alias)) ? byFullName : byShortName, alias, unit);
    add(byShortName, unit.short_name, unit);
  }

  const pick = (candidates: Unit[], preferred: 'pre2025' | '2025', value: string): LocalityResult | null => {
    for (const era of [preferred, preferred === '2025' ? 'pre2025' : '2025'] as const) {
      const inEra = candidates.filter((u) => eraOf(u.uid) === era);
      if (inEra.length === 0) continue;
      const top = Math.min(...inEra.map((u) => u.level));
      const best = inEra.filter((u) => u.level === top);
      if (best.length === 1) return { uid: best[0]!.uid };
      return { uid: null, problem: `ambiguous locality "${value}" (${best.map((u) => u.uid).join(', ')})` };
    }
    return null;
  };

  return (value, publishedAt) => {
    const trimmed = value.trim();
    const preferred = publishedAt !== null && publishedAt < REFORM_AT ? 'pre2025' : '2025';
    if (byUid.has(trimmed)) return { uid: trimmed };
    if (/^\d+$/.test(trimmed)) {
      const codes = [trimmed, trimmed.padStart(trimmed.length <= 2 ? 2 : trimmed.length <= 3 ? 3 : 5, '0')];
      for (const code of codes) {
        for (const era of [preferred, preferred === '2025' ? 'pre2025' : '2025']) {
          const uid = `${code}/${era}`;
          if (byUid.has(uid)) return { uid };
        }
      }
      return { uid: null, problem: `unknown locality code "${trimmed}"` };
    }
    const k = key(trimmed);
    const full = byFullName.get(k);
    const result =
      (full && pick(full, preferred, trimmed)) ??
      pick(byShortName.get(k) ?? [], preferred, trimmed) ??
      pick(byShortName.get(k.replace(TYPE_PREFIX, '')) ?? [], preferred, trimmed);
    return result ?? { uid: null, problem: `unknown locality "${trimmed}"` };
  };
}
