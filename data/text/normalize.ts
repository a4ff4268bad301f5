// Vietnamese text normalisation: Unicode NFC, one tone-mark placement, diacritic folding, whitespace cleanup.

const BASE_VOWELS = 'aăâeêioôơuưy';
const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const QUALITY_MARKED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

interface VowelInfo {
  base: string;
  tone: number;
  upper: boolean;
}

const VOWEL_INFO = new Map<string, VowelInfo>();
const COMPOSE = new Map<string, string>();
for (const lower of BASE_VOWELS) {
  for (const upper of [false, true]) {
    const base = upper ? lower.toUpperCase() : lower;
    for (let tone = 0; tone < TONE_MARKS.length; tone++) {
      const ch = (base + TONE_MARKS[tone]).normalize('NFC');
      VOWEL_INFO.set(ch, { base: lower, tone, upper });
      COMPOSE.set(`${base}${tone}`, ch);
    }
  }
}

// Vowel clusters of Vietnamese syllables (after a "qu"/"gi" onset is split off), without tone marks.
const NUCLEI = new Set(
  (
    'a ă â e ê i o ô ơ u ư y ' +
    'ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê ' +
    'iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu'
  ).split(' '),
);

const CONSONANT = /^[bcdfghjklmnpqrstvwxzđ]$/i;

/** Index within `nucleus` that carries the tone mark in the hòa/thủy/khỏe convention. */
function tonePosition(nucleus: string, hasCoda: boolean): number {
  for (let i = nucleus.length - 1; i >= 0; i--) if (QUALITY_MARKED.has(nucleus[i]!)) return i;
  if (nucleus.length === 1) return 0;
  if (hasCoda) return nucleus.length - 1;
  return nucleus.length === 3 ? 1 : 0;
}

function fixSyllable(word: string): string {
  const chars = word.split('');
  let toned = -1;
  let vowels = 0;
  for (let i = 0; i < chars.length; i++) {
    const info = VOWEL_INFO.get(chars[i]!);
    if (!info) continue;
    vowels++;
    if (info.tone !== 0) {
      if (toned !== -1) return word;
      toned = i;
    }
  }
  if (toned === -1 || vowels < 2) return word;

  let start = 0;
  while (start < chars.length && !VOWEL_INFO.has(chars[start]!)) {
    if (!CONSONANT.test(chars[start]!)) return word;
    start++;
  }
  let end = start;
  while (end < chars.length && VOWEL_INFO.has(chars[end]!)) end++;
  for (let i = end; i < chars.length; i++) if (!CONSONANT.test(chars[i]!)) return word;

  let nucleus = '';
  for (let i = start; i < end; i++) nucleus += VOWEL_INFO.get(chars[i]!)!.base;
  const onset = word.slice(0, start).toLowerCase();
  if (nucleus.length > 1 && ((onset === 'q' && nucleus[0] === 'u') || (onset === 'g' && nucleus[0] === 'i'))) {
    start++;
    nucleus = nucleus.slice(1);
  }
  if (!NUCLEI.has(nucleus)) return word;

  const target = start + tonePosition(nucleus, end < chars.length);
  if (target === toned) return word;
  const from = VOWEL_INFO.get(chars[toned]!)!;
  const to = VOWEL_INFO.get(chars[target]!)!;
  chars[toned] = COMPOSE.get(`${from.upper ? from.base.toUpperCase() : from.base}0`)!;
  chars[target] = COMPOSE.get(`${to.upper ? to.base.toUpperCase() : to.base}${from.tone}`)!;
  return chars.join('');
}

/** Unicode NFC. `nfc('Hoa\u0300')` → `'Hoà'`. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

const CLASS_LIMIT = 0x2000;
const NOT_LETTER = 0;
const LETTER = 1;
const VOWEL = 2;
const TONED_VOWEL = 3;
const CHAR_CLASS = new Uint8Array(CLASS_LIMIT);
for (let c = 0; c < CLASS_LIMIT; c++) CHAR_CLASS[c] = /\p{L}/u.test(String.fromCharCode(c)) ? LETTER : NOT_LETTER;
for (const [ch, info] of VOWEL_INFO) CHAR_CLASS[ch.charCodeAt(0)] = info.tone === 0 ? VOWEL : TONED_VOWEL;

function isLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < CLASS_LIMIT) return CHAR_CLASS[c] !== NOT_LETTER;
  return /\p{L}/u.test(String.fromCodePoint(s.codePointAt(i)!));
}

/**
 * Puts every syllable's tone mark where the hòa/thủy/khỏe convention puts it, preserving case.
 * `normalizeToneMarks('Hoà thuỷ KHOẺ uý')` → `'Hòa thủy KHỎE úy'`. Non-Vietnamese words are left alone.
 */
export function normalizeToneMarks(s: string): string {
  const text = nfc(s);
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (!isLetter(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let vowels = 0;
    let toned = 0;
    while (i < text.length && isLetter(text, i)) {
      const c = text.charCodeAt(i);
      const cls = c < CLASS_LIMIT ? CHAR_CLASS[c] : LETTER;
      if (cls === VOWEL) vowels++;
      else if (cls === TONED_VOWEL) toned++;
      i++;
    }
    if (toned !== 1 || vowels === 0) continue;
    const word = text.slice(start, i);
    const fixed = fixSyllable(word);
    if (fixed !== word) {
      parts.push(text.slice(copied, start), fixed);
      copied = i;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

const FOLD_LIMIT = 0x1f00;
const FOLD_TABLE = new Uint16Array(FOLD_LIMIT);
for (let c = 0; c < FOLD_LIMIT; c++) {
  const ch = String.fromCharCode(c);
  let folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (c === 0x0110 || c === 0x0111) folded = 'd';
  FOLD_TABLE[c] = folded.length === 1 ? folded.charCodeAt(0) : ch.toLowerCase().length === 1 ? ch.toLowerCase().charCodeAt(0) : c;
}

function isCombiningMark(c: number): boolean {
  return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff);
}

/**
 * Folds every UTF-16 unit to lowercase without diacritics (đ → d), keeping the string's length, so offsets
 * in the result are offsets in the input. Expects NFC input; a stray combining mark is kept as it is.
 * `foldAligned('Đắk Lắk')` → `'dak lak'`.
 */
export function foldAligned(s: string): string {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < FOLD_LIMIT ? FOLD_TABLE[c]! : c;
  }
  return codesToString(out);
}

/** Lowercase with all diacritics removed and đ → d: `foldDiacritics('Buôn Ma Thuột')` → `'buon ma thuot'`. */
export function foldDiacritics(s: string): string {
  const folded = foldAligned(nfc(s));
  let out = '';
  let from = 0;
  for (let i = 0; i < folded.length; i++) {
    if (isCombiningMark(folded.charCodeAt(i))) {
      out += folded.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? folded : out + folded.slice(from);
}

function codesToString(codes: Uint16Array): string {
  const CHUNK = 8192;
  if (codes.length <= CHUNK) return String.fromCharCode(...codes);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) parts.push(String.fromCharCode(...codes.subarray(i, i + CHUNK)));
  return parts.join('');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const INVISIBLE = /[\u200b\ufeff\u00ad]/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const SPACES = / [ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*/g;
const SPACE_AROUND_NEWLINE = / ?\n ?/g;

function toWellFormed(s: string): string {
  const native = (s as { toWellFormed?: () => string }).toWellFormed;
  return native ? native.call(s) : s.replace(LONE_SURROGATE, '\ufffd');
}

/**
 * The project's canonical text form: well-formed UTF-16 (lone surrogates → U+FFFD), NFC, one tone-mark
 * placement, line breaks as `\n`, other control characters as spaces, runs of spaces and tabs collapsed to
 * one space, no spaces around line breaks, trimmed. Idempotent.
 * `normalizeText('  Hoà\u0000bình\r\n ') ` → `'Hòa bình'`.
 */
export function normalizeText(s: string): string {
  const cleaned = toWellFormed(s).replace(INVISIBLE, '').replace(LINE_BREAK, '\n').replace(CONTROL, ' ');
  return normalizeToneMarks(cleaned).replace(SPACES, ' ').replace(SPACE_AROUND_NEWLINE, '\n').trim();
}
