/** Plain text from an HTML fragment: one paragraph per line, scripts and styles dropped. */
import * as cheerio from 'cheerio';
import { normalizeText } from '../../data/text/normalize.ts';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'blockquote',
  'figcaption',
  'figure',
  'header',
  'footer',
  'pre',
  'dd',
  'dt',
  'td',
  'th',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'embed', 'head']);

/** The parts of a parsed DOM node (domhandler's, as cheerio returns them) that text extraction reads. */
export interface DomNode {
  type: string;
  data?: string;
  name?: string;
  children?: DomNode[];
}

/** Text of `nodes`, with a line break around every block element. */
export function nodesToText(nodes: readonly unknown[]): string {
  const parts: string[] = [];
  const walk = (node: DomNode) => {
    if (node.type === 'text') {
      parts.push(node.data ?? '');
      return;
    }
    if (node.type === 'cdata' || node.type === 'root') {
      for (const child of node.children ?? []) walk(child);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    if (SKIP.has(node.name ?? '')) return;
    const block = BLOCK.has(node.name ?? '');
    if (block) parts.push('\n');
    for (const child of node.children ?? []) walk(child);
    if (block) parts.push('\n');
  };
  for (const node of nodes) walk(node as DomNode);
  return normalizeText(
    parts
      .join('')
      .replace(/[ \t\r\f\v\u00a0]*\n[\s]*/g, '\n')
      .replace(/[ \t\r\f\v\u00a0]+/g, ' '),
  );
}

/** `htmlToText('<p>Một</p><p>Hai &amp; ba</p>')` → `'Một\nHai & ba'`. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return normalizeText(html);
  const $ = cheerio.load(html, null, false);
  return nodesToText($.root().toArray());
}
