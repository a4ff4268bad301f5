/**
 * Official statements from a government portal's RSS/Atom feed (`kind: statements`): each item becomes a row of the
 * registry (`official_statements`), not a document; the documents of the last weeks are then matched against it.
 */
import { createHash } from 'node:crypto';
import { scanDocuments } from '../../analytics/misinfo/scan-documents.ts';
import { registerStatements } from '../../analytics/misinfo/statements.ts';
import type { StatementInput } from '../../analytics/misinfo/read-statements.ts';
import { errorMessage } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { normalizeText } from '../../data/text/normalize.ts';
import type { SourceConfig } from '../config.ts';
import { saveValidators } from '../fetch/fetcher.ts';
import { fetchFeed } from '../rss/fetch-feed.ts';
import type { FeedItem } from '../rss/parse-feed.ts';
import { SourceRun, type SourceContext } from '../source-run.ts';
import type { RunReport } from '../types.ts';

const sql = readSqlFile(new URL('./ingest-statements.sql', import.meta.url));

/** New statements are matched against the documents published this many days before the run. */
export const RESCAN_DAYS = 30;
const RESCAN_LIMIT = 5000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The registry id of a feed item: the source name and a hash of its link (else its guid). */
export function statementId(source: string, item: Pick<FeedItem, 'link' | 'guid'>): string {
  return `${source}:${sha256(item.link ?? item.guid ?? '').slice(0, 16)}`;
}

function toStatement(source: SourceConfig, item: FeedItem): StatementInput | string {
  const claim = normalizeText(item.title ?? '');
  if (claim === '') return 'no title (the claim of a statement)';
  if (!item.link && !item.guid) return 'no link or guid to identify it';
  const id = statementId(source.name, item);
  const text = normalizeText(item.text);
  return {
    id,
    idValue: id,
    claim,
    verdict: source.verdict ?? 'unverified',
    officialText: text === '' ? null : text,
    link: item.link,
    issuingBody: source.issuing_body ?? source.outlet ?? source.name,
    issuedAt: item.publishedAt,
    topics: null,
    places: null,
    classification: source.classification,
    position: item.position,
  };
}

/**
 * Fetch one feed of official statements and add its new items to the registry: claim = title, official text = the
 * item's text, link, issuing body and verdict from the source's config, date, topics and places found by the NLP in
 * the claim. Idempotent by link: an item whose link (or id) is registered already is left as it is (analysts may have
 * edited it). A broken item fails alone. When statements were added, the documents of the last 30 days are matched
 * again, so a rumour that came before its denial reaches the review queue.
 * `await ingestStatementsFeed(source, { db, logger, now, fetcher })`
 */
export async function ingestStatementsFeed(source: SourceConfig, ctx: SourceContext): Promise<RunReport> {
  const run = await SourceRun.begin(source, ctx);
  if (!(run instanceof SourceRun)) return run;
  return run.guard(async () => {
    const result = await fetchFeed(source, ctx);
    if (result.kind === 'not_modified') return null;
    if (result.kind === 'failed') return result.problem;
    const { feed, page } = result;
    const fresh: { input: StatementInput; item: FeedItem }[] = [];
    for (const parsed of feed.items) {
      if (!parsed.ok) {
        run.fail(`${source.url}: ${parsed.position}`, parsed.problem);
        continue;
      }
      const input = toStatement(source, parsed.item);
      if (typeof input === 'string') run.fail(`${source.url}: ${parsed.item.position}`, input);
      else fresh.push({ input, item: parsed.item });
    }
    const known = await ctx.db.all<{ id: string; link: string | null }>(sql('known_links'), {
      links: fresh.flatMap(({ input }) => (input.link ? [input.link] : [])),
      ids: fresh.map(({ input }) => input.id),
    });
    const knownLinks = new Set(known.map((k) => k.link));
    const knownIds = new Set(known.map((k) => k.id));
    const seen = new Set<string>();
    const added = fresh.filter(({ input }) => {
      const key = input.link ?? input.id;
      const repeated = knownIds.has(input.id) || knownLinks.has(input.link) || seen.has(key);
      seen.add(key);
      return !repeated;
    });
    run.counts.in += fresh.length;
    run.counts.duplicate += fresh.length - added.length;
    const logger = {
      ...ctx.logger,
      error: ctx.logger.warn,
      warn: (message: string) => run.warnings.push(message),
    };
    const fetchedAt = ctx.now();
    const counts = await ctx.db.transaction(async () => {
      for (const { item } of added) {
        const locator = item.link ?? `${source.url}#${item.guid}`;
        await ctx.db.run(sql('insert_raw_item'), {
          id: sha256(`${source.name}\n${locator}\n${item.xml}`),
          source: source.name,
          locator,
          fetched_at: fetchedAt,
          body: item.xml,
          content_hash: sha256(item.xml),
          job_run_id: run.runId,
        });
      }
      return registerStatements(
        ctx.db,
        added.map(({ input }) => input),
        source.name,
        { logger, now: ctx.now },
      );
    });
    run.counts.new += counts.inserted + counts.updated;
    run.counts.duplicate += counts.unchanged + counts.skipped;
    await saveValidators(ctx.db, source.url, page.validators, ctx.now());
    if (counts.inserted > 0) await rescanRecent(run);
    return null;
  });
}

async function rescanRecent(run: SourceRun): Promise<void> {
  const { db, logger, now } = run.ctx;
  const since = new Date(now().getTime() - RESCAN_DAYS * 86_400_000);
  const ids = (await db.all<{ id: string }>(sql('recent_documents'), { since, limit: RESCAN_LIMIT })).map(
    (r) => r.id,
  );
  if (ids.length === 0) return;
  try {
    await scanDocuments(db, ids, { logger: { ...logger, error: logger.warn }, now });
  } catch (error) {
    run.warn(run.source.name, `statements stored; matching recent documents failed (${errorMessage(error)})`);
  }
}
