/** Reads an XLSForm (survey, choices and settings sheets) into questions with group paths and choice lists. */
import type ExcelJS from 'exceljs';
import { inputError } from '../../data/errors.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { cellString, loadWorkbook, readFileBytes } from './read-table.ts';

export type QuestionType =
  | 'select_one'
  | 'select_multiple'
  | 'integer'
  | 'decimal'
  | 'text'
  | 'date'
  | 'datetime'
  | 'time'
  | 'geopoint'
  | 'calculate';

export interface FormChoice {
  name: string;
  label: string;
  /** The label in every language the form gives. */
  labels: string[];
}

export interface FormQuestion {
  /** Full path: `group/subgroup/name`. */
  path: string;
  name: string;
  type: QuestionType;
  label: string;
  labels: string[];
  listName: string | null;
  /** `select_one list or_other`: 'other' is a valid answer and `<name>_other` holds the text. */
  orOther: boolean;
  /** `<q>_other` text completing select question `<q>`. */
  otherOf: string | null;
  /** Sheet row of the question, for messages. */
  row: number;
}

export interface Form {
  file: string;
  formId: string | null;
  title: string | null;
  version: string;
  questions: FormQuestion[];
  /** Choice lists by list name, in sheet order. */
  lists: Map<string, FormChoice[]>;
  /** Names of metadata or media fields that are never stored (deviceid, username, image …). */
  dropped: Set<string>;
  /** The field whose value names the submitting account (type `username`), pseudonymised. */
  enumeratorField: string | null;
}

const SIMPLE_TYPES: Record<string, QuestionType> = {
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  range: 'decimal',
  text: 'text',
  string: 'text',
  barcode: 'text',
  acknowledge: 'text',
  rank: 'text',
  date: 'date',
  datetime: 'datetime',
  datetime_local: 'datetime',
  time: 'time',
  geopoint: 'geopoint',
  calculate: 'calculate',
  hidden: 'calculate',
};
const DROPPED_TYPES = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'imei',
  'subscriberid',
  'simserial',
  'phonenumber',
  'email',
  'audit',
  'start-geopoint',
  'image',
  'audio',
  'video',
  'file',
  'background-audio',
  'geotrace',
  'geoshape',
  'xml-external',
  'csv-external',
]);
const SKIPPED_TYPES = new Set(['note', 'begin_group', 'end_group', 'begin_repeat', 'end_repeat']);

function header(sheet: ExcelJS.Worksheet): string[] {
  const row = sheet.getRow(1);
  const out: string[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) out.push(cellString(row.getCell(c).value).trim());
  return out;
}

function labelColumns(headers: string[]): number[] {
  const cols = headers
    .map((h, i) => ({ h: h.toLowerCase(), i }))
    .filter(({ h }) => h === 'label' || h.startsWith('label::') || h.startsWith('label:'));
  const rank = ({ h }: { h: string }) =>
    /\(vi\)|vietnam|tiếng việt|tieng viet|::vi$/.test(h) ? 0 : h === 'label' ? 1 : 2;
  return cols.sort((a, b) => rank(a) - rank(b)).map(({ i }) => i);
}

function cleanLabel(text: string): string {
  return normalizeText(text.replace(/<[^>]+>/g, '').replace(/\*\*?|__/g, ''));
}

function rowLabels(row: ExcelJS.Row, cols: number[]): string[] {
  const labels: string[] = [];
  for (const c of cols) {
    const label = cleanLabel(cellString(row.getCell(c + 1).value));
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name);
}

/**
 * Read an XLSForm. Unknown question types are read as text; metadata and media fields are listed in
 * `dropped`; repeat groups are skipped (their data is in other sheets of an export).
 * `const form = await readXlsForm('tests/fixtures/surveys/xlsform-v1.xlsx')`
 */
export async function readXlsForm(file: string): Promise<Form> {
  const workbook = await loadWorkbook(readFileBytes(file), file);
  const survey = findSheet(workbook, 'survey');
  if (!survey) throw inputError(file, null, 'no "survey" sheet: not an XLSForm');
  const lists = readChoices(workbook, file);
  const settings = readSettings(workbook);

  const heads = header(survey);
  const col = (name: string) => heads.findIndex((h) => h.toLowerCase() === name);
  const typeCol = col('type');
  const nameCol = col('name');
  if (typeCol < 0 || nameCol < 0) throw inputError(file, 'survey sheet', 'needs "type" and "name" columns');
  const labels = labelColumns(heads);

  const questions: FormQuestion[] = [];
  const dropped = new Set<string>();
  let enumeratorField: string | null = null;
  const groups: { name: string; repeat: boolean; row: number }[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= survey.rowCount; r++) {
    const row = survey.getRow(r);
    const rawType = cellString(row.getCell(typeCol + 1).value)
      .trim()
      .replace(/\s+/g, ' ');
    const name = cellString(row.getCell(nameCol + 1).value).trim();
    if (!rawType) continue;
    const [head = '', list = '', ...rest] = rawType.split(' ');
    const marker = /^(begin|end)$/i.test(head) && /^(group|repeat)$/i.test(list);
    const type = marker ? `${head}_${list}`.toLowerCase() : head.toLowerCase();
    if (type === 'begin_group' || type === 'begin_repeat') {
      groups.push({ name, repeat: type === 'begin_repeat', row: r });
      continue;
    }
    if (type === 'end_group' || type === 'end_repeat') {
      if (!groups.pop()) throw inputError(file, `survey row ${r}`, `"${rawType}" without a matching begin`);
      continue;
    }
    if (SKIPPED_TYPES.has(type) || !name || groups.some((g) => g.repeat)) continue;
    const path = [...groups.map((g) => g.name).filter(Boolean), name].join('/');
    if (type === 'username') {
      enumeratorField = path;
      dropped.add(path);
      continue;
    }
    if (DROPPED_TYPES.has(type)) {
      dropped.add(path);
      continue;
    }
    const first = seen.get(path);
    if (first !== undefined)
      throw inputError(file, `survey row ${r}`, `name "${path}" already used in row ${first}`);
    seen.set(path, r);

    let qType: QuestionType;
    let listName: string | null = null;
    let orOther = false;
    if (
      type === 'select_one' ||
      type === 'select_multiple' ||
      type === 'select_one_from_file' ||
      type === 'select_multiple_from_file'
    ) {
      qType = type.startsWith('select_one') ? 'select_one' : 'select_multiple';
      if (!type.endsWith('_from_file')) {
        listName = list;
        orOther = rest.join(' ').toLowerCase() === 'or_other';
        if (!listName) throw inputError(file, `survey row ${r}`, `"${rawType}" names no choice list`);
        if (!lists.has(listName)) {
          throw inputError(
            file,
            `survey row ${r}`,
            `choice list "${listName}" not found in the choices sheet`,
          );
        }
      }
    } else {
      qType = SIMPLE_TYPES[type] ?? 'text';
    }
    const questionLabels = rowLabels(row, labels);
    questions.push({
      path,
      name,
      type: qType,
      label: questionLabels[0] ?? name,
      labels: questionLabels,
      listName,
      orOther,
      otherOf: null,
      row: r,
    });
  }
  const open = groups.pop();
  if (open) throw inputError(file, `survey row ${open.row}`, `group "${open.name}" is never closed`);

  const byPath = new Map(questions.map((q) => [q.path, q]));
  for (const q of questions) {
    const base = q.path.endsWith('_other') ? byPath.get(q.path.slice(0, -'_other'.length)) : undefined;
    if (base && base.listName !== null) q.otherOf = base.path;
  }
  for (const q of questions) {
    if (!q.orOther) continue;
    const other = `${q.path}_other`;
    if (!byPath.has(other)) {
      questions.push({
        ...q,
        path: other,
        name: `${q.name}_other`,
        type: 'text',
        label: `${q.label} (khác)`,
        labels: [],
        listName: null,
        orOther: false,
        otherOf: q.path,
      });
    }
  }
  return {
    file,
    formId: settings.form_id ?? null,
    title: settings.form_title ?? null,
    version: settings.version ?? '',
    questions,
    lists,
    dropped,
    enumeratorField,
  };
}

function readChoices(workbook: ExcelJS.Workbook, file: string): Map<string, FormChoice[]> {
  const lists = new Map<string, FormChoice[]>();
  const sheet = findSheet(workbook, 'choices');
  if (!sheet) return lists;
  const heads = header(sheet);
  const listCol = heads.findIndex((h) => ['list_name', 'list name'].includes(h.toLowerCase()));
  const nameCol = heads.findIndex((h) => ['name', 'value'].includes(h.toLowerCase()));
  if (listCol < 0 || nameCol < 0)
    throw inputError(file, 'choices sheet', 'needs "list_name" and "name" columns');
  const labels = labelColumns(heads);
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const list = cellString(row.getCell(listCol + 1).value).trim();
    const name = cellString(row.getCell(nameCol + 1).value).trim();
    if (!list && !name) continue;
    if (!list || !name) throw inputError(file, `choices row ${r}`, 'a choice needs both list_name and name');
    const choices = lists.get(list) ?? [];
    if (choices.some((c) => c.name === name)) {
      throw inputError(file, `choices row ${r}`, `choice "${name}" appears twice in list "${list}"`);
    }
    const choiceLabels = rowLabels(row, labels);
    choices.push({ name, label: choiceLabels[0] ?? name, labels: choiceLabels });
    lists.set(list, choices);
  }
  return lists;
}

function readSettings(workbook: ExcelJS.Workbook): Record<string, string> {
  const sheet = findSheet(workbook, 'settings');
  const out: Record<string, string> = {};
  if (!sheet) return out;
  const heads = header(sheet);
  const values = sheet.getRow(2);
  heads.forEach((h, i) => {
    const value = cellString(values.getCell(i + 1).value).trim();
    if (h && value) out[h.toLowerCase()] = value;
  });
  return out;
}
