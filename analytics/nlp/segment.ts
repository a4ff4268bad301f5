// Vietnamese word segmentation: joins the syllables of multi-syllable words with `_`, never changing a token.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { inputError } from '../../data/errors.ts';
import { bundledLexicon } from './segment-lexicon.ts';
import type { WordLexicon } from './segment-lexicon.ts';
import { dictionaryJoins } from './segment-dictionary.ts';
import { tokenInfo } from './segment-tokens.ts';
import { MODEL_FORMAT, MODEL_VERSION, perceptronFromFile, trainPerceptron } from './segment-model.ts';
import type { SegmentModel, SegmentModelFile, TrainSegmenterOptions } from './segment-model.ts';

export type { SegmentModel, SegmentModelFile, TrainSegmenterOptions };

class DictionarySegmenter implements SegmentModel {
  readonly kind = 'dictionary';
  readonly #lexicon: WordLexicon;
  constructor(lexicon: WordLexicon) {
    this.#lexicon = lexicon;
  }
  joins(tokens: readonly string[]): Uint8Array {
    return dictionaryJoins(tokens.map(tokenInfo), this.#lexicon, true);
  }
}

let builtin: SegmentModel | undefined;

/** The segmenter that needs no training: fewest words over the bundled lexicon, capitalised runs as names. */
export function builtinSegmenter(): SegmentModel {
  builtin ??= new DictionarySegmenter(bundledLexicon());
  return builtin;
}

const WHITESPACE = /\s+/;
const WHITESPACE_RUNS = /(\s+)/;

/**
 * Segments one line: the line's whitespace-separated tokens are kept exactly; the single space between two
 * syllables of one word becomes `_`. `segmentLine('giải phóng mặt bằng')` → `'giải_phóng mặt_bằng'`.
 */
export function segmentLine(line: string, model: SegmentModel = builtinSegmenter()): string {
  // parts alternate token, separator, token…; the first and last token may be empty.
  const parts = line.split(WHITESPACE_RUNS);
  const tokens: string[] = [];
  for (let i = 0; i < parts.length; i += 2) if (parts[i] !== '') tokens.push(parts[i]!);
  if (tokens.length < 2) return line;
  const joins = model.joins(tokens);
  const first = parts[0] === '' ? 2 : 0;
  for (let i = first, gap = 0; i + 2 < parts.length && gap < joins.length; i += 2, gap++) {
    if (joins[gap] === 1 && parts[i + 1] === ' ') parts[i + 1] = '_';
  }
  return parts.join('');
}

/** Groups tokens into words: `segmentWords(['mặt', 'bằng', 'rộng'])` → `[['mặt', 'bằng'], ['rộng']]`. */
export function segmentWords(
  tokens: readonly string[],
  model: SegmentModel = builtinSegmenter(),
): string[][] {
  const words: string[][] = [];
  if (tokens.length === 0) return words;
  const joins = model.joins(tokens);
  let word: string[] = [tokens[0]!];
  for (let i = 1; i < tokens.length; i++) {
    if (joins[i - 1] === 1) word.push(tokens[i]!);
    else {
      words.push(word);
      word = [tokens[i]!];
    }
  }
  words.push(word);
  return words;
}

/** A gold-segmented line as its syllable tokens and the gold join of each gap. */
export interface GoldSentence {
  tokens: string[];
  joins: Uint8Array;
}

/** Parses one gold line (words separated by spaces, syllables of a word joined by `_`). */
export function parseGoldLine(line: string): GoldSentence {
  const tokens: string[] = [];
  const gaps: number[] = [];
  for (const word of line.split(WHITESPACE)) {
    if (word === '') continue;
    const syllables = word.split('_').filter((s) => s !== '');
    if (syllables.length === 0) continue;
    if (tokens.length > 0) gaps.push(0);
    for (let i = 0; i < syllables.length; i++) {
      if (i > 0) gaps.push(1);
      tokens.push(syllables[i]!);
    }
  }
  return { tokens, joins: Uint8Array.from(gaps) };
}

export interface SegmentScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold words, predicted words and exact matches counted. */
  gold: number;
  predicted: number;
  correct: number;
}

/** Word-level precision, recall and F1 of `model` on gold lines; a word is correct when its span matches exactly. */
export function segmentEval(
  goldLines: Iterable<string>,
  model: SegmentModel = builtinSegmenter(),
): SegmentScores {
  let gold = 0;
  let predicted = 0;
  let correct = 0;
  for (const line of goldLines) {
    const sentence = parseGoldLine(line);
    const n = sentence.tokens.length;
    if (n === 0) continue;
    const guess = model.joins(sentence.tokens);
    let goldStart = 0;
    let guessStart = 0;
    for (let i = 0; i < n; i++) {
      const goldEnds = i === n - 1 || sentence.joins[i] === 0;
      const guessEnds = i === n - 1 || guess[i] !== 1;
      if (goldEnds) gold++;
      if (guessEnds) predicted++;
      if (goldEnds && guessEnds && goldStart === guessStart) correct++;
      if (goldEnds) goldStart = i + 1;
      if (guessEnds) guessStart = i + 1;
    }
  }
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, gold, predicted, correct };
}

/**
 * Trains a segmenter on gold lines (one sentence per line, syllables of a word joined by `_`). The model
 * combines the bundled lexicon with what it learns. `trainSegmenter(['giải_phóng mặt_bằng'])`.
 */
export function trainSegmenter(
  goldLines: Iterable<string>,
  options: TrainSegmenterOptions = {},
): SegmentModel {
  const sentences: GoldSentence[] = [];
  for (const line of goldLines) {
    const sentence = parseGoldLine(line);
    if (sentence.tokens.length > 0) sentences.push(sentence);
  }
  return trainPerceptron(sentences, bundledLexicon(), options);
}

/** Writes a trained model as JSON (to a temporary file renamed into place). */
export function saveSegmentModel(model: SegmentModel, file: string): void {
  if (!('toJSON' in model) || typeof model.toJSON !== 'function') {
    throw inputError(file, null, `cannot save a ${model.kind} segmenter: only trained models are saved`);
  }
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, JSON.stringify(model.toJSON()));
  renameSync(temporary, file);
}

/** Reads a model written by `saveSegmentModel`; errors name the file and what is wrong with it. */
export function loadSegmentModel(file: string): SegmentModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw inputError(
      file,
      null,
      `cannot read segment model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return segmentModelFromJSON(parsed, file);
}

/** Builds a segmenter from the parsed JSON of a model file; `source` names it in errors. */
export function segmentModelFromJSON(value: unknown, source = 'segment model'): SegmentModel {
  const problem = modelFileProblem(value);
  if (problem) throw inputError(source, null, problem);
  return perceptronFromFile(value as SegmentModelFile, bundledLexicon());
}

const count = z.number().int().nonnegative();
const modelFileSchema = z.object({
  kind: z.literal('perceptron'),
  hashBits: z.number().int().min(8).max(26),
  lexiconSize: count,
  indexDeltas: z.array(count),
  weights: z.array(z.number()),
  words: z.array(z.string()),
  pairs: z.array(z.tuple([z.string(), z.string(), count, z.number().int().positive()])),
  syllables: z.array(z.tuple([z.string(), count, z.number().int().positive()])),
  collocations: z.object({
    total: count,
    unigrams: z.array(z.tuple([z.string(), count])),
    bigrams: z.array(z.tuple([z.string(), z.string(), count])),
  }),
  trainedOn: z.object({ sentences: count, gaps: count, epochs: count }),
});

function modelFileProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not a segment model: expected a JSON object';
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== MODEL_FORMAT) return `not a segment model: format ${JSON.stringify(format)}`;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < MODEL_VERSION)
    return `segment model version ${version} was trained by an older dlxh (this one reads version ${MODEL_VERSION}): retrain it with dlxh nlp train --task segment`;
  if (version !== MODEL_VERSION) return `unsupported segment model version ${JSON.stringify(version)}`;
  const parsed = modelFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `invalid ${issue.path.join('.')}: ${issue.message}`;
  }
  const file = parsed.data;
  if (file.indexDeltas.length !== file.weights.length)
    return 'invalid weights: indexDeltas and weights differ in length';
  let index = 0;
  for (const delta of file.indexDeltas) {
    index += delta;
    if (index >= 2 ** file.hashBits) return `invalid weight index ${index} for hashBits ${file.hashBits}`;
  }
  const pair = file.pairs.find(([, , joined, seen]) => joined > seen);
  if (pair) return `invalid pair ${JSON.stringify(pair)}: joined more often than seen`;
  const syllable = file.syllables.find(([, bound, seen]) => bound > seen);
  return syllable ? `invalid syllable ${JSON.stringify(syllable)}: bound more often than seen` : null;
}
