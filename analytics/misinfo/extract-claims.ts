// Finds the check-worthy sentences of a text and scores them by the cues that make a claim worth checking.
import { normalizeText } from '../../data/text/normalize.ts';
import { claimTokens } from './claim-tokens.ts';
import type { ClaimToken } from './claim-tokens.ts';
import { CLAIM_CUES } from './cue-lexicon.ts';
import { PhraseMatcher, syllableStream } from './phrase-matcher.ts';
import { extractQuantities } from './quantities.ts';
import { splitSentences } from './sentences.ts';

/** A sentence worth checking; `start`/`end` index `normalizeText(text)` (what `documents.text` holds). */
export interface ExtractedClaim {
  sentence: string;
  start: number;
  end: number;
  /** Check-worthiness in [0, 1]. */
  score: number;
  /** Why, in a fixed order: hedge, number, quantity, date, body, quote, attribution, absolute, harm, no_diacritics. */
  cues: string[];
}

export interface ExtractOptions {
  /** Sentences scoring below this are left out (default 0.4: a hedge alone, or two other cues). */
  minScore?: number;
}

const WEIGHTS: Record<string, number> = {
  hedge: 0.9,
  number: 0.3,
  quantity: 0.3,
  date: 0.3,
  body: 0.45,
  quote: 0.35,
  attribution: 0.3,
  absolute: 0.25,
  harm: 0.35,
  no_diacritics: 0.1,
};
const CUE_ORDER = Object.keys(WEIGHTS);
const DEFAULT_MIN_SCORE = 0.4;
const MIN_WORDS = 5;
const matcher = new PhraseMatcher(CLAIM_CUES);
const BODY_HEADS = new Set(
  'sở bộ ban cục chi phòng viện trường bệnh công ủy trung tòa hội ngân điện cảng vườn nhà'.split(' '),
);
const ACRONYM = /^[A-ZĐ]{2,6}$/;
/** Capitalised abbreviations of titles and place types, which name no body. */
const NOT_BODIES = new Set([
  'TP',
  'TX',
  'TT',
  'PGS',
  'GS',
  'TS',
  'BS',
  'KS',
  'THS',
  'CN',
  'QL',
  'THPT',
  'THCS',
  'OK',
]);
const QUOTE = /[“"«]([^”"»]+)[”"»]/u;

function bodyByName(tokens: readonly ClaimToken[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    if (ACRONYM.test(token.text) && !NOT_BODIES.has(token.text) && i > 0) return true;
    const next = tokens[i + 1];
    const capitalised = /^\p{Lu}/u.test(token.text);
    if (capitalised && BODY_HEADS.has(token.lower) && next && /^\p{Lu}/u.test(next.text)) return true;
  }
  return false;
}

/** A Vietnamese syllable written without diacritics: onset, vowels, coda ("nghieng", "khong", "ea"). */
const BARE_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

function isDiacriticFree(words: readonly ClaimToken[]): boolean {
  if (words.length < 4) return false;
  const bare = words.filter((w) => w.bare);
  const syllables = bare.filter((w) => BARE_SYLLABLE.test(w.lower)).length;
  return bare.length >= words.length * 0.8 && syllables >= bare.length * 0.8;
}

/** The cues of one sentence's tokens, and the adjustments for opinions, questions and fragments. */
function scoreSentence(text: string, tokens: readonly ClaimToken[]): { score: number; cues: string[] } {
  const cues = new Set<string>();
  const hits = matcher.find(syllableStream(tokens));
  for (const hit of hits) cues.add(hit.cue);
  const { quantities, dates } = extractQuantities(tokens);
  if (quantities.length > 0) cues.add('number');
  if (quantities.some((q) => q.unit !== '' && q.unit !== 'so')) cues.add('quantity');
  if (dates.length > 0) cues.add('date');
  if (bodyByName(tokens)) cues.add('body');
  const quoted = QUOTE.exec(text);
  if (quoted && quoted[1]!.trim().split(/\s+/).length >= 3) cues.add('quote');
  const words = tokens.filter((t) => t.kind === 'word');
  if (isDiacriticFree(words)) cues.add('no_diacritics');
  let evidence = 0;
  for (const cue of cues) evidence += WEIGHTS[cue] ?? 0;
  let score = 1 - Math.exp(-evidence);
  if (cues.has('opinion')) score *= 0.6;
  if (text.trimEnd().endsWith('?') && !cues.has('hedge')) score *= 0.7;
  if (words.length < MIN_WORDS) score *= 0.4;
  return { score: Math.round(score * 1000) / 1000, cues: CUE_ORDER.filter((c) => cues.has(c)) };
}

/**
 * Check-worthy sentences of `text`, in order: numbers, dates, quantities, named bodies ("UBND", "Sở Y tế"),
 * quoted statements and rumour hedges ("nghe nói", "rộ tin đồn", "chưa được kiểm chứng"), in diacritic-free
 * spellings too, raise the score; opinions, questions and fragments lower it.
 * `extractClaims('Nghe nói nước máy BMT bị nhiễm độc. Chúc cả nhà vui!')`
 * → `[{ sentence: 'Nghe nói nước máy BMT bị nhiễm độc.', start: 0, end: 35, score: 0.63, cues: ['hedge', 'harm'] }]`.
 */
export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaim[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const normalized = normalizeText(typeof text === 'string' ? text : '');
  const tokens = claimTokens(normalized);
  const out: ExtractedClaim[] = [];
  let t = 0;
  for (const sentence of splitSentences(normalized)) {
    while (t < tokens.length && tokens[t]!.start < sentence.start) t++;
    let u = t;
    while (u < tokens.length && tokens[u]!.start < sentence.end) u++;
    const { score, cues } = scoreSentence(sentence.text, tokens.slice(t, u));
    t = u;
    if (score >= minScore)
      out.push({ sentence: sentence.text, start: sentence.start, end: sentence.end, score, cues });
  }
  return out;
}
