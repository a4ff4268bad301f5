/** The Express app, exported without listening; bin/ calls listen. */
import express from 'express';
import type { ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import type { Db } from '../data/db.ts';
import { isDlxhError } from '../data/errors.ts';
import type { Logger } from '../data/logger.ts';
import { healthRoutes } from './routes/health.ts';
import { statusRoutes } from './routes/status.ts';

export interface AppContext {
  db: Db;
  logger: Logger;
  now: () => Date;
}

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.use(healthRoutes(ctx));
  app.use(statusRoutes(ctx));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (isDlxhError(error, 'NOT_FOUND')) return void res.status(404).json({ error: error.message });
    if (isDlxhError(error, 'FORBIDDEN')) return void res.status(403).json({ error: error.message });
    if (isDlxhError(error, 'INPUT')) return void res.status(400).json({ error: error.message });
    ctx.logger.error(`web: ${error instanceof Error ? error.message : String(error)}`);
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}
