// Vietnamese tokenizer: one linear scan over normalised text into words, numbers, dates, URLs, emoji and the rest.
import { normalizeText } from '../../data/text/normalize.ts';

export type TokenKind =
  | 'word'
  | 'number'
  | 'date'
  | 'time'
  | 'money'
  | 'url'
  | 'email'
  | 'hashtag'
  | 'mention'
  | 'emoji'
  | 'punct'
  | 'symbol';

/** A token; `start`/`end` are UTF-16 offsets into the normalised text (`normalizeText(input)`). */
export interface Token {
  text: string;
  kind: TokenKind;
  start: number;
  end: number;
}

const KINDS: readonly TokenKind[] = [
  'word',
  'number',
  'date',
  'time',
  'money',
  'url',
  'email',
  'hashtag',
  'mention',
  'emoji',
  'punct',
  'symbol',
];
const WORD = 0;
const NUMBER = 1;
const DATE = 2;
const TIME = 3;
const MONEY = 4;
const URL_KIND = 5;
const EMAIL = 6;
const HASHTAG = 7;
const MENTION = 8;
const EMOJI = 9;
const PUNCT = 10;
const SYMBOL = 11;

const C_OTHER = 0;
const C_SPACE = 1;
const C_LETTER = 2;
const C_DIGIT = 3;
const C_PUNCT = 4;
const C_EMOJI = 5;
const C_HIGH = 6;

const UNKNOWN = 255;
const table = new Uint8Array(0x10000).fill(UNKNOWN);
const LETTER_OR_MARK = /[\p{L}\p{M}\p{N}]/u;
const SPACE = /\s/u;
const PUNCTUATION = /\p{P}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** Class of one UTF-16 unit, computed on first sight and remembered. */
function classify(c: number): number {
  let cls: number;
  if (c >= 0x30 && c <= 0x39) cls = C_DIGIT;
  else if (c >= 0xd800 && c <= 0xdfff) cls = c <= 0xdbff ? C_HIGH : C_OTHER;
  else {
    const ch = String.fromCharCode(c);
    if (LETTER_OR_MARK.test(ch)) cls = C_LETTER;
    else if (SPACE.test(ch)) cls = C_SPACE;
    else if (PUNCTUATION.test(ch)) cls = C_PUNCT;
    else if (c > 0x2122 && PICTOGRAPHIC.test(ch)) cls = C_EMOJI;
    else cls = C_OTHER;
  }
  table[c] = cls;
  return cls;
}

function unitClass(c: number): number {
  const cls = table[c]!;
  return cls === UNKNOWN ? classify(c) : cls;
}

const astralClasses = new Map<number, number>();

/** Class of the code point at `i` (a valid surrogate pair is classified as its astral code point). */
function classAt(s: string, i: number): number {
  const c = unitClass(s.charCodeAt(i));
  if (c !== C_HIGH) return c;
  const cp = s.codePointAt(i)!;
  if (cp < 0x10000) return C_OTHER;
  let cls = astralClasses.get(cp);
  if (cls === undefined) {
    const ch = String.fromCodePoint(cp);
    const regional = cp >= 0x1f1e6 && cp <= 0x1f1ff;
    cls = regional || PICTOGRAPHIC.test(ch) ? C_EMOJI : LETTER_OR_MARK.test(ch) ? C_LETTER : C_OTHER;
    if (astralClasses.size < 100_000) astralClasses.set(cp, cls);
  }
  return cls;
}

function width(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc;
}

function isEmailLocal(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

const URL_PREFIXES = ['https://', 'http://', 'www.', 'ftp://'];
const TLDS = new Set(
  'vn com net org gov edu info io biz asia int mil co uk us cn jp kr fr de ru au tv me app dev online site'.split(
    ' ',
  ),
);
const URL_STOP = new Set(['<', '>', '"', '“', '”', '«', '»', '`', '\\']);
const TRAILING_URL_PUNCT = '.,;:!?\'"”’»)]}';

function startsWithUrlPrefix(s: string, i: number): boolean {
  const first = s.charCodeAt(i) | 0x20;
  if (first !== 0x68 && first !== 0x77 && first !== 0x66) return false;
  for (const prefix of URL_PREFIXES) {
    if (s.length - i < prefix.length) continue;
    let k = 0;
    while (k < prefix.length && (s.charCodeAt(i + k) | 0x20) === prefix.charCodeAt(k)) k++;
    if (k === prefix.length) return true;
  }
  return false;
}

/** End of a URL starting at `i` (the text up to whitespace, without trailing punctuation). */
function urlEnd(s: string, i: number): number {
  let end = i;
  let open = 0;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (unitClass(c) === C_SPACE || URL_STOP.has(s[end]!)) break;
    if (c === 0x28) open++;
    else if (c === 0x29) open--;
    end++;
  }
  while (end > i && TRAILING_URL_PUNCT.includes(s[end - 1]!)) {
    if (s[end - 1] === ')' && open >= 0) break;
    if (s[end - 1] === ')') open++;
    end--;
  }
  return end;
}

/** End of a bare domain such as `baodaklak.vn/tin-tuc` at `i`, or -1. */
function bareDomainEnd(s: string, i: number): number {
  let end = i;
  let lastDot = -1;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (isAsciiAlnum(c) || c === 0x2d) end++;
    else if (c === 0x2e && end + 1 < s.length && isAsciiAlnum(s.charCodeAt(end + 1))) {
      lastDot = end;
      end++;
    } else break;
  }
  if (lastDot < 0 || !TLDS.has(s.slice(lastDot + 1, end).toLowerCase())) return -1;
  if (end < s.length && unitClass(s.charCodeAt(end)) === C_LETTER) return -1;
  if (s[end] === '/') return urlEnd(s, i);
  return end;
}

/** End of an e-mail address at `i`, or -1. Called only where the previous character cannot be in one. */
function emailEnd(s: string, i: number): number {
  let at = i;
  while (at < s.length && isEmailLocal(s.charCodeAt(at))) at++;
  if (at === i || s.charCodeAt(at) !== 0x40) return -1;
  let end = at + 1;
  let labels = 0;
  let labelStart = end;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (isAsciiAlnum(c) || c === 0x2d) end++;
    else if (c === 0x2e && end > labelStart && end + 1 < s.length && isAsciiAlnum(s.charCodeAt(end + 1))) {
      labels++;
      end++;
      labelStart = end;
    } else break;
  }
  return labels > 0 && end > labelStart ? end : -1;
}

function digitsEnd(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  return i;
}

function isLetterAt(s: string, i: number): boolean {
  return i < s.length && classAt(s, i) === C_LETTER;
}

function validDay(n: number): boolean {
  return n >= 1 && n <= 31;
}

function validMonth(n: number): boolean {
  return n >= 1 && n <= 12;
}

/** A date (24/11/2026, 24-11-2026, 24.11.2026, 24/11, 11/2026, 2026-11-24) at `i`: its end, or -1. */
function dateEnd(s: string, i: number): number {
  const e1 = digitsEnd(s, i);
  const len1 = e1 - i;
  const sep = s[e1];
  if (sep !== '/' && sep !== '-' && sep !== '.') return -1;
  const e2 = digitsEnd(s, e1 + 1);
  const len2 = e2 - e1 - 1;
  if (len2 < 1) return -1;
  const a = Number(s.slice(i, e1));
  const b = Number(s.slice(e1 + 1, e2));
  if (len1 === 4 && sep === '-' && len2 <= 2 && s[e2] === '-') {
    const e3 = digitsEnd(s, e2 + 1);
    if (e3 - e2 - 1 >= 1 && e3 - e2 - 1 <= 2 && validMonth(b) && validDay(Number(s.slice(e2 + 1, e3))))
      return e3;
    return -1;
  }
  if (len1 > 2 || len2 > 4) return -1;
  if (s[e2] === sep) {
    const e3 = digitsEnd(s, e2 + 1);
    const len3 = e3 - e2 - 1;
    if (len2 <= 2 && (len3 === 2 || len3 === 4) && validDay(a) && validMonth(b)) return e3;
    return -1;
  }
  if (sep !== '/') return -1;
  if (len2 <= 2 && validDay(a) && validMonth(b)) return e2;
  if (len2 === 4 && validMonth(a)) return e2;
  return -1;
}

/** A time (07:30, 7:30:15, 7h30, 7h, 19g30) at `i`: its end, or -1. */
function timeEnd(s: string, i: number): number {
  const e1 = digitsEnd(s, i);
  if (e1 - i > 2 || Number(s.slice(i, e1)) > 24) return -1;
  const sep = s[e1];
  if (sep === ':') {
    const e2 = digitsEnd(s, e1 + 1);
    if (e2 - e1 - 1 !== 2 || Number(s.slice(e1 + 1, e2)) > 59) return -1;
    if (s[e2] === ':') {
      const e3 = digitsEnd(s, e2 + 1);
      if (e3 - e2 - 1 === 2) return e3;
    }
    return e2;
  }
  if (sep === 'h' || sep === 'g' || sep === 'H') {
    const e2 = digitsEnd(s, e1 + 1);
    const minutes = e2 - e1 - 1;
    if (minutes === 0) return sep === 'g' || isLetterAt(s, e1 + 1) ? -1 : e1 + 1;
    if (minutes > 2 || Number(s.slice(e1 + 1, e2)) > 59 || isLetterAt(s, e2)) return -1;
    return e2;
  }
  return -1;
}

/** A number with grouping/decimal separators (1.234,5 / 7,5 / 2025) at `i`: its end. */
function numberEnd(s: string, i: number): number {
  let end = digitsEnd(s, i);
  while (end + 1 < s.length && (s[end] === '.' || s[end] === ',')) {
    const next = s.charCodeAt(end + 1);
    if (next < 0x30 || next > 0x39) break;
    end = digitsEnd(s, end + 1);
  }
  return end;
}

const ATTACHED_CURRENCY = new Set(['đ', 'vnđ', 'vnd', 'usd', 'k', 'tr', 'đồng', 'eur']);
const SCALES = new Set(['nghìn', 'ngàn', 'triệu', 'tr', 'tỷ', 'tỉ', 'trăm', 'vạn', 'k']);
const CURRENCIES = new Set(['đồng', 'đ', 'vnđ', 'vnd', 'usd', 'đô', 'euro', 'eur', 'yên', '$', '€']);
/** Words that follow "đồng" when it is not the currency (đồng chí, đồng bào…). */
const NOT_CURRENCY_AFTER_DONG = new Set(
  'chí bào hồ nghiệp đội ruộng lúa bằng minh ý thời loạt hương môn ca bộ tình cảm hành lòng tâm thuận xu'.split(
    ' ',
  ),
);

interface Scan {
  kinds: number[];
  starts: number[];
  ends: number[];
}

function push(scan: Scan, kind: number, start: number, end: number): void {
  scan.kinds.push(kind);
  scan.starts.push(start);
  scan.ends.push(end);
}

function emojiEnd(s: string, i: number): number {
  const first = s.codePointAt(i)!;
  let end = i + width(s, i);
  if (first >= 0x1f1e6 && first <= 0x1f1ff) {
    const next = s.codePointAt(end);
    return next !== undefined && next >= 0x1f1e6 && next <= 0x1f1ff ? end + 2 : end;
  }
  for (;;) {
    const cp = s.codePointAt(end);
    if (cp === undefined) return end;
    if (
      cp === 0xfe0f ||
      cp === 0xfe0e ||
      cp === 0x20e3 ||
      (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
      (cp >= 0xe0020 && cp <= 0xe007f)
    ) {
      end += cp > 0xffff ? 2 : 1;
    } else if (cp === 0x200d && end + 1 < s.length && classAt(s, end + 1) === C_EMOJI) {
      end += 1 + width(s, end + 1);
    } else return end;
  }
}

function scanText(s: string): Scan {
  const scan: Scan = { kinds: [], starts: [], ends: [] };
  const n = s.length;
  let nextAt = s.indexOf('@');
  let i = 0;
  while (i < n) {
    const code = s.charCodeAt(i);
    const cls = classAt(s, i);
    if (cls === C_SPACE) {
      i++;
      continue;
    }
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0x20;
    if (cls === C_LETTER || cls === C_DIGIT) {
      const boundary =
        !isAsciiAlnum(prev) && prev !== 0x2e && prev !== 0x2d && prev !== 0x40 && prev !== 0x2f;
      if (boundary && isAsciiAlnum(code)) {
        if (startsWithUrlPrefix(s, i)) {
          const end = urlEnd(s, i);
          push(scan, URL_KIND, i, end);
          i = end;
          continue;
        }
        if (nextAt >= 0 && nextAt < i) nextAt = s.indexOf('@', i);
        if (nextAt >= 0 && nextAt - i <= 64 && !isEmailLocal(prev)) {
          const end = emailEnd(s, i);
          if (end > 0) {
            push(scan, EMAIL, i, end);
            i = end;
            continue;
          }
        }
        const domain = bareDomainEnd(s, i);
        if (domain > 0) {
          push(scan, URL_KIND, i, domain);
          i = domain;
          continue;
        }
      }
      if (cls === C_DIGIT) {
        i = scanNumber(s, i, scan);
        continue;
      }
      let end = i;
      for (;;) {
        const c = end < n ? classAt(s, end) : C_SPACE;
        if (c === C_LETTER || c === C_DIGIT) end += width(s, end);
        else if (end < n && isApostrophe(s.charCodeAt(end)) && end > i && isLetterAt(s, end + 1)) end++;
        else break;
      }
      push(scan, WORD, i, end);
      i = end;
      continue;
    }
    if (cls === C_EMOJI) {
      const end = emojiEnd(s, i);
      push(scan, EMOJI, i, end);
      i = end;
      continue;
    }
    if ((code === 0x23 || code === 0x40) && i + 1 < n) {
      const next = classAt(s, i + 1);
      if (
        (next === C_LETTER || next === C_DIGIT || s[i + 1] === '_') &&
        (code === 0x23 || !isEmailLocal(prev))
      ) {
        let end = i + 1;
        for (;;) {
          if (end >= n) break;
          const c = classAt(s, end);
          if (c === C_LETTER || c === C_DIGIT || s[end] === '_') end += width(s, end);
          else if (code === 0x40 && s[end] === '.' && end + 1 < n && isAsciiAlnum(s.charCodeAt(end + 1)))
            end++;
          else break;
        }
        push(scan, code === 0x23 ? HASHTAG : MENTION, i, end);
        i = end;
        continue;
      }
    }
    if (
      (code === 0x2d || code === 0x2b || code === 0x2212) &&
      i + 1 < n &&
      unitClass(s.charCodeAt(i + 1)) === C_DIGIT
    ) {
      const before = i > 0 ? classAt(s, i - 1) : C_SPACE;
      if (before === C_SPACE || prev === 0x28) {
        i = scanNumber(s, i + 1, scan, i);
        continue;
      }
    }
    if (cls === C_PUNCT) {
      let end = i + 1;
      if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2d)
        while (end < n && s.charCodeAt(end) === code) end++;
      push(scan, PUNCT, i, end);
      i = end;
      continue;
    }
    const end = i + width(s, i);
    push(scan, SYMBOL, i, end);
    i = end;
  }
  return scan;
}

/** Scans a number, date, time or attached-currency amount whose digits start at `i` (sign at `from`). */
function scanNumber(s: string, i: number, scan: Scan, from = i): number {
  if (from === i) {
    const next = s.charCodeAt(i + 1);
    if (next === 0xfe0f || next === 0x20e3) {
      const end = emojiEnd(s, i);
      if (end > i + 1) {
        push(scan, EMOJI, i, end);
        return end;
      }
    }
    const date = dateEnd(s, i);
    if (date > 0 && !isLetterAt(s, date) && !(s.charCodeAt(date) >= 0x30 && s.charCodeAt(date) <= 0x39)) {
      push(scan, DATE, i, date);
      return date;
    }
    const time = timeEnd(s, i);
    if (time > 0) {
      push(scan, TIME, i, time);
      return time;
    }
  }
  const end = numberEnd(s, i);
  if (isLetterAt(s, end)) {
    let suffix = end;
    while (isLetterAt(s, suffix)) suffix += width(s, suffix);
    if (ATTACHED_CURRENCY.has(s.slice(end, suffix).toLowerCase())) {
      push(scan, MONEY, from, suffix);
      return suffix;
    }
  }
  if (s[end] === '$' || s[end] === '€') {
    push(scan, MONEY, from, end + 1);
    return end + 1;
  }
  if (from === i && i > 0 && (s[i - 1] === '$' || s[i - 1] === '€')) {
    const last = scan.kinds.length - 1;
    if (last >= 0 && scan.ends[last] === i) {
      scan.kinds[last] = MONEY;
      scan.ends[last] = end;
      return end;
    }
  }
  push(scan, NUMBER, from, end);
  return end;
}

/** Merges "2,5 tỷ đồng", "500 nghìn đồng", "100 USD" into one money token. */
function mergeMoney(s: string, scan: Scan): void {
  const { kinds, starts, ends } = scan;
  let write = 0;
  for (let read = 0; read < kinds.length; read++) {
    let kind = kinds[read]!;
    const start = starts[read]!;
    let end = ends[read]!;
    if (kind === NUMBER) {
      let j = read + 1;
      while (
        j < kinds.length &&
        kinds[j] === WORD &&
        starts[j] === ends[j - 1]! + 1 &&
        SCALES.has(s.slice(starts[j]!, ends[j]!).toLowerCase())
      )
        j++;
      if (j < kinds.length && starts[j] === ends[j - 1]! + 1 && (kinds[j] === WORD || kinds[j] === SYMBOL)) {
        const unit = s.slice(starts[j]!, ends[j]!).toLowerCase();
        let currency = CURRENCIES.has(unit);
        if (
          unit === 'đồng' &&
          j + 1 < kinds.length &&
          kinds[j + 1] === WORD &&
          starts[j + 1] === ends[j]! + 1
        ) {
          currency = !NOT_CURRENCY_AFTER_DONG.has(s.slice(starts[j + 1]!, ends[j + 1]!).toLowerCase());
        }
        if (
          unit === 'đô' &&
          j + 1 < kinds.length &&
          s.slice(starts[j + 1]!, ends[j + 1]!).toLowerCase() === 'la'
        )
          j++;
        if (currency) {
          kind = MONEY;
          end = ends[j]!;
          read = j;
        }
      }
    }
    kinds[write] = kind;
    starts[write] = start;
    ends[write] = end;
    write++;
  }
  kinds.length = write;
  starts.length = write;
  ends.length = write;
}

function scanNormalized(normalized: string): Scan {
  const scan = scanText(normalized);
  mergeMoney(normalized, scan);
  return scan;
}

/**
 * Tokenizes Vietnamese text after `normalizeText`; offsets refer to the normalised text.
 * `tokenize('Giá 2,5 tỷ đồng #ĐắkLắk')` → word "Giá", money "2,5 tỷ đồng", hashtag "#ĐắkLắk".
 */
export function tokenize(text: string): Token[] {
  return tokenizeNormalized(normalizeText(text));
}

/** As `tokenize`, for text that is already normalised (offsets are into `normalized` itself). */
export function tokenizeNormalized(normalized: string): Token[] {
  const scan = scanNormalized(normalized);
  const tokens: Token[] = new Array(scan.kinds.length);
  for (let k = 0; k < scan.kinds.length; k++) {
    const start = scan.starts[k]!;
    const end = scan.ends[k]!;
    tokens[k] = { text: normalized.slice(start, end), kind: KINDS[scan.kinds[k]!]!, start, end };
  }
  return tokens;
}

/** The lowercased word tokens of `text` (after normalisation): `syllables('Ông Ba ở Ea H\'leo')` → `['ông','ba','ở','ea',"h'leo"]`. */
export function syllables(text: string): string[] {
  const normalized = normalizeText(text);
  const scan = scanNormalized(normalized);
  const out: string[] = [];
  for (let k = 0; k < scan.kinds.length; k++) {
    if (scan.kinds[k] === WORD) out.push(normalized.slice(scan.starts[k]!, scan.ends[k]!).toLowerCase());
  }
  return out;
}
