/** Maps the columns of a survey export to questions, metadata and design variables, and parses answers. */
import { SCRUB_MARKS } from '../../data/pseudonym.ts';
import { foldDiacritics } from '../../data/text/normalize.ts';
import type { Form, FormChoice, QuestionType } from './xlsform.ts';

export interface QuestionDef {
  /** Canonical name: the form's path (`group/question`), else the column header. */
  name: string;
  label: string;
  labels: string[];
  type: QuestionType;
  typeSource: 'form' | 'inferred';
  listName: string | null;
  choices: FormChoice[];
  otherOf: string | null;
  /** Order in the form (row) or in the export (column). */
  order: number;
}

export type MetaField = 'uuid' | 'submittedAt' | 'validation' | 'version' | 'enumerator';

export interface ColumnPlan {
  /** Questions with a value column or 0/1 choice columns, in column order. */
  questions: QuestionDef[];
  valueColumn: Map<string, number>;
  binaryColumns: Map<string, { choice: string; col: number }[]>;
  meta: Partial<Record<MetaField, number>>;
  /** Columns whose meaning the form fixes (so the answers are validated, not scrubbed). */
  fromForm: Set<number>;
  ignored: { header: string; why: string }[];
  /** Columns of inferred questions, typed once values are seen (`inferTypes`). */
  pending: Set<string>;
}

const META_HEADERS: Record<string, MetaField> = {
  _uuid: 'uuid',
  'meta/instanceid': 'uuid',
  'meta-instanceid': 'uuid',
  instanceid: 'uuid',
  key: 'uuid',
  _submission_time: 'submittedAt',
  submissiondate: 'submittedAt',
  timestamp: 'submittedAt',
  'dau thoi gian': 'submittedAt',
  _validation_status: 'validation',
  reviewstate: 'validation',
  __version__: 'version',
  _version_: 'version',
  formversion: 'version',
  _submitted_by: 'enumerator',
  username: 'enumerator',
  submittername: 'enumerator',
};
/** Metadata that is not kept: system fields, device and SIM identifiers, e-mail addresses, exact coordinates. */
const IGNORED_HEADERS = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'imei',
  'subscriberid',
  'simserial',
  'phonenumber',
  'email',
  'email address',
  'dia chi email',
  'submitterid',
  'attachmentspresent',
  'attachmentsexpected',
  'status',
  'edits',
  'formhub/uuid',
]);
const META_PRIORITY: Record<string, number> = {
  _uuid: 0,
  'meta/instanceid': 1,
  'meta-instanceid': 1,
  instanceid: 2,
  key: 3,
};

function headerKey(header: string): string {
  return foldDiacritics(header)
    .replace(/\s+/g, ' ')
    .replace(/[\s*:?]+$/, '')
    .trim();
}

/** Header spellings of a form path: Kobo `a/b`, ODK Central `a-b`, dotted `a.b`. */
function pathVariants(path: string): string[] {
  return [...new Set([path, path.replaceAll('/', '-'), path.replaceAll('/', '.')])];
}

function uniqueIndex<T>(entries: [string, T][]): Map<string, T> {
  const map = new Map<string, T | null>();
  for (const [key, value] of entries) map.set(key, map.has(key) && map.get(key) !== value ? null : value);
  return new Map([...map].filter((e): e is [string, T] => e[1] !== null));
}

/** Question definitions of a form; select lists are completed with 'other' for `or_other` questions. */
export function formQuestions(form: Form): QuestionDef[] {
  return form.questions.map((q) => {
    const list = q.listName ? (form.lists.get(q.listName) ?? []) : [];
    const choices =
      q.orOther && !list.some((c) => c.name === 'other')
        ? [...list, { name: 'other', label: 'Khác', labels: ['Khác', 'Other'] }]
        : list;
    return {
      name: q.path,
      label: q.label,
      labels: q.labels,
      type: q.type,
      typeSource: 'form',
      listName: q.listName,
      choices,
      otherOf: q.otherOf,
      order: q.row,
    };
  });
}

/**
 * Classify every column of an export: metadata, a question (by form path in Kobo, ODK or dotted spelling,
 * by bare name, or by label as Google Forms and label exports write it), a 0/1 choice column
 * (`question/choice`), or ignored. Columns the form does not know become inferred questions.
 */
export function planColumns(headers: string[], form: Form | null): ColumnPlan {
  const plan: ColumnPlan = {
    questions: [],
    valueColumn: new Map(),
    binaryColumns: new Map(),
    meta: {},
    fromForm: new Set(),
    ignored: [],
    pending: new Set(),
  };
  const defs = form ? formQuestions(form) : [];
  const byHeader = new Map<string, QuestionDef>();
  for (const def of defs) for (const v of pathVariants(def.name)) byHeader.set(v, def);
  const byName = uniqueIndex(defs.map((d) => [d.name.split('/').pop()!, d]));
  const byLabel = uniqueIndex(
    defs.flatMap((d) => d.labels.map((l): [string, QuestionDef] => [headerKey(l), d])),
  );
  const binary = new Map<string, { def: QuestionDef; choice: string }>();
  for (const def of defs) {
    if (def.type !== 'select_multiple') continue;
    const keys = [...pathVariants(def.name), def.name.split('/').pop()!];
    for (const c of def.choices) {
      for (const k of keys)
        for (const sep of ['/', '-', '.']) binary.set(`${k}${sep}${c.name}`, { def, choice: c.name });
      for (const l of def.labels)
        for (const cl of c.labels) binary.set(headerKey(`${l}/${cl}`), { def, choice: c.name });
    }
  }
  const dropped = new Set(form ? [...form.dropped].flatMap(pathVariants) : []);
  const enumerator = form?.enumeratorField ? new Set(pathVariants(form.enumeratorField)) : new Set<string>();
  const metaRank: Partial<Record<MetaField, number>> = {};
  const added = new Set<string>();

  const addQuestion = (def: QuestionDef, col: number, viaForm: boolean) => {
    if (plan.valueColumn.has(def.name)) {
      plan.ignored.push({ header: headers[col]!, why: `second column for ${def.name}` });
      return;
    }
    plan.valueColumn.set(def.name, col);
    if (viaForm) plan.fromForm.add(col);
    if (!added.has(def.name)) {
      added.add(def.name);
      plan.questions.push(def);
    }
  };

  headers.forEach((header, col) => {
    if (header === '') return;
    const key = headerKey(header);
    if (enumerator.has(header)) {
      plan.meta.enumerator ??= col;
      return;
    }
    const metaField = META_HEADERS[header.toLowerCase()] ?? META_HEADERS[key];
    if (metaField && !byHeader.has(header)) {
      const rank = META_PRIORITY[header.toLowerCase()] ?? 0;
      if (plan.meta[metaField] === undefined || rank < (metaRank[metaField] ?? 99)) {
        plan.meta[metaField] = col;
        metaRank[metaField] = rank;
      }
      return;
    }
    if (dropped.has(header)) {
      plan.ignored.push({ header, why: 'metadata or media field' });
      return;
    }
    const def = byHeader.get(header) ?? byName.get(header) ?? byLabel.get(key);
    if (def) {
      addQuestion(def, col, true);
      return;
    }
    const choice = binary.get(header) ?? binary.get(key);
    if (choice) {
      const list = plan.binaryColumns.get(choice.def.name) ?? [];
      list.push({ choice: choice.choice, col });
      plan.binaryColumns.set(choice.def.name, list);
      plan.fromForm.add(col);
      if (!added.has(choice.def.name)) {
        added.add(choice.def.name);
        plan.questions.push(choice.def);
      }
      return;
    }
    if (IGNORED_HEADERS.has(key) || header.startsWith('_') || /^meta[/-]/i.test(header)) {
      plan.ignored.push({ header, why: 'metadata' });
      return;
    }
    const inferred: QuestionDef = {
      name: header,
      label: header,
      labels: [],
      type: 'text',
      typeSource: 'inferred',
      listName: null,
      choices: [],
      otherOf: null,
      order: col,
    };
    addQuestion(inferred, col, false);
    plan.pending.add(header);
  });
  for (const list of plan.binaryColumns.values()) list.sort((a, b) => a.col - b.col);
  return plan;
}

const BINARY_VALUES = new Set(['0', '1', 'true', 'false', '']);

/**
 * Without a form, `q/choice` columns are 0/1 choice columns of a multiple-choice `q` when column `q` exists
 * or when at least two such siblings hold nothing but 0/1. Decided on the values, so call it after they are read.
 */
export function detectBinaryGroups(
  plan: ColumnPlan,
  headers: string[],
  columnValues: (col: number) => string[],
): void {
  const siblings = new Map<string, { choice: string; col: number }[]>();
  for (const name of plan.pending) {
    const cut = name.lastIndexOf('/');
    if (cut <= 0) continue;
    const col = plan.valueColumn.get(name)!;
    const list = siblings.get(name.slice(0, cut)) ?? [];
    list.push({ choice: name.slice(cut + 1), col });
    siblings.set(name.slice(0, cut), list);
  }
  for (const [parent, list] of siblings) {
    const parentIsColumn = plan.valueColumn.has(parent);
    if (parentIsColumn ? !plan.pending.has(parent) : list.length < 2) continue;
    if (!list.every(({ col }) => columnValues(col).every((v) => BINARY_VALUES.has(v.toLowerCase()))))
      continue;
    for (const { col } of list) {
      const name = headers[col]!;
      plan.valueColumn.delete(name);
      plan.pending.delete(name);
      plan.questions = plan.questions.filter((q) => q.name !== name);
    }
    plan.binaryColumns.set(parent, list);
    if (!parentIsColumn) {
      plan.pending.add(parent);
      plan.questions.push({
        name: parent,
        label: parent,
        labels: [],
        type: 'select_multiple',
        typeSource: 'inferred',
        listName: null,
        choices: list.map(({ choice }) => ({ name: choice, label: choice, labels: [] })),
        otherOf: null,
        order: list[0]!.col,
      });
    }
  }
  plan.questions.sort((a, b) => a.order - b.order);
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
const THOUSANDS = /^[-+]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/;

/** A number as exports and people write it: `3`, `3.5`, `3,5`, `1.500.000`; null when it is not one. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim().replace(/\s+/g, '');
  let n: number;
  if (NUMBER.test(s)) n = Number(s);
  else if (DECIMAL_COMMA.test(s)) n = Number(s.replace(',', '.'));
  else if (THOUSANDS.test(s)) n = Number(s.replaceAll('.', '').replace(',', '.'));
  else return null;
  return Number.isFinite(n) ? n : null;
}

const CODE = /^[A-Za-z0-9_][\w.-]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const GEOPOINT = /^-?\d{1,3}\.\d+ -?\d{1,3}\.\d+(?: -?[\d.]+ [\d.]+)?$/;
const collator = new Intl.Collator('vi', { numeric: true });
const SCRUBBED = new RegExp(
  Object.values(SCRUB_MARKS)
    .map((m) => m.replace(/[[\]]/g, '\\$&'))
    .join('|'),
);

/**
 * Type of a column no form describes, from its (already scrubbed) values: numbers (no leading zeros, which
 * mark phone numbers and codes), dates, geopoints, space-separated codes (multiple choice), a few repeated
 * short values (single choice), else free text (long answers, or answers with scrubbed personal data).
 */
export function inferType(values: string[]): { type: QuestionType; choices: string[] } {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return { type: 'text', choices: [] };
  const distinct = [...new Set(present)];
  if (present.every((v) => NUMBER.test(v) && !/^[-+]?0\d/.test(v))) {
    return { type: present.every((v) => /^[-+]?\d+$/.test(v)) ? 'integer' : 'decimal', choices: [] };
  }
  if (present.every((v) => ISO_DATE.test(v))) return { type: 'date', choices: [] };
  if (present.every((v) => ISO_DATETIME.test(v))) return { type: 'datetime', choices: [] };
  if (present.every((v) => GEOPOINT.test(v))) return { type: 'geopoint', choices: [] };
  const tokens = present.map((v) => v.split(/\s+/));
  if (tokens.some((t) => t.length > 1) && tokens.every((t) => t.every((x) => CODE.test(x)))) {
    return { type: 'select_multiple', choices: [...new Set(tokens.flat())].sort(collator.compare) };
  }
  const prose = present.some((v) => v.length > 60 || v.split(/\s+/).length > 6 || SCRUBBED.test(v));
  if (!prose && distinct.length <= 30 && distinct.length <= Math.max(2, present.length / 2)) {
    return { type: 'select_one', choices: distinct.sort(collator.compare) };
  }
  return { type: 'text', choices: [] };
}

/** The wider of two inferred types, when imports of one question disagree. */
export function widenType(a: QuestionType, b: QuestionType): QuestionType {
  if (a === b) return a;
  const pair = new Set([a, b]);
  const has = (x: QuestionType, y: QuestionType) => pair.has(x) && pair.has(y);
  if (has('integer', 'decimal')) return 'decimal';
  if (has('date', 'datetime')) return 'datetime';
  if (has('select_one', 'select_multiple')) return 'select_multiple';
  if (has('select_one', 'integer') || has('select_one', 'decimal')) return 'select_one';
  return 'text';
}

function labelKey(s: string): string {
  return foldDiacritics(s)
    .replace(/\s+/g, ' ')
    .replace(/[.;,:!?]+$/, '')
    .trim();
}

export type Answer = { value: string; num: number | null } | { problem: string };

interface ChoiceIndex {
  names: Set<string>;
  byLabel: Map<string, string>;
}

const choiceIndexes = new WeakMap<FormChoice[], ChoiceIndex>();

function choiceIndex(choices: FormChoice[]): ChoiceIndex {
  let index = choiceIndexes.get(choices);
  if (!index) {
    const byLabel = new Map<string, string>();
    for (const c of choices) for (const l of [c.label, ...c.labels]) byLabel.set(labelKey(l), c.name);
    index = { names: new Set(choices.map((c) => c.name)), byLabel };
    choiceIndexes.set(choices, index);
  }
  return index;
}

/** Choices matched in `raw`: XML names, or labels (whole, separated by , or ;, or run together with spaces). */
function matchChoices(
  raw: string,
  choices: FormChoice[],
  multiple: boolean,
): { names: string[] } | { unknown: string[] } {
  const { names, byLabel } = choiceIndex(choices);
  const one = (s: string) => (names.has(s) ? s : byLabel.get(labelKey(s)));
  const whole = one(raw);
  if (whole) return { names: [whole] };
  if (!multiple) return { unknown: [raw] };
  const tokens = raw.split(/\s+/);
  if (tokens.every((t) => names.has(t))) return { names: tokens };
  if (/[;,]/.test(raw)) {
    const parts = raw.split(/\s*[;,]\s*/).filter(Boolean);
    const found = parts.map(one);
    if (found.every(Boolean)) return { names: found as string[] };
  }
  // labels run together with spaces: segment the words into known labels (shortest-path DP)
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= tokens.length; end++) {
    best[end] = null;
    for (let start = 0; start < end; start++) {
      const prefix = best[start];
      const name = prefix ? one(tokens.slice(start, end).join(' ')) : undefined;
      if (prefix && name && (best[end] === null || best[end]!.length > prefix.length + 1))
        best[end] = [...prefix, name];
    }
  }
  if (best[tokens.length]) return { names: best[tokens.length]! };
  return { unknown: tokens.filter((t) => !names.has(t)) };
}

function orderByChoices(selected: Iterable<string>, choices: FormChoice[]): string[] {
  const set = new Set(selected);
  const ordered = choices.map((c) => c.name).filter((n) => set.has(n));
  return [...ordered, ...[...set].filter((n) => !ordered.includes(n))];
}

function coarsenGeopoint(raw: string): string | null {
  const m = /^(-?\d{1,3}(?:\.\d+)?)[ ,;]+(-?\d{1,3}(?:\.\d+)?)/.exec(raw);
  return m ? `${Number(m[1]).toFixed(2)} ${Number(m[2]).toFixed(2)}` : null;
}

/**
 * Parse one answer (already normalised; empty means missing). Form-defined choices are validated; inferred
 * ones are not. Geopoints are coarsened to two decimals (about 1 km): places, not households.
 */
export function parseAnswer(def: QuestionDef, raw: string): Answer {
  const numeric = (v: string): number | null => parseNumber(v);
  switch (def.type) {
    case 'select_one':
    case 'select_multiple': {
      const multiple = def.type === 'select_multiple';
      if (def.typeSource === 'inferred') {
        const value = multiple ? orderByChoices(raw.split(/\s+/), def.choices).join(' ') : raw;
        return { value, num: multiple ? null : numeric(value) };
      }
      if (def.choices.length === 0) return { value: raw, num: null };
      const match = matchChoices(raw, def.choices, multiple);
      if ('unknown' in match) {
        return { problem: match.unknown.map((u) => `unknown choice "${u}" for ${def.name}`).join('; ') };
      }
      const value = orderByChoices(match.names, def.choices).join(' ');
      return { value, num: multiple ? null : numeric(value) };
    }
    case 'integer':
    case 'decimal': {
      const n = numeric(raw);
      if (n === null || (def.type === 'integer' && !Number.isInteger(n))) {
        return {
          problem: `invalid ${def.type === 'integer' ? 'integer' : 'number'} "${raw}" for ${def.name}`,
        };
      }
      return { value: String(n), num: n };
    }
    case 'geopoint': {
      const point = coarsenGeopoint(raw);
      return point ? { value: point, num: null } : { problem: `invalid geopoint "${raw}" for ${def.name}` };
    }
    case 'calculate':
      return { value: raw, num: numeric(raw) };
    default:
      return { value: raw, num: null };
  }
}

/** Answer of a multiple-choice question given as 0/1 columns; null when every column is empty. */
export function binaryAnswer(
  def: QuestionDef,
  cells: { choice: string; value: string }[],
): { value: string } | { problem: string } | null {
  const chosen: string[] = [];
  let answered = false;
  for (const { choice, value } of cells) {
    const v = value.trim().toLowerCase();
    if (v === '') continue;
    answered = true;
    if (v === '1' || v === 'true') chosen.push(choice);
    else if (v !== '0' && v !== 'false')
      return { problem: `invalid value "${value}" for ${def.name}/${choice} (expected 0 or 1)` };
  }
  if (!answered || chosen.length === 0) return null;
  return { value: orderByChoices(chosen, def.choices).join(' ') };
}
