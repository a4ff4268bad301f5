/**
 * Báo cáo / briefings: the briefings the user may see (each viewable as issued, and as DOCX), a button that makes
 * one in the background, what was delivered to the user's unit, and (admins) the units subscribed to them.
 *
 * Who may read: every role of the menu entry (unit officers included), each seeing the briefings the access
 * layer lets them see. Who may make one: admins, analysts and leaders, for a scope they may read themselves (the
 * whole province for users who see it; otherwise their own unit or agency), at their own clearance, so that
 * they can always open what they made. Every request is audit-logged, and so is its outcome.
 */
import { Router, type Request } from 'express';
import { DOCX_TYPE } from '../../analytics/briefings/deliver-briefing.ts';
import { markBriefingRead } from '../../analytics/briefings/delivered-briefings.ts';
import { findBriefingUnit } from '../../analytics/briefings/briefing-unit.ts';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { getBriefing, listBriefings, type StoredBriefing } from '../../analytics/briefings/store-briefing.ts';
import {
  addedBy,
  deleteSubscription,
  isBriefingPeriod,
  isSubscriptionPeriod,
  listSubscriptions,
  saveSubscription,
  subscriptionJson,
  type Subscription,
} from '../../analytics/briefings/subscriptions.ts';
import { canSee } from '../../data/access.ts';
import { appendAudit } from '../../data/audit.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { toLocalIso } from '../../data/time.ts';
import type { Role, User } from '../../data/users.ts';
import { currentScope, currentUser, requireRole } from '../auth/middleware.ts';
import { deliveriesForUser, deliveryJson, renderDeliveries } from '../briefing-deliveries.ts';
import type { WebContext } from '../context.ts';
import {
  classificationBadge,
  classificationLabel,
  emptyState,
  html,
  rolesFor,
  type SafeHtml,
} from '../html.ts';
import { formatDate, isLang, t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import {
  auditView,
  dateInput,
  dayParam,
  inScope,
  langOf,
  param,
  sendPage,
  tableExists,
} from '../route-helpers.ts';
import { sendSelfContained } from '../self-contained-page.ts';
import { BriefingQueue, type BriefingRequest, type Generation } from './briefing-queue.ts';

const PROVINCE = 'tinh';
const DAY_MS = 86_400_000;
/** Roles that may ask for a briefing; the others may only read the ones they are allowed to see. */
const MAKERS: readonly Role[] = ['admin', 'analyst', 'leader'];

type Pair = readonly [vi: string, en: string];
const TEXT = {
  period: ['Kỳ báo cáo', 'Period'],
  week: ['Tuần', 'Week'],
  month: ['Tháng', 'Month'],
  year: ['Năm (báo cáo kết quả thực hiện quy chế)', 'Year (with how the regulation was carried out)'],
  firstDay: ['Từ ngày (trống: kỳ gần nhất đã kết thúc)', 'First day (empty: the last complete period)'],
  scope: ['Phạm vi', 'Scope'],
  language: ['Ngôn ngữ', 'Language'],
  generate: ['Lập báo cáo', 'Make briefing'],
  madeAt: ['Lập lúc', 'Made'],
  madeBy: ['Người lập', 'Made by'],
  scheduled: ['theo lịch', 'scheduled'],
  view: ['Xem', 'View'],
  requested: ['Yêu cầu lúc', 'Requested'],
  queued: ['đang chờ', 'queued'],
  running: ['đang lập', 'running'],
  done: ['xong', 'done'],
  failed: ['lỗi', 'failed'],
  own: ['Báo cáo được lập ở mức mật không quá mức của bạn', 'Made with records up to your clearance'],
  unit: ['Đơn vị', 'Unit'],
  clearance: ['Mức mật được nhận', 'Clearance'],
  email: [
    'Thư điện tử (trống: địa chỉ đã đăng ký của đơn vị)',
    'E-mail (empty: the unit’s registered address)',
  ],
  subscribe: ['Thêm / cập nhật', 'Add / update'],
  remove: ['Bỏ', 'Remove'],
  addedBy: ['Thêm bởi', 'Added by'],
  configNote: [
    'Đăng ký khai báo trong tệp cấu hình (briefings.subscriptions) được nạp lại mỗi lần khởi động; dòng lệnh: dlxh admin subscribe | unsubscribe | subscriptions.',
    'Subscriptions declared in the config file (briefings.subscriptions) are loaded again at every start; command line: dlxh admin subscribe | unsubscribe | subscriptions.',
  ],
  manage: ['Quản lý đơn vị nhận báo cáo định kỳ', 'Manage the units receiving periodic briefings'],
  subscriptionsNote: [
    'Sau mỗi báo cáo theo lịch hoặc theo yêu cầu, đơn vị nhận báo cáo về địa bàn của mình, lập ở mức mật của đơn vị: một mục trong hộp thư và (báo cáo Thường) một thư điện tử kèm HTML và DOCX.',
    'After each scheduled or on-demand briefing, a unit receives the briefing of its area made at its clearance: an inbox entry and (unclassified briefings) an e-mail with the HTML and the DOCX.',
  ],
} satisfies Record<string, Pair>;

function tx(lang: Lang, pair: Pair): string {
  return pair[lang === 'en' ? 1 : 0];
}

interface UnitOption {
  uid: string;
  name: string;
  agency: boolean;
}

function periodLabel(lang: Lang, b: Pick<StoredBriefing, 'period' | 'period_from' | 'period_to'>): string {
  const first = new Date(b.period_from);
  const last = new Date(new Date(b.period_to).getTime() - DAY_MS);
  if (b.period === 'month' && first.getTime() + 32 * DAY_MS > last.getTime()) {
    return `${tx(lang, TEXT.month)} ${formatDate(first).slice(3)}`;
  }
  if (b.period === 'year' && formatDate(first).startsWith('01/01') && formatDate(last).startsWith('31/12')) {
    return `${tx(lang, ['Năm', 'Year'])} ${formatDate(first).slice(6)}`;
  }
  return `${tx(lang, TEXT[b.period])} ${formatDate(first)} – ${formatDate(last)}`;
}

function generationJson(g: Generation) {
  return {
    status: g.status,
    period: g.period,
    from: g.from,
    unit_uid: g.unitUid,
    unit_name: g.unitName,
    lang: g.lang,
    max_classification: g.maxClassification,
    requested_by: g.username,
    requested_at: toLocalIso(g.requestedAt),
    finished_at: g.finishedAt ? toLocalIso(g.finishedAt) : null,
    briefing_id: g.briefingId,
    error: g.error,
  };
}

export function briefingRoutes(ctx: WebContext): Router {
  const router = Router();
  const readers = requireRole(...rolesFor('/briefings'));
  const makers = requireRole(...MAKERS);
  const admin = requireRole('admin');

  const queue = new BriefingQueue(async (request) => {
    const audit = (action: string, details: Record<string, unknown>) =>
      appendAudit(ctx.db, { actor: request.username, action, object: null, details }, ctx.now());
    try {
      const { briefing, deliveries } = await issueBriefing(ctx.db, {
        period: request.period,
        from: request.from,
        unitUid: request.unitUid,
        lang: request.lang,
        maxClassification: request.maxClassification,
        now: ctx.now(),
        logger: ctx.logger,
        createdBy: request.userId,
      });
      await audit('briefing.generated', {
        briefing: briefing.id,
        classification: briefing.classification,
        delivered_to: deliveries.map((d) => d.recipient),
      });
      return briefing.id;
    } catch (error) {
      await audit('briefing.failed', { period: request.period, unit: request.unitUid, error: String(error) });
      throw error;
    }
  }, ctx.now);

  const units = async (): Promise<UnitOption[]> =>
    ctx.db.all<UnitOption>(
      `SELECT uid, name, false AS agency FROM units WHERE valid_to IS NULL
       UNION ALL SELECT uid, name, true AS agency FROM agencies
       ORDER BY agency, name, uid`,
    );

  const readBriefings = (req: Request) =>
    inScope(ctx, req, async (scoped) =>
      (await tableExists(scoped.db, 'briefings')) && scoped.tables.includes('briefings')
        ? listBriefings(scoped.db, { limit: 200 })
        : [],
    );

  const readBriefing = async (req: Request, id: string) => {
    const found = await inScope(ctx, req, async (scoped) =>
      scoped.tables.includes('briefings') ? getBriefing(scoped.db, id) : null,
    );
    if (!found) throw new DlxhError('NOT_FOUND', `briefing ${id}: not found`);
    await auditView(ctx, req, 'briefing', id, found.classification);
    return found;
  };

  /** Opening a briefing delivered to the user's unit marks the delivery read. */
  const openBriefing = async (req: Request, id: string) => {
    const found = await readBriefing(req, id);
    await markBriefingRead(ctx.db, currentUser(req).unit_uid, found.id, ctx.now());
    return found;
  };

  const visibleGenerations = (user: User): Generation[] =>
    queue.list().filter((g) => user.role === 'admin' || user.role === 'analyst' || g.userId === user.id);

  /** A request from the form or JSON body, refused unless the user may read a briefing of that scope. */
  const requestFrom = async (req: Request): Promise<BriefingRequest> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = currentUser(req);
    const scope = await currentScope(ctx, req);
    const period = param(body, 'period');
    if (!isBriefingPeriod(period))
      throw inputError('period', null, `invalid period "${period ?? ''}" (week, month or year)`);
    const from = dayParam(body, 'from') ?? null;
    const lang = param(body, 'lang') ?? langOf(req);
    if (!isLang(lang)) throw inputError('lang', null, `invalid language "${lang}" (vi or en)`);
    const wanted = param(body, 'unit');
    const unit =
      wanted && wanted !== PROVINCE ? await findBriefingUnit(ctx.db, wanted, { input: 'unit' }) : null;
    const allowed = unit
      ? canSee(scope, { classification: 0, locality_uid: unit.uid, madeFor: unit.uid })
      : scope.province;
    if (!allowed) {
      throw new DlxhError(
        'FORBIDDEN',
        `unit: not allowed to make a briefing for ${unit?.uid ?? 'the whole province'}`,
      );
    }
    return {
      period,
      from,
      unitUid: unit?.uid ?? null,
      unitName: unit?.name ?? t(lang, 'common.province'),
      lang,
      maxClassification: scope.clearance,
      userId: user.id,
      username: user.username,
    };
  };

  const generate = async (req: Request): Promise<Generation> => {
    const request = await requestFrom(req);
    const item = queue.submit(request);
    await ctx.audit(req, 'briefing.generate', `briefing:${request.period}:${request.unitUid ?? PROVINCE}`, {
      from: request.from,
      lang: request.lang,
      max_classification: request.maxClassification,
    });
    return item;
  };

  const subscribe = async (req: Request): Promise<Subscription> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const saved = await saveSubscription(
      ctx.db,
      {
        unit: param(body, 'unit') ?? '',
        period: param(body, 'period') ?? '',
        clearance: param(body, 'clearance'),
        email: param(body, 'email'),
      },
      { now: ctx.now(), by: currentUser(req).username },
    );
    await ctx.audit(req, 'briefing.subscribe', `unit:${saved.unitUid}`, {
      period: saved.period,
      clearance: saved.clearance,
      email: saved.email,
    });
    return saved;
  };

  const unsubscribe = async (req: Request): Promise<boolean> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const unit = param(body, 'unit') ?? '';
    const period = param(body, 'period');
    if (!isSubscriptionPeriod(period))
      throw inputError('period', null, `invalid period "${period ?? ''}" (week or month)`);
    const removed = await deleteSubscription(ctx.db, unit, period);
    if (removed) await ctx.audit(req, 'briefing.unsubscribe', `unit:${unit}`, { period });
    return removed;
  };

  const renderPage = async (req: Request): Promise<SafeHtml> => {
    const lang = langOf(req);
    const user = currentUser(req);
    const scope = await currentScope(ctx, req);
    const csrf = requestState(req).session?.csrf ?? '';
    const [rows, options, delivered] = await Promise.all([
      readBriefings(req),
      units(),
      deliveriesForUser(ctx, req),
    ]);
    const names = new Map(options.map((u) => [u.uid, u.name]));
    const makers = new Map(
      (await ctx.db.all<{ id: string; username: string }>('SELECT id, username FROM users')).map((u) => [
        u.id,
        u.username,
      ]),
    );
    const choices = scope.province
      ? options
      : options.filter((u) => canSee(scope, { classification: 0, locality_uid: u.uid, madeFor: u.uid }));
    const own = !scope.province && user.unit_uid ? choices.find((u) => u.uid === user.unit_uid) : undefined;
    const generations = visibleGenerations(user);
    const pending = generations.some((g) => g.status === 'queued' || g.status === 'running');
    const scopeName = (uid: string | null) => (uid ? (names.get(uid) ?? uid) : t(lang, 'common.province'));
    const unitSelect = (name: string, list: UnitOption[], withProvince: boolean, selected?: string) =>
      html`<select name="${name}">
        ${withProvince ? html`<option value="${PROVINCE}">${t(lang, 'common.province')}</option>` : ''}
        ${list.map(
          (u) =>
            html`<option value="${u.uid}" ${u.uid === selected ? html`selected` : ''}>
              ${u.name}${u.agency ? '' : ` (${u.uid})`}
            </option>`,
        )}
      </select>`;
    const mayMake = MAKERS.includes(user.role);
    const form =
      mayMake && (scope.province || choices.length)
        ? html`<form method="post" action="/briefings/generate" class="filters" id="briefing-generate">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <label
                >${tx(lang, TEXT.period)}
                <select name="period">
                  <option value="week">${tx(lang, TEXT.week)}</option>
                  <option value="month">${tx(lang, TEXT.month)}</option>
                  <option value="year">${tx(lang, TEXT.year)}</option>
                </select></label
              >
              <label>${tx(lang, TEXT.firstDay)} ${dateInput('from', undefined)}</label>
              <label>${tx(lang, TEXT.scope)} ${unitSelect('unit', choices, scope.province, own?.uid)}</label>
              <label
                >${tx(lang, TEXT.language)}
                <select name="lang">
                  <option value="vi" ${lang === 'vi' ? html`selected` : ''}>Tiếng Việt</option>
                  <option value="en" ${lang === 'en' ? html`selected` : ''}>English</option>
                </select></label
              >
              <button type="submit">${tx(lang, TEXT.generate)}</button>
            </form>
            <p class="muted">${tx(lang, TEXT.own)} (${classificationLabel(lang, scope.clearance)}).</p>`
        : '';
    const queueTable = generations.length
      ? html`<table class="generations" data-pending="${pending ? '1' : '0'}">
          <thead>
            <tr>
              <th>${tx(lang, TEXT.requested)}</th>
              <th>${tx(lang, TEXT.madeBy)}</th>
              <th>${tx(lang, TEXT.period)}</th>
              <th>${tx(lang, TEXT.scope)}</th>
              <th>${t(lang, 'common.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${generations.map(
              (g) =>
                html`<tr class="generation-${g.status}">
                  <td>${formatDate(g.requestedAt, true)}</td>
                  <td>${g.username}</td>
                  <td>
                    ${tx(lang, TEXT[g.period])}${g.from ? ` ${formatDate(new Date(`${g.from}T00:00:00+07:00`))}` : ''}
                  </td>
                  <td>${g.unitName}</td>
                  <td>
                    ${tx(lang, TEXT[g.status])}
                    ${
                      g.briefingId
                        ? html` ·
                            <a href="/briefings/${encodeURIComponent(g.briefingId)}"
                              >${tx(lang, TEXT.view)}</a
                            >`
                        : ''
                    }
                    ${g.error ? html` · <span class="error">${g.error}</span>` : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : '';
    const list = rows.length
      ? html`<table class="briefings">
          <thead>
            <tr>
              <th>${tx(lang, TEXT.period)}</th>
              <th>${tx(lang, TEXT.scope)}</th>
              <th>${t(lang, 'common.classification')}</th>
              <th>${tx(lang, TEXT.madeAt)}</th>
              <th>${tx(lang, TEXT.madeBy)}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (b) =>
                html`<tr>
                  <td>
                    <a href="/briefings/${encodeURIComponent(b.id)}">${periodLabel(lang, b)}</a>
                    <span class="muted">${b.lang.toUpperCase()}</span>
                  </td>
                  <td>${scopeName(b.unit_uid)}</td>
                  <td>${classificationBadge(lang, b.classification)}</td>
                  <td>${formatDate(new Date(b.created_at), true)}</td>
                  <td>
                    ${b.created_by ? (makers.get(b.created_by) ?? b.created_by) : tx(lang, TEXT.scheduled)}
                  </td>
                  <td>
                    <a href="/briefings/${encodeURIComponent(b.id)}">HTML</a> ·
                    <a href="/briefings/${encodeURIComponent(b.id)}/docx">DOCX</a>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : emptyState(`${t(lang, 'common.none')}.`);
    const subscriptions =
      user.role === 'admin'
        ? html`<h2>${t(lang, 'briefings.subscriptions')}</h2>
            <p><a href="/briefings/subscriptions">${tx(lang, TEXT.manage)}</a></p>`
        : '';
    return html`<h1>${t(lang, 'briefings.title')}</h1>
      ${
        mayMake
          ? html`<h2>${t(lang, 'briefings.generate')}</h2>
              ${form} ${queueTable}`
          : ''
      }
      <h2>${t(lang, 'briefings.delivered')}</h2>
      ${renderDeliveries(lang, delivered)}
      <h2>${t(lang, 'briefings.list')}</h2>
      ${list} ${subscriptions}`;
  };

  const renderSubscriptions = async (req: Request, notice?: string): Promise<SafeHtml> => {
    const lang = langOf(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const [subs, options] = await Promise.all([listSubscriptions(ctx.db), units()]);
    return html`<h1>${t(lang, 'briefings.subscriptions')}</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <p class="muted">${tx(lang, TEXT.subscriptionsNote)}</p>
      <p class="muted">${tx(lang, TEXT.configNote)}</p>
      ${
        subs.length
          ? html`<table class="subscriptions">
              <thead>
                <tr>
                  <th>${tx(lang, TEXT.unit)}</th>
                  <th>${tx(lang, TEXT.period)}</th>
                  <th>${tx(lang, TEXT.clearance)}</th>
                  <th>E-mail</th>
                  <th>${tx(lang, TEXT.addedBy)}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${subs.map(
                  (s) =>
                    html`<tr>
                      <td>${s.unitName} <span class="muted">${s.unitUid}</span></td>
                      <td>${tx(lang, TEXT[s.period])}</td>
                      <td>${classificationLabel(lang, s.clearance)}</td>
                      <td>${s.email ?? '—'}</td>
                      <td>
                        ${addedBy(s, lang)}
                        <span class="muted">${formatDate(s.createdAt)}</span>
                      </td>
                      <td>
                        <form method="post" action="/briefings/subscriptions/delete" class="inline">
                          <input type="hidden" name="_csrf" value="${csrf}" />
                          <input type="hidden" name="unit" value="${s.unitUid}" />
                          <input type="hidden" name="period" value="${s.period}" />
                          <button type="submit" class="secondary">${tx(lang, TEXT.remove)}</button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : emptyState(`${t(lang, 'common.none')}.`)
      }
      <form method="post" action="/briefings/subscriptions" class="grid-form">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label
          >${tx(lang, TEXT.unit)}
          <select name="unit">
            ${options.map((u) => html`<option value="${u.uid}">${u.name}${u.agency ? '' : ` (${u.uid})`}</option>`)}
          </select></label
        >
        <label
          >${tx(lang, TEXT.period)}
          <select name="period">
            <option value="week">${tx(lang, TEXT.week)}</option>
            <option value="month">${tx(lang, TEXT.month)}</option>
          </select></label
        >
        <label
          >${tx(lang, TEXT.clearance)}
          <select name="clearance">
            ${[0, 1, 2, 3].map((level) => html`<option value="${level}">${classificationLabel(lang, level)}</option>`)}
          </select></label
        >
        <label>${tx(lang, TEXT.email)} <input type="email" name="email" /></label>
        <button type="submit">${tx(lang, TEXT.subscribe)}</button>
      </form>`;
  };

  type Response = Parameters<typeof sendPage>[1];
  const sendSubscriptionsPage = async (req: Request, res: Response, notice?: string) => {
    sendPage(req, res, t(langOf(req), 'briefings.subscriptions'), await renderSubscriptions(req, notice));
  };

  router.get('/api/briefings', readers, async (req, res) => {
    const user = currentUser(req);
    res.json({
      briefings: await readBriefings(req),
      generations: visibleGenerations(user).map(generationJson),
    });
  });

  router.get('/briefings', readers, async (req, res) => {
    sendPage(req, res, t(langOf(req), 'briefings.title'), await renderPage(req), {
      scripts: ['/static/js/briefings.js'],
    });
  });

  router.get('/api/briefings/delivered', readers, async (req, res) => {
    res.json({ delivered: (await deliveriesForUser(ctx, req)).map(deliveryJson) });
  });

  router.post('/api/briefings/generate', makers, async (req, res) => {
    res.status(202).json({ generation: generationJson(await generate(req)) });
  });

  router.post('/briefings/generate', makers, async (req, res) => {
    await generate(req);
    res.redirect(303, '/briefings');
  });

  router.get('/api/briefings/subscriptions', admin, async (_req, res) => {
    res.json({ subscriptions: (await listSubscriptions(ctx.db)).map(subscriptionJson) });
  });

  router.post('/api/briefings/subscriptions', admin, async (req, res) => {
    res.status(201).json({ subscription: subscriptionJson(await subscribe(req)) });
  });

  router.post('/api/briefings/subscriptions/delete', admin, async (req, res) => {
    res.json({ removed: await unsubscribe(req) });
  });

  router.get('/briefings/subscriptions', admin, async (req, res) => {
    await sendSubscriptionsPage(req, res);
  });

  router.post('/briefings/subscriptions', admin, async (req, res) => {
    const saved = await subscribe(req);
    await sendSubscriptionsPage(req, res, `✓ ${saved.unitName}: ${tx(langOf(req), TEXT[saved.period])}`);
  });

  router.post('/briefings/subscriptions/delete', admin, async (req, res) => {
    await unsubscribe(req);
    res.redirect(303, '/briefings/subscriptions');
  });

  router.get('/api/briefings/:id', readers, async (req, res) => {
    const found = await readBriefing(req, String(req.params.id));
    const stored = { ...found, html: undefined, docx: undefined, briefing: undefined };
    res.json({ briefing: stored, model: found.briefing });
  });

  router.get('/briefings/:id/docx', readers, async (req, res) => {
    const found = await openBriefing(req, String(req.params.id));
    if (!found.docx) throw new DlxhError('NOT_FOUND', `briefing ${found.id}: no DOCX stored`);
    res.type(DOCX_TYPE).attachment(`${found.id}.docx`).send(found.docx);
  });

  router.get('/briefings/:id', readers, async (req, res) => {
    const found = await openBriefing(req, String(req.params.id));
    sendSelfContained(res, found.html);
  });

  return router;
}
