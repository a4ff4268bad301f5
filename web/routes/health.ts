/** GET /api/health: public liveness, minimal (status, version, database reachable); the row counts are on /api/status. */
import fs from 'node:fs';
import { Router } from 'express';
import type { AppContext } from '../app.ts';

const VERSION = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const reachable = await ctx.db.one('SELECT 1 AS ok').then(
      () => true,
      () => false,
    );
    res.status(reachable ? 200 : 503).json({
      status: reachable ? 'ok' : 'error',
      version: VERSION,
      db: reachable ? 'reachable' : 'unreachable',
    });
  });
  return router;
}
