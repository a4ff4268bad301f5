// Writes a demo data set to files: JSONL documents and reports, Kobo-style survey CSVs, the ground truth.

import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoData, DemoSurvey } from './types.ts';

function csvCell(value: string): string {
  return /[",\n\r]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The survey as a KoboToolbox CSV export: header of `group/question` columns, comma-separated, UTF-8. */
export function surveyCsv(survey: DemoSurvey): string {
  const lines = [survey.columns, ...survey.rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

function jsonLines(items: readonly unknown[]): string {
  return items.map((item) => JSON.stringify(item)).join('\n') + (items.length > 0 ? '\n' : '');
}

async function writeAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}

/**
 * Writes `documents.jsonl`, `labels.jsonl`, `reports.jsonl`, `survey-<name>.csv` (+ `survey-<name>.form.json`)
 * and `ground-truth.json` into `dir` (created if missing); each file goes through a temp file and a rename.
 * Returns the paths written. `await writeDemo('out/demo', generateDemo())`.
 */
export async function writeDemo(dir: string, data: DemoData): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['documents.jsonl', jsonLines(data.documents)],
    ['labels.jsonl', jsonLines(data.labels)],
    ['reports.jsonl', jsonLines(data.reports)],
    ['ground-truth.json', `${JSON.stringify(data.groundTruth, null, 2)}\n`],
  ];
  for (const survey of data.surveys) {
    files.push([`survey-${survey.name}.csv`, surveyCsv(survey)]);
    const form = {
      name: survey.name,
      title: survey.title,
      fieldwork: survey.fieldwork,
      population: survey.population,
      weightColumn: survey.weightColumn,
      strataColumn: survey.strataColumn,
      clusterColumn: survey.clusterColumn,
      questions: survey.questions,
    };
    files.push([`survey-${survey.name}.form.json`, `${JSON.stringify(form, null, 2)}\n`]);
  }
  const written: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    await writeAtomic(file, content);
    written.push(file);
  }
  return written;
}
