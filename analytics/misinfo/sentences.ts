// Splits Vietnamese text into sentences, keeping abbreviations such as "TP.", "v.v." and "PGS.TS." whole.

/** A sentence of the text it came from; `start`/`end` are offsets into that text. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Compared lowercase, without the final dot.
const ABBREVIATIONS = new Set([
  'tp',
  'tt',
  'tx',
  'q',
  'p',
  'h',
  'x',
  'ths',
  'ts',
  'pgs',
  'gs',
  'bs',
  'bsck',
  'ks',
  'cn',
  'th.s',
  'pgs.ts',
  'gs.ts',
  'v.v',
  'vv',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'tr',
  'sđd',
  'đ/c',
  'ct',
  'k/g',
]);

const TERMINATORS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»', '}']);
const UPPER_OR_DIGIT = /[\p{Lu}\p{N}"'“‘([«\p{Extended_Pictographic}#@-]/u;
const LOWER = /\p{Ll}/u;
const WORD_CHAR = /[\p{L}\p{N}./]/u;

/** The word that ends just before `end` (letters, digits, dots and slashes), lowercased. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
  return text.slice(start, end).toLowerCase();
}

function isListNumber(text: string, from: number, dot: number): boolean {
  return /^\s*\d{1,2}$/.test(text.slice(from, dot));
}

/** Whether the terminator `run` at `at`, followed by a space and `following`, ends the sentence begun at `from`. */
function splitsBefore(text: string, from: number, at: number, run: string, following: string): boolean {
  if (!UPPER_OR_DIGIT.test(following) && !LOWER.test(following)) return false;
  const lower = LOWER.test(following);
  if (run.includes('..') || run.includes('…')) return !lower;
  if (run !== '.') return true;
  const word = wordBefore(text, at);
  if (ABBREVIATIONS.has(word) || isListNumber(text, from, at)) return false;
  return !lower || /^\p{Ll}{2,}$/u.test(word);
}

/**
 * Sentences of `text` in order, trimmed; line breaks always end a sentence. A dot after an abbreviation or a list
 * number does not end one; a dot followed by a lowercase word ends one only after a plain lowercase word, as in
 * diacritic-free social posts ("...roi. ae oi").
 * `splitSentences('TP. Buôn Ma Thuột mưa to. Dân lo lắng!')` → `['TP. Buôn Ma Thuột mưa to.', 'Dân lo lắng!']`.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  const emit = (end: number) => {
    let s = from;
    let e = end;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
    from = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      emit(i);
      continue;
    }
    if (!TERMINATORS.has(ch)) continue;
    let end = i + 1;
    while (end < text.length && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) end++;
    if (end < text.length && !/\s/u.test(text[end]!)) {
      i = end - 1;
      continue;
    }
    let next = end;
    while (next < text.length && text[next] === ' ') next++;
    const atEnd = next >= text.length || text[next] === '\n';
    const run = text.slice(i, end);
    const following = atEnd ? '' : text[next]!;
    if (!atEnd && !splitsBefore(text, from, i, run, following)) {
      i = end - 1;
      continue;
    }
    emit(end);
    i = end - 1;
  }
  emit(text.length);
  return out;
}
