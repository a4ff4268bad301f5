// Prints the word-segmentation F1 table on the UD-VTB files in ../shared/data/vi (skipped when absent).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  builtinSegmenter,
  loadSegmentModel,
  saveSegmentModel,
  segmentEval,
  segmentLine,
  trainSegmenter,
} from '../analytics/nlp/segment.ts';
import type { SegmentModel, SegmentScores } from '../analytics/nlp/segment.ts';
import { ERROR_KINDS, goldWords, segmentErrors } from '../analytics/nlp/segment-errors.ts';
import type { WordLexicon } from '../analytics/nlp/segment-lexicon.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/vi');
const FOLDS = 5;

function lines(file: string): string[] {
  return readFileSync(path.join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function texts(file: string): string[] {
  return lines(file).map((line) => String((JSON.parse(line) as { text?: unknown }).text ?? ''));
}

function row(name: string, scores: SegmentScores, seconds: number): string {
  const f = (x: number): string => x.toFixed(4);
  return `| ${name.padEnd(50)} | ${f(scores.precision)} | ${f(scores.recall)} | ${f(scores.f1)} | ${seconds.toFixed(1).padStart(5)} s |`;
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, (performance.now() - start) / 1000];
}

/** Trains, saves and loads the model the way `dlxh nlp train --task segment` and `nlp segment --model` do. */
function trainedThroughFile(gold: string[]): SegmentModel {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dlxh-eval-segment-'));
  try {
    const file = path.join(dir, 'segment-model.json');
    saveSegmentModel(trainSegmenter(gold), file);
    return loadSegmentModel(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cross-validation over contiguous blocks of the training file (neighbouring sentences share an article). */
function crossValidate(gold: string[]): SegmentScores {
  let goldWords = 0;
  let predicted = 0;
  let correct = 0;
  const block = (i: number): number => Math.floor((i * FOLDS) / gold.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainSegmenter(gold.filter((_, i) => block(i) !== fold));
    const scores = segmentEval(
      gold.filter((_, i) => block(i) === fold),
      model,
    );
    goldWords += scores.gold;
    predicted += scores.predicted;
    correct += scores.correct;
  }
  const precision = correct / predicted;
  const recall = correct / goldWords;
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
    gold: goldWords,
    predicted,
    correct,
  };
}

/** Syllables per CPU-second of `segmentLine` over `raw`, the best of three runs of at least a second. */
function speed(raw: string[], model: SegmentModel): number {
  const syllables = raw.reduce((sum, line) => sum + line.split(' ').length, 0);
  for (const line of raw) segmentLine(line, model);
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let passes = 0;
    while (performance.now() - started < 1000) {
      for (const line of raw) segmentLine(line, model);
      passes++;
    }
    const used = process.cpuUsage(cpu);
    best = Math.max(best, (passes * syllables) / ((used.user + used.system) / 1e6));
  }
  return best;
}

/** One line per model: its missed and spurious words on `gold`, by kind (see analytics/nlp/segment-errors.ts). */
function errorTable(models: [string, SegmentModel, WordLexicon][], gold: string[]): string[] {
  const header = ERROR_KINDS.map((kind) => kind.padStart(7)).join(' ');
  const out = [`| ${'wrong words on dev by kind'.padEnd(32)} | ${header} |`];
  for (const [name, model, training] of models) {
    const { missed, spurious } = segmentErrors(gold, model, training);
    const cells = (counts: Record<string, number>): string =>
      ERROR_KINDS.map((kind) => String(counts[kind]).padStart(7)).join(' ');
    out.push(`| ${`${name}, missed gold words`.padEnd(32)} | ${cells(missed)} |`);
    out.push(`| ${`${name}, spurious words`.padEnd(32)} | ${cells(spurious)} |`);
  }
  return out;
}

function main(): void {
  if (!existsSync(path.join(dataDir, 'wordseg-udvtb-train.txt'))) {
    console.log(`skipped: ${dataDir}/wordseg-udvtb-train.txt not found`);
    return;
  }
  const train = lines('wordseg-udvtb-train.txt');
  const dev = lines('wordseg-udvtb-dev.txt');
  const evaluate = (name: string, model: SegmentModel, gold: string[], extra = 0): string => {
    const [scores, seconds] = timed(() => segmentEval(gold, model));
    return row(name, scores, seconds + extra);
  };
  console.log(`| ${'model → evaluated on'.padEnd(50)} | P      | R      | F1     | time    |`);
  console.log(`| ${'-'.repeat(50)} | ------ | ------ | ------ | ------- |`);
  console.log(evaluate('built-in → UD-VTB dev', builtinSegmenter(), dev));
  console.log(evaluate('built-in → UD-VTB train', builtinSegmenter(), train));
  const [trained, trainSeconds] = timed(() => trainedThroughFile(train));
  console.log(evaluate('trained on train (saved, loaded) → dev', trained, dev, trainSeconds));
  const [cv, cvSeconds] = timed(() => crossValidate(train));
  console.log(row(`trained, ${FOLDS}-fold block cross-validation on train`, cv, cvSeconds));
  const corpusFile = 'topic-vntc-train.jsonl';
  if (existsSync(path.join(dataDir, corpusFile))) {
    const corpus = texts(corpusFile);
    const [withCorpus, seconds] = timed(() => trainSegmenter(train, { corpus }));
    console.log(evaluate(`train + ${corpusFile} collocations → dev`, withCorpus, dev, seconds));
  }
  const trainingWords = goldWords(train);
  console.log(
    [
      '',
      ...errorTable(
        [
          ['built-in', builtinSegmenter(), trainingWords],
          ['trained', trained, trainingWords],
        ],
        dev,
      ),
    ].join('\n'),
  );
  const raw = dev.map((line) => line.replaceAll('_', ' '));
  const rate = (model: SegmentModel): string => `${Math.round(speed(raw, model) / 1000)}k`;
  console.log(
    `\nsegmentLine speed on dev, syllables per CPU-second: built-in ${rate(builtinSegmenter())}, trained ${rate(trained)}`,
  );
}

main();
