/** dlxh nlp segment|predict|train|eval: Vietnamese NLP on files, one output line per input line. */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import os from 'node:os';
import type { Command } from 'commander';
import {
  CORRECTION_TASKS,
  correctionExamples,
  type CorrectionTask,
} from '../../analytics/nlp/corrections.ts';
import { appendAudit } from '../../data/audit.ts';
import { withContext } from '../context.ts';
import {
  loadModel,
  predict,
  saveModel,
  train,
  type Model,
  type Prediction,
} from '../../analytics/nlp/classifier.ts';
import { accuracy, confusionMatrix, macroF1, rocAuc, weightedF1 } from '../../analytics/nlp/metrics.ts';
import {
  builtinSegmenter,
  loadSegmentModel,
  saveSegmentModel,
  segmentEval,
  segmentLine,
  trainSegmenter,
  type SegmentModel,
} from '../../analytics/nlp/segment.ts';
import { analyzeSentiment } from '../../analytics/nlp/sentiment.ts';
import { predictBuiltinTopic } from '../../analytics/nlp/score.ts';
import { DlxhError, errorMessage, inputError } from '../../data/errors.ts';
import {
  mapJsonlLines,
  readJsonlRecords,
  recordId,
  recordText,
  type JsonRecord,
} from '../../data/line-files.ts';
import { stderrLogger, type Logger } from '../../data/logger.ts';
import { progressBar } from '../progress.ts';

interface Predictor {
  predict(text: string, record: JsonRecord): Prediction;
  /** The result for a line without usable text. */
  fallback(): Prediction;
  labels: string[];
}

/** `builtin:sentiment`, `builtin:topic`, or a model file made by `nlp train`. */
export function loadPredictor(spec: string): Predictor {
  if (spec === 'builtin:sentiment') {
    const labels = ['negative', 'neutral', 'positive'];
    return {
      labels,
      predict: (text) => {
        const result = analyzeSentiment(text);
        return { label: result.label, scores: { ...result.probabilities } };
      },
      fallback: () => ({ label: 'neutral', scores: { negative: 0, neutral: 1, positive: 0 } }),
    };
  }
  if (spec === 'builtin:topic') {
    const sample = predictBuiltinTopic('');
    const labels = Object.keys(sample.scores);
    return { labels, predict: (text) => predictBuiltinTopic(text), fallback: () => predictBuiltinTopic('') };
  }
  if (spec.startsWith('builtin:'))
    throw new DlxhError(
      'INPUT',
      `--model: unknown built-in model "${spec}" (use builtin:sentiment or builtin:topic)`,
    );
  if (!fs.existsSync(spec)) throw inputError(spec, null, 'model file not found');
  const model: Model = loadModel(spec);
  const best = model.labels[model.priors.indexOf(Math.max(...model.priors))] ?? model.labels[0]!;
  return {
    labels: model.labels,
    predict: (text, record) => predict(model, text, record),
    fallback: () => ({
      label: best,
      scores: Object.fromEntries(model.labels.map((l, i) => [l, model.priors[i] ?? 1 / model.labels.length])),
    }),
  };
}

function segmenterFor(file: string | undefined): SegmentModel {
  if (!file) return builtinSegmenter();
  if (!fs.existsSync(file)) throw inputError(file, null, 'model file not found');
  return loadSegmentModel(file);
}

async function segmentFile(
  inFile: string,
  outFile: string,
  model: SegmentModel,
  logger: Logger,
): Promise<number> {
  if (!fs.existsSync(inFile)) throw inputError(inFile, null, 'file not found');
  const tmp = path.join(path.dirname(path.resolve(outFile)), `.${path.basename(outFile)}.${process.pid}.tmp`);
  const out: string[] = [];
  let number = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(inFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    number++;
    try {
      out.push(segmentLine(line, model));
    } catch (error) {
      logger.warn(
        `${path.basename(inFile)}: line ${number}: ${errorMessage(error)}; line written unsegmented`,
      );
      out.push(line);
    }
  }
  fs.writeFileSync(tmp, out.length ? `${out.join('\n')}\n` : '');
  fs.renameSync(tmp, outFile);
  return number;
}

function labelOf(record: JsonRecord): string | null {
  const label = record.label;
  if (typeof label === 'string' && label.trim() !== '') return label.trim();
  if (typeof label === 'number' || typeof label === 'boolean') return String(label);
  return null;
}

async function labelledExamples(file: string, logger: Logger): Promise<{ text: string; label: string }[]> {
  const examples: { text: string; label: string }[] = [];
  let skipped = 0;
  for (const record of await readJsonlRecords(file, { logger })) {
    const text = recordText(record);
    const label = labelOf(record);
    if (text === null || label === null) {
      skipped++;
      continue;
    }
    examples.push({ ...record, text, label });
  }
  if (skipped) logger.warn(`${path.basename(file)}: ${skipped} lines without text or label skipped`);
  if (examples.length === 0) throw inputError(file, null, 'no labelled examples ({text, label}) found');
  return examples;
}

const FIXED = (x: number) => x.toFixed(4);

function printEvaluation(
  gold: string[],
  predicted: string[],
  scores: Record<string, number>[],
  labels: string[],
): void {
  const lines = [
    `số mẫu (n): ${gold.length}`,
    `độ chính xác (accuracy): ${FIXED(accuracy(gold, predicted))}`,
    `macro-F1: ${FIXED(macroF1(gold, predicted))}`,
    `weighted-F1: ${FIXED(weightedF1(gold, predicted))}`,
  ];
  const classes = [...new Set([...labels, ...gold])].sort();
  if (classes.length === 2) {
    const positive = classes.includes('1') ? '1' : classes[1]!;
    lines.push(
      `ROC-AUC (dương tính = "${positive}"): ${FIXED(
        rocAuc(
          gold.map((g) => g === positive),
          scores.map((s) => s[positive] ?? 0),
        ),
      )}`,
    );
  }
  const matrix = confusionMatrix(gold, predicted, [...new Set([...classes, ...predicted])].sort());
  const width = Math.max(8, ...matrix.labels.map((l) => l.length));
  lines.push('ma trận nhầm lẫn (hàng: nhãn đúng, cột: dự đoán):');
  lines.push(['', ...matrix.labels].map((c) => c.padStart(width)).join(' '));
  matrix.matrix.forEach((row, i) =>
    lines.push([matrix.labels[i]!, ...row.map(String)].map((c) => c.padStart(width)).join(' ')),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface NlpOptions {
  model?: string;
  task?: string;
  in?: string;
  out?: string;
}

function required(options: NlpOptions, key: 'in' | 'out' | 'model' | 'task', command: string): string {
  const value = options[key];
  if (!value) throw new DlxhError('INPUT', `nlp ${command}: --${key} is required`);
  return value;
}

export function registerNlpCommands(program: Command): void {
  const logger = stderrLogger();
  const nlp = program.command('nlp').description('Vietnamese NLP on files: segment, predict, train, eval');
  nlp
    .command('segment')
    .description('one sentence per line in; the same line out with the syllables of each word joined by _')
    .option('--model <file>', 'segmentation model from `nlp train --task segment` (default: built-in)')
    .option('--in <file>')
    .option('--out <file>')
    .action(async (options: NlpOptions) => {
      const lines = await segmentFile(
        required(options, 'in', 'segment'),
        required(options, 'out', 'segment'),
        segmenterFor(options.model),
        logger,
      );
      logger.info(`nlp segment: ${lines} dòng`);
    });
  nlp
    .command('predict')
    .description('{id?, text} lines in, {id, label, scores} lines out, in input order')
    .option('--model <spec>', 'builtin:sentiment | builtin:topic | a model file', 'builtin:sentiment')
    .option('--in <file>')
    .option('--out <file>')
    .action(async (options: NlpOptions) => {
      const predictor = loadPredictor(options.model!);
      const report = await mapJsonlLines(
        required(options, 'in', 'predict'),
        required(options, 'out', 'predict'),
        (record) => {
          const text = recordText(record)!;
          const title = recordText(record, 'title');
          const result = predictor.predict(title ? `${title}\n${text}` : text, record);
          return { id: recordId(record), label: result.label, scores: result.scores };
        },
        (record) => ({ id: recordId(record), ...predictor.fallback() }),
        { logger },
      );
      logger.info(`nlp predict: ${report.lines} dòng, ${report.failed} dòng lỗi (kết quả mặc định)`);
    });
  nlp
    .command('train')
    .description(
      'train a model: --task segment on gold lines (syllables joined by _), any other task on {text, label} JSONL',
    )
    .option('--task <name>')
    .option('--in <file>')
    .option('--out <file>')
    .action(async (options: NlpOptions) => {
      const task = required(options, 'task', 'train');
      const inFile = required(options, 'in', 'train');
      const outFile = required(options, 'out', 'train');
      const started = Date.now();
      if (task === 'segment') {
        if (!fs.existsSync(inFile)) throw inputError(inFile, null, 'file not found');
        const gold = fs
          .readFileSync(inFile, 'utf8')
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '');
        saveSegmentModel(trainSegmenter(gold), outFile);
        logger.info(
          `nlp train segment: ${gold.length} câu, ${((Date.now() - started) / 1000).toFixed(1)} giây → ${outFile}`,
        );
        return;
      }
      const examples = await labelledExamples(inFile, logger);
      const bar = progressBar(`huấn luyện ${task}`);
      const model = train(examples, { task, onProgress: (done) => bar.update(Math.round(done * 100), 100) });
      bar.stop();
      saveModel(model, outFile);
      logger.info(
        `nlp train ${task}: ${examples.length} mẫu, nhãn ${model.labels.join(', ')}, ${((Date.now() - started) / 1000).toFixed(1)} giây → ${outFile}`,
      );
    });
  nlp
    .command('corrections')
    .description("analysts' corrections and verdicts as {id, text, label} JSONL for `nlp train`")
    .option('--task <name>', CORRECTION_TASKS.join(' | '))
    .option('--out <file>')
    .action(async (options: NlpOptions, command: Command) => {
      const task = required(options, 'task', 'corrections');
      if (!(CORRECTION_TASKS as readonly string[]).includes(task)) {
        throw new DlxhError('INPUT', `nlp corrections: --task must be one of ${CORRECTION_TASKS.join(', ')}`);
      }
      const outFile = required(options, 'out', 'corrections');
      await withContext(command, async ({ db, now }) => {
        const examples = await correctionExamples(db, task as CorrectionTask);
        fs.writeFileSync(outFile, examples.map((e) => JSON.stringify(e) + '\n').join(''));
        const osUser = os.userInfo().username;
        await appendAudit(
          db,
          {
            actor: `cli:${osUser}`,
            action: 'nlp.corrections',
            object: null,
            details: {
              task,
              out: path.resolve(outFile),
              examples: examples.length,
              via: 'cli',
              os_user: osUser,
            },
          },
          now(),
        );
        logger.info(`nlp corrections ${task}: ${examples.length} mẫu → ${outFile}`);
      });
    });
  nlp
    .command('eval')
    .description(
      'accuracy, macro-F1, weighted-F1, confusion matrix (ROC-AUC for two labels); word F1 for --task segment',
    )
    .option('--model <spec>', 'builtin:sentiment | builtin:topic | a model file')
    .option('--task <name>', 'segment to evaluate a segmenter on gold lines')
    .option('--in <file>')
    .action(async (options: NlpOptions) => {
      const inFile = required(options, 'in', 'eval');
      if (options.task === 'segment') {
        if (!fs.existsSync(inFile)) throw inputError(inFile, null, 'file not found');
        const gold = fs
          .readFileSync(inFile, 'utf8')
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '');
        const scores = segmentEval(gold, segmenterFor(options.model));
        process.stdout.write(
          `precision: ${FIXED(scores.precision)}\nrecall: ${FIXED(scores.recall)}\nF1: ${FIXED(scores.f1)}\n`,
        );
        return;
      }
      const predictor = loadPredictor(required(options, 'model', 'eval'));
      const examples = await labelledExamples(inFile, logger);
      const predictions = examples.map((e) => predictor.predict(e.text, e));
      printEvaluation(
        examples.map((e) => e.label),
        predictions.map((p) => p.label),
        predictions.map((p) => p.scores),
        predictor.labels,
      );
    });
}
