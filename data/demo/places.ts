// The new province's communes as the demo writes about them: weights, old names, and how a text names each.

import type { Unit } from '../reference/index.ts';
import { foldDiacritics } from '../text/normalize.ts';
import { compareText, type Rng } from './prng.ts';
import { BUON_NAMES, STREETS } from './vocab.ts';

export type Area = 'dl' | 'py';

export interface OldName {
  commune: Unit;
  district: Unit;
}

export interface Place {
  unit: Unit;
  area: Area;
  urban: boolean;
  /** Share of the province's talk that happens here, before topic affinity. */
  weight: number;
  /** Mostly ethnic-minority highland commune (names like Ea …, Cư …, Krông …). */
  highland: boolean;
  /** Pre-2025 communes that became (part of) this one, with their districts. */
  oldNames: OldName[];
  /** Former districts whose Facebook groups talk about this place. */
  districts: Unit[];
}

export interface PlaceModel {
  province: Unit;
  places: Place[];
  byUid: Map<string, Place>;
}

/** How one document names its place, and the variables the templates use for it. */
export interface Mention {
  noi: string;
  noiNgan: string;
  chinhQuyen: string;
  thon: string;
  locality?: string;
  /** Names whose presence in the text shows the place (short names of the new and the old unit). */
  names: string[];
  old?: OldName;
}

const HIGHLAND =
  /^(ea|cư|cuôr|krông|dliê|ia|dray|dur|yang|đắk|buôn đôn|pơng|m'|dang|liên sơn|nam ka|vụ bổn)/i;

function lowerType(type: string): string {
  return type === 'thành phố' ? 'TP.' : type;
}

function compareKey(name: string): string {
  return foldDiacritics(name).replace(/[’'`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Builds the model from the gazetteer; `rng` only jitters the communes' weights. */
export function buildPlaceModel(units: readonly Unit[], rng: Rng): PlaceModel {
  const byUidUnit = new Map(units.map((u) => [u.uid, u]));
  const province = units.find((u) => u.level === 1 && u.uid.endsWith('/2025'));
  if (!province) throw new Error('units.json: no province of the 2025 era');
  const oldByNew = new Map<string, OldName[]>();
  for (const unit of units) {
    if (unit.level !== 3 || !unit.uid.endsWith('/pre2025') || !unit.parent_uid) continue;
    const district = byUidUnit.get(unit.parent_uid);
    if (!district) continue;
    for (const successor of unit.successors) {
      const list = oldByNew.get(successor.uid) ?? [];
      list.push({ commune: unit, district });
      oldByNew.set(successor.uid, list);
    }
  }
  const places: Place[] = [];
  const current = units
    .filter((u) => u.level === 3 && u.uid.endsWith('/2025'))
    .sort((a, b) => compareText(a.code, b.code));
  for (const unit of current) {
    const oldNames = (oldByNew.get(unit.uid) ?? []).sort((a, b) =>
      compareText(a.commune.code, b.commune.code),
    );
    const districts = [...new Map(oldNames.map((o) => [o.district.uid, o.district])).values()];
    const area: Area = oldNames.some((o) => o.district.parent_uid === '54/pre2025') ? 'py' : 'dl';
    const urban = unit.type === 'phường';
    const cityWard = urban && districts.some((d) => d.type === 'thành phố');
    const hasTown = oldNames.some((o) => o.commune.type === 'thị trấn');
    const base = cityWard ? (area === 'dl' ? 9 : 7) : urban ? 3.5 : hasTown ? 1.8 : 1;
    places.push({
      unit,
      area,
      urban,
      weight: base * (0.75 + rng.next() * 0.5),
      highland: !urban && HIGHLAND.test(unit.short_name),
      oldNames,
      districts,
    });
  }
  return { province, places, byUid: new Map(places.map((p) => [p.unit.uid, p])) };
}

/** Finds a current commune by its name (`'Xã Krông Pắc'`), ignoring case, diacritics and tone-mark placement. */
export function findPlace(model: PlaceModel, name: string): Place {
  const key = compareKey(name);
  const place = model.places.find((p) => compareKey(p.unit.name) === key);
  if (!place) throw new Error(`unknown commune "${name}"`);
  return place;
}

/** Finds one of the place's old communes by its name and its district's name. */
export function findOldName(place: Place, commune: string, district: string): OldName {
  const found = place.oldNames.find(
    (o) =>
      compareKey(o.commune.name) === compareKey(commune) &&
      compareKey(o.district.name) === compareKey(district),
  );
  if (!found) throw new Error(`"${commune}, ${district}" is not a former part of ${place.unit.name}`);
  return found;
}

function village(place: Place | null, rng: Rng): string {
  if (!place) return rng.pick(['nhiều địa phương', 'một số xã, phường', 'nhiều thôn, buôn']);
  if (place.urban) {
    const r = rng.next();
    return r < 0.5
      ? `tổ dân phố ${rng.int(1, 14)}`
      : r < 0.8
        ? `khu phố ${rng.int(1, 8)}`
        : `đường ${rng.pick(STREETS)}`;
  }
  if (place.highland && rng.chance(0.55)) return `buôn ${rng.pick(BUON_NAMES)}`;
  return `thôn ${rng.chance(0.8) ? rng.int(1, 12) : rng.pick(['Tân Lập', 'Thanh Bình', 'Đồng Tâm', 'Phú Lộc', 'Tân Thành'])}`;
}

function oldCommuneText(old: OldName): string {
  return `${old.commune.type} ${old.commune.short_name}`;
}

function oldDistrictText(old: OldName): string {
  return `${lowerType(old.district.type)} ${old.district.short_name}`;
}

/**
 * How a document names `place` (or the whole province when null). With probability `oldShare` it uses a
 * pre-2025 commune and district name, as the press and residents still do; `forcedOld` picks which one.
 */
export function mentionPlace(
  model: PlaceModel,
  place: Place | null,
  rng: Rng,
  oldShare: number,
  forcedOld?: OldName,
): Mention {
  if (!place) {
    const province = model.province;
    return {
      noi: rng.pick(['tỉnh Đắk Lắk', 'Đắk Lắk', 'tỉnh Đắk Lắk']),
      noiNgan: 'Đắk Lắk',
      chinhQuyen: rng.pick(['UBND tỉnh', 'UBND tỉnh Đắk Lắk', 'chính quyền tỉnh']),
      thon: village(null, rng),
      locality: rng.chance(0.5) ? province.name : undefined,
      names: [province.short_name],
    };
  }
  const unit = place.unit;
  const newText = `${unit.type} ${unit.short_name}`;
  const chinhQuyen = rng.pick([`UBND ${newText}`, `UBND ${newText}`, `chính quyền ${newText}`]);
  const useOld = place.oldNames.length > 0 && rng.chance(oldShare);
  if (!useOld) {
    const variant = rng.next();
    const noi =
      variant < 0.7 ? newText : variant < 0.85 ? `${newText}, tỉnh Đắk Lắk` : `${newText} (Đắk Lắk)`;
    return {
      noi,
      noiNgan: unit.short_name,
      chinhQuyen,
      thon: village(place, rng),
      locality: rng.chance(0.6) ? unit.name : undefined,
      names: [unit.short_name],
    };
  }
  const old = forcedOld ?? rng.pick(place.oldNames);
  const commune = oldCommuneText(old);
  const district = oldDistrictText(old);
  const formerProvince = old.district.parent_uid === '54/pre2025' ? ', tỉnh Phú Yên cũ' : '';
  const sameName = compareKey(old.commune.short_name) === compareKey(unit.short_name);
  const variant = rng.next();
  const noi =
    variant < 0.4
      ? `${commune}, ${district}${formerProvince}`
      : variant < 0.7 || sameName
        ? `${commune} (${district} cũ)`
        : `${commune} cũ (nay là ${newText})`;
  const localityChoice = rng.next();
  return {
    noi,
    noiNgan: old.commune.short_name,
    chinhQuyen,
    thon: village(place, rng),
    locality:
      localityChoice < 0.25
        ? `${old.commune.name}, ${old.district.name}`
        : localityChoice < 0.45
          ? old.district.name
          : undefined,
    names: [/^\d/.test(old.commune.short_name) ? commune : old.commune.short_name, unit.short_name],
    old,
  };
}
