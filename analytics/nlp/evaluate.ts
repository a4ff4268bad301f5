// Measures the classifiers and the built-in sentiment on labelled Vietnamese datasets (held-out split, dev or CV).
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { predict, prepareExamples, saveModel, stratifiedFolds, trainPrepared } from './classifier.ts';
import type { Example, Prediction, TrainOptions } from './classifier.ts';
import { accuracy, macroF1, rocAuc, weightedF1 } from './metrics.ts';
import { analyzeSentiment } from './sentiment.ts';

export { stratifiedFolds };

export type MetricName = 'macro-F1' | 'weighted-F1' | 'accuracy' | 'ROC-AUC';

/** One measurement the project commits to. */
export interface Benchmark {
  name: string;
  /** Training file in the data folder; a `-test` or `-dev` sibling, when present, is the held-out set. */
  train: string;
  metric: MetricName;
  target: number;
  /** Label whose probability ranks items for ROC-AUC. */
  positive?: string;
  /** The built-in sentiment, measured without training. */
  builtin?: boolean;
}

export const BENCHMARKS: readonly Benchmark[] = [
  { name: 'sentiment-vlsp2016', train: 'sentiment-vlsp2016-train.jsonl', metric: 'macro-F1', target: 0.74 },
  { name: 'sentiment-uitvsfc', train: 'sentiment-uitvsfc-train.jsonl', metric: 'weighted-F1', target: 0.91 },
  { name: 'topic-vntc', train: 'topic-vntc-train.jsonl', metric: 'accuracy', target: 0.91 },
  {
    name: 'misinfo-reintel',
    train: 'misinfo-reintel-train.jsonl',
    metric: 'ROC-AUC',
    target: 0.93,
    positive: 'unreliable',
  },
  {
    name: 'builtin-sentiment-vlsp2016',
    train: 'sentiment-vlsp2016-train.jsonl',
    metric: 'macro-F1',
    target: 0.6,
    builtin: true,
  },
];

/** The outcome of one benchmark. */
export interface BenchmarkResult {
  name: string;
  metric: MetricName;
  value: number;
  target: number;
  pass: boolean;
  /** How it was measured, e.g. "train → dev", "5-fold CV", "built-in on train". */
  protocol: string;
  /** Seconds to train one model on the whole training file (null for the built-in). */
  trainSeconds: number | null;
  /** CPU seconds of that training, a steadier figure than wall time on a shared machine. */
  trainCpuSeconds: number | null;
  /** Size of that model's JSON file in bytes. */
  modelBytes: number | null;
  n: number;
}

export interface BenchmarkOptions {
  /** Folds of cross-validation when there is no held-out file; 0 or 1 means one stratified 80/20 split. */
  folds?: number;
  /** Also train once on the whole training file to time it and size the model (written under os.tmpdir()). */
  timeFullTraining?: boolean;
  train?: TrainOptions;
  /** Called with a line of progress. */
  log?: (line: string) => void;
}

/** Reads a JSONL file of examples; `file: line N: …` on a bad line. */
export function readExamples(file: string): Example[] {
  const out: Example[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch (err) {
        throw new Error(`${path.basename(file)}: line ${i + 1}: invalid JSON`, { cause: err });
      }
      const ex = obj as Example;
      if (typeof ex.text !== 'string' || (typeof ex.label !== 'string' && typeof ex.label !== 'number')) {
        throw new Error(`${path.basename(file)}: line ${i + 1}: expected {text, label}`);
      }
      out.push(ex);
    });
  return out;
}

/** Scores predictions with a benchmark's metric. */
export function scorePredictions(
  metric: MetricName,
  gold: readonly string[],
  predicted: readonly Prediction[],
  positive?: string,
): number {
  const labels = predicted.map((p) => p.label);
  switch (metric) {
    case 'macro-F1':
      return macroF1(gold, labels);
    case 'weighted-F1':
      return weightedF1(gold, labels);
    case 'accuracy':
      return accuracy(gold, labels);
    case 'ROC-AUC':
      return rocAuc(
        gold.map((g) => g === positive),
        predicted.map((p) => p.scores[positive ?? ''] ?? 0),
      );
  }
}

function heldOutFile(dir: string, train: string): string | null {
  for (const suffix of ['-test.jsonl', '-dev.jsonl']) {
    const file = path.join(dir, train.replace(/-train\.jsonl$/, suffix));
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Runs one benchmark against the dataset folder `dir`. A held-out file (`…-test.jsonl`, else `…-dev.jsonl`) is used
 * when present; otherwise stratified cross-validation over the training file. Models go to os.tmpdir() only.
 */
export function runBenchmark(dir: string, bench: Benchmark, opts: BenchmarkOptions = {}): BenchmarkResult {
  const log = opts.log ?? (() => {});
  const trainFile = path.join(dir, bench.train);
  const examples = readExamples(trainFile);
  const held = heldOutFile(dir, bench.train);
  let trainCpuSeconds: number | null = null;
  const result = (
    value: number,
    protocol: string,
    n: number,
    trainSeconds: number | null,
    modelBytes: number | null,
  ) => ({
    name: bench.name,
    metric: bench.metric,
    value,
    target: bench.target,
    pass: value >= bench.target,
    protocol,
    trainSeconds,
    trainCpuSeconds,
    modelBytes,
    n,
  });

  if (bench.builtin) {
    const file = held && held.endsWith('-test.jsonl') ? held : trainFile;
    const items = file === trainFile ? examples : readExamples(file);
    const predictions = items.map((ex) => {
      const r = analyzeSentiment(ex.text);
      return { label: r.label, scores: r.probabilities };
    });
    const value = scorePredictions(
      bench.metric,
      items.map((ex) => String(ex.label)),
      predictions,
      bench.positive,
    );
    return result(value, `built-in on ${path.basename(file)}`, items.length, null, null);
  }

  let trainSeconds: number | null = null;
  let modelBytes: number | null = null;
  if (held) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const prep = prepareExamples(examples, opts.train);
    const model = trainPrepared(prep, undefined, opts.train);
    trainSeconds = (performance.now() - start) / 1000;
    trainCpuSeconds = process.cpuUsage(cpu).user / 1e6;
    modelBytes = writeTempModel(model, bench.name);
    const test = readExamples(held);
    const predictions = test.map((ex) => predict(model, ex.text, ex));
    const value = scorePredictions(
      bench.metric,
      test.map((ex) => String(ex.label)),
      predictions,
      bench.positive,
    );
    log(`${bench.name}: trained in ${trainSeconds.toFixed(1)} s`);
    return result(
      value,
      `train → ${path.basename(held).replace(/^.*-(\w+)\.jsonl$/, '$1')}`,
      test.length,
      trainSeconds,
      modelBytes,
    );
  }

  const k = opts.folds ?? 5;
  const prep = prepareExamples(examples, opts.train);
  const gold = prep.labels;
  const fold = stratifiedFolds(gold, k);
  const predictions: Prediction[] = new Array(examples.length);
  const rounds = k <= 1 ? 1 : k;
  const scored: number[] = [];
  for (let f = 0; f < rounds; f++) {
    const trainIdx: number[] = [];
    examples.forEach((_, i) => {
      if (fold[i] !== f) trainIdx.push(i);
    });
    const model = trainPrepared(prep, trainIdx, opts.train);
    examples.forEach((ex, i) => {
      if (fold[i] === f) {
        predictions[i] = predict(model, ex.text, ex);
        scored.push(i);
      }
    });
    log(`${bench.name}: fold ${f + 1}/${rounds} done`);
  }
  if (opts.timeFullTraining !== false) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const model = trainPrepared(prepareExamples(examples, opts.train), undefined, opts.train);
    trainSeconds = (performance.now() - start) / 1000;
    trainCpuSeconds = process.cpuUsage(cpu).user / 1e6;
    modelBytes = writeTempModel(model, bench.name);
  }
  const value = scorePredictions(
    bench.metric,
    scored.map((i) => gold[i]!),
    scored.map((i) => predictions[i]!),
    bench.positive,
  );
  return result(
    value,
    rounds === 1 ? 'stratified 80/20' : `${rounds}-fold CV`,
    scored.length,
    trainSeconds,
    modelBytes,
  );
}

function writeTempModel(model: ReturnType<typeof trainPrepared>, name: string): number {
  const file = path.join(tmpdir(), `dlxh-eval-${name}-${process.pid}.json`);
  saveModel(model, file);
  const size = statSync(file).size;
  rmSync(file, { force: true });
  return size;
}
