// Finds mentions of Đắk Lắk and Phú Yên administrative units (old and new names) in Vietnamese text.
import { foldAligned, nfc, normalizeToneMarks } from '../../data/text/normalize.ts';
import { isUnitValidOn, loadUnits, vietnamDay } from '../../data/reference/index.ts';
import type { Unit, UnitType } from '../../data/reference/index.ts';

/** One place named in a text; `start`/`end` are UTF-16 offsets of `surface` (type prefix included). */
export interface PlaceMention {
  uid: string;
  code: string;
  name: string;
  start: number;
  end: number;
  surface: string;
  /** 0–1: how the name was written (with a type prefix, in a list, bare) times how clearly it picked one unit. */
  confidence: number;
}

export interface ExtractPlacesOptions {
  /** When the text was written: units valid then are preferred (before 2025-07-01, the pre-2025 units). */
  at?: Date;
}

export type PlaceExtractor = (text: string, opts?: ExtractPlacesOptions) => PlaceMention[];

interface Token {
  start: number;
  end: number;
  /** Lowercase ASCII, apostrophes as `'`. */
  folded: string;
}

interface NameEntry {
  unit: Unit;
  /** Lowercase spellings with diacritics; a surface written with diacritics must be one of them. */
  exact: Set<string>;
  /** Whether the name may be recognised without a type prefix. */
  bare: boolean;
  /** Acronyms such as "BMT" count only in capitals. */
  upperOnly: boolean;
}

interface NameGroup {
  entries: NameEntry[];
  anyBare: boolean;
}

interface PrefixDef {
  folded: string[];
  exact: string[];
  types: UnitType[];
  /** Abbreviations such as "H.", "P.", "TT" count only in capitals, one-letter ones only with their dot. */
  strict: boolean;
  /** "TP.", "TX." and the like: a dot may stand between them and the name ("TP.Buôn Ma Thuột"). */
  abbreviation: boolean;
}

interface PlaceIndex {
  names: Map<string, NameGroup>;
  /** Every leading run of tokens of every name, so a lookup stops as soon as no name can match. */
  keyPrefixes: Set<string>;
  maxTokens: number;
  units: Map<string, Unit>;
  /** Pre-2025 districts of each commune: its parent, or its predecessors' parents for a 2025 commune. */
  districts: Map<string, string[]>;
}

/**
 * How a name was found: after a type word ("xã Hòa Xuân"), in a list after one, alone when distinctive
 * ("Krông Pắc"), or alone right after a place word ("xuống Hòa Xuân", "📍 Tân Lập").
 */
type MatchKind = 'prefixed' | 'list' | 'bare' | 'marked';

interface RawMatch {
  start: number;
  end: number;
  endToken: number;
  candidates: Unit[];
  kind: MatchKind;
  types: UnitType[] | null;
}

const PREFIXES: PrefixDef[] = [
  prefix('thành phố', ['thành phố']),
  prefix('thành ủy', ['thành phố']),
  prefix('thị xã', ['thị xã']),
  prefix('thị ủy', ['thị xã']),
  prefix('thị trấn', ['thị trấn']),
  prefix('huyện ủy', ['huyện']),
  prefix('huyện', ['huyện']),
  prefix('tỉnh ủy', ['tỉnh']),
  prefix('tỉnh', ['tỉnh']),
  prefix('phường', ['phường']),
  prefix('xã', ['xã']),
  prefix('tp', ['thành phố']),
  prefix('tx', ['thị xã']),
  prefix('tt', ['thị trấn'], true),
  prefix('h', ['huyện'], true),
  prefix('p', ['phường'], true),
];

const PREFIXES_BY_FIRST = new Map<string, PrefixDef[]>();
for (const p of PREFIXES)
  PREFIXES_BY_FIRST.set(p.folded[0]!, [...(PREFIXES_BY_FIRST.get(p.folded[0]!) ?? []), p]);

const LEVEL_OF_TYPE: Record<UnitType, number> = {
  tỉnh: 1,
  'thành phố': 2,
  'thị xã': 2,
  huyện: 2,
  phường: 3,
  xã: 3,
  'thị trấn': 3,
};

/** Words before a bare name that make it a river, lake, street, village… rather than the unit. */
const BARE_BLOCKERS = [
  'sông',
  'hồ',
  'thác',
  'suối',
  'đầm',
  'đèo',
  'núi',
  'đường',
  'phố',
  'cầu',
  'vịnh',
  'bến',
  'chợ',
  'thôn',
  'buôn',
  'bản',
  'xóm',
  'làng',
  'ấp',
];
/** Between a type word and its name only spaces: "cán bộ xã. 📍 Tân Lập" names no xã. */
const WORD_GAP = /^\s+$/;
const ABBREVIATION_GAP = /^\.?\s*$/;
const BARE_BLOCKERS_EXACT = new Set(BARE_BLOCKERS);
const BARE_BLOCKERS_FOLDED = new Set(BARE_BLOCKERS.map((w) => foldAligned(w)));

/**
 * Words right before a bare commune name that make it a place: "ở Tân Lập", "thanh tra xuống Hòa Xuân", "trên
 * địa bàn Hòa Tâm". A 📍 pin does the same.
 */
const PLACE_MARKERS = [
  'ở',
  'tại',
  'xuống',
  'lên',
  'về',
  'đến',
  'tới',
  'qua',
  'sang',
  'vào',
  'ra',
  'từ',
  'thuộc',
  'địa bàn',
].map((m) => ({ exact: m.split(' '), folded: m.split(' ').map((w) => foldAligned(w)) }));
const PIN_BEFORE = /📍[ \t]*:?[ \t]*$/u;
const SPACE_ONLY = /^[ \t]+$/;

/**
 * Commune names that are also common words (a slogan's "tiến tới Thống Nhất") or the name of a well-known place
 * outside the province (Tân An in Long An, Phú Xuân in Huế): never taken bare after a place word.
 */
const NOT_BARE_COMMUNES = new Set(
  [
    'an bình',
    'an cư',
    'an lạc',
    'an phú',
    'bình tân',
    'bình thuận',
    'đoàn kết',
    'hòa bình',
    'hòa đồng',
    'hòa hiệp',
    'hòa khánh',
    'hòa thành',
    'hòa thuận',
    'phú lâm',
    'phú lộc',
    'phú xuân',
    'quảng điền',
    'sơn hà',
    'tam giang',
    'tân an',
    'tân thành',
    'tân tiến',
    'tây sơn',
    'thành công',
    'thống nhất',
    'xuân lộc',
  ].map((w) => foldAligned(w)),
);

const LIST_JOINERS = new Set(['và', 'cùng', 'với', 'hoặc'].map((w) => foldAligned(w)));
const LIST_GAP = /^[ \t]*(?:[,;&/-][ \t]*)?(?:[a-z]+[ \t]+)?$/;

const ETHNIC_SYLLABLES = new Set([
  'ea',
  'ia',
  'ya',
  'cu',
  'cuor',
  'buon',
  'yang',
  'pong',
  'dray',
  'dur',
  'kang',
]);
const NON_VIETNAMESE_ONSET = /^(kr|dr|bl|br|pl|pr|dl|km|kn|kp|kt|kb|bh|dh|hm|hl|hr|mn|mt|rb|jl|rv|mg)/;

const ASCII = /^[ -~]*$/;

const BASE_CONFIDENCE: Record<MatchKind, number> = { prefixed: 0.95, list: 0.85, bare: 0.75, marked: 0.7 };

function prefix(words: string, types: UnitType[], strict = false): PrefixDef {
  const exact = words.split(' ');
  const folded = exact.map((w) => foldAligned(w));
  return { exact, folded, types, strict, abbreviation: exact.length === 1 && folded[0] === exact[0] };
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x2bc;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Runs of a–z and digits in a folded text, with an apostrophe inside ("h'leo") or after one letter ("m'"). */
function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < folded.length) {
    if (!isWordChar(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let apostrophes = false;
    while (i < folded.length) {
      const c = folded.charCodeAt(i);
      if (isApostrophe(c) && (isWordChar(folded.charCodeAt(i + 1)) || i - start === 1)) apostrophes = true;
      else if (!isWordChar(c)) break;
      i++;
    }
    const word = folded.slice(start, i);
    tokens.push({ start, end: i, folded: apostrophes ? word.replace(/[\u2018\u2019\u02bc]/g, "'") : word });
  }
  return tokens;
}

function prepare(text: string): string {
  return normalizeToneMarks(nfc(text));
}

/**
 * Whether `surface` is one of `exact` with some syllables typed without their marks, the others as spelt:
 * "krông buk" for "krông búk". A syllable typed with marks must carry the right ones ("krông búc" matches none).
 */
function someSpeltPartly(surface: string, exact: ReadonlySet<string>): boolean {
  const words = surface.split(' ');
  for (const form of exact) {
    const spelt = form.split(' ');
    if (
      spelt.length === words.length &&
      spelt.every((w, k) => words[k] === w || (ASCII.test(words[k]!) && words[k] === foldAligned(w)))
    )
      return true;
  }
  return false;
}

function exactForm(text: string, tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    if (k > from) out += ' ';
    out += text.slice(tokens[k]!.start, tokens[k]!.end).toLowerCase();
  }
  return out.replace(/[\u2018\u2019\u02bc]/g, "'");
}

function isUpper(s: string): boolean {
  return s.toUpperCase() === s;
}

/** "Hòa", not "hòa" nor "HÒA". */
function isCapitalized(s: string): boolean {
  const first = s.charAt(0);
  const rest = s.slice(1);
  return first !== first.toLowerCase() && rest === rest.toLowerCase();
}

function looksEthnic(token: string): boolean {
  return (
    ETHNIC_SYLLABLES.has(token) ||
    token.includes("'") ||
    /[fjwz]/.test(token) ||
    token.endsWith('k') ||
    NON_VIETNAMESE_ONSET.test(token)
  );
}

interface Spelling {
  key: string;
  tokens: string[];
  exact: string;
  upperOnly: boolean;
}

/** The name in an alias, its type prefix ("TP.", "huyện"…) left out. */
function spellingOf(alias: string): Spelling | null {
  const text = prepare(alias);
  const all = tokenize(foldAligned(text));
  let from = 0;
  for (const p of PREFIXES_BY_FIRST.get(all[0]?.folded ?? '') ?? []) {
    if (all.length > p.folded.length && p.folded.every((w, k) => all[k]!.folded === w)) {
      from = p.folded.length;
      break;
    }
  }
  if (from >= all.length) return null;
  const rest = all.slice(from);
  const raw = text.slice(rest[0]!.start, rest.at(-1)!.end);
  const tokens = rest.map((t) => t.folded);
  return {
    key: tokens.join(' '),
    tokens,
    exact: exactForm(text, all, from, all.length),
    upperOnly: tokens.length === 1 && raw.length <= 4 && isUpper(raw) && /^[A-Z]+$/.test(raw),
  };
}

function buildIndex(units: readonly Unit[]): PlaceIndex {
  const perUnit: { unit: Unit; spellings: Map<string, Spelling & { all: Set<string> }> }[] = [];
  const largeUnitKeys = new Set<string>();
  for (const unit of units) {
    const spellings = new Map<string, Spelling & { all: Set<string> }>();
    for (const alias of [unit.short_name, unit.name, ...unit.aliases]) {
      const s = spellingOf(alias);
      if (!s) continue;
      const known = spellings.get(s.key);
      if (known) known.all.add(s.exact);
      else spellings.set(s.key, { ...s, all: new Set([s.exact]) });
      if (unit.level <= 2) largeUnitKeys.add(s.key);
    }
    perUnit.push({ unit, spellings });
  }

  const names = new Map<string, NameGroup>();
  const keyPrefixes = new Set<string>();
  let maxTokens = 1;
  for (const { unit, spellings } of perUnit) {
    const numbered = /^\d+$/.test(unit.short_name);
    for (const { key, tokens, all, upperOnly } of spellings.values()) {
      const distinctive =
        tokens.length >= 2
          ? unit.level <= 2 || largeUnitKeys.has(key) || tokens.some(looksEthnic)
          : upperOnly || (tokens[0]!.length >= 5 && looksEthnic(tokens[0]!));
      const entry: NameEntry = { unit, exact: all, bare: distinctive && !numbered, upperOnly };
      const group = names.get(key) ?? { entries: [], anyBare: false };
      group.entries.push(entry);
      group.anyBare ||= entry.bare;
      names.set(key, group);
      for (let n = 1; n <= tokens.length; n++) keyPrefixes.add(tokens.slice(0, n).join(' '));
      maxTokens = Math.max(maxTokens, tokens.length);
    }
  }
  const byUid = new Map(units.map((u) => [u.uid, u]));
  const districts = new Map<string, string[]>();
  const addDistrict = (uid: string, district: string | null) => {
    if (district && byUid.get(district)?.level === 2)
      districts.set(uid, [...(districts.get(uid) ?? []), district]);
  };
  for (const unit of units) {
    if (unit.level !== 3) continue;
    addDistrict(unit.uid, unit.parent_uid);
    for (const s of unit.successors) addDistrict(s.uid, unit.parent_uid);
  }
  return { names, keyPrefixes, maxTokens, units: byUid, districts };
}

/** Whether the text is written with diacritics (then a name must be spelt with the right ones, or none). */
function hasDiacritics(text: string, folded: string): boolean {
  let letters = 0;
  let marked = 0;
  for (let i = 0; i < text.length && letters < 20_000; i++) {
    const f = folded.charCodeAt(i);
    if (f < 0x61 || f > 0x7a) continue;
    letters++;
    if (text.charCodeAt(i) >= 0xc0) marked++;
  }
  return letters > 0 && marked / letters > 0.02;
}

class Scanner {
  private readonly matches: RawMatch[] = [];

  constructor(
    private readonly index: PlaceIndex,
    private readonly text: string,
    private readonly folded: string,
    private readonly tokens: readonly Token[],
    private readonly withDiacritics: boolean,
  ) {}

  scan(): RawMatch[] {
    let i = 0;
    while (i < this.tokens.length) {
      const match = this.prefixed(i) ?? this.listed(i) ?? this.marked(i) ?? this.bare(i);
      if (match) {
        this.matches.push(match);
        i = match.endToken;
      } else i++;
    }
    return this.matches;
  }

  private word(token: Token): string {
    return this.withDiacritics ? this.text.slice(token.start, token.end).toLowerCase() : token.folded;
  }

  private prefixed(i: number): RawMatch | null {
    const defs = PREFIXES_BY_FIRST.get(this.tokens[i]!.folded);
    if (!defs) return null;
    for (const p of defs) {
      const after = i + p.folded.length;
      if (after >= this.tokens.length || !this.isPrefix(p, i)) continue;
      const gap = this.text.slice(this.tokens[after - 1]!.end, this.tokens[after]!.start);
      if (!(p.abbreviation ? ABBREVIATION_GAP : WORD_GAP).test(gap)) continue;
      const found = this.lookup(after, p.types, false);
      if (found) return { ...found, start: this.tokens[i]!.start, kind: 'prefixed', types: p.types };
    }
    return null;
  }

  private isPrefix(p: PrefixDef, i: number): boolean {
    const tokens = this.tokens;
    if (p.types[0] === 'xã' && i >= 2 && tokens[i - 2]!.folded === 'hop' && tokens[i - 1]!.folded === 'tac') {
      return false;
    }
    for (let k = 0; k < p.folded.length; k++) {
      const token = tokens[i + k]!;
      if (token.folded !== p.folded[k] || (this.withDiacritics && this.word(token) !== p.exact[k]))
        return false;
    }
    if (p.strict) {
      const token = tokens[i]!;
      if (!isUpper(this.text.slice(token.start, token.end))) return false;
      if (p.folded[0]!.length === 1 && this.folded[token.end] !== '.') return false;
    }
    return true;
  }

  /** A name right after a prefixed match, joined by a comma or "và": "các xã Ea Tu, Hòa Xuân và Ea Kao". */
  private listed(i: number): RawMatch | null {
    const previous = this.matches.at(-1);
    if (!previous || previous.types === null || i - previous.endToken > 1) return null;
    if (i > previous.endToken && !LIST_JOINERS.has(this.tokens[previous.endToken]!.folded)) return null;
    if (!LIST_GAP.test(this.folded.slice(previous.end, this.tokens[i]!.start))) return null;
    const found = this.lookup(i, previous.types, false);
    return found ? { ...found, kind: 'list', types: previous.types } : null;
  }

  private bare(i: number): RawMatch | null {
    let found = this.lookup(i, null, true);
    if (!found) return null;
    if ((this.lookup(i, null, false)?.endToken ?? 0) > found.endToken) {
      const larger = found.candidates.filter((u) => u.level < 3);
      if (larger.length === 0) return null;
      found = { ...found, candidates: larger };
    }
    const initials = this.tokens.slice(i, found.endToken).map((t) => this.text.charAt(t.start));
    const lower = initials.map((c) => c !== c.toUpperCase());
    if (lower[0] && lower.some((l, k) => k > 0 && !l && /\p{L}/u.test(initials[k]!))) return null;
    const before = this.tokens[i - 1];
    if (before && before.end >= this.tokens[i]!.start - 1) {
      if ((this.withDiacritics ? BARE_BLOCKERS_EXACT : BARE_BLOCKERS_FOLDED).has(this.word(before)))
        return null;
    }
    return { ...found, kind: 'bare', types: null };
  }

  /**
   * A commune name of two syllables or more, written capitalised, right after a place word or a 📍, and not part
   * of a longer capitalised name ("ở Tân Lập Group"). Which commune it is, when several share it, `resolve` decides.
   */
  private marked(i: number): RawMatch | null {
    // Most tokens start no capitalised name at all: those cheap tests go before looking for a place word.
    const head = this.tokens[i]!;
    const initial = this.text.charAt(head.start);
    if (initial === initial.toLowerCase() && !/\d/.test(initial)) return null;
    if (!this.index.keyPrefixes.has(head.folded) || !this.afterMarker(i)) return null;
    const found = this.lookup(i, null, false);
    if (!found || found.endToken - i < 2) return null;
    const tokens = this.tokens;
    const words = tokens.slice(i, found.endToken);
    const key = words.map((t) => t.folded).join(' ');
    if (this.index.names.get(key)?.anyBare || NOT_BARE_COMMUNES.has(key)) return null;
    const candidates = found.candidates.filter((u) => u.level === 3 && !/^\d+$/.test(u.short_name));
    if (candidates.length === 0) return null;
    if (!words.every((t) => /^\d+$/.test(t.folded) || isCapitalized(this.text.slice(t.start, t.end))))
      return null;
    const next = tokens[found.endToken];
    if (next && SPACE_ONLY.test(this.text.slice(found.end, next.start))) {
      const first = this.text.charAt(next.start);
      if (first !== first.toLowerCase() || /\d/.test(first)) return null;
    }
    return { ...found, candidates, kind: 'marked', types: null };
  }

  private afterMarker(i: number): boolean {
    const tokens = this.tokens;
    const before = this.text.slice(tokens[i - 1]?.end ?? 0, tokens[i]!.start);
    if (PIN_BEFORE.test(before)) return true;
    if (!SPACE_ONLY.test(before)) return false;
    return PLACE_MARKERS.some((m) => {
      const from = i - m.exact.length;
      if (from < 0) return false;
      for (let k = 0; k < m.exact.length; k++) {
        const token = tokens[from + k]!;
        if (k > 0 && !SPACE_ONLY.test(this.text.slice(tokens[from + k - 1]!.end, token.start))) return false;
        if (this.word(token) !== (this.withDiacritics ? m.exact[k] : m.folded[k])) return false;
      }
      return true;
    });
  }

  /** The longest name starting at token i, with the units it may denote. */
  private lookup(
    i: number,
    types: UnitType[] | null,
    bareOnly: boolean,
  ): Omit<RawMatch, 'kind' | 'types'> | null {
    const tokens = this.tokens;
    const limit = Math.min(this.index.maxTokens, tokens.length - i);
    const keys: string[] = [];
    let key = tokens[i]!.folded;
    while (this.index.keyPrefixes.has(key)) {
      keys.push(key);
      if (keys.length === limit) break;
      key = `${key} ${tokens[i + keys.length]!.folded}`;
    }
    for (let n = keys.length; n >= 1; n--) {
      const group = this.index.names.get(keys[n - 1]!);
      if (!group || (bareOnly && !group.anyBare)) continue;
      const end = i + n;
      const surface = exactForm(this.text, tokens, i, end);
      const plain = ASCII.test(surface);
      const raw = this.text.slice(tokens[i]!.start, tokens[end - 1]!.end);
      let accepted = group.entries.filter(
        (e) =>
          (!bareOnly || e.bare) &&
          (!this.withDiacritics || plain || e.exact.has(surface) || someSpeltPartly(surface, e.exact)) &&
          (!e.upperOnly || isUpper(raw)),
      );
      if (types) {
        const sameType = accepted.filter((e) => types.includes(e.unit.type));
        const levels = new Set(types.map((t) => LEVEL_OF_TYPE[t]));
        accepted = sameType.length > 0 ? sameType : accepted.filter((e) => levels.has(e.unit.level));
      }
      if (accepted.length === 0) continue;
      const candidates = [...new Map(accepted.map((e) => [e.unit.uid, e.unit])).values()];
      return { start: tokens[i]!.start, end: tokens[end - 1]!.end, candidates, endToken: end };
    }
    return null;
  }
}

/** An old unit that went whole into a new one names the same place, so choosing between them is no ambiguity. */
function samePlace(a: Unit, b: Unit): boolean {
  const whole = (from: Unit, to: Unit) => from.successors.length === 1 && from.successors[0]!.uid === to.uid;
  return whole(a, b) || whole(b, a);
}

/** Candidates grouped into places: units linked by `samePlace` are one place. */
function placesOf(candidates: readonly Unit[]): Unit[][] {
  const places: Unit[][] = [];
  for (const unit of candidates) {
    const joined = places.filter((p) => p.some((u) => samePlace(u, unit)));
    const merged = [...joined.flat(), unit];
    for (const p of joined) places.splice(places.indexOf(p), 1);
    places.push(merged);
  }
  return places;
}

/**
 * The units a bare name after a place word may denote: those of the one place it names, or, when several places
 * share the name, of the one place whose district another mention in the text names; null when that leaves no
 * single place ("xuống Hòa Thắng" alone: Hòa Thắng of Phú Hòa or of Buôn Ma Thuột).
 */
function markedCandidates(
  index: PlaceIndex,
  candidates: readonly Unit[],
  support: ReadonlyMap<string, number>,
): Unit[] | null {
  const places = placesOf(candidates);
  if (places.length === 1) return places[0]!;
  const named = places.filter((p) =>
    p.some((u) => (index.districts.get(u.uid) ?? []).some((d) => (support.get(d) ?? 0) > 0)),
  );
  return named.length === 1 ? named[0]! : null;
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** How strongly the matches name each unit (`support`) and each unit's children (`childSupport`). */
function supportOf(matches: readonly RawMatch[]): {
  support: Map<string, number>;
  childSupport: Map<string, number>;
} {
  const support = new Map<string, number>();
  const childSupport = new Map<string, number>();
  for (const m of matches) {
    for (const c of m.candidates) {
      addTo(support, c.uid, 1 / m.candidates.length);
      if (c.parent_uid) addTo(childSupport, c.parent_uid, 1 / m.candidates.length);
    }
  }
  return { support, childSupport };
}

/**
 * Picks one unit per match. Scores: valid when the text was written (+2), a co-mentioned parent district (+3) or
 * province (+1), co-mentioned communes inside a district (+1), a bare name being a province or district (+1.5/+0.5).
 * Confidence falls with the margin over the best rival. A name after a place word is first narrowed to one place
 * (`markedCandidates`) or dropped.
 */
function resolve(index: PlaceIndex, text: string, matches: RawMatch[], at: Date | undefined): PlaceMention[] {
  const day = at ? vietnamDay(at) : null;
  const mentioned = supportOf(matches).support;
  const placed = matches.flatMap((m) => {
    if (m.kind !== 'marked') return [m];
    const candidates = markedCandidates(index, m.candidates, mentioned);
    return candidates ? [{ ...m, candidates }] : [];
  });
  const { support, childSupport } = supportOf(placed);
  return placed.map((m) => {
    const others = (uid: string | null | undefined) => {
      if (!uid) return 0;
      const own = m.candidates.some((c) => c.uid === uid) ? 1 / m.candidates.length : 0;
      return Math.min(1, (support.get(uid) ?? 0) - own);
    };
    const scored = m.candidates.map((c) => {
      const parent = c.parent_uid ? index.units.get(c.parent_uid) : undefined;
      let score = 0;
      if (day !== null && isUnitValidOn(c, day)) score += 2;
      if (day === null && c.valid_to === null) score += 0.3;
      score += (parent?.level === 1 ? 1 : 3) * others(c.parent_uid);
      score += others(parent?.parent_uid);
      if (c.level < 3) score += Math.min(1, childSupport.get(c.uid) ?? 0);
      if (m.kind === 'bare') score += c.level === 1 ? 1.5 : c.level === 2 ? 0.5 : 0;
      return { unit: c, score };
    });
    scored.sort((a, b) => b.score - a.score || a.unit.uid.localeCompare(b.unit.uid));
    const best = scored[0]!;
    const rival = scored.find((s) => s !== best && !samePlace(s.unit, best.unit));
    const margin = rival ? best.score - rival.score : Infinity;
    const clarity = margin >= 2 ? 1 : margin >= 1 ? 0.85 : margin > 0 ? 0.7 : 0.5;
    const numberedAlone = /^\d+$/.test(best.unit.short_name) && others(best.unit.parent_uid) === 0;
    const confidence = BASE_CONFIDENCE[m.kind] * clarity * (numberedAlone ? 0.7 : 1);
    return {
      uid: best.unit.uid,
      code: best.unit.code,
      name: best.unit.name,
      start: m.start,
      end: m.end,
      surface: text.slice(m.start, m.end),
      confidence: Math.round(confidence * 1000) / 1000,
    };
  });
}

/** An extractor over the given units; the index is built once, and each call is linear in the text's length. */
export function createPlaceExtractor(units: readonly Unit[]): PlaceExtractor {
  const index = buildIndex(units);
  return (input, opts = {}) => {
    const text = prepare(input);
    const folded = foldAligned(text);
    const tokens = tokenize(folded);
    const matches = new Scanner(index, text, folded, tokens, hasDiacritics(text, folded)).scan();
    return resolve(index, text, matches, opts.at);
  };
}

let defaultExtractor: PlaceExtractor | undefined;

/**
 * Places named in `text`, in order, against the bundled gazetteer. Offsets index `text` when it is NFC (as
 * `normalizeText` output is), else `nfc(text)`.
 * `extractPlaces('Người dân xã Ea Tu, TP. Buôn Ma Thuột…', { at: new Date('2024-05-10') })`
 * → [{ uid: '24163/pre2025', surface: 'xã Ea Tu', … }, { uid: '643/pre2025', surface: 'TP. Buôn Ma Thuột', … }]
 */
export function extractPlaces(text: string, opts?: ExtractPlacesOptions): PlaceMention[] {
  defaultExtractor ??= createPlaceExtractor(loadUnits());
  return defaultExtractor(text, opts);
}

const unitMaps = new WeakMap<readonly Unit[], Map<string, Unit>>();

/** `units` by uid, built once per gazetteer (not once per document). */
function unitsByUid(units: readonly Unit[]): Map<string, Unit> {
  let byUid = unitMaps.get(units);
  if (!byUid) {
    byUid = new Map(units.map((u) => [u.uid, u]));
    unitMaps.set(units, byUid);
  }
  return byUid;
}

/**
 * The uid of the most specific place among `mentions` (those with confidence ≥ 0.5 when there are any): a commune
 * inside a mentioned district first, then any commune, then a district, then a province; ties go to the most
 * confident, then the most mentioned, then the earliest. Null when there is no mention.
 * `mostSpecificLocality(extractPlaces('xã Ea Tu, TP. Buôn Ma Thuột'))` → `'24163/pre2025'`.
 */
export function mostSpecificLocality(
  mentions: readonly PlaceMention[],
  units?: readonly Unit[],
): string | null {
  const confident = mentions.filter((m) => m.confidence >= 0.5);
  const pool = confident.length > 0 ? confident : mentions;
  if (pool.length === 0) return null;
  const byUid = unitsByUid(units ?? loadUnits());
  const mentioned = new Set(pool.map((m) => m.uid));
  const stats = new Map<string, { count: number; confidence: number; first: number }>();
  for (const m of pool) {
    const s = stats.get(m.uid) ?? { count: 0, confidence: 0, first: m.start };
    s.count++;
    s.confidence = Math.max(s.confidence, m.confidence);
    stats.set(m.uid, s);
  }
  const rank = (uid: string) => {
    const unit = byUid.get(uid);
    const insideMentioned = unit?.parent_uid != null && mentioned.has(unit.parent_uid) ? 1 : 0;
    return (unit?.level ?? 0) * 2 + insideMentioned;
  };
  const ranked = [...stats.entries()].sort(
    ([a, sa], [b, sb]) =>
      rank(b) - rank(a) || sb.confidence - sa.confidence || sb.count - sa.count || sa.first - sb.first,
  );
  return ranked[0]![0];
}
