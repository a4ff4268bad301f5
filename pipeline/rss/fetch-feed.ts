/** Fetch and parse a configured source's feed: the page, or why there is nothing to read (unchanged, failed). */
import type { SourceConfig } from '../config.ts';
import { fetchPage, type PageResult } from '../fetch/fetch-page.ts';
import { sourcePolicy } from '../fetch/source-policy.ts';
import type { SourceContext } from '../source-run.ts';
import { FeedError, parseFeed, type ParsedFeed } from './parse-feed.ts';

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export type FeedResult =
  | { kind: 'feed'; feed: ParsedFeed; page: Extract<PageResult, { kind: 'page' }> }
  | { kind: 'not_modified' }
  | { kind: 'failed'; problem: string };

/**
 * The feed of `source` (conditional GET, the source's fetch policy); an unreachable or unparseable feed is `failed`
 * with a one-line reason naming the URL. `const result = await fetchFeed(source, ctx)`
 */
export async function fetchFeed(source: SourceConfig, ctx: SourceContext): Promise<FeedResult> {
  const page = await fetchPage(ctx.fetcher, source.url, {
    source: source.name,
    accept: FEED_ACCEPT,
    policy: sourcePolicy(source),
  });
  if (page.kind === 'not_modified') return { kind: 'not_modified' };
  if (page.kind === 'failed') return { kind: 'failed', problem: `${source.url}: ${page.problem}` };
  try {
    return { kind: 'feed', feed: parseFeed(page.text, page.finalUrl), page };
  } catch (error) {
    if (error instanceof FeedError) return { kind: 'failed', problem: `${source.url}: ${error.message}` };
    throw error;
  }
}
