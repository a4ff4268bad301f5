/**
 * Linear-time reading and pruning of a parsed page. cheerio's `find`, `$(selector)` and `remove` take time
 * quadratic in the number of children of one parent, and its `text()` recursion overflows the stack on deeply
 * nested pages: fetched pages and feeds can be both, so extraction goes through these one-pass helpers.
 */
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';

/** The parts of a parsed node (domhandler's, as cheerio returns them) read here. */
export interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
  prev?: DomNode | null;
  next?: DomNode | null;
}

const ELEMENT_TYPES = new Set(['tag', 'script', 'style']);

export function isElement(node: DomNode): boolean {
  return ELEMENT_TYPES.has(node.type);
}

/** The nodes of the trees under `roots` (with the roots or not), parents before children, in page order. */
export function inOrder(roots: readonly unknown[], withRoots: boolean): DomNode[] {
  const out: DomNode[] = [];
  const stack: DomNode[] = [];
  for (let r = roots.length - 1; r >= 0; r--) {
    const root = roots[r] as DomNode;
    if (withRoots) stack.push(root);
    else for (let i = (root.children ?? []).length - 1; i >= 0; i--) stack.push(root.children![i]!);
  }
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    out.push(node);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** The nodes of `nodes` not inside another of them, in page order. */
export function outermost(root: unknown, nodes: readonly unknown[]): DomNode[] {
  const wanted = new Set(nodes);
  const out: DomNode[] = [];
  const stack: DomNode[] = [root as DomNode];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (wanted.has(node)) {
      out.push(node);
      continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** Detach `nodes` from the tree, rebuilding each parent's child list once (cheerio's remove splices one by one). */
function removeNodes(nodes: readonly unknown[]): void {
  const doomed = new Set(nodes as DomNode[]);
  const parents = new Set<DomNode>();
  for (const node of doomed) if (node.parent) parents.add(node.parent);
  for (const parent of parents) {
    const kept = (parent.children ?? []).filter((child) => !doomed.has(child));
    kept.forEach((child, i) => {
      child.prev = kept[i - 1] ?? null;
      child.next = kept[i + 1] ?? null;
    });
    parent.children = kept;
  }
  for (const node of doomed) node.parent = node.prev = node.next = null;
}

/** The DOM's textContent of `nodes` (text and CDATA, not comments), without recursion. */
export function textOf(nodes: readonly unknown[]): string {
  const parts: string[] = [];
  for (const node of inOrder(nodes, true)) if (node.type === 'text') parts.push(node.data ?? '');
  return parts.join('');
}

/**
 * A parsed page or feed, queried and pruned in one pass per call. `page.select('p')` is `$('p')`;
 * `page.remove(page.select('nav').toArray())` is `$('nav').remove()`.
 */
export class Page {
  private elements: Element[] | null = null;
  private index: PageText | null = null;

  constructor(readonly $: CheerioAPI) {}

  get root(): DomNode {
    return this.$.root().get(0) as unknown as DomNode;
  }

  /** The elements of the page matching `selector`, in page order. */
  select(selector: string): Cheerio<Element> {
    this.elements ??= inOrder([this.root], false).filter(isElement) as unknown as Element[];
    return this.$(this.elements).filter(selector);
  }

  /** The elements below `roots` (not the roots; roots must not nest) matching `selector`, in page order. */
  selectWithin(roots: readonly unknown[], selector: string): Cheerio<Element> {
    return this.$(inOrder(roots, false).filter(isElement) as unknown as Element[]).filter(selector);
  }

  remove(nodes: readonly unknown[]): void {
    if (nodes.length === 0) return;
    removeNodes(nodes);
    this.elements = null;
    this.index = null;
  }

  /** The text of every element as the page stands now. */
  get text(): PageText {
    return (this.index ??= new PageText(this.root));
  }
}

/**
 * The text of every element of one tree, from one pass: an element's text is a slice of the page's text, so
 * reading the text, its length or its commas costs nothing per element, however deep the elements nest.
 * Build it again after the tree changes.
 */
export class PageText {
  private readonly text: string;
  private readonly spans = new Map<DomNode, { start: number; end: number; links: number }>();
  private readonly commasBefore: Int32Array;

  constructor(root: unknown) {
    const parts: string[] = [];
    let length = 0;
    const open: DomNode[] = [];
    const stack: Array<{ node: DomNode; exit: boolean }> = [{ node: root as DomNode, exit: false }];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { node, exit } = item;
      if (exit) {
        open.pop();
        const span = this.spans.get(node)!;
        span.end = length;
        const parent = open[open.length - 1];
        if (parent) {
          this.spans.get(parent)!.links +=
            span.links + (node.name === 'a' && isElement(node) ? span.end - span.start : 0);
        }
        continue;
      }
      if (node.type === 'text') {
        parts.push(node.data ?? '');
        length += (node.data ?? '').length;
        continue;
      }
      if (!node.children || node.type === 'comment') continue;
      this.spans.set(node, { start: length, end: length, links: 0 });
      open.push(node);
      stack.push({ node, exit: true });
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i]!, exit: false });
    }
    this.text = parts.join('');
    this.commasBefore = new Int32Array(this.text.length + 1);
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      this.commasBefore[i + 1] = this.commasBefore[i]! + (c === 0x2c || c === 0xff0c ? 1 : 0);
    }
  }

  private span(node: unknown) {
    return this.spans.get(node as DomNode) ?? { start: 0, end: 0, links: 0 };
  }

  /** The element's text; with `limit`, only its first `limit` characters. */
  of(node: unknown, limit = Infinity): string {
    const { start, end } = this.span(node);
    return this.text.slice(start, Math.min(end, start + limit));
  }

  length(node: unknown): number {
    const { start, end } = this.span(node);
    return end - start;
  }

  /** Commas (`,` and `，`) in the element's text. */
  commas(node: unknown): number {
    const { start, end } = this.span(node);
    return this.commasBefore[end]! - this.commasBefore[start]!;
  }

  /** Total text length of the `<a>` elements below the element (nested links counted at each level). */
  linkLength(node: unknown): number {
    return this.span(node).links;
  }
}
