/** The Express app, exported without listening; bin/ calls listen. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { ErrorRequestHandler, Request, Response } from 'express';
import helmet from 'helmet';
import { isDlxhError } from '../data/errors.ts';
import { csrfProtection, isApiRequest, loadSession, requireUser } from './auth/middleware.ts';
import { webContext, type AppContext } from './context.ts';
import { html } from './html.ts';
import { t } from './i18n.ts';
import { plotStyleHashes } from './plot-styles.ts';
import { requestState } from './request-state.ts';
import { sendPage } from './route-helpers.ts';
import { adminRoutes } from './routes/admin.ts';
import { adminRoutingRoutes } from './routes/admin-routing.ts';
import { apiIndexRoutes } from './routes/api-index.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { briefingRoutes } from './routes/briefings.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { hotspotRoutes } from './routes/hotspots.ts';
import { inboxRoutes } from './routes/inbox.ts';
import { mineRoutes } from './routes/mine.ts';
import { misinfoRoutes } from './routes/misinfo.ts';
import { notebookRoutes } from './routes/notebooks.ts';
import { overviewRoutes } from './routes/overview.ts';
import { sourceRoutes } from './routes/sources.ts';
import { sqlRoutes } from './routes/sql.ts';
import { statusRoutes } from './routes/status.ts';
import { surveyPlanRoutes } from './routes/survey-plan.ts';
import { watchTopicRoutes } from './routes/watch-topics.ts';
import { surveyRoutes } from './routes/surveys.ts';

export type { AppContext, JobControl } from './context.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC_DIR = path.join(HERE, 'public');
const PLOT_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@observablehq/plot'))),
  '..',
  'dist',
);
const D3_DIR = path.dirname(fileURLToPath(import.meta.resolve('d3')));

function vendorFile(dir: string, file: string): express.RequestHandler {
  return (_req, res) => res.sendFile(file, { root: dir, maxAge: '1d', immutable: false });
}

/** `const app = createApp({ db, logger, now: () => new Date() }); app.listen(8080)` */
export function createApp(appCtx: AppContext): express.Express {
  const ctx = webContext(appCtx);
  const app = express();
  app.disable('x-powered-by');
  // Every answer but the static files (which make their own) is `Cache-Control: no-store`, so a browser never
  // asks again with If-None-Match: hashing each body for an ETag (a SHA-1 per answer) would buy nothing.
  app.set('etag', false);
  if (ctx.trustProxy !== undefined) app.set('trust proxy', ctx.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", ...plotStyleHashes()],
          'style-src-attr': ["'none'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: ctx.secureCookies ? undefined : false,
    }),
  );
  app.use('/static', express.static(PUBLIC_DIR, { fallthrough: false, index: false, maxAge: '1h' }));
  app.get('/vendor/plot.umd.min.js', vendorFile(PLOT_DIR, 'plot.umd.min.js'));
  app.get('/vendor/d3.min.js', vendorFile(D3_DIR, 'd3.min.js'));
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(healthRoutes(ctx));
  app.use(express.urlencoded({ extended: false, limit: '200kb' }));
  app.use(express.json({ limit: '200kb' }));
  app.use(loadSession(ctx));
  app.use(csrfProtection());
  app.use(authRoutes(ctx));
  app.use(requireUser());
  app.use(overviewRoutes(ctx));
  app.use(hotspotRoutes(ctx));
  app.use(inboxRoutes(ctx));
  app.use(documentRoutes(ctx));
  app.use(misinfoRoutes(ctx));
  app.use(surveyRoutes(ctx));
  app.use(surveyPlanRoutes(ctx));
  app.use(watchTopicRoutes(ctx));
  app.use(briefingRoutes(ctx));
  app.use(notebookRoutes(ctx));
  app.use(sourceRoutes(ctx));
  app.use(sqlRoutes(ctx));
  app.use(exportRoutes(ctx));
  app.use(adminRoutes(ctx));
  app.use(adminRoutingRoutes(ctx));
  app.use(auditRoutes(ctx));
  app.use(statusRoutes(ctx));
  app.use(mineRoutes(ctx));
  app.use(apiIndexRoutes(ctx));
  app.use((req, res) => answerError(req, res, 404, t(requestState(req).lang, 'error.notFound')));
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const lang = requestState(req).lang;
    if (isDlxhError(error, 'NOT_FOUND')) return answerError(req, res, 404, error.message);
    if (isDlxhError(error, 'FORBIDDEN')) {
      const message = error.message.startsWith('csrf:') ? t(lang, 'error.csrf') : t(lang, 'error.forbidden');
      return answerError(req, res, 403, isApiRequest(req) ? error.message : message);
    }
    if (isDlxhError(error, 'INPUT')) return answerError(req, res, 400, error.message);
    if (isDlxhError(error, 'CONFLICT')) return answerError(req, res, 409, error.message);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return answerError(req, res, status, 'invalid request');
    }
    ctx.logger.error(
      `web: ${req.method} ${req.path}: ${error instanceof Error ? error.message : String(error)}`,
    );
    answerError(req, res, 500, 'internal error');
  };
  app.use(onError);
  return app;
}

function answerError(req: Request, res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  if (isApiRequest(req) || !req.accepts('html')) return void res.status(status).json({ error: message });
  sendPage(
    req,
    res,
    String(status),
    html`<h1>${status}</h1>
      <p class="error">${message}</p>`,
    { status },
  );
}
