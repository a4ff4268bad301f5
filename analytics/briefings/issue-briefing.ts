/** Issuing a briefing: generate, render, store, deliver to the subscribed units. The CLI, the schedule and the dashboard call this. */
import { errorMessage } from '../../data/errors.ts';
import type { Db } from '../../data/db.ts';
import type { Logger } from '../../data/logger.ts';
import { deliverBriefing, subscriptionTarget, type BriefingDelivery } from './deliver-briefing.ts';
import { generateBriefing, type BriefingOptions } from './generate-briefing.ts';
import { renderBriefingDocx } from './render-docx.ts';
import { renderBriefingHtml } from './render-html.ts';
import { saveBriefing } from './store-briefing.ts';
import { listSubscriptions, type SubscriptionPeriod } from './subscriptions.ts';
import type { Briefing, Lang } from './types.ts';

export interface IssueOptions extends BriefingOptions {
  /** User name of who asked for it; null for the scheduled job. */
  createdBy?: string | null;
  /** Queue it for the subscribed units (default true). */
  deliver?: boolean;
}

export interface IssuedBriefing {
  briefing: Briefing;
  html: string;
  docx: Buffer;
  deliveries: BriefingDelivery[];
}

/**
 * Make one briefing, store it (replacing an earlier one for the same window, scope, level and language) and
 * queue it for the units subscribed to it.
 * `const { briefing } = await issueBriefing(db, { period: 'week', now, createdBy: 'phantich' })`
 */
export async function issueBriefing(db: Db, options: IssueOptions): Promise<IssuedBriefing> {
  const briefing = await generateBriefing(db, options);
  const html = renderBriefingHtml(briefing);
  const docx = await renderBriefingDocx(briefing);
  await saveBriefing(db, briefing, { html, docx, createdBy: options.createdBy ?? null });
  const deliveries =
    options.deliver === false
      ? []
      : await deliverBriefing(db, briefing, { html, docx }, { now: options.now });
  return { briefing, html, docx, deliveries };
}

export interface ScheduledRun {
  issued: IssuedBriefing[];
  /** `briefing <scope>/<level>: message` for each briefing that could not be made. */
  errors: string[];
}

/**
 * The scheduled run for a period: the province-wide briefing with everything in it, and, for each subscribed
 * unit, the briefing of its area at its clearance; each stored and delivered. One failing briefing is logged
 * and the others are still made.
 */
export async function issueScheduledBriefings(
  db: Db,
  options: { period: SubscriptionPeriod; now: Date; lang?: Lang; logger?: Logger },
): Promise<ScheduledRun> {
  const wanted = new Map<string, { unitUid: string | null; maxClassification: number }>([
    ['tinh/3', { unitUid: null, maxClassification: 3 }],
  ]);
  for (const sub of await listSubscriptions(db, { period: options.period })) {
    const target = await subscriptionTarget(db, sub);
    wanted.set(`${target.unitUid ?? 'tinh'}/${target.maxClassification}`, target);
  }
  const run: ScheduledRun = { issued: [], errors: [] };
  for (const [key, target] of wanted) {
    try {
      run.issued.push(
        await issueBriefing(db, {
          period: options.period,
          unitUid: target.unitUid,
          maxClassification: target.maxClassification,
          lang: options.lang,
          now: options.now,
          logger: options.logger,
          createdBy: null,
        }),
      );
    } catch (error) {
      run.errors.push(`briefing ${key}: ${errorMessage(error)}`);
      options.logger?.warn(`briefing ${key}: ${errorMessage(error)}`);
    }
  }
  return run;
}
