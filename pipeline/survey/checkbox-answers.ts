/**
 * Google Forms checkbox answers without a form: the export joins the chosen labels with ", ", and labels may contain
 * commas themselves ("Giá cả, thu nhập"). This module finds the labels and turns each answer into choice codes.
 */
import { foldDiacritics } from '../../data/text/normalize.ts';
import type { FormChoice } from './xlsform.ts';

/** A column read as a multiple-choice question: its choices (code, label) and each row's answer as codes. */
export interface CheckboxColumn {
  choices: FormChoice[];
  /** Space-separated choice codes in the order of `values`; '' where the value was empty. */
  answers: string[];
}

const SEPARATOR = ', ';
const MAX_LABEL_CHARS = 60;
const MAX_LABEL_WORDS = 8;
const MAX_CHOICES = 50;
const SENTENCE_END = /[.!?…]\s|[.!?…]$/u;
const SCRUBBED = /\[[^\]]+\]/u;
const STARTS_LOWERCASE = /^\p{Ll}/u;

/**
 * The labels of each answer, split at ", " and joined back where a comma is part of a label. Labels already known
 * (from an earlier import of the survey) are taken first, longest first; then two neighbouring pieces `a, b` are one
 * label when `b` begins with a lowercase letter (Google Forms options begin with a capital, a continuation does not)
 * or when they are never seen apart and seen together at least twice: every `a` is followed by `b`, every `b` follows
 * an `a`.
 * `splitLabels(['Giá cả, thu nhập, Việc làm', 'Đất đai'])` → `[['Giá cả, thu nhập', 'Việc làm'], ['Đất đai']]`.
 */
export function splitLabels(values: readonly string[], known: readonly string[] = []): string[][] {
  const knownParts = known
    .map((label) => label.split(SEPARATOR))
    .sort((a, b) => b.length - a.length || a.join().localeCompare(b.join()));
  // Each answer as runs of pieces: a known label is one closed run; other pieces are runs of one, to be joined.
  const rows = values.map((value) => {
    const pieces = value === '' ? [] : value.split(SEPARATOR).map((p) => p.trim());
    const runs: { pieces: string[]; closed: boolean }[] = [];
    for (let i = 0; i < pieces.length;) {
      const label = knownParts.find((parts) => parts.every((p, k) => pieces[i + k] === p));
      if (label) {
        runs.push({ pieces: label, closed: true });
        i += label.length;
      } else {
        runs.push({ pieces: [pieces[i]!], closed: false });
        i++;
      }
    }
    return runs;
  });
  const count = new Map<string, number>();
  const pair = new Map<string, number>();
  for (const runs of rows) {
    runs.forEach((run, i) => {
      if (run.closed) return;
      const piece = run.pieces[0]!;
      count.set(piece, (count.get(piece) ?? 0) + 1);
      const next = runs[i + 1];
      if (next && !next.closed) {
        const key = `${piece}\u0000${next.pieces[0]!}`;
        pair.set(key, (pair.get(key) ?? 0) + 1);
      }
    });
  }
  const joined = (a: string, b: string) => {
    if (STARTS_LOWERCASE.test(b)) return true;
    const together = pair.get(`${a}\u0000${b}`) ?? 0;
    return together >= 2 && together === count.get(a) && together === count.get(b);
  };
  return rows.map((runs) => {
    const labels: string[] = [];
    let open: string[] | null = null;
    for (const run of runs) {
      if (run.closed) {
        if (open) labels.push(open.join(SEPARATOR));
        open = null;
        labels.push(run.pieces.join(SEPARATOR));
        continue;
      }
      const piece = run.pieces[0]!;
      if (open && joined(open[open.length - 1]!, piece)) open.push(piece);
      else {
        if (open) labels.push(open.join(SEPARATOR));
        open = [piece];
      }
    }
    if (open) labels.push(open.join(SEPARATOR));
    return labels;
  });
}

function isShortLabel(label: string): boolean {
  return (
    label.length <= MAX_LABEL_CHARS &&
    label.split(/\s+/).length <= MAX_LABEL_WORDS &&
    !SENTENCE_END.test(label) &&
    !SCRUBBED.test(label)
  );
}

/** A choice code from a label: `choiceCode('Giá cả, thu nhập')` → `'gia_ca_thu_nhap'`. */
export function choiceCode(label: string): string {
  const code = foldDiacritics(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return code === '' ? 'lua_chon' : code;
}

/**
 * Reads a column as Google Forms checkboxes when its values clearly form a set: at least two answers pick two or
 * more labels, every label is short (at most 60 characters and 8 words, no sentence end, no scrubbed personal data),
 * and labels repeat (no more distinct labels than half the labels picked, and at most 50); or, for a later file of
 * the survey, some answer picks two or more labels and every label is one of the `known` choices. Returns null
 * otherwise, for the column to be typed from its values as usual. Codes of `known` choices are kept; new labels get a code
 * made from the label (`choiceCode`).
 * `readCheckboxColumn(['Giá cả, thu nhập, Việc làm', 'Việc làm, Đất đai', 'Đất đai, Giá cả, thu nhập'])`
 */
export function readCheckboxColumn(
  values: readonly string[],
  known: readonly FormChoice[] = [],
): CheckboxColumn | null {
  if (!values.some((v) => v.includes(SEPARATOR))) return null;
  const labelled = splitLabels(
    values,
    known.map((c) => c.label),
  );
  const picks = labelled.flat();
  const distinct = [...new Set(picks)];
  const multiple = labelled.filter((labels) => labels.length >= 2).length;
  const knownLabels = new Set(known.map((c) => c.label));
  const allKnown = multiple >= 1 && distinct.every((label) => knownLabels.has(label));
  const aSet =
    multiple >= 2 &&
    distinct.length <= MAX_CHOICES &&
    distinct.length <= Math.max(2, picks.length / 2) &&
    distinct.every(isShortLabel);
  if (!allKnown && !aSet) return null;
  const codeOf = new Map(known.map((c) => [c.label, c.name]));
  const used = new Set(known.map((c) => c.name));
  const choices = [...known];
  for (const label of distinct) {
    if (codeOf.has(label)) continue;
    const base = choiceCode(label);
    let code = base;
    for (let n = 2; used.has(code); n++) code = `${base}_${n}`;
    used.add(code);
    codeOf.set(label, code);
    choices.push({ name: code, label, labels: [label] });
  }
  return { choices, answers: labelled.map((labels) => labels.map((l) => codeOf.get(l)!).join(' ')) };
}
