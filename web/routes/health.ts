/** GET /api/health: public liveness with the database path and row counts. */
import { Router } from 'express';
import type { AppContext } from '../app.ts';
import { toLocalIso } from '../../data/time.ts';
import { tableCounts } from '../../data/stats.ts';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    res.json({
      status: 'ok',
      db: ctx.db.path,
      time: toLocalIso(ctx.now()),
      counts: await tableCounts(ctx.db),
    });
  });
  return router;
}
