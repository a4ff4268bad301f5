// Tells whether a passage contradicts a statement's claim: negation flipped, a denial, other numbers, dates or places.
import { loadUnits } from '../../data/reference/index.ts';
import type { Unit } from '../../data/reference/index.ts';
import { extractPlaces } from '../nlp/places.ts';
import { BARE_NEGATORS, CLAUSE_BREAKS, DENIAL_PHRASES, NEGATION_LINKS, NEGATORS } from './cue-lexicon.ts';
import { PhraseMatcher, syllableStream } from './phrase-matcher.ts';
import type { Syllable } from './phrase-matcher.ts';
import { isStopSyllable } from './match-terms.ts';
import { extractQuantities } from './quantities.ts';
import type { DateMention, Quantity } from './quantities.ts';
import type { ClaimToken } from './claim-tokens.ts';

/** A text (normalised) and its claim tokens. */
export interface TokenizedText {
  text: string;
  tokens: readonly ClaimToken[];
}

export interface ContradictionResult {
  contradiction: boolean;
  /** Why: `negation`, `denial`, `number:30.000 đồng→15.000 đồng`, `date:17/11→20/11`, `place:Krông Pắc→Cư M'gar`. */
  cues: string[];
}

export interface ContradictionOptions {
  /** When the statement was issued and the passage published: picks the era of place names. */
  statementAt?: Date;
  passageAt?: Date;
}

const NEGATION_SCOPE = 3;
const negators = new Set(NEGATORS);
const bareNegators = new Set(BARE_NEGATORS);
const links = new PhraseMatcher({ link: NEGATION_LINKS });
const breaks = new PhraseMatcher({ break: CLAUSE_BREAKS });
const denials = new PhraseMatcher({ denial: DENIAL_PHRASES });

function isNegator(token: ClaimToken): boolean {
  if (token.kind !== 'word') return false;
  if (token.exact !== null) return negators.has(token.exact);
  return token.folded.length === 1 && bareNegators.has(token.folded[0]!);
}

/**
 * Content syllables of a text split by whether a negator governs them: a negator reaches the next three content
 * syllables of its clause, through linking words ("không hề", "không được"), and stops at punctuation or a
 * conjunction ("mà", "nhưng").
 */
export function negationScopes(tokens: readonly ClaimToken[]): {
  negated: Set<string>;
  asserted: Set<string>;
} {
  const stream = syllableStream(tokens);
  const linkAt = spans(links.find(stream));
  const breakAt = spans(breaks.find(stream));
  const negated = new Set<string>();
  const asserted = new Set<string>();
  let remaining = 0;
  for (let i = 0; i < stream.length; i++) {
    const syllable = stream[i];
    if (syllable && remaining === NEGATION_SCOPE && linkAt.has(i)) continue;
    if (!syllable || breakAt.has(i)) {
      remaining = 0;
      continue;
    }
    if (isNegator(tokens[syllable.token]!)) {
      remaining = NEGATION_SCOPE;
      continue;
    }
    if (isStopSyllable(syllable.folded)) continue;
    if (remaining > 0) {
      negated.add(syllable.folded);
      remaining--;
    } else asserted.add(syllable.folded);
  }
  return { negated, asserted };
}

function spans(hits: readonly { from: number; to: number }[]): Set<number> {
  const out = new Set<number>();
  for (const hit of hits) for (let i = hit.from; i < hit.to; i++) out.add(i);
  return out;
}

function hasDenial(stream: readonly (Syllable | null)[]): boolean {
  return denials.find(stream).length > 0;
}

function negationFlipped(statement: readonly ClaimToken[], passage: readonly ClaimToken[]): boolean {
  const s = negationScopes(statement);
  const p = negationScopes(passage);
  let added = 0;
  let removed = 0;
  for (const syllable of p.negated) if (s.asserted.has(syllable) && !s.negated.has(syllable)) added++;
  for (const syllable of s.negated) if (p.asserted.has(syllable) && !p.negated.has(syllable)) removed++;
  // Diacritic-free writing hides negators ("dung" is dùng, đừng or dừng), so only a passage written with
  // diacritics can be said to drop the statement's negation.
  const words = passage.filter((t) => t.kind === 'word');
  const bare = words.filter((t) => t.bare).length;
  return added >= 2 || (removed >= 3 && p.negated.size === 0 && bare * 2 < words.length);
}

function numberCues(statement: Quantity[], passage: Quantity[]): string[] {
  const cues: string[] = [];
  const units = new Set(statement.map((q) => q.unit));
  for (const unit of units) {
    const ours = statement.filter((q) => q.unit === unit);
    const theirs = passage.filter((q) => q.unit === unit);
    if (theirs.length === 0) continue;
    const values = new Set(ours.map((q) => q.value));
    if (theirs.some((q) => values.has(q.value))) continue;
    cues.push(`number:${ours[0]!.surface}→${theirs[0]!.surface}`);
  }
  return cues;
}

function dateKey(date: DateMention, withMonth: boolean): string {
  if (date.granularity === 'day') return withMonth ? `${date.day}/${date.month}` : `${date.day}`;
  if (date.granularity === 'month') return `${date.month}`;
  return `${date.year}`;
}

function dateCues(statement: DateMention[], passage: DateMention[]): string[] {
  const cues: string[] = [];
  for (const granularity of ['day', 'month', 'year'] as const) {
    const ours = statement.filter((d) => d.granularity === granularity);
    const theirs = passage.filter((d) => d.granularity === granularity);
    if (ours.length === 0 || theirs.length === 0) continue;
    const withMonth = [...ours, ...theirs].every((d) => d.granularity !== 'day' || d.month !== null);
    const keys = new Set(ours.map((d) => dateKey(d, withMonth)));
    if (theirs.some((d) => keys.has(dateKey(d, withMonth)))) continue;
    cues.push(`date:${ours[0]!.surface}→${theirs[0]!.surface}`);
  }
  const ourYears = new Set(statement.map((d) => d.year).filter((y) => y !== null));
  const theirYears = passage.map((d) => d.year).filter((y) => y !== null);
  if (ourYears.size > 0 && theirYears.length > 0 && !theirYears.some((y) => ourYears.has(y))) {
    if (!cues.some((c) => c.startsWith('date:'))) cues.push(`date:${[...ourYears][0]}→${theirYears[0]}`);
  }
  return cues;
}

interface UnitGraph {
  /** uid → itself, its ancestors, its successors and their ancestors. */
  reach(uid: string): Set<string>;
  name(uid: string): string;
}

let graph: UnitGraph | undefined;

function unitGraph(): UnitGraph {
  if (graph) return graph;
  const units = new Map<string, Unit>(loadUnits().map((u) => [u.uid, u]));
  const cache = new Map<string, Set<string>>();
  const up = (uid: string, out: Set<string>) => {
    for (
      let u = units.get(uid);
      u && !out.has(u.uid);
      u = u.parent_uid ? units.get(u.parent_uid) : undefined
    ) {
      out.add(u.uid);
    }
  };
  graph = {
    reach(uid) {
      let out = cache.get(uid);
      if (!out) {
        out = new Set([uid]);
        up(uid, out);
        for (const successor of units.get(uid)?.successors ?? []) up(successor.uid, out);
        cache.set(uid, out);
      }
      return out;
    },
    name: (uid) => units.get(uid)?.name ?? uid,
  };
  return graph;
}

function placeUids(text: string, at: Date | undefined): { uid: string; surface: string }[] {
  return extractPlaces(text, at ? { at } : undefined)
    .filter((m) => m.confidence >= 0.5)
    .map((m) => ({ uid: m.uid, surface: m.surface }));
}

function placeCues(
  statement: TokenizedText,
  passage: TokenizedText,
  options: ContradictionOptions,
): string[] {
  const ours = placeUids(statement.text, options.statementAt);
  if (ours.length === 0) return [];
  const theirs = placeUids(passage.text, options.passageAt ?? options.statementAt);
  if (theirs.length === 0) return [];
  const g = unitGraph();
  const related = (a: string, b: string) => g.reach(a).has(b) || g.reach(b).has(a);
  if (ours.some((o) => theirs.some((t) => related(o.uid, t.uid)))) return [];
  return [`place:${ours[0]!.surface}→${theirs[0]!.surface}`];
}

/**
 * Compares a passage with the statement it matched. `contradiction` is true when the passage negates what the
 * statement asserts (or the reverse), denies a claim, or gives other numbers, dates or places.
 * `detectContradiction(tokenized('Giá giảm còn 30.000 đồng/kg'), tokenized('Giá giảm còn 15.000 đồng/kg'))`
 * → `{ contradiction: true, cues: ['number:30.000 đồng→15.000 đồng'] }`.
 */
export function detectContradiction(
  statement: TokenizedText,
  passage: TokenizedText,
  options: ContradictionOptions = {},
): ContradictionResult {
  const cues: string[] = [];
  if (negationFlipped(statement.tokens, passage.tokens)) cues.push('negation');
  if (hasDenial(syllableStream(passage.tokens)) && !hasDenial(syllableStream(statement.tokens)))
    cues.push('denial');
  const ours = extractQuantities(statement.tokens);
  const theirs = extractQuantities(passage.tokens);
  cues.push(...numberCues(ours.quantities, theirs.quantities));
  cues.push(...dateCues(ours.dates, theirs.dates));
  cues.push(...placeCues(statement, passage, options));
  return { contradiction: cues.length > 0, cues };
}
