// Tokens of normalised text in the form claim extraction and matching read: folded, with social spellings expanded.
import { foldDiacritics } from '../../data/text/normalize.ts';
import { tokenizeNormalized } from '../nlp/tokenize.ts';
import type { TokenKind } from '../nlp/tokenize.ts';

/** One token; `start`/`end` are offsets into the normalised text. */
export interface ClaimToken {
  /** As written. */
  text: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** Lowercase NFC, diacritics kept. */
  lower: string;
  /** Lowercase ASCII; an abbreviation or social spelling becomes its full syllables ("ko" → "khong"). */
  folded: string[];
  /** Written without any Vietnamese diacritic although letters (true for "ca phe", false for "cà phê" and "BMT"). */
  bare: boolean;
  /** Lowercase with diacritics for a word that was written with them (or in capitals) and not expanded; else null. */
  exact: string | null;
}

// Social spellings, abbreviations and teen code, all folded; a value with spaces expands to several syllables.
const EXPANSIONS: Record<string, string> = {
  ko: 'khong',
  k: 'khong',
  kg: 'khong',
  hok: 'khong',
  kh: 'khong',
  dc: 'duoc',
  đc: 'duoc',
  dk: 'duoc',
  vs: 'voi',
  j: 'gi',
  r: 'roi',
  ng: 'nguoi',
  mn: 'moi nguoi',
  mng: 'moi nguoi',
  ae: 'anh em',
  bn: 'bao nhieu',
  ntn: 'nhu the nao',
  tp: 'thanh pho',
  tx: 'thi xa',
  bv: 'benh vien',
  bvdk: 'benh vien da khoa',
  hs: 'hoc sinh',
  gv: 'giao vien',
  dh: 'dai hoc',
  đh: 'dai hoc',
  csgt: 'canh sat giao thong',
  bmt: 'buon ma thuot',
  bhyt: 'bao hiem y te',
  cdc: 'trung tam kiem soat benh tat',
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  ntm: 'nong thon moi',
  heo: 'lon',
};

const APOSTROPHES = /[’ʼ]/g;

/**
 * The folded syllables of one word token; an abbreviation or social spelling is looked up as written (so "hồng"
 * stays itself). `foldWord('Đắk')` → `['dak']`, `foldWord('ko')` → `['khong']`.
 */
export function foldWord(word: string): string[] {
  return expansionOf(word.toLowerCase()) ?? [foldDiacritics(word).replace(APOSTROPHES, "'")];
}

function expansionOf(lower: string): string[] | null {
  const expanded = EXPANSIONS[lower];
  return expanded ? expanded.split(' ') : null;
}

/** Whether a word is written in letters without diacritics (a Vietnamese word typed bare, or a foreign one). */
function isBare(word: string, lower: string): boolean {
  if (word.length > 1 && word === word.toUpperCase()) return false;
  for (let i = 0; i < lower.length; i++) if (lower.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Tokens of `normalized` (`normalizeText` output) with their folded forms.
 * `claimTokens('Nước máy BMT ko sao')` → folded `['nuoc'] ['may'] ['buon','ma','thuot'] ['khong'] ['sao']`.
 */
export function claimTokens(normalized: string): ClaimToken[] {
  return tokenizeNormalized(normalized).map((token) => {
    const lower = token.text.toLowerCase();
    const word = token.kind === 'word' || token.kind === 'hashtag';
    const body = token.kind === 'hashtag' ? token.text.slice(1) : token.text;
    const expanded = word ? expansionOf(body.toLowerCase()) : null;
    const bare = word && isBare(token.text, lower);
    return {
      text: token.text,
      kind: token.kind,
      start: token.start,
      end: token.end,
      lower,
      folded: expanded ?? (word ? foldWord(body) : [foldDiacritics(lower)]),
      bare,
      exact: word && !bare && !expanded ? body.toLowerCase() : null,
    };
  });
}
