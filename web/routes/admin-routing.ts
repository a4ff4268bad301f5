/** Quy tắc điều phối / routing rules (admin): the rules the pipeline routes by, where they come from, and their edits. */
import { Router, type Request, type Response } from 'express';
import {
  editRoutingRules,
  parseRoutingRule,
  parseRoutingRuleList,
  type RoutingChange,
  type RoutingEdit,
} from '../../analytics/alerts/routing-edits.ts';
import {
  BOARD_OFFICE,
  PARENT_PLACEHOLDER,
  UNIT_PLACEHOLDER,
  routingRuleToConfig,
  routingRulesInForce,
  type RoutingRule,
  type RoutingRulesSource,
} from '../../analytics/alerts/routing.ts';
import { SEVERITIES } from '../../analytics/hotspots/types.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { href, html, type SafeHtml } from '../html.ts';
import { t, type Lang } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { langOf, param, params, sendPage, topicCheckboxes } from '../route-helpers.ts';

interface Named {
  id: string;
  name: string;
}

interface RoutingView {
  source: RoutingRulesSource;
  rules: RoutingRule[];
  topics: (Named & { sensitive: boolean })[];
  topicNames: Map<string, string>;
  /** Every unit of the gazetteer (any era) by uid, for the names of the rules' units. */
  unitNames: Map<string, string>;
  /** The units of today, for the form. */
  currentUnits: Named[];
}

const PAGE = '/admin/routing-rules';

function byPriority(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
}

function recipientLabel(lang: Lang, name: string): string {
  if (name === UNIT_PLACEHOLDER) return t(lang, 'routing.unitCommittee');
  if (name === PARENT_PLACEHOLDER) return t(lang, 'routing.parentCommittee');
  return name;
}

/** A rule from the page's form; the number field is read here, the rest is left to the rule's schema. */
function ruleFromForm(body: Record<string, unknown>): unknown {
  const id = param(body, 'id') ?? '';
  const priority = param(body, 'priority');
  if (priority !== undefined && !/^-?\d{1,9}$/.test(priority))
    throw inputError(`routing rule "${id}"`, null, `priority: invalid number "${priority}"`);
  return {
    id,
    priority: priority === undefined ? undefined : Number(priority),
    topics: params(body, 'topics'),
    unit_uid: param(body, 'unit_uid') ?? null,
    min_severity: param(body, 'min_severity') ?? null,
    recipients: String(param(body, 'recipients') ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    escalate: body.escalate === '1',
    notify: body.notify === '1',
  };
}

export function adminRoutingRoutes(ctx: WebContext): Router {
  const router = Router();
  const admin = requireRole('admin');

  const view = async (lang: Lang): Promise<RoutingView> => {
    const inForce = await routingRulesInForce(ctx.db, ctx.routingRules);
    const topics = await ctx.db.all<Named & { sensitive: boolean }>(
      `SELECT id, ${lang === 'en' ? 'name_en' : 'name_vi'} AS name, sensitive FROM topics ORDER BY id`,
    );
    const units = await ctx.db.all<{ uid: string; name: string; current: boolean }>(
      'SELECT uid, name, valid_to IS NULL AS current FROM units ORDER BY level, name, uid',
    );
    return {
      source: inForce.source,
      rules: byPriority(inForce.rules),
      topics,
      topicNames: new Map(topics.map((tp) => [tp.id, tp.name])),
      unitNames: new Map(units.map((u) => [u.uid, u.name])),
      currentUnits: units.filter((u) => u.current).map((u) => ({ id: u.uid, name: u.name })),
    };
  };

  const viewJson = (v: RoutingView) => ({
    source: v.source,
    editable: v.source !== 'config',
    board_office: BOARD_OFFICE,
    placeholders: { [UNIT_PLACEHOLDER]: 'unit_committee', [PARENT_PLACEHOLDER]: 'parent_committee' },
    severities: SEVERITIES,
    sensitive_topics: v.topics.filter((tp) => tp.sensitive).map(({ id, name }) => ({ id, name })),
    rules: v.rules.map((r) => ({
      ...routingRuleToConfig(r),
      topic_names: r.topics.map((id) => v.topicNames.get(id) ?? id),
      unit_name: r.unitUid === null ? null : (v.unitNames.get(r.unitUid) ?? r.unitUid),
    })),
  });

  const ruleForm = (lang: Lang, csrf: string, v: RoutingView, rule?: RoutingRule): SafeHtml => {
    const units =
      rule?.unitUid && !v.currentUnits.some((u) => u.id === rule.unitUid)
        ? [{ id: rule.unitUid, name: v.unitNames.get(rule.unitUid) ?? rule.unitUid }, ...v.currentUnits]
        : v.currentUnits;
    return html`<form method="post" action="${PAGE}" class="grid-form routing-form">
      <input type="hidden" name="_csrf" value="${csrf}" />
      ${rule ? html`<input type="hidden" name="replaces" value="${rule.id}" />` : ''}
      <label
        >${t(lang, 'routing.id')}
        <input name="id" required maxlength="64" pattern="[a-z0-9][a-z0-9._\\-]*" value="${rule?.id ?? ''}"
      /></label>
      <label
        >${t(lang, 'routing.priority')}
        <input name="priority" type="number" step="1" value="${rule?.priority ?? 100}"
      /></label>
      <label
        >${t(lang, 'routing.locality')}
        <select name="unit_uid">
          <option value="">${t(lang, 'routing.anywhere')}</option>
          ${units.map((u) => html`<option value="${u.id}" ${rule?.unitUid === u.id ? html`selected` : ''}>${u.name}</option>`)}
        </select></label
      >
      <label
        >${t(lang, 'routing.minSeverity')}
        <select name="min_severity">
          <option value="">${t(lang, 'routing.anySeverity')}</option>
          ${SEVERITIES.map((s) => html`<option value="${s}" ${rule?.minSeverity === s ? html`selected` : ''}>${s}</option>`)}
        </select></label
      >
      <label class="wide"
        >${t(lang, 'routing.recipients')}
        <textarea name="recipients" rows="3">${rule?.recipients.join('\n') ?? UNIT_PLACEHOLDER}</textarea>
        <small>${t(lang, 'routing.recipientsHelp')}</small></label
      >
      <div>
        <label class="check"
          ><input type="checkbox" name="escalate" value="1" ${rule?.escalate ? html`checked` : ''} />
          ${t(lang, 'routing.escalate')}</label
        >
        <label class="check"
          ><input type="checkbox" name="notify" value="1" ${rule?.notify ? html`checked` : ''} />
          ${t(lang, 'routing.notify')}</label
        >
      </div>
      <fieldset>
        <legend>${t(lang, 'routing.topics')}</legend>
        ${topicCheckboxes(v.topics, rule?.topics ?? [])}
      </fieldset>
      <button type="submit">${t(lang, 'common.save')}</button>
    </form>`;
  };

  const rulesTable = (lang: Lang, csrf: string, v: RoutingView, editable: boolean): SafeHtml =>
    html`<table class="routing-rules">
      <thead>
        <tr>
          <th>${t(lang, 'routing.priority')}</th>
          <th>${t(lang, 'routing.id')}</th>
          <th>${t(lang, 'common.topic')}</th>
          <th>${t(lang, 'routing.locality')}</th>
          <th>${t(lang, 'routing.minSeverity')}</th>
          <th>${t(lang, 'routing.recipients')}</th>
          <th>${t(lang, 'routing.escalate')}</th>
          <th>${t(lang, 'routing.notify')}</th>
          ${editable ? html`<th></th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${v.rules.map(
          (r) =>
            html`<tr data-rule="${r.id}">
              <td>${r.priority}</td>
              <td><code>${r.id}</code></td>
              <td>
                ${r.topics.length ? r.topics.map((id) => v.topicNames.get(id) ?? id).join(', ') : t(lang, 'routing.anyTopic')}
              </td>
              <td>
                ${r.unitUid === null ? t(lang, 'routing.anywhere') : html`${v.unitNames.get(r.unitUid) ?? r.unitUid} <span class="muted">${r.unitUid}</span>`}
              </td>
              <td>${r.minSeverity ?? t(lang, 'routing.anySeverity')}</td>
              <td>${r.recipients.map((name) => recipientLabel(lang, name)).join('; ') || '—'}</td>
              <td>${r.escalate ? '✓' : '—'}</td>
              <td>${r.notify ? '✓' : '—'}</td>
              ${
                editable
                  ? html`<td class="actions-cell">
                      <a href="${href(PAGE, { edit: r.id })}#edit">${t(lang, 'routing.edit')}</a>
                      <form method="post" action="${PAGE}/delete" class="inline">
                        <input type="hidden" name="_csrf" value="${csrf}" />
                        <input type="hidden" name="id" value="${r.id}" />
                        <button type="submit" class="secondary">${t(lang, 'routing.delete')}</button>
                      </form>
                    </td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>`;

  const render = async (req: Request, notice?: string): Promise<SafeHtml> => {
    const lang = langOf(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const v = await view(lang);
    const editable = v.source !== 'config';
    const sensitive = v.topics.filter((tp) => tp.sensitive).map((tp) => tp.name);
    const thresholds = v.rules.filter((r) => r.minSeverity !== null);
    const editId = param(req.query as Record<string, unknown>, 'edit');
    const editing = v.rules.find((r) => r.id === editId);
    return html`<h1>${t(lang, 'routing.title')}</h1>
      <p><a href="/admin">← ${t(lang, 'nav.admin')}</a></p>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <p>${t(lang, 'routing.intro')}</p>
      <p>
        <strong>${t(lang, 'routing.source')}:</strong>
        <span class="routing-source" data-source="${v.source}">${t(lang, `routing.source.${v.source}`)}</span>
      </p>
      ${v.source === 'config' ? html`<p class="warn" role="note">${t(lang, 'routing.configWins')}</p>` : ''}
      ${v.source === 'defaults' ? html`<p class="muted">${t(lang, 'routing.defaultsNote')}</p>` : ''}
      ${editable ? html`<p class="muted">${t(lang, 'routing.nextRun')}</p>` : ''}
      ${rulesTable(lang, csrf, v, editable)}
      ${v.rules.some((r) => r.id === 'fallback') ? html`<p class="muted">${t(lang, 'routing.fallback')}</p>` : ''}
      <h2>${t(lang, 'routing.escalation')}</h2>
      <p>${t(lang, 'routing.escalationText', { office: BOARD_OFFICE })}</p>
      <dl class="routing-escalation">
        <dt>${t(lang, 'routing.sensitive')}</dt>
        <dd>${sensitive.join(', ') || '—'}</dd>
        <dt>${t(lang, 'routing.thresholds')}</dt>
        <dd>
          ${thresholds.map((r) => `${r.id}: ≥ ${r.minSeverity}${r.escalate ? ` → ${t(lang, 'routing.escalate').toLowerCase()}` : ''}`).join('; ') || '—'}
        </dd>
      </dl>
      ${
        editable
          ? html`${
              editing
                ? html`<h2 id="edit">${t(lang, 'routing.editing', { id: editing.id })}</h2>
                    ${ruleForm(lang, csrf, v, editing)}
                    <p><a href="${PAGE}">${t(lang, 'routing.cancel')}</a></p>`
                : html`<h2 id="edit">${t(lang, 'routing.add')}</h2>
                    ${ruleForm(lang, csrf, v)}`
            }
            ${
              v.source === 'database'
                ? html`<h2>${t(lang, 'routing.restore')}</h2>
                    <form method="post" action="${PAGE}/restore-defaults" class="grid-form">
                      <input type="hidden" name="_csrf" value="${csrf}" />
                      <label class="check"
                        ><input type="checkbox" name="confirm" value="1" required />
                        ${t(lang, 'routing.restoreConfirm')}</label
                      >
                      <button type="submit" class="secondary">${t(lang, 'routing.restore')}</button>
                    </form>`
                : ''
            }`
          : ''
      }`;
  };

  /** Apply an edit and write it to the audit log with the rules before and after. */
  const edit = async (req: Request, change: RoutingEdit): Promise<RoutingChange> => {
    const done = await editRoutingRules(ctx.db, ctx.routingRules, change);
    const single = (rules: readonly RoutingRule[], id: string | undefined) => {
      const found = rules.find((r) => r.id === id);
      return found ? routingRuleToConfig(found) : null;
    };
    const all = (rules: readonly RoutingRule[]) => rules.map(routingRuleToConfig);
    const oldId = change.kind === 'replace' || change.kind === 'delete' ? change.id : undefined;
    const newId = change.kind === 'add' || change.kind === 'replace' ? change.rule.id : undefined;
    const whole = change.kind === 'replace-all' || change.kind === 'restore-defaults';
    await ctx.audit(
      req,
      `admin.routing_rules.${change.kind.replace('-', '_')}`,
      whole ? 'routing_rules' : `routing_rule:${newId ?? oldId}`,
      {
        source_before: done.source,
        before: whole ? all(done.before) : single(done.before, oldId),
        after: whole ? all(done.after) : single(done.after, newId),
      },
    );
    return done;
  };

  const saveFrom = (req: Request, raw: unknown, replaces: string | undefined) => {
    const rule = parseRoutingRule(raw);
    return edit(req, replaces ? { kind: 'replace', id: replaces, rule } : { kind: 'add', rule });
  };

  const requiredId = (body: Record<string, unknown>): string => {
    const id = param(body, 'id');
    if (!id) throw inputError('routing rule', null, 'id: missing');
    return id;
  };

  const answer = async (req: Request, res: Response, status = 200) =>
    void res.status(status).json(viewJson(await view(langOf(req))));

  router.get('/api/admin/routing-rules', admin, async (req, res) => {
    res.json(viewJson(await view(langOf(req))));
  });
  router.post('/api/admin/routing-rules', admin, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (typeof body.rule !== 'object' || body.rule === null)
      throw inputError('rule', null, 'missing: send {"rule": {...}, "replaces"?: "id"}');
    const replaces = typeof body.replaces === 'string' && body.replaces !== '' ? body.replaces : undefined;
    await saveFrom(req, body.rule, replaces);
    await answer(req, res, replaces ? 200 : 201);
  });
  router.put('/api/admin/routing-rules', admin, async (req, res) => {
    const rules = parseRoutingRuleList((req.body as Record<string, unknown>).rules);
    await edit(req, { kind: 'replace-all', rules });
    await answer(req, res);
  });
  router.post('/api/admin/routing-rules/delete', admin, async (req, res) => {
    await edit(req, { kind: 'delete', id: requiredId(req.body as Record<string, unknown>) });
    await answer(req, res);
  });
  router.post('/api/admin/routing-rules/restore-defaults', admin, async (req, res) => {
    await edit(req, { kind: 'restore-defaults' });
    await answer(req, res);
  });

  const sendRoutingPage = async (req: Request, res: Response, notice?: string) =>
    sendPage(req, res, t(langOf(req), 'routing.title'), await render(req, notice));

  router.get(PAGE, admin, async (req, res) => {
    await sendRoutingPage(req, res);
  });
  router.post(PAGE, admin, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const raw = ruleFromForm(body);
    await saveFrom(req, raw, param(body, 'replaces'));
    await sendRoutingPage(req, res, t(langOf(req), 'routing.saved', { id: (raw as { id: string }).id }));
  });
  router.post(`${PAGE}/delete`, admin, async (req, res) => {
    const id = requiredId(req.body as Record<string, unknown>);
    await edit(req, { kind: 'delete', id });
    await sendRoutingPage(req, res, t(langOf(req), 'routing.deleted', { id }));
  });
  router.post(`${PAGE}/restore-defaults`, admin, async (req, res) => {
    if (param(req.body as Record<string, unknown>, 'confirm') !== '1')
      throw new DlxhError('INPUT', 'confirm: tick the box to replace all rules with the defaults');
    await edit(req, { kind: 'restore-defaults' });
    await sendRoutingPage(req, res, t(langOf(req), 'routing.restored'));
  });

  return router;
}
