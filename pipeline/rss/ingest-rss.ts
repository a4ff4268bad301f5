/** Scheduled ingestion of an RSS/Atom feed: fetch (conditional), parse item by item, optionally fetch full text, store. */
import type { SourceConfig } from '../config.ts';
import { saveValidators } from '../fetch/fetcher.ts';
import { fetchPage } from '../fetch/fetch-page.ts';
import { sourcePolicy } from '../fetch/source-policy.ts';
import { extractArticle } from '../html/extract-article.ts';
import { SourceRun, type SourceContext } from '../source-run.ts';
import type { IncomingDocument, RunReport } from '../types.ts';
import { fetchFeed } from './fetch-feed.ts';
import type { FeedItem } from './parse-feed.ts';

async function knownIds(run: SourceRun, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await run.ctx.db.all<{ id: string }>(
    'SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]))',
    { ids },
  );
  return new Set(rows.map((r) => r.id));
}

async function itemDocument(
  run: SourceRun,
  item: FeedItem,
  feedUrl: string,
): Promise<IncomingDocument | null> {
  const { source, ctx } = run;
  const id = item.link ?? item.guid!;
  const where = `${feedUrl}: ${item.position}`;
  let text = item.text;
  let title = item.title;
  let publishedAt = item.publishedAt;
  let raw = {
    locator: item.link ?? `${feedUrl}#${item.guid}`,
    body: item.xml,
    contentType: 'application/xml',
  };
  if (source.full_text && item.link) {
    const page = await fetchPage(ctx.fetcher, item.link, {
      source: source.name,
      accept: 'text/html',
      policy: sourcePolicy(source),
      conditional: false,
    });
    if (page.kind === 'page') {
      const article = extractArticle(page.text, page.finalUrl, source.selectors);
      if (article.text) {
        text = article.text;
        title ??= article.title;
        publishedAt ??= article.publishedAt;
        raw = { locator: item.link, body: page.text, contentType: page.contentType ?? 'text/html' };
      } else run.warn(where, 'no main text on the article page; using the feed text');
    } else if (page.kind === 'failed') {
      run.warn(where, `full text not fetched (${page.problem}); using the feed text`);
    }
  }
  if (!publishedAt) {
    run.warn(where, 'no date; using the time it was fetched');
    publishedAt = ctx.now();
  }
  return {
    id,
    title,
    text,
    publishedAt,
    url: item.link,
    outlet: source.outlet ?? source.name,
    kind: source.document_kind,
    extra: item.guid && item.guid !== id ? { guid: item.guid } : null,
    raw: { ...raw, fetchedAt: ctx.now() },
  };
}

/**
 * Fetch and store one feed. A 304 stores nothing; a broken item is a failed item and the others are kept;
 * an unreachable or unparseable feed fails the run and counts against the source's back-off.
 * `await ingestRss(source, { db, logger, now, fetcher })`
 */
export async function ingestRss(source: SourceConfig, ctx: SourceContext): Promise<RunReport> {
  const run = await SourceRun.begin(source, ctx);
  if (!(run instanceof SourceRun)) return run;
  return run.guard(async () => {
    const result = await fetchFeed(source, ctx);
    if (result.kind === 'not_modified') return null;
    if (result.kind === 'failed') return result.problem;
    const { feed, page } = result;
    const items: FeedItem[] = [];
    for (const parsed of feed.items) {
      if (!parsed.ok) run.fail(`${source.url}: ${parsed.position}`, parsed.problem);
      else if (page.invalidUtf8 && parsed.item.xml.includes('\ufffd')) {
        run.fail(`${source.url}: ${parsed.item.position}`, 'invalid UTF-8');
      } else items.push(parsed.item);
    }
    const known = await knownIds(
      run,
      items.map((item) => item.link ?? item.guid!),
    );
    const docs: IncomingDocument[] = [];
    for (const item of items) {
      if (known.has(item.link ?? item.guid!)) {
        run.counts.in++;
        run.counts.duplicate++;
        continue;
      }
      const doc = await itemDocument(run, item, source.url);
      if (doc) docs.push(doc);
    }
    if (await run.store(docs)) await saveValidators(ctx.db, source.url, page.validators, ctx.now());
    return null;
  });
}
