// Measures the NLP models on ../shared/data/vi and prints task, metric, value, target, pass/fail and train time.
// Usage: node --import tsx scripts/eval-nlp.ts [--data DIR] [--folds K] [--only NAME,NAME] [--json]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCHMARKS, runBenchmark } from '../analytics/nlp/evaluate.ts';
import type { BenchmarkResult } from '../analytics/nlp/evaluate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(repoRoot, '../shared/data/vi') },
    folds: { type: 'string', default: '5' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const dir = values.data!;
if (!existsSync(dir)) {
  console.error(`eval-nlp: dataset folder not found: ${dir}`);
  process.exit(1);
}
const folds = Number(values.folds);
if (!Number.isInteger(folds) || folds < 0) {
  console.error(`eval-nlp: invalid --folds: ${values.folds}`);
  process.exit(1);
}
const only = values.only ? new Set(values.only.split(',')) : null;
const results: BenchmarkResult[] = [];
for (const bench of BENCHMARKS) {
  if (only && !only.has(bench.name)) continue;
  if (!existsSync(path.join(dir, bench.train))) {
    console.error(`eval-nlp: ${bench.name}: ${bench.train} not found, skipped`);
    continue;
  }
  results.push(runBenchmark(dir, bench, { folds, log: (line) => console.error(line) }));
}

if (values.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const rows = results.map((r) => [
    r.name,
    r.metric,
    r.value.toFixed(4),
    `≥ ${r.target.toFixed(2)}`,
    r.pass ? 'pass' : 'FAIL',
    r.trainSeconds === null ? '-' : `${r.trainSeconds.toFixed(1)} s (cpu ${r.trainCpuSeconds!.toFixed(1)} s)`,
    r.modelBytes === null ? '-' : `${(r.modelBytes / 1e6).toFixed(1)} MB`,
    `${r.protocol} (n=${r.n})`,
  ]);
  const header = ['task', 'metric', 'value', 'target', 'result', 'train time', 'model', 'protocol'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
