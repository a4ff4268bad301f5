/**
 * Quản trị / admin: users (create, role, unit, clearance, disable, password), unit topic responsibilities, pseudonym
 * resolution, the retention rules for personal data (what is due, the last run, apply now), and links to the routing
 * rules and briefing subscriptions.
 */
import { Router, type Request, type Response } from 'express';
import { routingRulesInForce } from '../../analytics/alerts/routing.ts';
import { listSubscriptions } from '../../analytics/briefings/subscriptions.ts';
import { listAudit } from '../../data/audit.ts';
import { DlxhError, inputError } from '../../data/errors.ts';
import { resolvePseudonym } from '../../data/pseudonym.ts';
import {
  applyRetention,
  DEFAULT_RETENTION,
  RETENTION_RULES,
  type IdentityHolder,
  type RetentionReport,
  type RetentionRule,
  type RetentionRules,
} from '../../data/retention.ts';
import { formatDateVi } from '../../data/time.ts';
import {
  CLASSIFICATION_LABELS,
  ROLES,
  createUser,
  listUsers,
  unitExists,
  updateUser,
  type User,
  type UserChanges,
} from '../../data/users.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import type { WebContext } from '../context.ts';
import { classificationLabel, emptyState, html, type SafeHtml } from '../html.ts';
import { formatDate, formatNumber, roleLabel, t, type Lang, type MessageKey } from '../i18n.ts';
import { requestState } from '../request-state.ts';
import { langOf, param, params, sendPage, topicList, unitChoices } from '../route-helpers.ts';

interface UnitChoice {
  uid: string;
  name: string;
}

function clearanceField(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3)
    throw inputError('clearance', null, `invalid clearance "${String(value)}" (0–3)`);
  return n;
}

function userJson(u: User) {
  return { ...u, created_at: u.created_at.toISOString() };
}

function userForm(lang: Lang, csrf: string, units: UnitChoice[], user?: User): SafeHtml {
  const action = user ? `/admin/users/${encodeURIComponent(user.id)}` : '/admin/users';
  return html`<form method="post" action="${action}" class="grid-form">
    <input type="hidden" name="_csrf" value="${csrf}" />
    ${
      user
        ? html`<strong>${user.username}</strong>`
        : html`<label
            >${t(lang, 'auth.username')}
            <input name="username" required pattern="[a-z0-9][a-z0-9._\\-]{1,39}"
          /></label>`
    }
    <label
      >${t(lang, 'admin.displayName')} <input name="display_name" value="${user?.display_name ?? ''}"
    /></label>
    <label
      >${t(lang, 'admin.role')}
      <select name="role">
        ${ROLES.map((r) => html`<option value="${r}" ${user?.role === r ? html`selected` : ''}>${roleLabel(lang, r)}</option>`)}
      </select></label
    >
    <label
      >${t(lang, 'common.unit')}
      <select name="unit_uid">
        <option value="">—</option>
        ${units.map((u) => html`<option value="${u.uid}" ${user?.unit_uid === u.uid ? html`selected` : ''}>${u.name}</option>`)}
      </select></label
    >
    <label
      >${t(lang, 'common.classification')}
      <select name="clearance">
        ${CLASSIFICATION_LABELS.map(
          (_, i) =>
            html`<option value="${i}" ${user?.clearance === i ? html`selected` : ''}>
              ${classificationLabel(lang, i)}
            </option>`,
        )}
      </select></label
    >
    <label
      >${t(lang, 'auth.password')}
      <input
        name="password"
        type="password"
        autocomplete="new-password"
        ${user ? '' : html`required`}
        minlength="10"
    /></label>
    ${
      user
        ? html`<label
            ><input type="checkbox" name="disabled" value="1" ${user.disabled ? html`checked` : ''} />
            ${t(lang, 'admin.disable')}</label
          >`
        : ''
    }
    <button type="submit">${t(lang, 'common.save')}</button>
  </form>`;
}

/** What a retention rule removes, as `lang` names it. */
function retentionRuleName(lang: Lang, rule: RetentionRule): string {
  return t(lang, `retention.rule.${rule}`);
}

/** A count in words, singular or plural as English wants: `counted('en', 1, 'retention.day', …)` → `'1 day'`. */
function counted(
  lang: Lang,
  n: number,
  one: MessageKey,
  many: MessageKey,
  shown = formatNumber(lang, n),
): string {
  return t(lang, n === 1 ? one : many, { n: shown });
}

/** A rule's length as configured, in words: `12 tháng` / `12 months`, `30 ngày` / `30 days`, `giữ lâu dài`. */
function retentionLength(lang: Lang, rules: RetentionRules, rule: RetentionRule): string {
  const [value, one, many]: [number | null, MessageKey, MessageKey] =
    rule === 'login_failures'
      ? [rules.loginFailuresDays, 'retention.day', 'retention.days']
      : [
          rule === 'raw_items'
            ? rules.rawItemsMonths
            : rules.identityMonths[rule.slice('identity:'.length) as IdentityHolder],
          'retention.month',
          'retention.months',
        ];
  return value === null ? t(lang, 'retention.forever') : counted(lang, value, one, many, String(value));
}

/** `archiveFiles('vi', 2)` → `'2 tệp lưu trữ'`; `archiveFiles('en', 1)` → `'1 archive file'`. */
function archiveFiles(lang: Lang, n: number): string {
  return counted(lang, n, 'retention.file', 'retention.files');
}

/** The retention section: each rule, its length and cut-off, what is due now, the last scheduled or manual run. */
async function retentionSection(
  ctx: WebContext,
  lang: Lang,
  rules: RetentionRules,
  csrf: string,
): Promise<SafeHtml> {
  const count = (n: number) => formatNumber(lang, n);
  const due = await applyRetention(ctx.db, rules, { now: ctx.now(), actor: 'admin-page', dryRun: true });
  const scheduled = await ctx.db.one<{ finished_at: Date; status: string }>(
    `SELECT finished_at, status FROM job_runs
     WHERE job = 'internal:retention' AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
  );
  // Every run that removed something is audited, whoever ran it (the schedule, the CLI, this page).
  const [removal] = await listAudit(ctx.db, { action: 'retention.apply', limit: 1 });
  const removed = removal
    ? Object.values(
        (JSON.parse(removal.details ?? '{}') as { removed?: Record<string, number> }).removed ?? {},
      ).reduce((sum, n) => sum + n, 0)
    : 0;
  const dueCount = (rule: string) => due.items.find((i) => i.rule === rule);
  return html`<h2 id="retention">${t(lang, 'retention.title')}</h2>
    <p class="muted">
      ${t(lang, 'retention.introBefore')} <code>retention</code> ${t(lang, 'retention.introAfter')}
    </p>
    <table>
      <thead>
        <tr>
          <th>${t(lang, 'retention.data')}</th>
          <th>${t(lang, 'retention.length')}</th>
          <th>${t(lang, 'retention.cutoff')}</th>
          <th class="num">${t(lang, 'retention.due')}</th>
        </tr>
      </thead>
      <tbody>
        ${RETENTION_RULES.map((rule) => {
          const item = dueCount(rule);
          return html`<tr>
            <td>${retentionRuleName(lang, rule)}</td>
            <td>${retentionLength(lang, rules, rule)}</td>
            <td>${item ? formatDateVi(item.cutoff) : '—'}</td>
            <td class="num">
              ${item ? count(item.count) : '—'}${
                rule === 'raw_items' && due.archivedFiles.length
                  ? ` ${t(lang, 'retention.archived', {
                      rows: count(due.archivedRawItems),
                      files: archiveFiles(lang, due.archivedFiles.length),
                    })}`
                  : ''
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="muted">
      ${
        scheduled
          ? t(lang, 'retention.lastScheduled', { when: formatDateVi(scheduled.finished_at, true) }) +
            (scheduled.status === 'ok' ? '.' : ` (${scheduled.status}).`)
          : t(lang, 'retention.neverScheduled')
      }
      ${
        removal
          ? t(lang, 'retention.lastRemoval', {
              when: formatDateVi(removal.logged_at, true),
              actor: removal.actor,
              records: counted(lang, removed, 'retention.record', 'retention.records'),
            })
          : t(lang, 'retention.neverRemoved')
      }
    </p>
    <form method="post" action="/admin/retention">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <button type="submit">${t(lang, 'retention.apply')}</button>
    </form>`;
}

/** The bars an admin picks from for a topic's sensitivity (the detector's multiplier on its share of alpha). */
const SENSITIVITY_CHOICES = [0.5, 1, 2, 5, 10] as const;

/** A sensitivity as a multiplier, with the decimal comma in Vietnamese: `sensitivityText('vi', 0.3)` → `'× 0,3'`. */
function sensitivityText(lang: Lang, value: number): string {
  return `× ${lang === 'en' ? String(value) : String(value).replace('.', ',')}`;
}

/** Each topic's sensitivity for hot-spot detection, with a form per topic. */
async function sensitivitySection(ctx: WebContext, lang: Lang, csrf: string): Promise<SafeHtml> {
  const name = lang === 'en' ? 't.name_en' : 't.name_vi';
  const rows = await ctx.db.all<{ id: string; name: string; sensitive: boolean; sensitivity: number }>(
    `SELECT t.id, ${name} AS name, t.sensitive, coalesce(s.sensitivity, 1) AS sensitivity
     FROM topics t LEFT JOIN topic_settings s ON s.topic_id = t.id ORDER BY ${name}`,
  );
  return html`<h2 id="sensitivity">${t(lang, 'sensitivity.title')}</h2>
    <p class="muted">${t(lang, 'sensitivity.intro')}</p>
    <table>
      <thead>
        <tr>
          <th>${t(lang, 'common.topic')}</th>
          <th>${t(lang, 'sensitivity.sensitive')}</th>
          <th>${t(lang, 'sensitivity.sensitivity')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.name}</td>
              <td>${r.sensitive ? t(lang, 'sensitivity.yes') : ''}</td>
              <td>
                <form method="post" action="/admin/topic-sensitivity" class="inline-form">
                  <input type="hidden" name="_csrf" value="${csrf}" />
                  <input type="hidden" name="topic_id" value="${r.id}" />
                  <select name="sensitivity" aria-label="${t(lang, 'sensitivity.of', { topic: r.name })}">
                    ${[
                      ...SENSITIVITY_CHOICES.map((value) => ({
                        value,
                        label: t(lang, `sensitivity.choice.${value}`),
                      })),
                      ...((SENSITIVITY_CHOICES as readonly number[]).includes(r.sensitivity)
                        ? []
                        : [{ value: r.sensitivity, label: sensitivityText(lang, r.sensitivity) }]),
                    ].map(
                      (c) =>
                        html`<option
                          value="${String(c.value)}"
                          ${c.value === r.sensitivity ? html`selected` : ''}
                        >
                          ${c.label}
                        </option>`,
                    )}
                  </select>
                  <button type="submit">${t(lang, 'common.save')}</button>
                </form>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** A manual run's outcome in one line. */
function retentionNotice(lang: Lang, report: RetentionReport): string {
  const removed = report.items.filter((i) => i.count > 0);
  if (removed.length === 0 && report.archivedFiles.length === 0) return t(lang, 'retention.nothingDue');
  return t(lang, 'retention.removed', {
    items: [
      ...removed.map((i) => `${retentionRuleName(lang, i.rule)} ${formatNumber(lang, i.count)}`),
      ...(report.archivedFiles.length ? [archiveFiles(lang, report.archivedFiles.length)] : []),
    ].join('; '),
  });
}

export function adminRoutes(ctx: WebContext): Router {
  const router = Router();
  const admin = requireRole('admin');

  const retention = ctx.retention ?? DEFAULT_RETENTION;

  const renderAdmin = async (req: Request, message?: string) => {
    const lang = langOf(req);
    const csrf = requestState(req).session?.csrf ?? '';
    const users = await listUsers(ctx.db);
    const units = await unitChoices(ctx.reads, { agencies: true });
    const names = new Map(units.map((u) => [u.uid, u.name]));
    const responsibilities = await ctx.db.all<{ unit_uid: string; topics: string[] }>(
      'SELECT unit_uid, list(topic_id ORDER BY topic_id) AS topics FROM unit_topics GROUP BY unit_uid ORDER BY unit_uid',
    );
    const topics = await topicList(ctx.db, lang);
    const topicNames = new Map(topics.map((tp) => [tp.id, tp.name]));
    const subscriptions = await listSubscriptions(ctx.db);
    const routing = await routingRulesInForce(ctx.db, ctx.routingRules);
    return html`<h1>${t(lang, 'admin.title')}</h1>
      ${message ? html`<p class="notice" role="status">${message}</p>` : ''}
      <table>
        <thead>
          <tr>
            <th>${t(lang, 'auth.username')}</th>
            <th>${t(lang, 'admin.role')}</th>
            <th>${t(lang, 'common.unit')}</th>
            <th>${t(lang, 'common.classification')}</th>
            <th>${t(lang, 'common.status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${users.map(
            (u) =>
              html`<tr>
                <td>
                  ${u.username}
                  <div class="muted">${u.display_name}</div>
                </td>
                <td>${roleLabel(lang, u.role)}</td>
                <td>${u.unit_uid ? (names.get(u.unit_uid) ?? u.unit_uid) : '—'}</td>
                <td>${classificationLabel(lang, u.clearance)}</td>
                <td>
                  ${t(lang, u.disabled ? 'admin.locked' : 'admin.active')} · ${formatDate(u.created_at)}
                </td>
                <td>
                  <details>
                    <summary>${t(lang, 'common.edit')}</summary>
                    ${userForm(lang, csrf, units, u)}
                  </details>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t(lang, 'admin.addUser')}</h2>
      ${userForm(lang, csrf, units)}
      <h2>${t(lang, 'admin.units')}</h2>
      <table>
        <tbody>
          ${responsibilities.map(
            (r) =>
              html`<tr>
                <td>${names.get(r.unit_uid) ?? r.unit_uid}</td>
                <td>${r.topics.map((id) => topicNames.get(id) ?? id).join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="post" action="/admin/unit-topics" class="grid-form">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label
          >${t(lang, 'common.unit')}
          <select name="unit_uid" required>
            ${units.map((u) => html`<option value="${u.uid}">${u.name}</option>`)}
          </select></label
        >
        <fieldset>
          <legend>${t(lang, 'common.topic')}</legend>
          ${topics.map((tp) => html`<label class="check"><input type="checkbox" name="topics" value="${tp.id}" /> ${tp.name}</label>`)}
        </fieldset>
        <button type="submit">${t(lang, 'common.save')}</button>
      </form>
      <h2 id="routing">${t(lang, 'routing.title')}</h2>
      <p>
        <a href="/admin/routing-rules">${t(lang, 'routing.manage')}</a>
        <span class="muted"
          >${t(lang, 'routing.summary', {
            n: routing.rules.length,
            source: t(lang, `routing.source.${routing.source}`),
          })}</span
        >
      </p>
      <h2 id="subscriptions">${t(lang, 'briefings.subscriptions')}</h2>
      <p>
        <a href="/briefings/subscriptions"
          >${lang === 'en' ? 'Manage subscriptions' : 'Quản lý đăng ký nhận báo cáo'}</a
        >
        <span class="muted"
          >${subscriptions.length} ${lang === 'en' ? 'units and periods' : 'đơn vị và kỳ'}:
          ${subscriptions.map((s) => s.unitName).join(', ') || '—'}</span
        >
      </p>
      <h2>${t(lang, 'admin.pseudonym')}</h2>
      ${
        ctx.pseudonymSecret
          ? html`<form method="post" action="/admin/pseudonyms/resolve" class="grid-form">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <label
                >${t(lang, 'admin.pseudonymField')}
                <input name="pseudonym" required pattern="[A-Za-z]+-[0-9a-f]{16}"
              /></label>
              <button type="submit">${t(lang, 'admin.resolve')}</button>
            </form>`
          : emptyState(t(lang, 'common.notAvailable'))
      }
      ${await sensitivitySection(ctx, lang, csrf)} ${await retentionSection(ctx, lang, retention, csrf)}`;
  };

  const readUserForm = (req: Request): { username?: string; changes: UserChanges } => {
    const body = req.body as Record<string, unknown>;
    return {
      username: param(body, 'username'),
      changes: {
        displayName: param(body, 'display_name'),
        role: param(body, 'role'),
        unitUid: param(body, 'unit_uid') ?? null,
        clearance: clearanceField(param(body, 'clearance')),
        password: param(body, 'password'),
        disabled: body.disabled === '1' || body.disabled === true,
      },
    };
  };

  const create = async (req: Request) => {
    const { username, changes: c } = readUserForm(req);
    if (!username || !c.role || c.clearance === undefined || !c.password) {
      throw new DlxhError('INPUT', 'user: username, role, clearance and password are required');
    }
    const user = await createUser(
      ctx.db,
      {
        username,
        displayName: c.displayName,
        role: c.role,
        unitUid: c.unitUid,
        clearance: c.clearance,
        password: c.password,
      },
      ctx.now(),
    );
    await ctx.audit(req, 'admin.user.create', `user:${user.username}`, {
      role: user.role,
      unit_uid: user.unit_uid,
      clearance: user.clearance,
    });
    return user;
  };

  const update = async (req: Request, id: string) => {
    const { changes } = readUserForm(req);
    const user = await updateUser(ctx.db, id, changes);
    ctx.sessions.destroyUser(user.id);
    await ctx.audit(req, 'admin.user.update', `user:${user.username}`, {
      role: user.role,
      unit_uid: user.unit_uid,
      clearance: user.clearance,
      disabled: user.disabled,
      password_changed: changes.password !== undefined,
    });
    return user;
  };

  const setUnitTopics = async (req: Request) => {
    const body = req.body as Record<string, unknown>;
    const unit = param(body, 'unit_uid');
    if (!unit || !(await unitExists(ctx.db, unit)))
      throw inputError('unit_uid', null, `unknown unit "${unit ?? ''}"`);
    const topics = params(body, 'topics');
    const known = new Set((await ctx.db.all<{ id: string }>('SELECT id FROM topics')).map((r) => r.id));
    for (const topic of topics)
      if (!known.has(topic)) throw inputError('topics', null, `unknown topic "${topic}"`);
    await ctx.db.transaction(async () => {
      await ctx.db.run('DELETE FROM unit_topics WHERE unit_uid = $unit', { unit });
      for (const topic of topics)
        await ctx.db.run('INSERT INTO unit_topics VALUES ($unit, $topic)', { unit, topic });
    });
    ctx.accessEpoch++;
    await ctx.audit(req, 'admin.unit_topics', `unit:${unit}`, { topics });
    return { unit_uid: unit, topics };
  };

  /** Set one topic's sensitivity (0.1–20; 1 removes the setting). */
  const setSensitivity = async (req: Request) => {
    const body = req.body as Record<string, unknown>;
    const topic = typeof body.topic_id === 'string' ? body.topic_id.trim() : '';
    if (!topic || !(await ctx.db.one('SELECT 1 AS found FROM topics WHERE id = $topic', { topic })))
      throw inputError('topic_id', null, `unknown topic "${topic}"`);
    const raw = body.sensitivity;
    const value = typeof raw === 'number' ? raw : Number(String(raw ?? '').replace(',', '.'));
    if (!Number.isFinite(value) || value < 0.1 || value > 20)
      throw inputError('sensitivity', null, `invalid sensitivity "${String(raw)}" (0.1–20)`);
    await ctx.db.transaction(async () => {
      await ctx.db.run('DELETE FROM topic_settings WHERE topic_id = $topic', { topic });
      if (value !== 1)
        await ctx.db.run('INSERT INTO topic_settings VALUES ($topic, $value)', { topic, value });
    });
    await ctx.audit(req, 'admin.topic_sensitivity', `topic:${topic}`, { sensitivity: value });
    return { topic_id: topic, sensitivity: value };
  };

  const resolve = async (req: Request) => {
    if (!ctx.pseudonymSecret)
      throw new DlxhError('NOT_FOUND', 'pseudonym resolution is not configured on this server');
    const value = param(req.body as Record<string, unknown>, 'pseudonym');
    if (!value) throw new DlxhError('INPUT', 'pseudonym: missing');
    const actor = currentUser(req);
    return resolvePseudonym(ctx.db, value, {
      secret: ctx.pseudonymSecret,
      actor: { id: actor.id, role: actor.role },
      audit: (action, object, details) => ctx.audit(req, action, object, details),
    });
  };

  router.get('/api/admin/users', admin, async (_req, res) => {
    res.json({ users: (await listUsers(ctx.db)).map(userJson) });
  });
  router.post('/api/admin/users', admin, async (req, res) => {
    res.status(201).json({ user: userJson(await create(req)) });
  });
  router.post('/api/admin/users/:id', admin, async (req, res) => {
    res.json({ user: userJson(await update(req, String(req.params.id))) });
  });
  router.post('/api/admin/unit-topics', admin, async (req, res) => {
    res.json(await setUnitTopics(req));
  });
  router.post('/api/admin/pseudonyms/resolve', admin, async (req, res) => {
    res.json(await resolve(req));
  });

  /** The admin page again, with the outcome of what was just done on it. */
  const sendAdmin = async (req: Request, res: Response, message?: string, status?: number) =>
    sendPage(req, res, t(langOf(req), 'admin.title'), await renderAdmin(req, message), { status });

  router.get('/admin', admin, async (req, res) => {
    await sendAdmin(req, res);
  });
  router.post('/admin/users', admin, async (req, res) => {
    const user = await create(req);
    await sendAdmin(req, res, `+ ${user.username}`, 201);
  });
  router.post('/admin/users/:id', admin, async (req, res) => {
    const user = await update(req, String(req.params.id));
    await sendAdmin(req, res, `✓ ${user.username}`);
  });
  router.post('/admin/unit-topics', admin, async (req, res) => {
    const done = await setUnitTopics(req);
    await sendAdmin(req, res, `✓ ${done.unit_uid}: ${done.topics.join(', ')}`);
  });
  router.post('/admin/retention', admin, async (req, res) => {
    const report = await applyRetention(ctx.db, retention, {
      now: ctx.now(),
      actor: currentUser(req).username,
      dryRun: false,
    });
    await sendAdmin(req, res, retentionNotice(langOf(req), report));
  });
  router.post('/api/admin/topic-sensitivity', admin, async (req, res) => {
    res.json(await setSensitivity(req));
  });
  router.post('/admin/topic-sensitivity', admin, async (req, res) => {
    const done = await setSensitivity(req);
    await sendAdmin(req, res, `✓ ${done.topic_id}: ${sensitivityText(langOf(req), done.sensitivity)}`);
  });
  router.post('/admin/pseudonyms/resolve', admin, async (req, res) => {
    const found = await resolve(req);
    await sendAdmin(req, res, `${found.kind}: ${found.id}`);
  });

  return router;
}
