/** Article extraction: title, published time, canonical URL and main text (selectors, else a readability-style scorer). */
import type { Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { canonicalUrl } from '../canonical-url.ts';
import { parseDocumentDate } from '../dates/parse-date.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { Page, inOrder, isElement, outermost, type DomNode } from './dom.ts';
import { nodesToText } from './html-to-text.ts';
import { loadHtml } from './load-markup.ts';

export interface ArticleSelectors {
  title?: string;
  date?: string;
  content?: string;
  remove?: readonly string[];
}

export interface ExtractedArticle {
  title: string | null;
  publishedAt: Date | null;
  /** The date as the page wrote it, when one was found (even if it could not be read). */
  dateText: string | null;
  text: string;
  canonicalUrl: string | null;
  outlet: string | null;
  /** How the main text was found. */
  method: 'selector' | 'readability';
}

type Selection = Cheerio<Element>;

const ALWAYS_REMOVE =
  'script, style, noscript, template, iframe, form, button, input, select, textarea, svg, nav, aside, figcaption, title';
// Class or id tokens of navigation, ads, sharing, comments and related-story boxes on Vietnamese news sites.
const JUNK =
  /(?:^|[\s_-])(?:comments?|binh-?luan|y-?kien-?ban-?doc|share|sharing|social|related|lien-?quan|tin-?khac|cung-?chuyen-?muc|advert\w*|ads?|adv|banner|quang-?cao|menu|nav|navbar|breadcrumbs?|sidebar|footer|header-?top|tags?|keywords?|rating|print|login|subscribe|popup|modal|cookie|widget|most-?read|xem-?nhieu|doc-?nhieu|hotline)(?:$|[\s_-])/i;
const DATE_HINT =
  /(?:^|[\s_-])(?:date|time|ngay|ngay-?dang|ngay-?dang-?tin|cap-?nhat|publish\w*|posted|post-?meta|meta|thoi-?gian|datetime)(?:$|[\s_-])/i;
const PARAGRAPHS = new Set(['p', 'h2', 'h3', 'h4', 'li', 'blockquote', 'pre']);
// Texts read only to be scored or matched (a date, a link's caption, a paragraph's length) are read up to this
// many characters, so that elements nested inside one another cost no more than side-by-side ones.
const SAMPLE_CHARS = 2000;

function attrText(page: Page, el: Element): string | null {
  const value = el.attribs.datetime ?? el.attribs.content ?? page.text.of(el, SAMPLE_CHARS);
  const text = value ? normalizeText(value) : '';
  return text || null;
}

function metaContent(page: Page, names: string[]): string | null {
  const metas = page.select('meta');
  for (const name of names) {
    const value =
      metas.filter(`[property="${name}"]`).attr('content') ??
      metas.filter(`[name="${name}"]`).attr('content') ??
      metas.filter(`[itemprop="${name}"]`).attr('content');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

function jsonLdDate(page: Page): string | null {
  let found: string | null = null;
  const visit = (value: unknown): void => {
    if (found || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (typeof record.datePublished === 'string') found = record.datePublished;
    else if (typeof record.dateCreated === 'string') found = record.dateCreated;
    else if (record['@graph']) visit(record['@graph']);
  };
  page.select('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse(page.text.of(el)));
    } catch {
      // A broken JSON-LD block is common; the other date sources still apply.
    }
  });
  return found;
}

function findDate(page: Page, selector: string | undefined): { text: string | null; date: Date | null } {
  const candidates: Array<string | null> = [];
  if (selector) page.select(selector).each((_, el) => void candidates.push(attrText(page, el)));
  candidates.push(
    metaContent(page, [
      'article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'dc.date',
      'date',
      'og:updated_time',
    ]),
    jsonLdDate(page),
  );
  page.select('time[datetime], time').each((_, el) => void candidates.push(attrText(page, el)));
  page.select('[class], [id]').each((_, el) => {
    const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (!DATE_HINT.test(hint) || page.text.length(el) > SAMPLE_CHARS) return;
    const text = normalizeText(page.text.of(el));
    if (text && text.length <= 120) candidates.push(text);
  });
  let firstText: string | null = null;
  for (const text of candidates) {
    if (!text) continue;
    firstText ??= text;
    const date = parseDocumentDate(text);
    if (date) return { text, date };
  }
  return { text: firstText, date: null };
}

function findTitle(page: Page, selector: string | undefined): string | null {
  const firstText = (sel: string) => normalizeText(page.text.of(page.select(sel).get(0)));
  const fromSelector = selector ? firstText(selector) : '';
  if (fromSelector) return fromSelector;
  const og = metaContent(page, ['og:title', 'twitter:title']);
  if (og) return normalizeText(og);
  // The first h1 of the page (an article's or main's h1 comes no earlier than the first).
  const h1 = firstText('h1');
  if (h1) return h1;
  const title = firstText('title');
  return title ? title.replace(/\s+[-|–]\s+[^-|–]+$/, '') || title : null;
}

function removeJunk(page: Page, extra: readonly string[] = []): void {
  page.remove(page.select(ALWAYS_REMOVE).toArray());
  for (const selector of extra) page.remove(page.select(selector).toArray());
  // htmlparser2 adds no <body>: a page header is a child of <body> or, where the page wrote none, of the root.
  page.remove([
    ...page.select('body > header, footer').toArray(),
    ...page.$.root().children('header').toArray(),
  ]);
  const junk = page.select('[class], [id]').filter((_, el) => {
    if (el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main') return false;
    return JUNK.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
  });
  page.remove(junk.toArray());
  page.remove(page.select('[hidden], [style*="display:none"], [style*="display: none"]').toArray());
}

/** The element holding the article's paragraphs, by Readability's scoring: paragraph text credited to parents. */
function bestContainer(page: Page): Selection | null {
  const { $, text } = page;
  const scores = new Map<unknown, { $el: Selection; score: number }>();
  const credit = ($el: Selection, points: number) => {
    const node = $el.get(0);
    if (!node) return;
    const entry = scores.get(node);
    if (entry) entry.score += points;
    else scores.set(node, { $el, score: points });
  };
  page.select('p, pre, td, div').each((_, el) => {
    const $el = $(el);
    if (el.name !== 'p' && el.name !== 'pre' && $el.children('p, div, table, ul, ol').length > 0) return;
    const length = normalizeText(text.of(el, SAMPLE_CHARS)).length;
    if (length < 25) return;
    const points = 1 + text.commas(el) + Math.min(3, Math.floor(length / 100));
    const parent = $el.parent();
    credit(parent, points);
    const grandparent = parent.parent();
    if (grandparent.length) credit(grandparent, points / 2);
  });
  let best: { $el: Selection; score: number } | null = null;
  for (const [node, entry] of scores) {
    const score = entry.score * (1 - text.linkLength(node) / (text.length(node) || 1));
    if (!best || score > best.score) best = { $el: entry.$el, score };
  }
  return best?.$el ?? null;
}

/** The outermost paragraph-like elements below `root` (none when `root` is inside or is one), in page order. */
function paragraphBlocks(root: DomNode): DomNode[] {
  for (let node: DomNode | null | undefined = root; node; node = node.parent) {
    if (isElement(node) && PARAGRAPHS.has(node.name ?? '')) return [];
  }
  const blocks: DomNode[] = [];
  const stack = [...(root.children ?? [])].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isElement(node) && PARAGRAPHS.has(node.name ?? '')) {
      blocks.push(node);
      continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return blocks;
}

function paragraphsOf(root: DomNode): string {
  const blocks = paragraphBlocks(root);
  if (blocks.length === 0) return nodesToText([root]);
  return blocks
    .map((block) => nodesToText([block]))
    .filter(Boolean)
    .join('\n');
}

/**
 * Extract an article page. With `selectors.content` the text is those elements' paragraphs; otherwise the
 * container with the most paragraph text (weighted against link-heavy boxes) after navigation, ads,
 * comments and related-story boxes are removed.
 * `extractArticle(html, 'https://baodaklak.vn/a.html', { content: '.detail-content' }).text`
 */
export function extractArticle(
  html: string,
  pageUrl: string,
  selectors: ArticleSelectors = {},
): ExtractedArticle {
  const page = new Page(loadHtml(html));
  const canonical =
    canonicalUrl(page.select('link[rel="canonical"]').attr('href') ?? null, pageUrl) ??
    canonicalUrl(metaContent(page, ['og:url']), pageUrl) ??
    canonicalUrl(pageUrl);
  const outlet = metaContent(page, ['og:site_name']);
  const title = findTitle(page, selectors.title);
  const { text: dateText, date } = findDate(page, selectors.date);

  let text = '';
  let method: ExtractedArticle['method'] = 'readability';
  if (selectors.content) {
    const content = outermost(page.root, page.select(selectors.content).toArray());
    if (content.length) {
      for (const selector of selectors.remove ?? [])
        page.remove(page.selectWithin(content, selector).toArray());
      page.remove(page.selectWithin(content, ALWAYS_REMOVE).toArray());
      text = content.map(paragraphsOf).filter(Boolean).join('\n');
      method = 'selector';
    }
  }
  if (!text) {
    removeJunk(page, selectors.remove);
    const $best = bestContainer(page);
    text = $best ? paragraphsOf($best.get(0)!) : nodesToText([page.root]);
    method = 'readability';
  }
  if (title) {
    const lines = text.split('\n');
    if (lines[0] === title) text = lines.slice(1).join('\n');
  }
  return {
    title,
    publishedAt: date,
    dateText,
    text: normalizeText(text),
    canonicalUrl: canonical,
    outlet,
    method,
  };
}

/** For every node, the first `a[href]` element below it in page order, from one pass over the tree. */
function firstLinksBelow(root: DomNode): Map<DomNode, DomNode> {
  const first = new Map<DomNode, DomNode>();
  const nodes = inOrder([root], true);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    for (const child of node.children ?? []) {
      const link =
        child.name === 'a' && isElement(child) && child.attribs?.href !== undefined
          ? child
          : first.get(child);
      if (link) {
        first.set(node, link);
        break;
      }
    }
  }
  return first;
}

/**
 * Article links of a listing page, resolved against `pageUrl`, same host only, in page order without
 * repeats. With a selector, the matching `a` elements (or the first link inside each match); otherwise
 * links outside navigation whose text looks like a headline or whose path looks like an article.
 */
export function extractLinks(html: string, pageUrl: string, selector?: string): string[] {
  const page = new Page(loadHtml(html));
  const base = new URL(pageUrl);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (href: string | undefined) => {
    if (!href) return;
    const url = canonicalUrl(href, pageUrl);
    if (!url) return;
    const parsed = new URL(url);
    if (parsed.host !== base.host || url === canonicalUrl(pageUrl) || seen.has(url)) return;
    seen.add(url);
    out.push(url);
  };
  if (selector) {
    const firstLink = firstLinksBelow(page.root);
    page.select(selector).each((_, el) => {
      const link = el.name === 'a' ? el : firstLink.get(el);
      add(link?.attribs?.href);
    });
    return out;
  }
  removeJunk(page);
  page.select('a[href]').each((_, el) => {
    const href = el.attribs.href!;
    const text = normalizeText(page.text.of(el, SAMPLE_CHARS));
    let path = '';
    try {
      path = new URL(href, pageUrl).pathname;
    } catch {
      return;
    }
    const looksLikeArticle =
      /\.s?html?$/i.test(path) || /\d{4,}/.test(path) || (text.split(' ').length >= 5 && path.length > 1);
    if (looksLikeArticle) add(href);
  });
  return out;
}
