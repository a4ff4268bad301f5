// Numbers with their units and dates named in claim tokens, for telling whether two versions of a claim disagree.
import { QUANTITY_UNITS } from './cue-lexicon.ts';
import type { ClaimToken } from './claim-tokens.ts';

/** A number and what it counts: a folded unit word, `%`, `money`, `so` (an ordinal name such as "bão số 12") or ''. */
export interface Quantity {
  value: number;
  unit: string;
  surface: string;
}

/** A date at the granularity it was written: `day` (d/m, maybe with year), `month` (m, maybe with year) or `year`. */
export interface DateMention {
  granularity: 'day' | 'month' | 'year';
  day: number | null;
  month: number | null;
  year: number | null;
  surface: string;
}

const UNITS = new Set(QUANTITY_UNITS);
const SCALES: Record<string, number> = {
  tram: 100,
  nghin: 1e3,
  ngan: 1e3,
  k: 1e3,
  trieu: 1e6,
  tr: 1e6,
  ty: 1e9,
  ti: 1e9,
};
const CURRENCIES = new Set(['dong', 'đ', 'd', 'vnd', 'vnđ', 'k', 'usd', 'đo', 'do', 'euro', 'eur']);
const NUMBER_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};

/**
 * Parses a number written the Vietnamese way ("30.000", "7,5", "1.234,5"); an English decimal point ("2.5") is
 * read as one when the digits after it are not a group of three. `parseVietnameseNumber('30.000')` → 30000.
 */
export function parseVietnameseNumber(text: string): number | null {
  const s = text.replace(/^[+-]/, '');
  if (!/^\d+(?:[.,]\d+)*$/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let plain: string;
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    plain = s.split(group).join('').replace(decimal, '.');
  } else if (dots > 0) {
    plain = dots > 1 || /\.\d{3}$/.test(s) ? s.replaceAll('.', '') : s;
  } else if (commas > 0) {
    plain = commas > 1 ? s.replaceAll(',', '') : s.replace(',', '.');
  } else plain = s;
  const value = Number(plain);
  return Number.isFinite(value) ? value * (text.startsWith('-') ? -1 : 1) : null;
}

function folded(token: ClaimToken | undefined): string {
  return token && token.kind === 'word' ? token.folded.join(' ') : '';
}

function parseMoney(text: string): number | null {
  const match = /^([+-]?\d+(?:[.,]\d+)*)\s*(.*)$/u.exec(text.toLowerCase());
  if (!match) return null;
  let value = parseVietnameseNumber(match[1]!);
  if (value === null) return null;
  for (const word of match[2]!.split(/\s+/)) {
    const key = word.normalize('NFD').replace(/\p{M}/gu, '').replace('đ', 'd');
    if (SCALES[key]) value *= SCALES[key];
  }
  return value;
}

function parseDate(text: string): DateMention | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return dayDate(Number(iso[3]), Number(iso[2]), Number(iso[1]), text);
  const parts = text.split(/[/.-]/).map(Number);
  if (parts.length === 3) return dayDate(parts[0]!, parts[1]!, normaliseYear(parts[2]!), text);
  if (parts.length === 2 && parts[1]! > 31) {
    return { granularity: 'month', day: null, month: parts[0]!, year: parts[1]!, surface: text };
  }
  if (parts.length === 2) return dayDate(parts[0]!, parts[1]!, null, text);
  return null;
}

function normaliseYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function dayDate(day: number, month: number, year: number | null, surface: string): DateMention {
  return { granularity: 'day', day, month, year, surface };
}

/** "tháng 10", "năm 2015", "ngày 17" as a date, or null. */
function calendarWord(before: string, value: number, surface: string): DateMention | null {
  if (!Number.isInteger(value)) return null;
  if (before === 'thang' && value >= 1 && value <= 12) {
    return { granularity: 'month', day: null, month: value, year: null, surface: `tháng ${surface}` };
  }
  if (before === 'nam' && value >= 1900 && value <= 2100) {
    return { granularity: 'year', day: null, month: null, year: value, surface: `năm ${surface}` };
  }
  if (before === 'ngay' && value >= 1 && value <= 31) {
    return { granularity: 'day', day: value, month: null, year: null, surface: `ngày ${surface}` };
  }
  return null;
}

/**
 * The quantities and dates of a run of claim tokens. "tháng 10" is a month, "6 tháng" six months; "năm 2015" and a
 * lone 19xx/20xx are years; "hai tuần" counts as 2 tuần.
 */
export function extractQuantities(tokens: readonly ClaimToken[]): {
  quantities: Quantity[];
  dates: DateMention[];
} {
  const quantities: Quantity[] = [];
  const dates: DateMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'date') {
      const date = parseDate(token.text);
      if (date) dates.push(date);
      continue;
    }
    if (token.kind === 'money') {
      const value = parseMoney(token.text);
      if (value !== null) quantities.push({ value, unit: 'money', surface: token.text });
      continue;
    }
    let value: number | null = null;
    if (token.kind === 'number') value = parseVietnameseNumber(token.text);
    else if (token.kind === 'word' && NUMBER_WORDS[token.lower] !== undefined) {
      // "ba con" typed bare is usually "bà con" (folks): a bare number word counts only before a word with diacritics.
      const next = tokens[i + 1];
      if (!next || !UNITS.has(folded(next)) || (token.bare && next.bare)) continue;
      value = NUMBER_WORDS[token.lower]!;
    }
    if (value === null) continue;
    const before = folded(tokens[i - 1]);
    let j = i + 1;
    let scaled = false;
    while (SCALES[folded(tokens[j])] && tokens[j]!.start - tokens[j - 1]!.end <= 1) {
      value *= SCALES[folded(tokens[j])]!;
      scaled = true;
      j++;
    }
    const next = tokens[j];
    const nextWord = folded(next);
    const adjacent = next !== undefined && next.start - tokens[j - 1]!.end <= 1;
    let unit = '';
    if (adjacent && next.text === '%') unit = '%';
    else if (adjacent && CURRENCIES.has(nextWord)) unit = 'money';
    else if (adjacent && UNITS.has(nextWord)) unit = nextWord;
    else if (scaled) unit = 'money';
    const end =
      unit !== '' && adjacent && (unit === nextWord || unit === '%' || CURRENCIES.has(nextWord)) ? j + 1 : j;
    const surface = tokens
      .slice(i, end)
      .map((t, k) => (k > 0 && t.start > tokens[i + k - 1]!.end ? ' ' : '') + t.text)
      .join('');
    if (!scaled && token.kind === 'number') {
      const date = calendarWord(before, value, token.text);
      if (date) {
        dates.push(date);
        continue;
      }
    }
    if (unit === '' && before === 'so') unit = 'so';
    if (unit === '' && Number.isInteger(value) && value >= 1900 && value <= 2100 && token.kind === 'number') {
      dates.push({ granularity: 'year', day: null, month: null, year: value, surface });
      continue;
    }
    quantities.push({ value, unit, surface });
    i = end - 1;
  }
  return { quantities, dates };
}
