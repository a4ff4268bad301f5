/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds parsed with cheerio in XML mode (htmlparser2), item by item. */
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import { canonicalUrl } from '../canonical-url.ts';
import { parseDocumentDate } from '../dates/parse-date.ts';
import { Page, isElement, textOf, type DomNode } from '../html/dom.ts';
import { htmlToText } from '../html/html-to-text.ts';
import { loadXml } from '../html/load-markup.ts';
import { errorMessage } from '../../data/errors.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { xmlNestingProblem } from './check-xml.ts';

export interface FeedItem {
  /** 'item 3' — for error messages. */
  position: string;
  title: string | null;
  /** Absolute link, resolved against the feed URL. */
  link: string | null;
  guid: string | null;
  publishedAt: Date | null;
  /** Plain text of content:encoded, else of the description/summary. */
  text: string;
  /** The item's XML, as stored in raw_items. */
  xml: string;
}

export type ParsedItem = { ok: true; item: FeedItem } | { ok: false; position: string; problem: string };

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string | null;
  items: ParsedItem[];
}

export class FeedError extends Error {
  override name = 'FeedError';
}

type Node = Cheerio<never>;

/** The source text of an element's content: markup written unescaped inside it stays markup. */
function innerSource(xml: string, el: DomNode): string | null {
  const first = el.children?.[0] as { startIndex?: number | null } | undefined;
  const end = (el as { endIndex?: number | null }).endIndex;
  if (first?.startIndex == null || end == null) return null;
  return xml.slice(first.startIndex, xml.lastIndexOf('<', end));
}

/**
 * The first non-empty child among `names`, as text; with `xml`, as HTML for htmlToText: an element holding
 * unescaped markup (`<description>a<br>b</description>`, Atom's xhtml content) and no CDATA gives its source,
 * so that line breaks and paragraphs survive.
 */
function childText($item: Node, names: string[], xml?: string): string | null {
  for (const name of names) {
    const el = ($item.children(name.replace(':', '\\:')).first() as Node).get(0) as DomNode | undefined;
    if (!el) continue;
    const children = el.children ?? [];
    const rawMarkup = children.some(isElement) && !children.some((c) => c.type === 'cdata');
    const markup = xml && rawMarkup ? innerSource(xml, el) : null;
    const text = (markup ?? textOf([el])).trim();
    if (text) return text;
  }
  return null;
}

function atomLink($: CheerioAPI, $entry: Node): string | null {
  let fallback: string | null = null;
  for (const el of $entry.children('link').toArray()) {
    const $link = $(el);
    const rel = $link.attr('rel') ?? 'alternate';
    const href = $link.attr('href') ?? $link.text().trim();
    if (!href) continue;
    if (rel === 'alternate') return href;
    fallback ??= href;
  }
  return fallback;
}

function sourceOf(xml: string, $item: Node): string {
  const node = $item.get(0) as { startIndex?: number | null; endIndex?: number | null } | undefined;
  if (node?.startIndex == null || node.endIndex == null) return '';
  return xml.slice(node.startIndex, node.endIndex + 1);
}

function parseItem(
  $: CheerioAPI,
  $item: Node,
  format: ParsedFeed['format'],
  base: string,
  position: string,
  xml: string,
): ParsedItem {
  const rawTitle = childText($item, ['title'], xml);
  const title = rawTitle ? htmlToText(rawTitle) || null : null;
  const rawLink =
    format === 'atom' ? atomLink($, $item) : (childText($item, ['link']) ?? $item.attr('rdf:about') ?? null);
  const guid = childText($item, format === 'atom' ? ['id'] : ['guid']);
  const guidLink = guid && /^https?:\/\//i.test(guid) ? guid : null;
  const link = canonicalUrl(rawLink ?? guidLink, base);
  if (rawLink && !link) return { ok: false, position, problem: `invalid link "${rawLink}"` };
  const dateText = childText($item, ['pubDate', 'dc:date', 'published', 'updated', 'issued', 'created']);
  const publishedAt = dateText ? parseDocumentDate(dateText) : null;
  if (dateText && !publishedAt) return { ok: false, position, problem: `unknown date format "${dateText}"` };
  const body = childText($item, ['content:encoded', 'content', 'description', 'summary'], xml);
  const text = body ? htmlToText(body) : '';
  if (!title && !text) return { ok: false, position, problem: 'no title and no text' };
  if (!link && !guid) return { ok: false, position, problem: 'no link and no guid' };
  return {
    ok: true,
    item: { position, title, link, guid, publishedAt, text: text || title!, xml: sourceOf(xml, $item) },
  };
}

/** One item, or the reason it cannot be read: whatever goes wrong inside one item stays with that item. */
function readItem(...args: Parameters<typeof parseItem>): ParsedItem {
  try {
    return parseItem(...args);
  } catch (error) {
    return { ok: false, position: args[4], problem: `unreadable item (${errorMessage(error)})` };
  }
}

/**
 * Parse a feed. Throws FeedError when the text is not an RSS/Atom document; a bad item (no title and text,
 * unreadable date, invalid link, markup that cannot be read) is returned as a failed item and the others
 * are kept.
 * `parseFeed(xml, 'https://baodaklak.vn/rss/thoi-su.rss').items`
 */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  const trimmed = xml.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw new FeedError('empty document');
  if (!trimmed.startsWith('<')) throw new FeedError('not XML');
  const nesting = xmlNestingProblem(trimmed);
  if (nesting) throw new FeedError(`malformed XML: ${nesting}`);
  const page = new Page(loadXml(trimmed));
  const { $ } = page;
  const $rss = page.select('rss').first() as Node;
  const $atom = page.select('feed').first() as Node;
  const $rdf = page.select('rdf\\:RDF, RDF').first() as Node;
  let format: ParsedFeed['format'];
  let $items: Node;
  let $channel: Node;
  if ($rss.length) {
    format = 'rss';
    $channel = $rss.children('channel').first() as Node;
    $items = $channel.children('item') as Node;
  } else if ($atom.length) {
    format = 'atom';
    $channel = $atom;
    $items = $atom.children('entry') as Node;
  } else if ($rdf.length) {
    format = 'rdf';
    $channel = $rdf.children('channel').first() as Node;
    $items = $rdf.children('item') as Node;
  } else {
    throw new FeedError('not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)');
  }
  const declaredBase = $channel.attr('xml:base');
  let base = feedUrl;
  try {
    if (declaredBase) base = new URL(declaredBase, feedUrl).href;
  } catch {
    base = feedUrl;
  }
  const title = childText($channel, ['title']);
  const items = $items
    .toArray()
    .map((el, i) => readItem($, $(el) as Node, format, base, `item ${i + 1}`, trimmed));
  return { format, title: title ? normalizeText(title) : null, items };
}
