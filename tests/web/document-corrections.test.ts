import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

// Analysts correct a document's sentiment and topics on its page; the correction replaces the model's scores
// (so every count uses it) and is audited.
let f: Fixture;
let analyst: { agent: Agent; csrf: string };
const DOC = 'd-0-here-dat-dai';

beforeAll(async () => {
  f = await makeFixture();
  analyst = await login(f.app, 'analyst1');
});
afterAll(() => f.db.close());

const scores = () =>
  f.db.one<{ sentiment: string; topics: string[] }>(
    `SELECT sentiment, topics FROM doc_scores WHERE doc_id = '${DOC}'`,
  );

describe('correcting a document', () => {
  it('offers the forms to analysts and admins only', async () => {
    const page = (await analyst.agent.get(`/documents/${DOC}`)).text;
    expect(page).toContain('id="correct-sentiment"');
    expect(page).toContain('id="correct-topics"');
    expect(page).toMatch(/<input\s+type="checkbox"\s+name="topics"\s+value="dat-dai"\s+checked/);
    for (const who of ['leader', 'officer0'] as const) {
      const { agent, csrf } = await login(f.app, who);
      expect((await agent.get(`/documents/${DOC}`)).text).not.toContain('correct-sentiment');
      const refused = await agent
        .post(`/api/documents/${DOC}/corrections`)
        .set('x-csrf-token', csrf)
        .send({ sentiment: 'positive' });
      expect(refused.status).toBe(403);
    }
    expect((await scores())?.sentiment).not.toBe('positive');
  });

  it('saves the sentiment and the topics separately, into the scores, and shows who corrected them', async () => {
    const before = await scores();
    const sentiment = await analyst.agent
      .post(`/documents/${DOC}/correct`)
      .type('form')
      .send({ _csrf: analyst.csrf, sentiment: 'positive', note: 'tin tốt' });
    expect(sentiment.status).toBe(303);
    expect(await scores()).toEqual({ sentiment: 'positive', topics: before!.topics });

    const topics = await analyst.agent
      .post(`/documents/${DOC}/correct`)
      .type('form')
      .send({ _csrf: analyst.csrf, field: 'topics', topics: ['y-te'], sentiment: 'negative' });
    expect(topics.status).toBe(303);
    expect(await scores()).toEqual({ sentiment: 'positive', topics: ['y-te'] });

    const page = (await analyst.agent.get(`/documents/${DOC}`)).text;
    expect(page).toContain('Đã sửa bởi analyst1');
    const audit = await f.db.all<{ action: string }>(
      `SELECT action FROM dlxh_audit.audit_log WHERE action = 'document.correct'`,
    );
    expect(audit).toHaveLength(2);
  });

  it('answers bad input through the API with the problem, and refuses documents out of the user’s reach', async () => {
    const post = (id: string, body: object) =>
      analyst.agent.post(`/api/documents/${id}/corrections`).set('x-csrf-token', analyst.csrf).send(body);
    const bad = await post(DOC, { sentiment: 'angry' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/unknown sentiment "angry"/);
    expect((await post(DOC, { topics: ['bong-da'] })).body.error).toMatch(/unknown topic "bong-da"/);
    expect((await post(DOC, {})).body.error).toMatch(/nothing to correct/);
    // analyst1 is cleared to 1: a document classified 2 is not there for them.
    expect((await post('d-2-here-dat-dai', { sentiment: 'neutral' })).status).toBe(404);
    const none = await post(DOC, { topics: [] });
    expect(none.status).toBe(200);
    expect(none.body.correction).toMatchObject({
      sentiment: 'positive',
      topics: [],
      corrected_by: 'analyst1',
    });
    expect((await scores())?.topics).toEqual([]);
  });
});
