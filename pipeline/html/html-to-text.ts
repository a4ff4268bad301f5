/** Plain text from an HTML fragment: one paragraph per line, scripts and styles dropped. */
import { normalizeText } from '../../data/text/normalize.ts';
import type { DomNode } from './dom.ts';
import { loadHtml } from './load-markup.ts';

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

/** Text of `nodes`, with a line break around every block element. */
export function nodesToText(nodes: readonly unknown[]): string {
  const parts: string[] = [];
  // An explicit stack rather than recursion: hostile pages nest elements deep enough to overflow the call stack.
  const stack: (DomNode | '\n')[] = [...(nodes as DomNode[])].reverse();
  const pushChildren = (node: DomNode) => {
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item === '\n') {
      parts.push('\n');
      continue;
    }
    const node = item;
    if (node.type === 'text') {
      parts.push(node.data ?? '');
      continue;
    }
    if (node.type === 'cdata' || node.type === 'root') {
      pushChildren(node);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    if (SKIP.has(node.name ?? '')) continue;
    if (BLOCK.has(node.name ?? '')) {
      parts.push('\n');
      stack.push('\n');
    }
    pushChildren(node);
  }
  // Runs of spaces first, then line breaks with the space around them: `[ \t]*\n` would rescan a long run of
  // spaces without a line break from every position (quadratic time).
  return normalizeText(
    parts
      .join('')
      .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
      .replace(/ ?\n\s*/g, '\n'),
  );
}

/** `htmlToText('<p>Một</p><p>Hai &amp; ba</p>')` → `'Một\nHai & ba'`. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return normalizeText(html);
  return nodesToText(loadHtml(html).root().toArray());
}
