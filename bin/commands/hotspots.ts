/** dlxh hotspots: detect hot spots over a window (idempotent), route them to units and open cases, print them. */
import type { Command } from 'commander';
import { runHotspotJob } from '../../analytics/alerts/process-alerts.ts';
import { routingRulesInForce } from '../../analytics/alerts/routing.ts';
import { alertsToJson, formatAlertsText } from '../../analytics/hotspots/alerts-to-json.ts';
import { DlxhError } from '../../data/errors.ts';
import { parseTime } from '../../data/time.ts';
import type { Granularity } from '../../analytics/hotspots/detector-config.ts';
import { withContext, type CommandContext } from '../context.ts';
import { syncNotificationTargets } from '../notifications.ts';

function timeOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = parseTime(value);
  if (!time) throw new DlxhError('INPUT', `--${name}: invalid ISO 8601 time "${value}"`);
  return time;
}

/** Detection plus routing (by the config's rules, else the stored or built-in ones); the scheduled job and the command share it. */
export async function detectAndRoute(
  ctx: CommandContext,
  options: { since?: Date; until?: Date; granularity?: Granularity } = {},
) {
  await syncNotificationTargets(ctx);
  const { granularity, ...window } = options;
  return runHotspotJob(ctx.db, {
    ...window,
    now: ctx.now(),
    logger: ctx.logger,
    rules: (await routingRulesInForce(ctx.db, ctx.config.routing)).rules,
    config: { granularity: granularity ?? ctx.config.hotspots.buckets },
  });
}

export function registerHotspotCommands(program: Command): void {
  program
    .command('hotspots')
    .description('detect hot spots over a window (re-runnable) and print the alerts of both detectors')
    .option('--since <iso>', 'start of the window (ISO 8601; default: the first document)')
    .option('--until <iso>', 'end of the window (default: now)')
    .option('--json', 'machine output: an array of alerts with ISO +07:00 times')
    .option(
      '--buckets <day|hour>',
      'test daily or hourly buckets (default: config hotspots.buckets, else day)',
    )
    .action(
      async (
        options: { since?: string; until?: string; json?: boolean; buckets?: string },
        command: Command,
      ) => {
        const since = timeOption('since', options.since);
        const until = timeOption('until', options.until);
        if (since && until && since > until)
          throw new DlxhError('INPUT', '--since: must not be after --until');
        if (options.buckets !== undefined && options.buckets !== 'day' && options.buckets !== 'hour') {
          throw new DlxhError('INPUT', `--buckets: expected day or hour, got "${options.buckets}"`);
        }
        const granularity = options.buckets as Granularity | undefined;
        await withContext(
          command,
          async (ctx) => {
            const { alerts, report } = await detectAndRoute(ctx, { since, until, granularity });
            if (options.json) process.stdout.write(`${JSON.stringify(alertsToJson(alerts), null, 2)}\n`);
            else process.stdout.write(formatAlertsText(alerts));
            ctx.logger.info(
              `hotspots: ${alerts.length} cảnh báo, ${report.opened} vụ việc mới, ${report.escalated} chuyển cấp trên, ${report.notifications} thông báo`,
            );
          },
          { quiet: options.json },
        );
      },
    );
}
