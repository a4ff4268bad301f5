/** The briefings delivered to the user's unit that the user may open, as the inbox and the Báo cáo page show them. */
import type { Request } from 'express';
import { deliveredBriefings, type DeliveredBriefing } from '../analytics/briefings/delivered-briefings.ts';
import { presentBriefings } from '../analytics/briefings/store-briefing.ts';
import { toLocalIso } from '../data/time.ts';
import { currentUser } from './auth/middleware.ts';
import type { WebContext } from './context.ts';
import { emptyState, html, type SafeHtml } from './html.ts';
import { formatDate, type Lang } from './i18n.ts';
import { inScope } from './route-helpers.ts';

/**
 * Deliveries to the user's unit, newest first (at most `limit`), keeping only the briefings the access layer lets
 * the user open (a unit subscribed at a higher clearance than one of its users gets briefings that user may not
 * read).
 */
export async function deliveriesForUser(
  ctx: WebContext,
  req: Request,
  options: { limit?: number } = {},
): Promise<DeliveredBriefing[]> {
  const delivered = await deliveredBriefings(ctx.db, currentUser(req).unit_uid);
  if (delivered.length === 0) return [];
  const open = await inScope(ctx, req, async (scoped) =>
    scoped.tables.includes('briefings')
      ? presentBriefings(
          scoped.db,
          delivered.map((d) => d.briefingId),
        )
      : new Set<string>(),
  );
  return delivered.filter((d) => open.has(d.briefingId)).slice(0, options.limit);
}

export function deliveryJson(d: DeliveredBriefing) {
  return {
    briefing_id: d.briefingId,
    subject: d.subject,
    period: d.period,
    classification: d.classification,
    delivered_at: toLocalIso(d.deliveredAt),
    read_at: d.readAt ? toLocalIso(d.readAt) : null,
    url: `/briefings/${encodeURIComponent(d.briefingId)}`,
  };
}

/**
 * The list of deliveries: each links to the briefing (opening it marks it read); unread ones are marked. The
 * subject carries the classification mark of a classified briefing.
 */
export function renderDeliveries(lang: Lang, items: readonly DeliveredBriefing[]): SafeHtml {
  const en = lang === 'en';
  if (items.length === 0)
    return emptyState(en ? 'No briefing has been sent to your unit.' : 'Chưa có báo cáo nào gửi đến đơn vị.');
  return html`<ul class="delivered">
    ${items.map(
      (d) =>
        html`<li class="${d.readAt ? 'read' : 'unread'}">
          <a href="/briefings/${encodeURIComponent(d.briefingId)}">${d.subject}</a>
          <span class="muted"
            >${formatDate(d.deliveredAt, true)}${d.readAt ? '' : html` · <strong>${en ? 'unread' : 'chưa đọc'}</strong>`}</span
          >
        </li>`,
    )}
  </ul>`;
}
