/** serve and demo: the long-running server that owns the database (scheduler + web). */
import type { Command } from 'commander';
import type { Server } from 'node:http';
import { DlxhError, errorMessage } from '../../data/errors.ts';
import { createApp } from '../../web/app.ts';
import { ensureDemoUsers } from '../../data/users.ts';
import { withContext, type CommandContext } from '../context.ts';
import { loadDemo } from '../demo.ts';
import { syncSources } from '../../pipeline/config.ts';
import { createScheduler } from '../../pipeline/scheduler.ts';
import { buildJobs } from '../jobs.ts';
import { syncConfiguredSubscriptions } from './admin.ts';
import { reportRun } from './ingest.ts';

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DlxhError('INPUT', `port: invalid port "${value}"`);
  return port;
}

interface RunningServer {
  url: string;
  /** Start the scheduled jobs (catching up missed runs); the demo does it once its data is loaded. */
  startJobs(): Promise<void>;
  /** Resolves once SIGINT or SIGTERM has stopped the scheduler and the web server. */
  stopped: Promise<void>;
}

/** Start the scheduler and the web server (the server owns the database from now on). */
async function startServer(
  ctx: CommandContext,
  options: { port: number; host: string; demoMode: boolean },
): Promise<RunningServer> {
  const { port, host } = options;
  await syncSources(ctx.db, ctx.config.sources);
  await syncConfiguredSubscriptions(ctx);
  const scheduler = createScheduler(buildJobs(ctx), { db: ctx.db, logger: ctx.logger, now: ctx.now });
  if (options.demoMode) await ensureDemoUsers(ctx.db, ctx.now());
  const app = createApp({
    db: ctx.db,
    logger: ctx.logger,
    now: ctx.now,
    demoMode: options.demoMode,
    jobs: {
      jobs: () => scheduler.jobNames(),
      runNow: (job) => scheduler.runNow(job),
      schedule: (job) => scheduler.jobSchedule(job),
    },
    pseudonymSecret: ctx.secret(),
    secureCookies: ctx.config.secure_cookies,
    trustProxy: ctx.config.trust_proxy,
    routingRules: ctx.config.routing,
    retention: ctx.config.retention,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DlxhError(
          'INPUT',
          `port ${port}: ${error.code === 'EADDRINUSE' ? 'already in use' : error.message}`,
        ),
      ),
    );
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  const url = `http://${shownHost}:${actualPort}/`;
  process.stdout.write(`dlxh đang chạy tại ${url}\n`);
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      ctx.logger.info('dlxh: đang dừng…');
      ctx.requestShutdown();
      void scheduler.stop().finally(() => server.close(() => resolve()));
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const startJobs = async () => {
    const { caughtUp } = await scheduler.start();
    if (caughtUp.length) ctx.logger.info(`dlxh: chạy bù các tác vụ bị lỡ: ${caughtUp.join(', ')}`);
  };
  return { url, stopped, startJobs };
}

export function registerServeCommands(program: Command): void {
  program
    .command('run')
    .description('run the scheduled jobs once (all, or one with --job)')
    .option('--job <name>', 'job name: a configured source, or score')
    .action(async (options: { job?: string }, command: Command) => {
      await withContext(command, async (ctx) => {
        await syncSources(ctx.db, ctx.config.sources);
        await syncConfiguredSubscriptions(ctx);
        const jobs = buildJobs(ctx, { manual: true });
        const selected = options.job ? jobs.filter((j) => j.name === options.job) : jobs;
        if (selected.length === 0) {
          throw new DlxhError(
            'INPUT',
            `--job: unknown job "${options.job}" (jobs: ${jobs.map((j) => j.name).join(', ')})`,
          );
        }
        for (const job of selected) reportRun(ctx, `run ${job.name}`, await job.run());
      });
    });

  program
    .command('serve')
    .description('run the scheduler and the web server (owns the database)')
    .option('--port <port>', 'port (env PORT, default 8080)')
    .option('--host <host>', 'interface to listen on')
    .action(async (options: { port?: string; host?: string }, command: Command) => {
      await withContext(command, async (ctx) => {
        const port = parsePort(options.port ?? process.env.PORT, ctx.config.port);
        const server = await startServer(ctx, {
          port,
          host: options.host ?? ctx.config.host,
          demoMode: false,
        });
        await server.startJobs();
        await server.stopped;
      });
    });

  program
    .command('demo')
    .description(
      'build the database from the bundled demo data, run the pipeline once and serve the dashboard',
    )
    .option('--port <port>', 'port (env PORT, default 8080)')
    .option('--host <host>', 'interface to listen on')
    .option('--no-serve', 'load the demo data and exit')
    .option('--days <n>', 'length of the generated stream in days', '120')
    .action(
      async (options: { port?: string; host?: string; serve: boolean; days: string }, command: Command) => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 1 || days > 3660)
          throw new DlxhError('INPUT', `--days: invalid number "${options.days}"`);
        await withContext(command, async (ctx) => {
          const port = parsePort(options.port ?? process.env.PORT, ctx.config.port);
          if (!options.serve) return loadDemo(ctx, { days });
          // The dashboard answers at once; the demo data fills in behind it (a second run finds it loaded).
          const server = await startServer(ctx, {
            port,
            host: options.host ?? ctx.config.host,
            demoMode: true,
          });
          try {
            await loadDemo(ctx, { days });
            process.stdout.write(`dlxh demo: dữ liệu mẫu đã sẵn sàng tại ${server.url}\n`);
          } catch (error) {
            // The dashboard keeps serving what was loaded; the failed stage is named and the exit status says so.
            ctx.logger.error(`dlxh demo: ${errorMessage(error)}`);
            process.exitCode = 1;
          }
          await server.startJobs();
          await server.stopped;
        });
      },
    );
}
