import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { NOW, csrfFrom, login, makeFixture, type Agent, type Fixture, type UserName } from './fixtures.ts';

let f: Fixture;
const agents = {} as Record<UserName, { agent: Agent; csrf: string }>;

const WARD = '24133/2025';
const ELSEWHERE = '22015/2025';

/** Briefings of the week before the fixture's clock, by scope and the highest level they were made with. */
const MADE = [
  { key: 'wardM0', unit: WARD, max: 0 },
  { key: 'wardM2', unit: WARD, max: 2 },
  { key: 'wardM3', unit: WARD, max: 3 },
  { key: 'elsewhereM0', unit: ELSEWHERE, max: 0 },
  { key: 'healthM1', unit: 'so-y-te', max: 1 },
] as const;
type Key = (typeof MADE)[number]['key'];
const ids = {} as Record<Key, string>;

/**
 * Who reads which, written out from the rule (clearance at least the classification; the briefing's unit in the
 * reader's area, or made for the reader's agency; the province sees all): officer0 and officer2 are of the ward,
 * cleared 0 and 2; health1 of the health agency, cleared 1; analyst1 sees the province, cleared 1.
 */
const SEES: Record<Exclude<UserName, 'contributor'>, readonly Key[]> = {
  admin: ['wardM0', 'wardM2', 'wardM3', 'elsewhereM0', 'healthM1'],
  leader: ['wardM0', 'wardM2', 'wardM3', 'elsewhereM0', 'healthM1'],
  analyst1: ['wardM0', 'elsewhereM0', 'healthM1'],
  officer0: ['wardM0'],
  officer2: ['wardM0', 'wardM2'],
  health1: ['healthM1'],
};
const READERS = Object.keys(SEES) as Exclude<UserName, 'contributor'>[];

beforeAll(async () => {
  f = await makeFixture();
  for (const made of MADE) {
    const { briefing } = await issueBriefing(f.db, {
      period: 'week',
      unitUid: made.unit,
      maxClassification: made.max,
      now: NOW,
      deliver: false,
    });
    ids[made.key] = briefing.id;
  }
  for (const name of [...READERS, 'contributor'] as const) agents[name] = await login(f.app, name);
}, 60_000);
afterAll(() => f.db.close());

describe('briefings for every role that reads them', () => {
  it('are made at the levels the rule is checked against', async () => {
    const levels = await f.db.all<{ id: string; classification: number }>(
      'SELECT id, classification FROM briefings ORDER BY id',
    );
    const level = new Map(levels.map((r) => [r.id, r.classification]));
    // Each briefing holds records up to the level it was made with (the fixture has every level in the ward).
    expect(MADE.map((m) => level.get(ids[m.key]))).toEqual([0, 2, 3, 0, 1]);
  });

  it('lists exactly the briefings each user may see', async () => {
    for (const name of READERS) {
      const response = await agents[name].agent.get('/api/briefings');
      expect(response.status, name).toBe(200);
      const listed = (response.body.briefings as { id: string }[]).map((b) => b.id).sort();
      expect(listed, name).toEqual(SEES[name].map((k) => ids[k]).sort());
    }
    expect((await agents.contributor.agent.get('/api/briefings')).status).toBe(403);
  });

  it('opens them as HTML, DOCX and JSON, and answers "not found" for the others', async () => {
    for (const name of READERS) {
      for (const made of MADE) {
        const id = encodeURIComponent(ids[made.key]);
        const expected = SEES[name].includes(made.key) ? 200 : 404;
        for (const path of [`/briefings/${id}`, `/briefings/${id}/docx`, `/api/briefings/${id}`]) {
          const response = await agents[name].agent.get(path);
          expect(response.status, `${name} ${path}`).toBe(expected);
        }
      }
    }
    for (const made of MADE) {
      const response = await agents.contributor.agent.get(`/briefings/${encodeURIComponent(ids[made.key])}`);
      expect(response.status).toBe(403);
    }
  });

  it('audits an officer’s view of a classified briefing, not of an unclassified one', async () => {
    await agents.officer2.agent.get(`/briefings/${encodeURIComponent(ids.wardM2)}`);
    await agents.officer2.agent.get(`/briefings/${encodeURIComponent(ids.wardM0)}`);
    const views = await f.db.all<{ object: string }>(
      `SELECT object FROM dlxh_audit.audit_log WHERE actor = 'officer2' AND action = 'view' ORDER BY seq`,
    );
    expect(views.map((v) => v.object)).toContain(`briefing:${ids.wardM2}`);
    expect(views.map((v) => v.object)).not.toContain(`briefing:${ids.wardM0}`);
  });

  it('shows an officer the list and the menu entry, without the generate button', async () => {
    const { agent, csrf } = agents.officer2;
    const page = await agent.get('/briefings');
    expect(page.status).toBe(200);
    for (const made of MADE) {
      const link = `href="/briefings/${encodeURIComponent(ids[made.key])}"`;
      if (SEES.officer2.includes(made.key)) expect(page.text).toContain(link);
      else expect(page.text).not.toContain(link);
    }
    expect(page.text).not.toContain('action="/briefings/generate"');
    expect(page.text).toMatch(/<nav[\s\S]*href="\/briefings"[\s\S]*<\/nav>/);
    expect(page.text).not.toContain('href="/briefings/subscriptions"');
    const refused = await agent
      .post('/briefings/generate')
      .type('form')
      .send({ _csrf: csrf, period: 'week', unit: WARD });
    expect(refused.status).toBe(403);
    expect((await agent.get('/briefings/subscriptions')).status).toBe(403);

    const leaderPage = await agents.leader.agent.get('/briefings');
    expect(leaderPage.text).toContain('action="/briefings/generate"');
    // The annual report can be asked for there; it is not a period units subscribe to.
    expect(leaderPage.text).toContain(
      '<option value="year">Năm (báo cáo kết quả thực hiện quy chế)</option>',
    );
    expect(csrfFrom(leaderPage.text)).toBeTruthy();
  });
});
