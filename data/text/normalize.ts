// Vietnamese text normalisation: Unicode NFC, one tone-mark placement, diacritic folding, whitespace cleanup.

const BASE_VOWELS = 'aăâeêioôơuưy';
const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

const CLASS_LIMIT = 0x2000;
const NO_VOWEL = 255;
/** Per UTF-16 unit below CLASS_LIMIT: index of its base vowel in BASE_VOWELS, or NO_VOWEL. */
const VOWEL_BASE = new Uint8Array(CLASS_LIMIT).fill(NO_VOWEL);
const VOWEL_TONE = new Uint8Array(CLASS_LIMIT);
const VOWEL_UPPER = new Uint8Array(CLASS_LIMIT);
/** COMPOSED[(base * 2 + upper) * 6 + tone] is the precomposed vowel. */
const COMPOSED: string[] = [];
for (let b = 0; b < BASE_VOWELS.length; b++) {
  for (const upper of [0, 1]) {
    const base = upper ? BASE_VOWELS[b]!.toUpperCase() : BASE_VOWELS[b]!;
    for (let tone = 0; tone < TONE_MARKS.length; tone++) {
      const ch = (base + TONE_MARKS[tone]).normalize('NFC');
      const c = ch.charCodeAt(0);
      VOWEL_BASE[c] = b;
      VOWEL_TONE[c] = tone;
      VOWEL_UPPER[c] = upper;
      COMPOSED[(b * 2 + upper) * TONE_MARKS.length + tone] = ch;
    }
  }
}
const IS_CONSONANT = new Uint8Array(CLASS_LIMIT);
for (const ch of 'bcdfghjklmnpqrstvwxzđ') {
  IS_CONSONANT[ch.charCodeAt(0)] = 1;
  IS_CONSONANT[ch.toUpperCase().charCodeAt(0)] = 1;
}
const Q = [0x71, 0x51];
const G = [0x67, 0x47];

// Vowel clusters of Vietnamese syllables (after a "qu"/"gi" onset is split off), without tone marks.
const NUCLEI = (
  'a ă â e ê i o ô ơ u ư y ' +
  'ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê ' +
  'iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu'
).split(' ');
const MAX_NUCLEUS = 3;
/** A nucleus as a number: its base vowels' indices + 1 in base 16, first vowel highest. No allocation per syllable. */
const NUCLEUS_CODES = 1 << (4 * MAX_NUCLEUS);
/** Per nucleus code: 1 when the cluster is a Vietnamese nucleus. */
const IS_NUCLEUS = new Uint8Array(NUCLEUS_CODES);
for (const nucleus of NUCLEI) {
  let code = 0;
  for (const ch of nucleus) code = (code << 4) | (BASE_VOWELS.indexOf(ch) + 1);
  IS_NUCLEUS[code] = 1;
}
/** Per base vowel index: 1 for the vowels with a quality mark (ă â ê ô ơ ư), which take the tone. */
const QUALITY_MARKED = new Uint8Array(BASE_VOWELS.length);
for (const ch of 'ăâêôơư') QUALITY_MARKED[BASE_VOWELS.indexOf(ch)] = 1;

function isVowel(c: number): boolean {
  return c < CLASS_LIMIT && VOWEL_BASE[c] !== NO_VOWEL;
}

function isConsonant(c: number): boolean {
  return c < CLASS_LIMIT && IS_CONSONANT[c] === 1;
}

/**
 * Offset within the nucleus text[start, start + length) of the vowel that carries the tone mark in the
 * hòa/thủy/khỏe convention.
 */
function tonePosition(text: string, start: number, length: number, hasCoda: boolean): number {
  for (let i = length - 1; i >= 0; i--) if (QUALITY_MARKED[VOWEL_BASE[text.charCodeAt(start + i)]!]) return i;
  if (length === 1) return 0;
  if (hasCoda) return length - 1;
  return length === 3 ? 1 : 0;
}

/**
 * The syllable text[from, to), whose one toned vowel is at `toned`, with its tone mark moved, or null when it is
 * already right or not Vietnamese.
 */
function fixSyllable(text: string, from: number, to: number, toned: number): string | null {
  let start = from;
  while (start < to && !isVowel(text.charCodeAt(start))) {
    if (!isConsonant(text.charCodeAt(start))) return null;
    start++;
  }
  let end = start;
  while (end < to && isVowel(text.charCodeAt(end))) end++;
  for (let i = end; i < to; i++) if (!isConsonant(text.charCodeAt(i))) return null;
  if (end - start < 2) return null;

  if (start - from === 1) {
    const onset = text.charCodeAt(from);
    const first = BASE_VOWELS[VOWEL_BASE[text.charCodeAt(start)]!];
    if ((Q.includes(onset) && first === 'u') || (G.includes(onset) && first === 'i')) start++;
  }
  if (end - start > MAX_NUCLEUS) return null;
  let code = 0;
  for (let i = start; i < end; i++) code = (code << 4) | (VOWEL_BASE[text.charCodeAt(i)]! + 1);
  if (!IS_NUCLEUS[code]) return null;

  const target = start + tonePosition(text, start, end - start, end < to);
  if (target === toned) return null;
  const tone = VOWEL_TONE[text.charCodeAt(toned)]!;
  const compose = (c: number, t: number) =>
    COMPOSED[(VOWEL_BASE[c]! * 2 + VOWEL_UPPER[c]!) * TONE_MARKS.length + t]!;
  const chars = text.slice(from, to).split('');
  chars[toned - from] = compose(text.charCodeAt(toned), 0);
  chars[target - from] = compose(text.charCodeAt(target), tone);
  return chars.join('');
}

/** Unicode NFC. `nfc('Hoa\u0300')` → `'Hoà'`. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

const NOT_LETTER = 0;
const LETTER = 1;
const VOWEL = 2;
const TONED_VOWEL = 3;
/** Per UTF-16 unit below CLASS_LIMIT: not a letter, a letter, a vowel without a tone mark, or a toned vowel. */
const LETTER_CLASS = new Uint8Array(CLASS_LIMIT);
for (let c = 0; c < CLASS_LIMIT; c++) {
  if (!/\p{L}/u.test(String.fromCharCode(c))) continue;
  LETTER_CLASS[c] = !isVowel(c) ? LETTER : VOWEL_TONE[c] !== 0 ? TONED_VOWEL : VOWEL;
}

function letterClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < CLASS_LIMIT) return LETTER_CLASS[c]!;
  return /\p{L}/u.test(String.fromCodePoint(s.codePointAt(i)!)) ? LETTER : NOT_LETTER;
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
    let kind = letterClass(text, i);
    if (kind === NOT_LETTER) {
      i++;
      continue;
    }
    const start = i;
    let vowels = 0;
    let tones = 0;
    let toned = -1;
    do {
      if (kind >= VOWEL) {
        vowels++;
        if (kind === TONED_VOWEL) {
          tones++;
          toned = i;
        }
      }
      i++;
    } while (i < text.length && (kind = letterClass(text, i)) !== NOT_LETTER);
    if (tones !== 1 || vowels < 2) continue;
    const fixed = fixSyllable(text, start, i, toned);
    if (fixed !== null) {
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
  FOLD_TABLE[c] =
    folded.length === 1
      ? folded.charCodeAt(0)
      : ch.toLowerCase().length === 1
        ? ch.toLowerCase().charCodeAt(0)
        : c;
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
  if (codes.length < 64) return String.fromCharCode(...codes);
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('utf16le');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const INVISIBLE = /[\u200b\ufeff\u00ad]/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const SPACES =
  / [ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*/g;
const SPACE_AROUND_NEWLINE = / ?\n ?/g;
/**
 * A character or spacing that one of the cleanup steps would change: what INVISIBLE, LINE_BREAK, CONTROL, SPACES
 * and SPACE_AROUND_NEWLINE match, or white space at either end. Text without any (and without lone surrogates)
 * needs only the tone marks; NFC maps nothing else onto these characters.
 */
const NEEDS_CLEANUP =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u00a0\u00ad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}| \n|\n |^\s|\s$/;

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
  if (!NEEDS_CLEANUP.test(s) && (s as { isWellFormed?: () => boolean }).isWellFormed?.() === true)
    return normalizeToneMarks(s);
  const cleaned = toWellFormed(s).replace(INVISIBLE, '').replace(LINE_BREAK, '\n').replace(CONTROL, ' ');
  return normalizeToneMarks(cleaned).replace(SPACES, ' ').replace(SPACE_AROUND_NEWLINE, '\n').trim();
}
