// Per-token facts the segmenters look at (lookup key, shape, hash), computed once per distinct token.
import { syllableKey } from './segment-lexicon.ts';

/** Token shapes; the numbers are part of the trained model's feature hashes, so never renumber them. */
export const Shape = {
  boundary: 0,
  lower: 1,
  capitalised: 2,
  upper: 3,
  initial: 4,
  number: 5,
  punct: 6,
  alphanumeric: 7,
  other: 8,
} as const;
export type Shape = (typeof Shape)[keyof typeof Shape];

export interface TokenInfo {
  /** Lowercase NFC lookup key with one tone-mark placement. */
  readonly key: string;
  readonly shape: Shape;
  /** 32-bit FNV-1a hash of `key`. */
  readonly hash: number;
  /** Hashes of the syllable's initial consonant and of the rest without tone, for reduplication (lung linh, bâng khuâng). */
  readonly onset: number;
  readonly rhyme: number;
}

const ONSET = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])/;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

function onsetAndRhyme(key: string): [number, number] {
  const onset = ONSET.exec(key)?.[0] ?? '';
  const rhyme = key.slice(onset.length).normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
  return [fnv1a(onset), fnv1a(rhyme)];
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const MARK = /\p{M}/u;
const DIGIT = /[0-9]/;
const APOSTROPHES = "'’ʼ";

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function shapeOf(token: string): Shape {
  let letters = 0;
  let uppers = 0;
  let digits = 0;
  let others = 0;
  let firstUpper = false;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      if (code >= 0x61 && code <= 0x7a) letters++;
      else if (code >= 0x41 && code <= 0x5a) {
        letters++;
        uppers++;
        if (i === 0) firstUpper = true;
      } else if (DIGIT.test(ch)) digits++;
      else if (ch === "'" && i > 0 && i < token.length - 1) continue;
      else others++;
      continue;
    }
    if (APOSTROPHES.includes(ch) && i > 0 && i < token.length - 1) continue;
    const start = i;
    const full = String.fromCodePoint(token.codePointAt(i)!);
    if (full.length === 2) i++;
    if (LETTER.test(full)) {
      letters++;
      if (UPPER.test(full)) {
        uppers++;
        if (start === 0) firstUpper = true;
      }
    } else if (MARK.test(full) && letters > 0) continue;
    else others++;
  }
  if (letters > 0 && others === 0 && digits === 0) {
    if (uppers === 0) return Shape.lower;
    if (uppers === letters) return letters === 1 ? Shape.initial : Shape.upper;
    return firstUpper ? Shape.capitalised : Shape.other;
  }
  if (letters === 0 && digits > 0) {
    return others === 0 || /^[+-]?[0-9]+(?:[.,][0-9]+)*$/.test(token) ? Shape.number : Shape.other;
  }
  if (letters === 0 && digits === 0) return Shape.punct;
  if (others === 0) return Shape.alphanumeric;
  return Shape.other;
}

const INFO_CACHE_LIMIT = 200_000;
const infoCache = new Map<string, TokenInfo>();

/** Facts about one whitespace-free token, cached. */
export function tokenInfo(token: string): TokenInfo {
  let info = infoCache.get(token);
  if (info === undefined) {
    const key = syllableKey(token);
    const [onset, rhyme] = onsetAndRhyme(key);
    info = { key, shape: shapeOf(token), hash: fnv1a(key), onset, rhyme };
    if (infoCache.size >= INFO_CACHE_LIMIT) infoCache.clear();
    infoCache.set(token, info);
  }
  return info;
}

/** Whether a token of this shape is made of letters only and may be a syllable of a word. */
export function isSyllableShape(shape: Shape): boolean {
  return shape >= Shape.lower && shape <= Shape.initial;
}
