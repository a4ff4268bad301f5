// Matches one document against the registry: best passage per statement, its tier and its contradiction cues.
import { normalizeText } from '../../data/text/normalize.ts';
import { claimTokens } from './claim-tokens.ts';
import type { ClaimToken } from './claim-tokens.ts';
import { GRAM_WEIGHT, scorePassage } from './claim-index.ts';
import type { ClaimIndex } from './claim-index.ts';
import { detectContradiction } from './contradiction.ts';
import { matchTerms } from './match-terms.ts';
import { charGrams, gramMass, gramSimilarity } from './char-grams.ts';
import type { WeightedGrams } from './char-grams.ts';
import { splitSentences } from './sentences.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';
import type { Thresholds } from './thresholds.ts';

export type MatchTier = 'auto' | 'suggest';

/** A statement a document matches, with the passage that matched it best. */
export interface ClaimMatch {
  statementId: string;
  /** Rounded to 4 decimals. */
  similarity: number;
  tier: MatchTier;
  contradiction: boolean;
  cues: string[];
  /** The passage (one to three sentences) in the normalised text, with its offsets. */
  passage: { text: string; start: number; end: number };
}

export interface MatchOptions {
  thresholds?: Thresholds;
  /** When the document was published (picks the era of place names). */
  at?: Date;
  /** When each statement was issued, by statement index. */
  statementDates?: readonly (Date | undefined)[];
  /** Report every statement scoring at least this (default: the suggest threshold; lower ones come as `suggest`); for calibration. */
  minSimilarity?: number;
}

const MAX_WINDOW = 3;
/** Passages longer than this many tokens are not joined into windows (a run-on post without full stops). */
const MAX_WINDOW_TOKENS = 120;

interface Passage {
  from: number;
  to: number;
  start: number;
  end: number;
  terms: Map<string, number>;
}

function firstTokenAtOrAfter(tokens: readonly ClaimToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeTerms(into: Map<string, number>, from: ReadonlyMap<string, number>): Map<string, number> {
  for (const [term, count] of from) into.set(term, (into.get(term) ?? 0) + count);
  return into;
}

const CLAUSE_BREAKS = new Set([',', ';', ':', '–', '—']);
/** Clauses of a sentence joined into one window at most. */
const MAX_CLAUSES = 4;

/**
 * Windows of one to three sentences, and of one to four clauses inside a sentence (a rumour is often one clause of
 * a longer post), with their terms. Sentences and clauses end at punctuation, where no term spans two of them, so
 * a window's terms are the sum of its parts'.
 */
function passages(text: string, tokens: readonly ClaimToken[]): Passage[] {
  const sentences = splitSentences(text).map((s) => {
    const from = firstTokenAtOrAfter(tokens, s.start);
    const to = firstTokenAtOrAfter(tokens, s.end);
    return { from, to, start: s.start, end: s.end, terms: matchTerms(tokens, from, to) };
  });
  const out: Passage[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const first = sentences[i]!;
    if (first.to > first.from) out.push(first);
    out.push(...clauseWindows(tokens, first.from, first.to));
    let terms = first.terms;
    for (let w = 2; w <= MAX_WINDOW && i + w <= sentences.length; w++) {
      const last = sentences[i + w - 1]!;
      if (last.to - first.from > MAX_WINDOW_TOKENS) break;
      terms = mergeTerms(new Map(terms), last.terms);
      out.push({ from: first.from, to: last.to, start: first.start, end: last.end, terms });
    }
  }
  return out;
}

/** Windows of consecutive clauses of the sentence `tokens[from, to)`, short of the whole sentence. */
function clauseWindows(tokens: readonly ClaimToken[], from: number, to: number): Passage[] {
  const clauses: { from: number; to: number; terms: Map<string, number> }[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    const atBreak = i === to || (tokens[i]!.kind === 'punct' && CLAUSE_BREAKS.has(tokens[i]!.text));
    if (!atBreak) continue;
    if (i > start) clauses.push({ from: start, to: i, terms: matchTerms(tokens, start, i) });
    start = i + 1;
  }
  if (clauses.length < 2) return [];
  const out: Passage[] = [];
  for (let a = 0; a < clauses.length; a++) {
    let terms = new Map<string, number>();
    for (let b = a; b < clauses.length && b - a < MAX_CLAUSES; b++) {
      if (a === 0 && b === clauses.length - 1) break;
      terms = mergeTerms(new Map(terms), clauses[b]!.terms);
      const first = tokens[clauses[a]!.from]!;
      const last = tokens[clauses[b]!.to - 1]!;
      out.push({ from: clauses[a]!.from, to: clauses[b]!.to, start: first.start, end: last.end, terms });
    }
  }
  return out;
}

/** The tier a similarity falls in, or null below the suggest threshold. */
export function tierOf(similarity: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): MatchTier | null {
  if (similarity >= thresholds.auto) return 'auto';
  if (similarity >= thresholds.suggest) return 'suggest';
  return null;
}

/**
 * The statements `text` matches at or above the suggest threshold, most similar first (ties by statement order).
 * Each comes with the passage that matched and whether that passage contradicts the statement.
 * `matchDocument(buildClaimIndex(statements), 'nghe noi nuoc may BMT bi nhiem doc')`
 * → `[{ statementId: 's02', similarity: 0.83, tier: 'suggest', contradiction: false, cues: [], passage }]`.
 */
export function matchDocument(index: ClaimIndex, text: string, options: MatchOptions = {}): ClaimMatch[] {
  if (index.statements.length === 0) return [];
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const floor = options.minSimilarity ?? thresholds.suggest;
  const normalized = normalizeText(text);
  const tokens = claimTokens(normalized);
  const best = new Map<number, { similarity: number; passage: Passage }>();
  for (const passage of passages(normalized, tokens)) {
    for (const score of scorePassage(index, passage.terms)) {
      const current = best.get(score.statement);
      if (!current || score.similarity > current.similarity + 1e-12) {
        best.set(score.statement, { similarity: score.similarity, passage });
      }
    }
  }
  const out: (ClaimMatch & { order: number })[] = [];
  const passageGrams = new Map<Passage, WeightedGrams>();
  for (const [s, found] of best) {
    // The trigram part adds at most GRAM_WEIGHT: a passage that cannot reach the floor is not spelled out.
    if ((1 - GRAM_WEIGHT) * found.similarity + GRAM_WEIGHT < floor) continue;
    const { passage } = found;
    let grams = passageGrams.get(passage);
    if (!grams) {
      const counts = charGrams(tokens, passage.from, passage.to);
      passageGrams.set(passage, (grams = { grams: counts, mass: gramMass(counts, index.gramWeights) }));
    }
    const similarity =
      (1 - GRAM_WEIGHT) * found.similarity +
      GRAM_WEIGHT * gramSimilarity(grams, index.grams[s]!, index.gramWeights);
    if (similarity < floor) continue;
    const passageText = normalized.slice(passage.start, passage.end);
    const verdict = detectContradiction(
      { text: index.normalized[s]!, tokens: index.tokens[s]! },
      { text: passageText, tokens: tokens.slice(passage.from, passage.to) },
      { statementAt: options.statementDates?.[s], passageAt: options.at },
    );
    out.push({
      statementId: index.statements[s]!.id,
      similarity: Math.round(similarity * 10_000) / 10_000,
      tier: tierOf(similarity, thresholds) ?? 'suggest',
      contradiction: verdict.contradiction,
      cues: verdict.cues,
      passage: { text: passageText, start: passage.start, end: passage.end },
      order: s,
    });
  }
  return out
    .sort((a, b) => b.similarity - a.similarity || a.order - b.order)
    .map(({ order: _order, ...match }) => match);
}
