// A tiny template language for the demo texts: `[a|b]` picks one alternative, `{name}` a variable, `{n:5-40}` a number.

import type { Rng } from './prng.ts';

/** A variable: literal text, a list of templates to pick one from, or a function of the stream. */
export type TemplateValue = string | readonly string[] | ((rng: Rng) => string);
export type TemplateVars = Readonly<Record<string, TemplateValue>>;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; options: Node[][] }
  | { kind: 'var'; name: string }
  | { kind: 'int'; min: number; max: number; step: number }
  | { kind: 'dec'; min: number; max: number };

const compiled = new Map<string, Node[]>();

function parse(source: string): Node[] {
  let pos = 0;
  const sequence = (stops: string): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (pos < source.length && !stops.includes(source[pos]!)) {
      const ch = source[pos]!;
      if (ch === '[') {
        flush();
        pos++;
        const options: Node[][] = [sequence('|]')];
        while (source[pos] === '|') {
          pos++;
          options.push(sequence('|]'));
        }
        if (source[pos] !== ']') throw new Error(`invalid template: unclosed "[" in "${source}"`);
        pos++;
        nodes.push({ kind: 'choice', options });
      } else if (ch === '{') {
        flush();
        const end = source.indexOf('}', pos);
        if (end < 0) throw new Error(`invalid template: unclosed "{" in "${source}"`);
        nodes.push(parseSlot(source.slice(pos + 1, end), source));
        pos = end + 1;
      } else {
        text += ch;
        pos++;
      }
    }
    flush();
    return nodes;
  };
  const nodes = sequence(']|');
  if (pos < source.length) throw new Error(`invalid template: stray "${source[pos]}" in "${source}"`);
  return nodes;
}

function parseSlot(slot: string, source: string): Node {
  const number = /^([nd]):(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(slot);
  if (number) {
    const [, type, min, max, step] = number;
    return type === 'n'
      ? { kind: 'int', min: Number(min), max: Number(max), step: Number(step ?? 1) }
      : { kind: 'dec', min: Number(min), max: Number(max) };
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(slot)) throw new Error(`invalid template slot "{${slot}}" in "${source}"`);
  return { kind: 'var', name: slot };
}

/** Vietnamese digit grouping: `formatNumberVi(12500)` → `'12.500'`, `formatNumberVi(2.5, 1)` → `'2,5'`. */
export function formatNumberVi(value: number, decimals = 0): string {
  const [whole, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + (frac ? `${grouped},${frac}` : grouped);
}

function render(nodes: Node[], rng: Rng, vars: TemplateVars, depth: number): string {
  if (depth > 12) throw new Error('invalid template: variables nest too deep');
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'choice':
        out += render(rng.pick(node.options), rng, vars, depth);
        break;
      case 'int': {
        const steps = Math.floor((node.max - node.min) / node.step);
        out += formatNumberVi(node.min + rng.int(0, steps) * node.step);
        break;
      }
      case 'dec':
        out += formatNumberVi(node.min + rng.next() * (node.max - node.min), 1);
        break;
      case 'var': {
        const value = vars[node.name];
        if (value === undefined) throw new Error(`template variable "${node.name}" is not defined`);
        if (typeof value === 'string') out += value;
        else if (typeof value === 'function') out += value(rng);
        else out += render(compile(rng.pick(value)), rng, vars, depth + 1);
        break;
      }
    }
  }
  return out;
}

function compile(source: string): Node[] {
  let nodes = compiled.get(source);
  if (!nodes) {
    nodes = parse(source);
    compiled.set(source, nodes);
  }
  return nodes;
}

/**
 * Expands a template: `expand('[Sáng|Chiều] nay, {noi} có {n:2-5} vụ', rng, { noi: 'xã Ea Kar' })`
 * → `'Chiều nay, xã Ea Kar có 3 vụ'`.
 */
export function expand(template: string, rng: Rng, vars: TemplateVars = {}): string {
  return render(compile(template), rng, vars, 0);
}

/** Throws when `template` does not parse or names a variable missing from `known`. */
export function checkTemplate(template: string, known: ReadonlySet<string>): void {
  const visit = (nodes: Node[]): void => {
    for (const node of nodes) {
      if (node.kind === 'choice') node.options.forEach(visit);
      else if (node.kind === 'var' && !known.has(node.name)) {
        throw new Error(`template variable "${node.name}" is not defined in "${template}"`);
      }
    }
  };
  visit(compile(template));
}

/** An abbreviated name just before a full stop: the "H" of "ông N.V.H.", the "TP" of "TP.". */
const INITIAL_BEFORE = /(?:^|[\s.])\p{Lu}{1,2}$/u;

/** Capitalises the first letter of the text and of every sentence, and tidies spaces before punctuation. */
export function tidySentences(text: string): string {
  return text
    .replace(/[ \t]+([,.;:!?)])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(
      /(^|[.!?…]\s+|\n\s*)(\p{Ll})/gu,
      (match: string, before: string, letter: string, offset: number, all: string) =>
        before.startsWith('.') && INITIAL_BEFORE.test(all.slice(Math.max(0, offset - 3), offset))
          ? match
          : before + letter.toUpperCase(),
    )
    .trim();
}
