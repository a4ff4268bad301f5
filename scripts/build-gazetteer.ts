// Builds data/reference/units.json from the official unit lists in ../shared/reference/admin-units.
// Usage: node --import tsx scripts/build-gazetteer.ts [ADMIN_UNITS_DIR] [OUT_FILE]
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { normalizeToneMarks } from '../data/text/normalize.ts';
import type { SuccessorPortion, Unit, UnitLevel, UnitSuccessor, UnitType } from '../data/reference/index.ts';

const REFORM_START = '2025-07-01';
const LAST_OLD_DAY = '2025-06-30';

const UNIT_TYPES: Record<string, { level: UnitLevel; prefix: string }> = {
  tỉnh: { level: 1, prefix: 'Tỉnh' },
  'thành phố': { level: 2, prefix: 'Thành phố' },
  'thị xã': { level: 2, prefix: 'Thị xã' },
  huyện: { level: 2, prefix: 'Huyện' },
  phường: { level: 3, prefix: 'Phường' },
  xã: { level: 3, prefix: 'Xã' },
  'thị trấn': { level: 3, prefix: 'Thị trấn' },
};

const ABBREVIATIONS: Partial<Record<UnitType, string[]>> = {
  'thành phố': ['TP.', 'TP'],
  'thị xã': ['TX.', 'TX'],
  huyện: ['H.'],
  'thị trấn': ['TT.', 'TT'],
  phường: ['P.'],
};

/** Spellings of the same name seen in official lists and the press; every member is an alias of the others. */
const SPELLING_GROUPS: string[][] = [
  ['Krông A Na', 'Krông Ana'],
  ["Ea H'đinh", "Ea H'đing"],
  ["M'Đrắk", "M'Drắk", "M'Đrăk", 'Mđrắk'],
  ["Cư M'gar", 'Cưmgar'],
  ['Dliê Ya', 'ĐLiê Ya', 'Đliê Ya'],
  ['Ea KNuec', 'Ea Knuếc', 'Ea Knuêc'],
  ['Ea Khal', 'Ea Khăl'],
  ['Cuor Đăng', 'Cuôr Đăng'],
  ["Ea M'DRóh", "Ea M'Droh", "Ea M'Đróh"],
  ['Cư ÊBur', 'Cư Êbur', 'Cư Ê Bur', 'Cư Ebur'],
  ['Cư Ê Wi', 'Cư Êwi'],
  ["Ea M' Doal", "Ea M'Doal"],
  ['Cư K Róa', 'Cư Króa'],
  ['Krông Pắc', 'Krông Pắk'],
  ['Krông Búk', 'KRông Búk'],
  ['Eachà Rang', 'Ea Chà Rang'],
  ['Ealy', 'Ea Ly'],
  ['Ea Ô', 'Ea O'],
];

const EXTRA_ALIASES: Record<string, string[]> = {
  '66/pre2025': ['Đắk Lắk', 'Đăk Lăk', 'Đắk Lăk', 'Dak Lak', 'Daklak', 'DakLak', 'Đắc Lắc'],
  '66/2025': ['Đắk Lắk', 'Đăk Lăk', 'Đắk Lăk', 'Dak Lak', 'Daklak', 'DakLak', 'Đắc Lắc'],
  '643/pre2025': ['BMT', 'TP. BMT', 'TP BMT', 'Ban Mê Thuột', 'Ban Mê', 'Buôn Mê Thuột'],
  // Phường Thắng Lợi was renamed Phường Thành Công in late 2024, keeping its code.
  '24133/pre2025': ['Phường Thắng Lợi'],
};

interface UnitRow {
  code: string;
  name: string;
  type: string;
  parent_code: string;
}

interface MergeRow {
  new_code: string;
  old_code: string;
  old_province_code: string;
  portion: string;
}

interface Located<T> {
  row: T;
  where: string;
}

function readCsv<T>(dir: string, file: string): Located<T>[] {
  const rows = parse(readFileSync(path.join(dir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  return (rows as T[]).map((row, i) => ({ row, where: `${file}: line ${i + 2}` }));
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** The other tone-mark placement (hoà, thuỷ, khoẻ) for syllables ending in oa/oe/uy. */
function oldStyleToneMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .replace(/([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])(?![\p{L}\p{M}])/gu, '$1$3$2')
    .normalize('NFC');
}

function apostropheVariants(s: string): string[] {
  if (!s.includes("'")) return [];
  const tight = s.replace(/' +/g, "'");
  return [tight, tight.replace(/'/g, '\u2019'), tight.replace(/'/g, '')];
}

/** "Ea Kar" ↔ "Eakar", "EaBar" ↔ "Ea Bar": both are common for names of rivers and villages starting with Ea. */
function eaVariants(s: string): string[] {
  const out: string[] = [];
  const spaced = s.replace(/\bEa(\p{L})/gu, (_, c: string) => `Ea ${c.toUpperCase()}`);
  if (spaced !== s) out.push(spaced);
  const joined = s.replace(
    /\bEa (\p{L}[\p{L}']*)$/u,
    (_, w: string) => `Ea${w.replace(/'/g, '').toLowerCase()}`,
  );
  if (joined !== s) out.push(joined);
  return out;
}

function spellingGroup(shortName: string): string[] {
  const key = shortName.toLowerCase();
  const group = SPELLING_GROUPS.find((g) => g.some((n) => normalizeToneMarks(n).toLowerCase() === key));
  return group ? [shortName, ...group.map(normalizeToneMarks)] : [shortName];
}

function bareVariants(spelling: string): string[] {
  const out = [
    spelling,
    oldStyleToneMarks(spelling),
    ...apostropheVariants(spelling),
    ...eaVariants(spelling),
  ];
  if (/Đắk|Lắk/.test(spelling)) out.push(spelling.replace(/Đắk/g, 'Đăk').replace(/Lắk/g, 'Lăk'));
  return out;
}

/**
 * Alternative spellings, unique case-insensitively: the official and other tone placement, the short name and its
 * spelling variants (with and without diacritics and apostrophes), and the name with each type prefix and abbreviation.
 */
function aliasesFor(
  uid: string,
  officialName: string,
  name: string,
  shortName: string,
  type: UnitType,
): string[] {
  const prefix = UNIT_TYPES[type]!.prefix;
  const spellings = spellingGroup(shortName);
  const isNumbered = /^\d+$/.test(shortName);
  const aliases: string[] = [officialName, oldStyleToneMarks(name), stripDiacritics(name)];
  for (const spelling of spellings) {
    aliases.push(`${prefix} ${spelling}`);
    for (const abbr of ABBREVIATIONS[type] ?? []) aliases.push(`${abbr} ${spelling}`);
  }
  if (!isNumbered) {
    for (const bare of spellings.flatMap(bareVariants)) aliases.push(bare, stripDiacritics(bare));
  }
  aliases.push(...(EXTRA_ALIASES[uid] ?? []).flatMap((a) => [a, stripDiacritics(a)]));
  const seen = new Set([name.toLowerCase()]);
  return aliases.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function makeUnit(row: UnitRow, where: string, era: 'pre2025' | '2025', provinceCode: string): Unit {
  const kind = UNIT_TYPES[row.type];
  if (!kind) throw new Error(`${where}: unknown unit type "${row.type}"`);
  if (!/^\d+$/.test(row.code)) throw new Error(`${where}: invalid code "${row.code}"`);
  const type = row.type as UnitType;
  const name = normalizeToneMarks(row.name);
  const prefix = kind.prefix;
  if (!name.startsWith(`${prefix} `))
    throw new Error(`${where}: name "${row.name}" does not start with "${prefix}"`);
  const shortName = name.slice(prefix.length + 1);
  const uid = `${row.code}/${era}`;
  if ((kind.level === 1) !== (row.parent_code === ''))
    throw new Error(`${where}: invalid parent_code "${row.parent_code}"`);
  if (kind.level === 1 && row.code !== provinceCode)
    throw new Error(`${where}: unexpected province "${row.code}"`);
  return {
    uid,
    code: row.code,
    name,
    short_name: shortName,
    type,
    level: kind.level,
    parent_uid: row.parent_code === '' ? null : `${row.parent_code}/${era}`,
    valid_from: era === '2025' ? REFORM_START : null,
    valid_to: era === 'pre2025' ? LAST_OLD_DAY : null,
    aliases: aliasesFor(uid, row.name, name, shortName, type),
    successors: [],
  };
}

const PORTIONS = new Set<string>(['whole', 'part', 'remainder']);

/** Reads the four CSVs of `dir` and returns the gazetteer, checked for consistency, in a deterministic order. */
export function buildGazetteer(dir: string): Unit[] {
  const units = new Map<string, Unit>();
  const add = (unit: Unit, where: string) => {
    if (units.has(unit.uid)) throw new Error(`${where}: duplicate code "${unit.code}"`);
    units.set(unit.uid, unit);
  };
  for (const [file, era, province] of [
    ['daklak-units-pre2025.csv', 'pre2025', '66'],
    ['phuyen-units-pre2025.csv', 'pre2025', '54'],
    ['daklak-units-2025.csv', '2025', '66'],
  ] as const) {
    for (const { row, where } of readCsv<UnitRow>(dir, file)) add(makeUnit(row, where, era, province), where);
  }
  for (const unit of units.values()) {
    if (unit.parent_uid !== null && !units.has(unit.parent_uid))
      throw new Error(`${unit.uid}: unknown parent "${unit.parent_uid}"`);
  }

  for (const { row, where } of readCsv<MergeRow>(dir, 'daklak-merge-2025.csv')) {
    const old = units.get(`${row.old_code}/pre2025`);
    const next = units.get(`${row.new_code}/2025`);
    if (!old || old.level !== 3) throw new Error(`${where}: unknown old commune "${row.old_code}"`);
    if (!next) throw new Error(`${where}: unknown new unit "${row.new_code}"`);
    if (!PORTIONS.has(row.portion)) throw new Error(`${where}: invalid portion "${row.portion}"`);
    if (ancestorProvince(units, old) !== `${row.old_province_code}/pre2025`)
      throw new Error(`${where}: old unit "${row.old_code}" is not in province "${row.old_province_code}"`);
    old.successors.push({ uid: next.uid, portion: row.portion as SuccessorPortion });
  }

  for (const unit of units.values()) {
    if (unit.uid.endsWith('/pre2025') && unit.level === 3) checkCommuneSuccessors(unit);
  }
  for (const unit of units.values()) {
    if (!unit.uid.endsWith('/pre2025')) continue;
    if (unit.level === 1) unit.successors = [{ uid: '66/2025', portion: 'whole' }];
    if (unit.level === 2) unit.successors = districtSuccessors(units, unit);
  }

  const eraRank = (u: Unit) => (u.uid.endsWith('/pre2025') ? 0 : 1);
  return [...units.values()].sort(
    (a, b) => eraRank(a) - eraRank(b) || a.level - b.level || Number(a.code) - Number(b.code),
  );
}

function ancestorProvince(units: Map<string, Unit>, unit: Unit): string | null {
  let current: Unit | undefined = unit;
  while (current && current.level > 1)
    current = current.parent_uid ? units.get(current.parent_uid) : undefined;
  return current?.uid ?? null;
}

function checkCommuneSuccessors(unit: Unit): void {
  const portions = unit.successors.map((s) => s.portion).sort();
  const ok =
    (portions.length === 1 && portions[0] === 'whole') ||
    (portions.length === 2 && portions[0] === 'part' && portions[1] === 'remainder');
  if (!ok)
    throw new Error(`${unit.uid}: expected one whole successor or a part and a remainder, got [${portions}]`);
}

function districtSuccessors(units: Map<string, Unit>, district: Unit): UnitSuccessor[] {
  const targets: string[] = [];
  for (const unit of units.values()) {
    if (unit.parent_uid !== district.uid) continue;
    for (const s of unit.successors) if (!targets.includes(s.uid)) targets.push(s.uid);
  }
  targets.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return targets.map((uid) => ({ uid, portion: targets.length === 1 ? 'whole' : 'part' }));
}

/** One unit per line, so diffs of the gazetteer read unit by unit. */
export function formatUnits(units: readonly Unit[]): string {
  return `[\n${units.map((u) => `  ${JSON.stringify(u)}`).join(',\n')}\n]\n`;
}

function main(): void {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = process.argv[2] ?? path.resolve(repoRoot, '../shared/reference/admin-units');
  const out = process.argv[3] ?? path.join(repoRoot, 'data/reference/units.json');
  const units = buildGazetteer(dir);
  const tmp = `${out}.tmp`;
  writeFileSync(tmp, formatUnits(units));
  renameSync(tmp, out);
  console.log(`${out}: ${units.length} units`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
