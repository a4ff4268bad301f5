import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScopedDb, resolveScope } from '../../data/access.ts';
import { createUser, type User } from '../../data/users.ts';
import { NOW, PASSWORD, csrfFrom, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

let f: Fixture;
const agents: Record<string, { agent: Agent; csrf: string }> = {};
const extra: Record<string, User> = {};

/** Users this file adds to the fixture: leaders of an agency and of a ward. */
const LEADERS = {
  healthleader: { role: 'leader', unitUid: 'so-y-te', clearance: 3 },
  wardleader: { role: 'leader', unitUid: '24133/2025', clearance: 0 },
} as const;

interface GenerationJson {
  status: string;
  briefing_id: string | null;
  error: string | null;
  unit_uid: string | null;
  period: string;
  max_classification: number;
}

interface ListJson {
  briefings: { id: string; unit_uid: string | null; classification: number }[];
  generations: GenerationJson[];
}

async function list(name: string): Promise<ListJson> {
  const response = await agents[name]!.agent.get('/api/briefings');
  expect(response.status).toBe(200);
  return response.body as ListJson;
}

/** Wait until none of the user's requests is queued or running; returns them. */
async function settled(name: string): Promise<GenerationJson[]> {
  for (let i = 0; i < 300; i++) {
    const { generations } = await list(name);
    if (!generations.some((g) => g.status === 'queued' || g.status === 'running')) return generations;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('briefing generation did not finish');
}

async function generate(name: string, fields: Record<string, string>) {
  const { agent, csrf } = agents[name]!;
  return agent.post('/api/briefings/generate').set('x-csrf-token', csrf).send(fields);
}

beforeAll(async () => {
  f = await makeFixture();
  for (const [username, u] of Object.entries(LEADERS)) {
    extra[username] = await createUser(f.db, { username, ...u, password: PASSWORD }, NOW);
  }
  for (const name of ['admin', 'analyst1', 'leader', 'officer0', 'contributor', ...Object.keys(LEADERS)]) {
    agents[name] = await login(f.app, name);
  }
}, 60_000);
afterAll(() => f.db.close());

describe('the generate button', () => {
  it('is refused without the anti-forgery token', async () => {
    const response = await agents
      .analyst1!.agent.post('/briefings/generate')
      .type('form')
      .send({ period: 'week' });
    expect(response.status).toBe(403);
    expect((await list('analyst1')).generations).toEqual([]);
  });

  it('makes the briefing in the background, lists its state, and the result opens as HTML and DOCX', async () => {
    const { agent } = agents.analyst1!;
    const page = await agent.get('/briefings');
    expect(page.text).toContain('action="/briefings/generate"');
    expect(page.text).toContain('<script src="/static/js/briefings.js">');
    const posted = await agent
      .post('/briefings/generate')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), period: 'week', unit: 'tinh', lang: 'vi' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/briefings');
    const [done] = await settled('analyst1');
    expect(done).toMatchObject({ status: 'done', unit_uid: null, max_classification: 1, error: null });
    // Made at the analyst's own clearance, so that they can open it.
    expect(done!.briefing_id).toBe('bc-week-2026-03-09-2026-03-15-tinh-m1-vi');
    const { briefings } = await list('analyst1');
    expect(briefings.map((b) => b.id)).toContain(done!.briefing_id);
    const listed = await agent.get('/briefings');
    expect(listed.text).toContain(`href="/briefings/${done!.briefing_id}"`);
    expect(listed.text).toContain('data-pending="0"');

    const view = await agent.get(`/briefings/${done!.briefing_id}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('BÁO CÁO');
    expect(view.text).not.toMatch(/<script\b/i);
    const policy = String(view.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    for (const [, css] of view.text.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
      expect(policy).toContain(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
    }
    const docx = await agent
      .get(`/briefings/${done!.briefing_id}/docx`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const audit = await f.db.all<{ actor: string; action: string }>(
      `SELECT actor, action FROM dlxh_audit.audit_log WHERE action LIKE 'briefing.%' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { actor: 'analyst1', action: 'briefing.generate' },
      { actor: 'analyst1', action: 'briefing.generated' },
    ]);
  });

  it('queues a repeated request once, and names bad input', async () => {
    const [first, second] = await Promise.all([
      generate('admin', { period: 'month', from: '2026-02-01' }),
      generate('admin', { period: 'month', from: '2026-02-01' }),
    ]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const generations = await settled('admin');
    expect(
      generations.filter((g) => g.briefing_id === 'bc-month-2026-02-01-2026-02-28-tinh-vi'),
    ).toHaveLength(1);
    const badPeriod = await generate('admin', { period: 'day' });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error).toContain('period: invalid period "day"');
    const badDay = await generate('admin', { period: 'week', from: '2026-13-01' });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error).toContain('from');
  });

  it('is for admins, analysts and leaders only, each within what they may read', async () => {
    expect((await generate('officer0', { period: 'week' })).status).toBe(403);
    expect((await generate('contributor', { period: 'week' })).status).toBe(403);
    expect((await generate('wardleader', { period: 'week', unit: 'tinh' })).status).toBe(403);
    expect((await generate('wardleader', { period: 'week', unit: '22015/2025' })).status).toBe(403);
    expect((await generate('healthleader', { period: 'week', unit: 'so-giao-duc' })).status).toBe(403);
    expect((await generate('wardleader', { period: 'week', unit: '24133' })).status).toBe(202);
    const [ward] = await settled('wardleader');
    expect(ward).toMatchObject({
      status: 'done',
      briefing_id: 'bc-week-2026-03-09-2026-03-15-24133_2025-m0-vi',
    });
    // A leader sees only their own requests; an analyst sees everyone's.
    expect((await list('wardleader')).generations).toHaveLength(1);
    expect((await list('analyst1')).generations.length).toBeGreaterThan(1);
  });
});

describe('a briefing made for an agency', () => {
  let id: string;

  beforeAll(async () => {
    expect((await generate('admin', { period: 'week', unit: 'so-y-te' })).status).toBe(202);
    const made = (await settled('admin')).find((g) => g.unit_uid === 'so-y-te')!;
    expect(made.status).toBe('done');
    id = made.briefing_id!;
  }, 60_000);

  it('is visible to the agency’s users and the province, not to other units', async () => {
    expect(id).toBe('bc-week-2026-03-09-2026-03-15-so-y-te-vi');
    for (const [name, sees] of [
      ['healthleader', true],
      ['leader', true],
      ['admin', true],
      ['wardleader', false],
    ] as const) {
      expect(
        (await list(name)).briefings.some((b) => b.id === id),
        name,
      ).toBe(sees);
      expect((await agents[name]!.agent.get(`/briefings/${id}`)).status, name).toBe(sees ? 200 : 404);
    }
    // The agency does not see the province-wide briefing.
    expect((await list('healthleader')).briefings.some((b) => b.unit_uid === null)).toBe(false);
  });

  it('follows the access layer: the agency’s users see it within their clearance', async () => {
    const classification = (await f.db.one<{ c: number }>(
      'SELECT classification AS c FROM briefings WHERE id = $id',
      {
        id,
      },
    ))!.c;
    expect(classification).toBeGreaterThan(1);
    const visible = async (user: User) => {
      const scoped = await openScopedDb(f.db, await resolveScope(f.db, user));
      try {
        return (await scoped.db.all<{ id: string }>('SELECT id FROM briefings')).map((r) => r.id);
      } finally {
        scoped.close();
      }
    };
    expect(await visible(extra.healthleader!)).toEqual([id]);
    // An officer of the same agency cleared only for Mật does not see a Tối mật briefing.
    expect(await visible(f.users.health1)).toEqual([]);
    expect(await visible(extra.wardleader!)).toEqual(['bc-week-2026-03-09-2026-03-15-24133_2025-m0-vi']);
  });
});

describe('subscriptions and delivery', () => {
  it('are managed by admins and deliver the next briefing to the unit’s inbox', async () => {
    const { agent, csrf } = agents.admin!;
    const refused = await agents
      .analyst1!.agent.post('/api/briefings/subscriptions')
      .set('x-csrf-token', agents.analyst1!.csrf)
      .send({ unit: 'so-y-te', period: 'month' });
    expect(refused.status).toBe(403);
    expect((await agent.get('/briefings')).text).toContain('href="/briefings/subscriptions"');
    expect((await agent.get('/admin')).text).toContain('href="/briefings/subscriptions"');
    const page = await agent.get('/briefings/subscriptions');
    expect(page.text).toContain('action="/briefings/subscriptions"');
    const added = await agent
      .post('/briefings/subscriptions')
      .type('form')
      .send({ _csrf: csrf, unit: 'so-y-te', period: 'month', clearance: '3', email: 'soyte@daklak.gov.vn' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('✓ Sở Y tế');
    const subs = await agent.get('/api/briefings/subscriptions');
    expect(subs.body.subscriptions).toMatchObject([
      {
        unit_uid: 'so-y-te',
        period: 'month',
        clearance: 3,
        email: 'soyte@daklak.gov.vn',
        created_by: 'admin',
      },
    ]);

    expect((await generate('admin', { period: 'month', unit: 'so-y-te' })).status).toBe(202);
    const made = (await settled('admin')).find((g) => g.unit_uid === 'so-y-te' && g.period === 'month')!;
    expect(made.status).toBe('done');
    const inbox = await agents.healthleader!.agent.get('/briefings');
    expect(inbox.text).toContain(`<a href="/briefings/${made.briefing_id}">`);
    expect(inbox.text).toContain('chưa đọc');
    expect((await agents.healthleader!.agent.get(`/briefings/${made.briefing_id}`)).status).toBe(200);
    expect((await agents.healthleader!.agent.get('/briefings')).text).not.toContain('chưa đọc');
    const outbox = await f.db.all<{ channel: string; recipient: string; address: string | null }>(
      'SELECT channel, recipient, address FROM notifications_outbox ORDER BY channel',
    );
    // February holds no document: an unclassified briefing, so the e-mail copy goes out too.
    const level = await f.db.one<{ c: number }>('SELECT classification AS c FROM briefings WHERE id = $id', {
      id: made.briefing_id,
    });
    expect(level!.c).toBe(0);
    expect(outbox).toEqual([
      { channel: 'email', recipient: 'Sở Y tế', address: 'soyte@daklak.gov.vn' },
      { channel: 'inbox', recipient: 'Sở Y tế', address: null },
    ]);

    const removed = await agent
      .post('/api/briefings/subscriptions/delete')
      .set('x-csrf-token', csrf)
      .send({ unit: 'so-y-te', period: 'month' });
    expect(removed.body).toEqual({ removed: true });
    expect((await agent.get('/briefings/subscriptions')).text).not.toContain('soyte@daklak.gov.vn');
    const actions = await f.db.all<{ action: string }>(
      `SELECT action FROM dlxh_audit.audit_log WHERE action LIKE 'briefing.%subscribe' ORDER BY seq`,
    );
    expect(actions.map((a) => a.action)).toEqual(['briefing.subscribe', 'briefing.unsubscribe']);
  });
});
