// Where a segmenter goes wrong on gold lines: missed and spurious words counted by kind (names, numbers,
// words seen in training, lexicon words, unknown words), for the evaluation script.
import { bundledLexicon, WordLexicon } from './segment-lexicon.ts';
import { isSyllableShape, Shape, tokenInfo } from './segment-tokens.ts';
import { builtinSegmenter, parseGoldLine } from './segment.ts';
import type { SegmentModel } from './segment.ts';

/**
 * Kinds of wrong words. For a gold word the model missed, and for a predicted word not in gold:
 * - `single`: one syllable (missed: the model joined it to a neighbour; spurious: the model split a word);
 * - `symbol`: several tokens, one of them a number, punctuation or other non-syllable;
 * - `name`: several syllables, all capitalised;
 * - `seen`: several syllables that training saw as one word;
 * - `lexicon`: several syllables, not seen in training, a word of the lexicon;
 * - `unknown`: several syllables, neither seen in training nor in the lexicon.
 */
export type ErrorKind = 'single' | 'symbol' | 'name' | 'seen' | 'lexicon' | 'unknown';

export const ERROR_KINDS: readonly ErrorKind[] = ['single', 'symbol', 'name', 'seen', 'lexicon', 'unknown'];

export interface SegmentErrorBreakdown {
  /** Gold words the model did not produce exactly, by kind. */
  missed: Record<ErrorKind, number>;
  /** Words the model produced that are not gold words, by kind. */
  spurious: Record<ErrorKind, number>;
}

/** The multi-syllable words of gold lines, as a lexicon: `goldWords(['giải_phóng mặt_bằng'])`. */
export function goldWords(goldLines: Iterable<string>): WordLexicon {
  const words = new WordLexicon();
  for (const line of goldLines) for (const word of line.split(/\s+/)) words.add(word.split('_'));
  return words;
}

function kindOf(tokens: readonly string[], training: WordLexicon, lexicon: WordLexicon): ErrorKind {
  if (tokens.length === 1) return 'single';
  const infos = tokens.map(tokenInfo);
  if (infos.some((info) => !isSyllableShape(info.shape))) return 'symbol';
  if (infos.every((info) => info.shape === Shape.capitalised || info.shape === Shape.initial)) return 'name';
  const keys = infos.map((info) => info.key);
  if (training.has(training.idsOf(keys), 0, keys.length)) return 'seen';
  if (lexicon.has(lexicon.idsOf(keys), 0, keys.length)) return 'lexicon';
  return 'unknown';
}

/** Word spans `start,end` of `n` tokens whose gap i is joined where `joined(i)`. */
function spans(n: number, joined: (gap: number) => boolean): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (i < n - 1 && joined(i)) continue;
    out.push(`${start},${i + 1}`);
    start = i + 1;
  }
  return out;
}

/**
 * Counts the wrong words of `model` on gold lines by kind; `training` holds the words the model was trained
 * on (see `goldWords`), `lexicon` the lexicon it may know (the bundled one by default).
 */
export function segmentErrors(
  goldLines: Iterable<string>,
  model: SegmentModel = builtinSegmenter(),
  training: WordLexicon = new WordLexicon(),
  lexicon: WordLexicon = bundledLexicon(),
): SegmentErrorBreakdown {
  const zero = (): Record<ErrorKind, number> =>
    Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0])) as Record<ErrorKind, number>;
  const breakdown: SegmentErrorBreakdown = { missed: zero(), spurious: zero() };
  for (const line of goldLines) {
    const { tokens, joins } = parseGoldLine(line);
    if (tokens.length === 0) continue;
    const guess = model.joins(tokens);
    const gold = spans(tokens.length, (gap) => joins[gap] === 1);
    const predicted = spans(tokens.length, (gap) => guess[gap] === 1);
    const count = (words: string[], others: Set<string>, into: Record<ErrorKind, number>): void => {
      for (const span of words) {
        if (others.has(span)) continue;
        const [start, end] = span.split(',').map(Number) as [number, number];
        into[kindOf(tokens.slice(start, end), training, lexicon)]++;
      }
    };
    count(gold, new Set(predicted), breakdown.missed);
    count(predicted, new Set(gold), breakdown.spurious);
  }
  return breakdown;
}
