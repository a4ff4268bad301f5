/** Article extraction: title, published time, canonical URL and main text (selectors, else a readability-style scorer). */
import * as cheerio from 'cheerio';
import type { CheerioAPI, Cheerio } from 'cheerio';
import { canonicalUrl } from '../canonical-url.ts';
import { parseDocumentDate } from '../dates/parse-date.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import { nodesToText } from './html-to-text.ts';

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

type Selection = Cheerio<never>;

const ALWAYS_REMOVE =
  'script, style, noscript, template, iframe, form, button, input, select, textarea, svg, nav, aside, figcaption';
// Class or id tokens of navigation, ads, sharing, comments and related-story boxes on Vietnamese news sites.
const JUNK =
  /(?:^|[\s_-])(?:comments?|binh-?luan|y-?kien-?ban-?doc|share|sharing|social|related|lien-?quan|tin-?khac|cung-?chuyen-?muc|advert\w*|ads?|adv|banner|quang-?cao|menu|nav|navbar|breadcrumbs?|sidebar|footer|header-?top|tags?|keywords?|rating|print|login|subscribe|popup|modal|cookie|widget|most-?read|xem-?nhieu|doc-?nhieu|hotline)(?:$|[\s_-])/i;
const DATE_HINT =
  /(?:^|[\s_-])(?:date|time|ngay|ngay-?dang|ngay-?dang-?tin|cap-?nhat|publish\w*|posted|post-?meta|meta|thoi-?gian|datetime)(?:$|[\s_-])/i;
const PARAGRAPHS = 'p, h2, h3, h4, li, blockquote, pre';

function attrText($el: Selection): string | null {
  const value = $el.attr('datetime') ?? $el.attr('content') ?? $el.text();
  const text = value ? normalizeText(value) : '';
  return text || null;
}

function metaContent($: CheerioAPI, names: string[]): string | null {
  for (const name of names) {
    const value =
      $(`meta[property="${name}"]`).attr('content') ??
      $(`meta[name="${name}"]`).attr('content') ??
      $(`meta[itemprop="${name}"]`).attr('content');
    if (value && value.trim()) return value.trim();
  }
  return null;
}

function jsonLdDate($: CheerioAPI): string | null {
  let found: string | null = null;
  const visit = (value: unknown): void => {
    if (found || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (typeof record.datePublished === 'string') found = record.datePublished;
    else if (typeof record.dateCreated === 'string') found = record.dateCreated;
    else if (record['@graph']) visit(record['@graph']);
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      visit(JSON.parse($(el).text()));
    } catch {
      // A broken JSON-LD block is common; the other date sources still apply.
    }
  });
  return found;
}

function findDate($: CheerioAPI, selector: string | undefined): { text: string | null; date: Date | null } {
  const candidates: Array<string | null> = [];
  if (selector) $(selector).each((_, el) => void candidates.push(attrText($(el) as Selection)));
  candidates.push(
    metaContent($, [
      'article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'dc.date',
      'date',
      'og:updated_time',
    ]),
    jsonLdDate($),
  );
  $('time[datetime], time').each((_, el) => void candidates.push(attrText($(el) as Selection)));
  $('[class], [id]').each((_, el) => {
    const $el = $(el);
    const hint = `${$el.attr('class') ?? ''} ${$el.attr('id') ?? ''}`;
    if (!DATE_HINT.test(hint)) return;
    const text = normalizeText($el.text());
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

function findTitle($: CheerioAPI, selector: string | undefined): string | null {
  const fromSelector = selector ? normalizeText($(selector).first().text()) : '';
  if (fromSelector) return fromSelector;
  const og = metaContent($, ['og:title', 'twitter:title']);
  if (og) return normalizeText(og);
  const h1 = normalizeText($('article h1, main h1, h1').first().text());
  if (h1) return h1;
  const title = normalizeText($('title').first().text());
  return title ? title.replace(/\s+[-|–]\s+[^-|–]+$/, '') || title : null;
}

function removeJunk($: CheerioAPI, extra: readonly string[] = []): void {
  $(ALWAYS_REMOVE).remove();
  for (const selector of extra) $(selector).remove();
  $('body > header, body > footer, footer').remove();
  $('[class], [id]').each((_, el) => {
    const $el = $(el);
    const name = el.type === 'tag' ? el.name : '';
    if (name === 'body' || name === 'html' || name === 'article' || name === 'main') return;
    if (JUNK.test(`${$el.attr('class') ?? ''} ${$el.attr('id') ?? ''}`)) $el.remove();
  });
  $('[hidden], [style*="display:none"], [style*="display: none"]').remove();
}

function linkDensity($: CheerioAPI, $el: Selection): number {
  const total = $el.text().length || 1;
  let links = 0;
  $el.find('a').each((_, a) => void (links += $(a).text().length));
  return links / total;
}

/** The element holding the article's paragraphs, by Readability's scoring: paragraph text credited to parents. */
function bestContainer($: CheerioAPI): Selection | null {
  const scores = new Map<unknown, { $el: Selection; score: number }>();
  const credit = ($el: Selection, points: number) => {
    const node = $el.get(0);
    if (!node) return;
    const entry = scores.get(node);
    if (entry) entry.score += points;
    else scores.set(node, { $el, score: points });
  };
  $('p, pre, td, div').each((_, el) => {
    const $el = $(el) as Selection;
    if (el.name !== 'p' && el.name !== 'pre' && $el.children('p, div, table, ul, ol').length > 0) return;
    const text = normalizeText($el.text());
    if (text.length < 25) return;
    const points = 1 + (text.match(/[,，]/g)?.length ?? 0) + Math.min(3, Math.floor(text.length / 100));
    const parent = $el.parent() as Selection;
    credit(parent, points);
    const grandparent = parent.parent() as Selection;
    if (grandparent.length) credit(grandparent, points / 2);
  });
  let best: { $el: Selection; score: number } | null = null;
  for (const entry of scores.values()) {
    const score = entry.score * (1 - linkDensity($, entry.$el));
    if (!best || score > best.score) best = { $el: entry.$el, score };
  }
  return best?.$el ?? null;
}

function paragraphsOf($: CheerioAPI, $root: Selection): string {
  const lines: string[] = [];
  const blocks = $root.find(PARAGRAPHS).filter((_, el) => $(el).parents(PARAGRAPHS).length === 0);
  if (blocks.length === 0) return nodesToText($root.toArray());
  blocks.each((_, el) => {
    const text = nodesToText([el]);
    if (text) lines.push(text);
  });
  return lines.join('\n');
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
  const $ = cheerio.load(html);
  const canonical =
    canonicalUrl($('link[rel="canonical"]').attr('href') ?? null, pageUrl) ??
    canonicalUrl(metaContent($, ['og:url']), pageUrl) ??
    canonicalUrl(pageUrl);
  const outlet = metaContent($, ['og:site_name']);
  const title = findTitle($, selectors.title);
  const { text: dateText, date } = findDate($, selectors.date);

  let text = '';
  let method: ExtractedArticle['method'] = 'readability';
  if (selectors.content) {
    const $content = $(selectors.content) as Selection;
    if ($content.length) {
      for (const selector of selectors.remove ?? []) $content.find(selector).remove();
      $content.find(ALWAYS_REMOVE).remove();
      text = $content
        .toArray()
        .map((el) => paragraphsOf($, $(el) as Selection))
        .filter(Boolean)
        .join('\n');
      method = 'selector';
    }
  }
  if (!text) {
    removeJunk($, selectors.remove);
    const $best = bestContainer($);
    text = $best ? paragraphsOf($, $best) : nodesToText($('body').toArray());
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

/**
 * Article links of a listing page, resolved against `pageUrl`, same host only, in page order without
 * repeats. With a selector, the matching `a` elements (or the first link inside each match); otherwise
 * links outside navigation whose text looks like a headline or whose path looks like an article.
 */
export function extractLinks(html: string, pageUrl: string, selector?: string): string[] {
  const $ = cheerio.load(html);
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
    $(selector).each((_, el) => {
      const $el = $(el);
      add(el.type === 'tag' && el.name === 'a' ? $el.attr('href') : $el.find('a[href]').first().attr('href'));
    });
    return out;
  }
  removeJunk($);
  $('a[href]').each((_, el) => {
    const $a = $(el);
    const href = $a.attr('href')!;
    const text = normalizeText($a.text());
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
