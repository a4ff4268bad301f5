/**
 * Boolean keyword queries of watch topics, as social-listening tools take them, compiled to a SQL predicate.
 * Syntax: words, "quoted phrases", AND, OR, NOT (or a leading -), parentheses, adjacent terms meaning AND, and
 * proximity `"a b"~5` (the two within 5 syllables, either order). Words are whole syllables, case-insensitive;
 * a term written without diacritics also matches text without them.
 */
import { foldDiacritics, normalizeText } from '../../data/text/normalize.ts';
import { inputError } from '../../data/errors.ts';
import type { SqlValue } from '../../data/db.ts';

type Node =
  | { kind: 'term'; text: string; near?: number }
  | { kind: 'not'; child: Node }
  | { kind: 'and' | 'or'; children: Node[] };

interface Token {
  type: 'word' | 'phrase' | 'and' | 'or' | 'not' | 'open' | 'close';
  text: string;
  near?: number;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:"([^"]*)"(?:~(\d+))?|(\()|(\))|(-)(?=\S)|([^\s()"]+))/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < query.length && (match = re.exec(query)) !== null) {
    at = re.lastIndex;
    if (match[1] !== undefined) {
      tokens.push({ type: 'phrase', text: match[1], near: match[2] ? Number(match[2]) : undefined });
    } else if (match[3]) tokens.push({ type: 'open', text: '(' });
    else if (match[4]) tokens.push({ type: 'close', text: ')' });
    else if (match[5]) tokens.push({ type: 'not', text: '-' });
    else if (match[6]) {
      const word = match[6];
      const upper = word.toUpperCase();
      if (upper === 'AND') tokens.push({ type: 'and', text: word });
      else if (upper === 'OR') tokens.push({ type: 'or', text: word });
      else if (upper === 'NOT') tokens.push({ type: 'not', text: word });
      else tokens.push({ type: 'word', text: word });
    }
    if (/^\s*$/.test(query.slice(at))) break;
  }
  if (query.slice(at).trim() !== '') throw new Error(`unexpected "${query.slice(at).trim()}"`);
  return tokens;
}

function parse(tokens: Token[]): Node {
  let i = 0;
  const peek = () => tokens[i];
  const parseOr = (): Node => {
    const children = [parseAnd()];
    while (peek()?.type === 'or') {
      i++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };
  const parseAnd = (): Node => {
    const children = [parseNot()];
    for (;;) {
      const next = peek();
      if (!next || next.type === 'or' || next.type === 'close') break;
      if (next.type === 'and') i++;
      children.push(parseNot());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };
  const parseNot = (): Node => {
    if (peek()?.type === 'not') {
      i++;
      return { kind: 'not', child: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): Node => {
    const token = tokens[i++];
    if (!token) throw new Error('query ends too early');
    if (token.type === 'open') {
      const inner = parseOr();
      if (tokens[i++]?.type !== 'close') throw new Error('missing )');
      return inner;
    }
    if (token.type === 'word' || token.type === 'phrase') {
      const text = normalizeText(token.text).toLowerCase().trim();
      if (!text) throw new Error('empty term');
      return { kind: 'term', text, near: token.near };
    }
    throw new Error(`unexpected "${token.text}"`);
  };
  const node = parseOr();
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]!.text}"`);
  return node;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EDGE_BEFORE = '(^|[^\\p{L}\\p{N}])';
const EDGE_AFTER = '([^\\p{L}\\p{N}]|$)';
const GAP = '[^\\p{L}\\p{N}]+';

function termPattern(text: string): string {
  return text.split(/\s+/).map(escapeRegex).join(GAP);
}

export interface CompiledQuery {
  sql: string;
  params: Record<string, SqlValue>;
}

/**
 * Compile a watch query into a SQL predicate over the text expression `textSql` with bound parameters.
 * `compileWatchQuery('"sạt lở" AND (Krông OR "Ea Súp") NOT diễn tập', 'text')`.
 */
export function compileWatchQuery(query: string, textSql: string): CompiledQuery {
  let node: Node;
  try {
    node = parse(tokenize(query));
  } catch (error) {
    throw inputError('watch query', null, `invalid query "${query}": ${(error as Error).message}`);
  }
  const params: Record<string, SqlValue> = {};
  let n = 0;
  const lower = `lower(${textSql})`;
  const folded = `replace(strip_accents(lower(${textSql})), 'đ', 'd')`;
  const emit = (node: Node): string => {
    if (node.kind === 'not') return `NOT (${emit(node.child)})`;
    if (node.kind !== 'term') {
      return `(${node.children.map(emit).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    const ascii = foldDiacritics(node.text) === node.text;
    const haystack = ascii ? folded : lower;
    const words = node.text.split(/\s+/);
    let pattern: string;
    if (node.near !== undefined && words.length >= 2) {
      const first = escapeRegex(words[0]!);
      const last = escapeRegex(words[words.length - 1]!);
      const between = `(${GAP}[\\p{L}\\p{N}]+){0,${node.near}}${GAP}`;
      pattern = `${EDGE_BEFORE}(${first}${between}${last}|${last}${between}${first})${EDGE_AFTER}`;
    } else {
      pattern = `${EDGE_BEFORE}${termPattern(node.text)}${EDGE_AFTER}`;
    }
    const key = `wq${n++}`;
    const prefilter = `wq${n++}`;
    params[key] = pattern;
    params[prefilter] = words[0]!;
    return `(contains(${haystack}, $${prefilter}) AND regexp_matches(${haystack}, $${key}))`;
  };
  return { sql: emit(node), params };
}
