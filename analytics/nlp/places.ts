// Finds mentions of Đắk Lắk and Phú Yên administrative units (old and new names) in Vietnamese text.
import { foldAligned, nfc, normalizeToneMarks } from '../../data/text/normalize.ts';
import { isUnitValidAt, loadUnits } from '../../data/reference/index.ts';
import type { Unit, UnitType } from '../../data/reference/index.ts';

/** One place named in a text; `start`/`end` are UTF-16 offsets of `surface` (type prefix included) in the text. */
export interface PlaceMention {
  uid: string;
  code: string;
  name: string;
  start: number;
  end: number;
  surface: string;
  /** 0–1: how the name was written (with a type prefix or bare) times how clearly it picked one unit. */
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
  /** Folded form: lowercase ASCII, apostrophes as `'`. */
  folded: string;
}

interface NameEntry {
  unit: Unit;
  /** Lowercase spellings with diacritics, token-joined; a surface with diacritics must be one of them. */
  exact: Set<string>;
  bare: boolean;
  upperOnly: boolean;
}

interface PrefixDef {
  folded: string[];
  exact: string[];
  types: UnitType[];
  /** Abbreviations such as "H." and "P." count only when capitalised and followed by a dot. */
  strict: boolean;
}

interface PlaceIndex {
  names: Map<string, NameEntry[]>;
  maxTokens: number;
  units: Map<string, Unit>;
}

interface RawMatch {
  start: number;
  end: number;
  candidates: Unit[];
  kind: 'prefixed' | 'list' | 'bare';
  endToken: number;
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

const LEVEL_OF_TYPE: Record<UnitType, number> = {
  tỉnh: 1,
  'thành phố': 2,
  'thị xã': 2,
  huyện: 2,
  phường: 3,
  xã: 3,
  'thị trấn': 3,
};

/** Words before a bare name that make it a river, lake, street… rather than the unit. */
const BARE_BLOCKERS = new Set(
  ['sông', 'hồ', 'thác', 'suối', 'đầm', 'đèo', 'núi', 'đường', 'phố', 'cầu', 'vịnh', 'bến', 'chợ', 'trường', 'buôn']
    .map((w) => foldAligned(w)),
);

const LIST_JOINERS = new Set(['và', 'cùng', 'với', 'hoặc', 'and'].map((w) => foldAligned(w)));

const ETHNIC_SYLLABLES = new Set(['ea', 'ia', 'ya', 'cu', 'cuor', 'buon', 'yang', 'pong', 'dray', 'dur', 'kang']);
const NON_VIETNAMESE_ONSET = /^(kr|dr|bl|br|pl|pr|dl|km|kn|kp|kt|kb|bh|dh|hm|hl|hr|mn|mt|rb|jl|rv|mg)/;

function prefix(words: string, types: UnitType[], strict = false): PrefixDef {
  const exact = words.split(' ');
  return { exact, folded: exact.map((w) => foldAligned(w)), types, strict };
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x2bc;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Tokens of a folded text: runs of a–z and digits, with an apostrophe inside ("h'leo") or after one letter ("m'"). */
function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < folded.length) {
    if (!isWordChar(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let text = '';
    while (i < folded.length) {
      const c = folded.charCodeAt(i);
      if (isWordChar(c)) text += folded[i];
      else if (isApostrophe(c) && (isWordChar(folded.charCodeAt(i + 1)) || text.length === 1)) text += "'";
      else break;
      i++;
    }
    tokens.push({ start, end: i, folded: text });
  }
  return tokens;
}

function prepare(text: string): string {
  return normalizeToneMarks(nfc(text));
}

function exactForm(text: string, tokens: readonly Token[], from: number, to: number): string {
  const words: string[] = [];
  for (let k = from; k < to; k++) {
    words.push(
      text
        .slice(tokens[k]!.start, tokens[k]!.end)
        .toLowerCase()
        .replace(/[\u2018\u2019\u02bc]/g, "'"),
    );
  }
  return words.join(' ');
}

function spellingKeys(spelling: string): { key: string; exact: string; tokens: string[] } {
  const text = prepare(spelling);
  const tokens = tokenize(foldAligned(text));
  return {
    key: tokens.map((t) => t.folded).join(' '),
    exact: exactForm(text, tokens, 0, tokens.length),
    tokens: tokens.map((t) => t.folded),
  };
}

function stripPrefix(spelling: string): string | null {
  const words = spelling.split(/\s+/);
  for (const p of PREFIXES) {
    const head = words.slice(0, p.exact.length).map((w) => foldAligned(prepare(w)).replace(/\.$/, ''));
    if (words.length > p.exact.length && head.join(' ') === p.folded.join(' ')) {
      return words.slice(p.exact.length).join(' ');
    }
  }
  return null;
}

function looksEthnic(token: string): boolean {
  return (
    ETHNIC_SYLLABLES.has(token) ||
    token.includes("'") ||
    /[fjwz]/.test(token) ||
    /k$/.test(token) ||
    NON_VIETNAMESE_ONSET.test(token)
  );
}

function buildIndex(units: readonly Unit[]): PlaceIndex {
  const names = new Map<string, NameEntry[]>();
  const largeUnitKeys = new Set<string>();
  let maxTokens = 1;
  const perUnit: { unit: Unit; keys: Map<string, { exact: Set<string>; tokens: string[]; upperOnly: boolean }> }[] =
    [];
  for (const unit of units) {
    const keys = new Map<string, { exact: Set<string>; tokens: string[]; upperOnly: boolean }>();
    const spellings = [unit.short_name, ...unit.aliases.map((a) => stripPrefix(a) ?? a)];
    for (const spelling of spellings) {
      const { key, exact, tokens } = spellingKeys(spelling);
      if (key === '') continue;
      const entry = keys.get(key) ?? { exact: new Set<string>(), tokens, upperOnly: spelling === 'BMT' };
      entry.exact.add(exact);
      keys.set(key, entry);
      maxTokens = Math.max(maxTokens, tokens.length);
      if (unit.level <= 2) largeUnitKeys.add(key);
    }
    perUnit.push({ unit, keys });
  }
  for (const { unit, keys } of perUnit) {
    for (const [key, { exact, tokens, upperOnly }] of keys) {
      const distinctive =
        tokens.length >= 2
          ? unit.level <= 2 || largeUnitKeys.has(key) || tokens.some(looksEthnic)
          : upperOnly || (tokens[0]!.length >= 5 && looksEthnic(tokens[0]!));
      const list = names.get(key) ?? [];
      list.push({ unit, exact, bare: distinctive && !/^\d+$/.test(unit.short_name), upperOnly });
      names.set(key, list);
    }
  }
  return { names, maxTokens, units: new Map(units.map((u) => [u.uid, u])) };
}

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
      const match = this.prefixed(i) ?? this.listed(i) ?? this.bare(i);
      if (match) {
        this.matches.push(match);
        i = match.endToken;
      } else i++;
    }
    return this.matches;
  }

  private prefixed(i: number): RawMatch | null {
    for (const p of PREFIXES) {
      const after = i + p.folded.length;
      if (after >= this.tokens.length || !this.isPrefix(p, i)) continue;
      const found = this.lookup(after, p.types, false);
      if (found) return { ...found, start: this.tokens[i]!.start, kind: 'prefixed', types: p.types };
    }
    return null;
  }

  private isPrefix(p: PrefixDef, i: number): boolean {
    for (let k = 0; k < p.folded.length; k++) {
      const token = this.tokens[i + k]!;
      if (token.folded !== p.folded[k]) return false;
      if (this.withDiacritics && this.text.slice(token.start, token.end).toLowerCase() !== p.exact[k]) return false;
    }
    if (p.strict) {
      const token = this.tokens[i]!;
      const upper = this.text.slice(token.start, token.end).toUpperCase() === this.text.slice(token.start, token.end);
      if (!upper || (p.folded[0]!.length === 1 && this.folded[token.end] !== '.')) return false;
    }
    return true;
  }

  /** A name right after a prefixed match of the same type, joined by a comma or "và": "xã Ea Tu, Hòa Xuân và Ea Kao". */
  private listed(i: number): RawMatch | null {
    const previous = this.matches.at(-1);
    if (!previous || previous.types === null || previous.endToken !== this.joinedAfter(previous.endToken, i)) return null;
    const found = this.lookup(i, previous.types, false);
    return found ? { ...found, kind: 'list', types: previous.types } : null;
  }

  /** `from` when tokens from..i-1 are only joiner words and the gap holds only separators, else -1. */
  private joinedAfter(from: number, i: number): number {
    for (let k = from; k < i; k++) if (!LIST_JOINERS.has(this.tokens[k]!.folded)) return -1;
    const gapStart = from > 0 ? this.tokens[from - 1]!.end : 0;
    const gap = this.folded.slice(gapStart, this.tokens[i]!.start);
    if (!/^[\s,;/&-]*(?:[a-z]+[\s,;/&-]*)*$/.test(gap) || gap.includes('\n')) return -1;
    return from;
  }

  private bare(i: number): RawMatch | null {
    const before = this.tokens[i - 1];
    if (before && before.end >= this.tokens[i]!.start - 1 && BARE_BLOCKERS.has(before.folded)) return null;
    const found = this.lookup(i, null, true);
    return found ? { ...found, kind: 'bare', types: null } : null;
  }

  private lookup(i: number, types: UnitType[] | null, bareOnly: boolean): Omit<RawMatch, 'kind' | 'types'> | null {
    const tokens = this.tokens;
    const limit = Math.min(this.index.maxTokens, tokens.length - i);
    let key = '';
    const keys: string[] = [];
    for (let n = 0; n < limit; n++) {
      key = n === 0 ? tokens[i]!.folded : `${key} ${tokens[i + n]!.folded}`;
      keys.push(key);
    }
    for (let n = limit; n >= 1; n--) {
      const entries = this.index.names.get(keys[n - 1]!);
      if (!entries) continue;
      const end = i + n;
      const surface = exactForm(this.text, tokens, i, end);
      const plain = foldAligned(surface) === surface;
      let accepted = entries.filter(
        (e) =>
          (!bareOnly || e.bare) &&
          (!this.withDiacritics || plain || e.exact.has(surface)) &&
          (!e.upperOnly || this.text.slice(tokens[i]!.start, tokens[end - 1]!.end).toUpperCase() === this.text.slice(tokens[i]!.start, tokens[end - 1]!.end)),
      );
      if (types) {
        const exactType = accepted.filter((e) => types.includes(e.unit.type));
        const levels = new Set(types.map((t) => LEVEL_OF_TYPE[t]));
        accepted = exactType.length > 0 ? exactType : accepted.filter((e) => levels.has(e.unit.level));
      }
      if (accepted.length === 0) continue;
      const candidates = [...new Map(accepted.map((e) => [e.unit.uid, e.unit])).values()];
      return { start: tokens[i]!.start, end: tokens[end - 1]!.end, candidates, endToken: end };
    }
    return null;
  }
}

const BASE_CONFIDENCE = { prefixed: 0.95, list: 0.85, bare: 0.75 } as const;

function resolve(index: PlaceIndex, text: string, matches: RawMatch[], at: Date | undefined): PlaceMention[] {
  const support = new Map<string, number>();
  matches.forEach((m) => {
    for (const c of m.candidates) support.set(c.uid, (support.get(c.uid) ?? 0) + 1 / m.candidates.length);
  });
  const childSupport = new Map<string, number>();
  for (const m of matches) {
    for (const c of m.candidates) {
      if (c.parent_uid) childSupport.set(c.parent_uid, (childSupport.get(c.parent_uid) ?? 0) + 1 / m.candidates.length);
    }
  }
  return matches.map((m) => {
    const own = (uid: string | null) => (uid && m.candidates.some((c) => c.uid === uid) ? 1 / m.candidates.length : 0);
    const scored = m.candidates.map((c) => {
      const parent = c.parent_uid ? index.units.get(c.parent_uid) : undefined;
      let score = 0;
      if (at && isUnitValidAt(c, at)) score += 2;
      if (!at && c.valid_to === null) score += 0.3;
      score += 3 * Math.min(1, (support.get(c.parent_uid ?? '') ?? 0) - own(c.parent_uid));
      score += Math.min(1, (support.get(parent?.parent_uid ?? '') ?? 0) - own(parent?.parent_uid ?? null));
      if (c.level < 3) score += Math.min(1, childSupport.get(c.uid) ?? 0);
      if (m.kind === 'bare') score += c.level === 1 ? 1.5 : c.level === 2 ? 0.5 : 0;
      return { unit: c, score };
    });
    scored.sort((a, b) => b.score - a.score || a.unit.uid.localeCompare(b.unit.uid));
    const best = scored[0]!;
    const margin = scored.length > 1 ? best.score - scored[1]!.score : Infinity;
    const clarity = margin >= 2 ? 1 : margin >= 1 ? 0.85 : margin > 0 ? 0.7 : 0.5;
    const numbered = /^\d+$/.test(best.unit.short_name) && !(support.get(best.unit.parent_uid ?? '') ?? 0);
    const confidence = BASE_CONFIDENCE[m.kind] * clarity * (numbered ? 0.7 : 1);
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
 * `extractPlaces('Người dân xã Ea Tu, TP. Buôn Ma Thuột', { at })` → mentions of 24163/pre2025 and 643/pre2025.
 */
export function extractPlaces(text: string, opts?: ExtractPlacesOptions): PlaceMention[] {
  defaultExtractor ??= createPlaceExtractor(loadUnits());
  return defaultExtractor(text, opts);
}

/**
 * The uid of the most specific place among `mentions`: a commune inside a mentioned district before any other
 * commune, a commune before a district, a district before a province; ties go to the most confident, most
 * mentioned, earliest. Null when there is no mention.
 */
export function mostSpecificLocality(mentions: readonly PlaceMention[], units?: readonly Unit[]): string | null {
  if (mentions.length === 0) return null;
  const byUid = new Map((units ?? loadUnits()).map((u) => [u.uid, u]));
  const mentioned = new Set(mentions.map((m) => m.uid));
  const stats = new Map<string, { count: number; confidence: number; first: number }>();
  for (const m of mentions) {
    const s = stats.get(m.uid) ?? { count: 0, confidence: 0, first: m.start };
    s.count++;
    s.confidence = Math.max(s.confidence, m.confidence);
    stats.set(m.uid, s);
  }
  const rank = (uid: string) => {
    const unit = byUid.get(uid);
    const level = unit?.level ?? 0;
    const inMentioned = unit?.parent_uid != null && mentioned.has(unit.parent_uid) ? 1 : 0;
    return level * 2 + inMentioned;
  };
  return [...stats.entries()].sort(
    ([a, sa], [b, sb]) =>
      rank(b) - rank(a) || sb.confidence - sa.confidence || sb.count - sa.count || sa.first - sb.first,
  )[0]![0];
}
