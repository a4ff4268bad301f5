/** Parse untrusted HTML into a cheerio document, in time linear in its length. */
import { load } from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio/slim';

/**
 * htmlparser2 (cheerio's slim entry) rather than cheerio's default parse5: parse5 takes quadratic time on
 * long flat fragments (`'<p>a'.repeat(96000)`: 13 s) and deep nesting, which any fetched page can contain.
 * It adds no `<html>`, `<head>` or `<body>` the page did not write.
 * `loadHtml('<p>Một</p>')('p').text()` → `'Một'`
 */
export function loadHtml(html: string): CheerioAPI {
  return load(html);
}
