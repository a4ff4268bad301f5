/**
 * Sổ tay / notebooks: the analyst notebooks built by `npm run notebooks`, served behind sign-in.
 *
 * The notebooks read the database snapshot unfiltered, for the whole province, so a page may show any record
 * in it. They are served only to admins and analysts who see the whole province and whose clearance is at
 * least the highest classification in that snapshot (recorded by the build in manifest.json); without a
 * manifest nothing is served. Each page is served as built, under a policy that allows no script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request } from 'express';
import { DlxhError } from '../../data/errors.ts';
import { currentScope, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationLabel, emptyState, html } from '../html.ts';
import { formatDate, t } from '../i18n.ts';
import { auditView, langOf, sendPage } from '../route-helpers.ts';
import { sendSelfContained } from '../self-contained-page.ts';

export const DEFAULT_NOTEBOOKS_DIR = fileURLToPath(new URL('../../notebooks/dist', import.meta.url));

/** The build's manifest.json (notebooks/run-notebook.ts writes it); only the fields read here. */
interface Manifest {
  built_at: string;
  source: string;
  max_classification: number;
  notebooks: { file: string; title: string; charts: number; errors: number }[];
}

const PAGE_NAME = /^[a-z0-9][a-z0-9-]*\.html$/;

function readManifest(dir: string): Manifest | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const level = manifest.max_classification;
    if (!Number.isInteger(level) || level < 0 || level > 3 || !Array.isArray(manifest.notebooks)) return null;
    return manifest;
  } catch {
    return null;
  }
}

export function notebookRoutes(ctx: WebContext): Router {
  const router = Router();
  const analysts = requireRole('admin', 'analyst');
  const dir = ctx.notebooksDir ?? DEFAULT_NOTEBOOKS_DIR;

  /** Why the signed-in user may not open notebooks built at `level`, or null when they may. */
  const refusal = async (req: Request, level: number): Promise<string | null> => {
    const scope = await currentScope(ctx, req);
    const vi = langOf(req) === 'vi';
    if (!scope.province)
      return vi
        ? 'Sổ tay chỉ dành cho người xem được toàn tỉnh.'
        : 'Notebooks are for users who see the whole province.';
    if (scope.clearance < level) {
      const label = classificationLabel(langOf(req), level);
      return vi
        ? `Dữ liệu của sổ tay có bản ghi mức "${label}", cao hơn mức được xem của bạn.`
        : `The notebooks were built from data classified up to "${label}", above your clearance.`;
    }
    return null;
  };

  router.get('/notebooks', analysts, async (req, res) => {
    const lang = langOf(req);
    const vi = lang === 'vi';
    const manifest = readManifest(dir);
    const refused = manifest ? await refusal(req, manifest.max_classification) : null;
    const body = !manifest
      ? html`${emptyState(vi ? 'Chưa dựng sổ tay nào.' : 'No notebooks have been built.')}
          <p>
            ${
              vi
                ? 'Dựng sổ tay từ bản sao cơ sở dữ liệu (không cần mạng):'
                : 'Build them from a copy of the database (no network needed):'
            }
          </p>
          <pre>
npm run notebooks
# ${vi ? 'hoặc, khi máy chủ đang chạy, từ bản chụp dữ liệu' : 'or, while the server runs, from its snapshot'}:
node --import tsx notebooks/run-notebook.ts --db data/snapshots/dlxh.duckdb --out notebooks/dist</pre>
          <p class="muted">${vi ? 'Xem notebooks/README.md.' : 'See notebooks/README.md.'}</p>`
      : html`<p class="muted">
            ${vi ? 'Dựng lúc' : 'Built'} ${formatDate(new Date(manifest.built_at), true)} ·
            ${vi ? 'dữ liệu toàn tỉnh, mức mật cao nhất' : 'province-wide data, highest classification'}:
            ${classificationLabel(lang, manifest.max_classification)}
          </p>
          ${
            refused
              ? html`<p class="error">${refused}</p>`
              : html`<ul class="notebooks">
                  ${manifest.notebooks.map(
                    (n) =>
                      html`<li>
                        <a href="/notebooks/${n.file}">${n.title}</a>
                        <span class="muted"
                          >${n.charts}
                          ${vi ? 'biểu đồ' : 'charts'}${n.errors ? html` · <strong class="warn">${n.errors} ${vi ? 'ô lỗi' : 'failed cells'}</strong>` : ''}</span
                        >
                      </li>`,
                  )}
                </ul>`
          }`;
    sendPage(
      req,
      res,
      t(lang, 'notebooks.title'),
      html`<h1>${t(lang, 'notebooks.title')}</h1>
        ${body}`,
    );
  });

  router.get('/notebooks/:page', analysts, async (req, res) => {
    const name = String(req.params.page);
    const manifest = readManifest(dir);
    const known = name === 'index.html' || !!manifest?.notebooks.some((n) => n.file === name);
    if (!manifest || !PAGE_NAME.test(name) || !known)
      throw new DlxhError('NOT_FOUND', `notebook ${name}: not found`);
    const refused = await refusal(req, manifest.max_classification);
    if (refused) throw new DlxhError('FORBIDDEN', `notebook ${name}: ${refused}`);
    let page: string;
    try {
      page = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      throw new DlxhError('NOT_FOUND', `notebook ${name}: not found`);
    }
    await auditView(ctx, req, 'notebook', name, manifest.max_classification);
    sendSelfContained(res, page);
  });

  return router;
}
