import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { saveSubscription } from '../../analytics/briefings/subscriptions.ts';
import { NOW, login, makeFixture, type Agent, type Fixture, type UserName } from './fixtures.ts';

let f: Fixture;
const agents = {} as Record<UserName, { agent: Agent; csrf: string }>;
const WARD = '24133/2025';
const ids = { wardWeek: '', wardMonth: '', healthWeek: '' };

interface InboxJson {
  cases: { id: string }[];
  briefings: { briefing_id: string; subject: string; read_at: string | null; url: string }[];
}

async function inbox(name: UserName): Promise<InboxJson> {
  const response = await agents[name].agent.get('/api/inbox');
  expect(response.status, name).toBe(200);
  return response.body as InboxJson;
}

async function delivered(name: UserName): Promise<Record<string, boolean>> {
  return Object.fromEntries((await inbox(name)).briefings.map((b) => [b.briefing_id, b.read_at !== null]));
}

beforeAll(async () => {
  f = await makeFixture();
  // The ward gets the weekly briefing made up to Tối mật and the monthly one at Thường; the health agency the
  // weekly one at Mật.
  const subscriptions = [
    { unit: WARD, period: 'week', clearance: 2 },
    { unit: WARD, period: 'month', clearance: 0 },
    { unit: 'so-y-te', period: 'week', clearance: 1 },
  ];
  for (const sub of subscriptions) await saveSubscription(f.db, sub, { now: NOW, by: 'admin' });
  const issue = async (period: 'week' | 'month', unitUid: string, maxClassification: number) => {
    const { briefing, deliveries } = await issueBriefing(f.db, {
      period,
      unitUid,
      maxClassification,
      now: NOW,
    });
    expect(deliveries.map((d) => d.unitUid)).toEqual([unitUid]);
    return briefing;
  };
  const week = await issue('week', WARD, 2);
  expect(week.classification).toBe(2);
  ids.wardWeek = week.id;
  ids.wardMonth = (await issue('month', WARD, 0)).id;
  ids.healthWeek = (await issue('week', 'so-y-te', 1)).id;
  for (const name of ['admin', 'leader', 'officer0', 'officer2', 'health1', 'contributor'] as const) {
    agents[name] = await login(f.app, name);
  }
}, 60_000);
afterAll(() => f.db.close());

describe('briefings in the inbox', () => {
  it('are listed for the unit’s users next to the cases, only those each user may open', async () => {
    expect(await delivered('officer2')).toEqual({ [ids.wardWeek]: false, [ids.wardMonth]: false });
    // Cleared for Thường only: the ward's Tối mật weekly briefing is not shown to this officer.
    expect(await delivered('officer0')).toEqual({ [ids.wardMonth]: false });
    expect(await delivered('health1')).toEqual({ [ids.healthWeek]: false });
    expect(await delivered('leader')).toEqual({});
    expect(await delivered('admin')).toEqual({});
    expect((await inbox('officer2')).cases.map((c) => c.id)).toContain('case-a-2-here');
    expect((await agents.contributor.agent.get('/api/inbox')).status).toBe(403);

    const page = await agents.officer2.agent.get('/inbox');
    expect(page.status).toBe(200);
    for (const id of [ids.wardWeek, ids.wardMonth])
      expect(page.text).toContain(`<a href="/briefings/${id}">`);
    expect(page.text).not.toContain(ids.healthWeek);
    expect(page.text.match(/chưa đọc/g)).toHaveLength(2);
    expect(page.text).toContain('ALERTMARKa2hereZ');
    const other = await agents.officer0.agent.get('/inbox');
    expect(other.text).toContain(`<a href="/briefings/${ids.wardMonth}">`);
    expect(other.text).not.toContain(ids.wardWeek);
  });

  it('are marked read for the unit when one of its users opens them, not when someone else does', async () => {
    expect((await agents.admin.agent.get(`/briefings/${ids.wardMonth}`)).status).toBe(200);
    expect(await delivered('officer0')).toEqual({ [ids.wardMonth]: false });
    // An officer who may not open the weekly briefing cannot mark it read either.
    expect((await agents.officer0.agent.get(`/briefings/${ids.wardWeek}`)).status).toBe(404);
    expect(await delivered('officer2')).toEqual({ [ids.wardWeek]: false, [ids.wardMonth]: false });

    expect((await agents.officer2.agent.get(`/briefings/${ids.wardWeek}`)).status).toBe(200);
    expect(await delivered('officer2')).toEqual({ [ids.wardWeek]: true, [ids.wardMonth]: false });
    const page = await agents.officer2.agent.get('/inbox');
    expect(page.text.match(/chưa đọc/g)).toHaveLength(1);

    expect((await agents.officer0.agent.get(`/briefings/${ids.wardMonth}/docx`)).status).toBe(200);
    expect(await delivered('officer2')).toEqual({ [ids.wardWeek]: true, [ids.wardMonth]: true });
    expect(await delivered('health1')).toEqual({ [ids.healthWeek]: false });
  });

  it('are the same list on the Báo cáo page', async () => {
    const api = await agents.health1.agent.get('/api/briefings/delivered');
    expect(api.body.delivered).toMatchObject([
      { briefing_id: ids.healthWeek, url: `/briefings/${ids.healthWeek}`, read_at: null },
    ]);
    const page = await agents.health1.agent.get('/briefings');
    expect(page.text).toContain(`<a href="/briefings/${ids.healthWeek}">`);
    expect(page.text).toContain('chưa đọc');
  });
});
