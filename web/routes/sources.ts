/** Nguồn & tác vụ / sources and jobs: health of every source and job run, failures and back-off; run-now for admins. */
import { Router, type Request } from 'express';
import { DlxhError } from '../../data/errors.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { emptyState, html } from '../html.ts';
import { formatDate, formatNumber, isMessageKey, statusLabel, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { inScope, langOf, param, sendPage } from '../route-helpers.ts';
import { jsonRows } from '../tabular.ts';

const sql = readSqlFile(new URL('./sources.sql', import.meta.url));

interface SourceRow {
  name: string;
  kind: string;
  url: string | null;
  schedule: string | null;
  classification: number;
  failures: number;
  backoff_until: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  documents: number;
}
interface RunRow {
  id: number;
  job: string;
  started_at: Date;
  finished_at: Date | null;
  status: string;
  items_in: number;
  items_new: number;
  items_dup: number;
  items_failed: number;
  error: string | null;
}
interface FetchRow {
  source: string | null;
  url: string;
  started_at: Date;
  status: number | null;
  outcome: string;
  error: string | null;
}

async function readHealth(ctx: WebContext, req: Request) {
  const counts = new Map(
    (
      await inScope(ctx, req, (scoped) =>
        scoped.db.all<{ import_source: string; n: number }>(sql('document_counts')),
      )
    ).map((r) => [r.import_source, r.n]),
  );
  const sources = (await ctx.reads.all<SourceRow>(sql('sources'))).map((s) => ({
    ...s,
    documents: counts.get(s.name) ?? 0,
  }));
  const runs = await ctx.reads.all<RunRow>(sql('runs'));
  const failures = await ctx.reads.all<FetchRow>(sql('fetch_failures'));
  const jobs = ctx.jobs?.jobs() ?? [];
  return { sources, runs, failures, jobs };
}

/** What a job does, in the page's language: the internal jobs have words; every other job is a source's fetch. */
function jobDescription(lang: Lang, job: string): string {
  const key = `jobs.${job}`;
  return isMessageKey(key) ? t(lang, key) : t(lang, 'jobs.source');
}

export function sourceRoutes(ctx: WebContext): Router {
  const router = Router();
  const readers = requireRole('admin', 'analyst');
  const admin = requireRole('admin');

  const runNow = async (req: Request, job: string | undefined) => {
    if (!ctx.jobs) throw new DlxhError('NOT_FOUND', 'jobs: no scheduler runs in this server');
    if (!job || !ctx.jobs.jobs().includes(job))
      throw new DlxhError('INPUT', `job: unknown job "${job ?? ''}"`);
    await ctx.audit(req, 'job.run_now', `job:${job}`);
    void ctx.jobs.runNow(job).catch((error: unknown) => ctx.logger.error(`run-now ${job}: ${String(error)}`));
  };

  router.get('/api/sources', readers, async (req, res) => {
    const health = await readHealth(ctx, req);
    res.json({
      sources: jsonRows(health.sources),
      runs: jsonRows(health.runs),
      fetch_failures: jsonRows(health.failures),
      jobs: health.jobs,
    });
  });

  router.post('/api/jobs/:job/run', admin, async (req, res) => {
    await runNow(req, String(req.params.job));
    res.status(202).json({ started: String(req.params.job) });
  });

  router.post('/sources/run', admin, async (req, res) => {
    await runNow(req, param(req.body as Record<string, unknown>, 'job'));
    res.redirect(303, '/sources');
  });

  router.get('/sources', readers, async (req, res) => {
    const lang = langOf(req);
    const state = requestState(req);
    const { sources, runs, failures, jobs } = await readHealth(ctx, req);
    const isAdmin = state.user?.role === 'admin';
    const body = html`<h1>${t(lang, 'sources.title')}</h1>
      ${
        sources.length
          ? html`<table>
              <thead>
                <tr>
                  <th>${t(lang, 'common.source')}</th>
                  <th>${t(lang, 'sources.kind')}</th>
                  <th class="num">${t(lang, 'common.documents')}</th>
                  <th>${t(lang, 'sources.lastOk')}</th>
                  <th>${t(lang, 'common.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${sources.map(
                  (s) =>
                    html`<tr>
                      <td>
                        ${s.name}
                        <div class="muted">${s.schedule ?? ''}</div>
                      </td>
                      <td>${s.kind}</td>
                      <td class="num">${formatNumber(lang, s.documents)}</td>
                      <td>${formatDate(s.last_success_at, true)}</td>
                      <td>
                        ${s.failures ? html`<span class="warn">${s.failures} × ${s.last_error ?? ''}</span>` : 'OK'}
                        ${s.backoff_until ? html`<div class="muted">${t(lang, 'sources.backoff')} ${formatDate(s.backoff_until, true)}</div>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(t(lang, 'sources.none'))
      }
      <h2>${t(lang, 'sources.jobs')}</h2>
      ${
        jobs.length
          ? html`<table class="jobs">
              <thead>
                <tr>
                  <th>${t(lang, 'sources.job')}</th>
                  <th>${t(lang, 'sources.what')}</th>
                  <th>${t(lang, 'sources.schedule')}</th>
                  ${isAdmin ? html`<th></th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${jobs.map((job) => {
                  const schedule = ctx.jobs?.schedule?.(job);
                  return html`<tr>
                    <td><code>${job}</code></td>
                    <td>${jobDescription(lang, job)}</td>
                    <td>
                      ${schedule ? html`<code>${schedule}</code>` : schedule === null ? t(lang, 'sources.onDemand') : ''}
                    </td>
                    ${
                      isAdmin
                        ? html`<td>
                            <form method="post" action="/sources/run" class="inline">
                              <input type="hidden" name="_csrf" value="${state.session?.csrf ?? ''}" />
                              <input type="hidden" name="job" value="${job}" />
                              <button type="submit">${t(lang, 'sources.runNow')}</button>
                            </form>
                          </td>`
                        : ''
                    }
                  </tr>`;
                })}
              </tbody>
            </table>`
          : emptyState(t(lang, 'common.none'))
      }
      <h2>${t(lang, 'sources.runs')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t(lang, 'sources.job')}</th>
            <th>${t(lang, 'common.time')}</th>
            <th>${t(lang, 'common.status')}</th>
            <th class="num">${t(lang, 'sources.in')}</th>
            <th class="num">${t(lang, 'sources.new')}</th>
            <th class="num">${t(lang, 'sources.dup')}</th>
            <th class="num">${t(lang, 'sources.failed')}</th>
            <th>${t(lang, 'sources.error')}</th>
          </tr>
        </thead>
        <tbody>
          ${runs.map(
            (r) =>
              html`<tr class="${r.status === 'failed' ? 'bad' : ''}">
                <td>${r.job}</td>
                <td>${formatDate(r.started_at, true)}</td>
                <td>${statusLabel(lang, r.status)}</td>
                <td class="num">${formatNumber(lang, r.items_in)}</td>
                <td class="num">${formatNumber(lang, r.items_new)}</td>
                <td class="num">${formatNumber(lang, r.items_dup)}</td>
                <td class="num">${formatNumber(lang, r.items_failed)}</td>
                <td>${r.error ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t(lang, 'sources.failures')}</h2>
      ${
        failures.length
          ? html`<table>
              <tbody>
                ${failures.map(
                  (f) =>
                    html`<tr>
                      <td>${formatDate(f.started_at, true)}</td>
                      <td>${f.source ?? ''}</td>
                      <td><code>${f.url}</code></td>
                      <td>${f.outcome} ${f.status ?? ''}</td>
                      <td>${f.error ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(t(lang, 'common.none'))
      }`;
    sendPage(req, res, t(lang, 'sources.title'), body);
  });

  return router;
}
