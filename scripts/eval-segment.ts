// Prints the word-segmentation F1 table on the UD-VTB files in ../shared/data/vi (skipped when absent).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinSegmenter, segmentEval, trainSegmenter } from '../analytics/nlp/segment.ts';
import type { SegmentModel, SegmentScores } from '../analytics/nlp/segment.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/vi');

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
  const [trained, trainSeconds] = timed(() => trainSegmenter(train));
  console.log(evaluate('trained on train → dev (incl. training)', trained, dev, trainSeconds));
  const corpusFile = 'topic-vntc-train.jsonl';
  if (existsSync(path.join(dataDir, corpusFile))) {
    const corpus = texts(corpusFile);
    const [withCorpus, seconds] = timed(() => trainSegmenter(train, { corpus }));
    console.log(evaluate(`train + ${corpusFile} collocations → dev`, withCorpus, dev, seconds));
  }
}

main();
