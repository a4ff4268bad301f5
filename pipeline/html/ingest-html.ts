/** Scheduled ingestion of a news site: listing page → article links → article pages → documents. */
import type { SourceConfig } from '../config.ts';
import { saveValidators } from '../fetch/fetcher.ts';
import { fetchPage } from '../fetch/fetch-page.ts';
import { sourcePolicy } from '../fetch/source-policy.ts';
import { SourceRun, type SourceContext } from '../source-run.ts';
import type { IncomingDocument, RunReport } from '../types.ts';
import { extractArticle, extractLinks } from './extract-article.ts';

async function knownUrls(run: SourceRun, urls: string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = await run.ctx.db.all<{ id: string }>(
    `SELECT id FROM documents
     WHERE id IN (SELECT unnest($urls::VARCHAR[])) OR canonical_url IN (SELECT unnest($urls::VARCHAR[]))`,
    { urls },
  );
  return new Set(rows.map((r) => r.id));
}

async function articleDocument(run: SourceRun, url: string): Promise<IncomingDocument | null> {
  const { source, ctx } = run;
  const page = await fetchPage(ctx.fetcher, url, {
    source: source.name,
    accept: 'text/html',
    policy: sourcePolicy(source),
    conditional: false,
  });
  if (page.kind === 'not_modified') {
    run.counts.in++;
    run.counts.duplicate++;
    return null;
  }
  if (page.kind === 'failed') {
    run.fail(url, page.problem);
    return null;
  }
  if (page.invalidUtf8) {
    run.fail(url, 'invalid UTF-8');
    return null;
  }
  const article = extractArticle(page.text, page.finalUrl, source.selectors);
  if (!article.text) {
    run.fail(url, 'no main text found');
    return null;
  }
  if (article.dateText && !article.publishedAt) {
    run.fail(url, `unknown date format "${article.dateText}"`);
    return null;
  }
  if (!article.publishedAt) run.warn(url, 'no date; using the time it was fetched');
  return {
    id: article.canonicalUrl ?? url,
    title: article.title,
    text: article.text,
    publishedAt: article.publishedAt ?? ctx.now(),
    url: page.finalUrl,
    outlet: source.outlet ?? article.outlet ?? source.name,
    kind: source.document_kind,
    extra: { charset: page.charset, extraction: article.method },
    raw: {
      locator: url,
      body: page.text,
      contentType: page.contentType,
      headers: page.headers,
      fetchedAt: ctx.now(),
    },
  };
}

/**
 * Fetch the listing page, then each new article (up to `max_articles`), and store them in one transaction.
 * With `page: 'article'` the URL itself is the article. Articles already stored are not fetched again.
 * `await ingestHtml(source, { db, logger, now, fetcher })`
 */
export async function ingestHtml(source: SourceConfig, ctx: SourceContext): Promise<RunReport> {
  const run = await SourceRun.begin(source, ctx);
  if (!(run instanceof SourceRun)) return run;
  return run.guard(async () => {
    let links: string[];
    let listingValidators = null;
    if (source.page === 'article') {
      links = [source.url];
    } else {
      const listing = await fetchPage(ctx.fetcher, source.url, {
        source: source.name,
        accept: 'text/html',
        policy: sourcePolicy(source),
      });
      if (listing.kind === 'not_modified') return null;
      if (listing.kind === 'failed') return `${source.url}: ${listing.problem}`;
      links = extractLinks(listing.text, listing.finalUrl, source.selectors.links).slice(
        0,
        source.max_articles,
      );
      if (links.length === 0) run.warn(source.url, 'no article links found on the listing page');
      listingValidators = listing.validators;
    }
    const known = await knownUrls(run, links);
    const docs: IncomingDocument[] = [];
    for (const url of links) {
      if (known.has(url)) {
        run.counts.in++;
        run.counts.duplicate++;
        continue;
      }
      const doc = await articleDocument(run, url);
      if (doc) docs.push(doc);
    }
    if (await run.store(docs)) await saveValidators(ctx.db, source.url, listingValidators, ctx.now());
    return null;
  });
}
