import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS, login, makeFixture, type Agent, type Fixture } from './fixtures.ts';

let f: Fixture;
let admin: Agent;
let topicNames: Map<string, string>;

beforeAll(async () => {
  f = await makeFixture();
  admin = (await login(f.app, 'admin')).agent;
  const rows = await f.db.all<{ id: string; name_vi: string }>('SELECT id, name_vi FROM topics');
  topicNames = new Map(rows.map((r) => [r.id, r.name_vi]));
});
afterAll(() => f.db.close());

/** The cells of each body row of the page's table, as text. */
function bodyRows(page: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('the documents page', () => {
  it('names each topic and tone as the page language says them, not by their ids', async () => {
    const page = (await admin.get('/documents')).text;
    const rows = bodyRows(page);
    expect(rows).toHaveLength(DOCS.length);
    const topics = new Set(rows.map((cells) => cells[4]));
    expect(topics).toEqual(new Set([topicNames.get('dat-dai'), topicNames.get('y-te')]));
    expect(new Set(rows.map((cells) => cells[5]))).toEqual(new Set(['Tiêu cực', 'Trung tính', 'Tích cực']));
    const english = bodyRows((await admin.get('/documents?lang=en')).text);
    expect(new Set(english.map((cells) => cells[5]))).toEqual(new Set(['Negative', 'Neutral', 'Positive']));
    await admin.get('/documents?lang=vi');
  });

  it('filters by topic from a list of the taxonomy, and the exports keep the filter', async () => {
    const page = (await admin.get('/documents?topic=y-te')).text;
    expect(page).toMatch(/<option value="y-te"\s+selected>/);
    const rows = bodyRows(page);
    expect(rows).toHaveLength(DOCS.filter((d) => d.topic === 'y-te').length);
    expect(new Set(rows.map((cells) => cells[4]))).toEqual(new Set([topicNames.get('y-te')]));
    expect(page).toContain('href="/api/export/documents?topic=y-te&amp;format=csv"');
  });

  it('pages through the list, with a link to the next page only while one may follow', async () => {
    const first = (await admin.get('/documents?limit=10')).text;
    expect(bodyRows(first)).toHaveLength(10);
    expect(first).toContain('href="/documents?limit=10&amp;offset=10" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const last = (await admin.get('/documents?limit=10&offset=30')).text;
    expect(bodyRows(last)).toHaveLength(DOCS.length - 30);
    expect(last).toContain('href="/documents?limit=10&amp;offset=20" rel="prev"');
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('Tài liệu 31–32');
  });

  it("shows a document's scores with topic and place names", async () => {
    const doc = DOCS.find((d) => d.topic === 'dat-dai' && d.classification === 0)!;
    await f.db.run(
      `INSERT INTO doc_scores VALUES ($id, 'test-2', 'negative', -0.7, ['dat-dai', 'no-such-topic'], NULL,
        ['24133/2025', '24136/pre2025'], '24133/2025', TIMESTAMPTZ '2026-03-19 08:00:00+07')`,
      { id: doc.id },
    );
    const rows = bodyRows((await admin.get(`/documents/${doc.id}`)).text);
    const latest = rows.find((cells) => cells[0] === 'test-2')!;
    expect(latest[1]).toBe('Tiêu cực');
    expect(latest[3]).toBe(`${topicNames.get('dat-dai')}, no-such-topic`);
    expect(latest[4]).toBe('Phường Buôn Ma Thuột, Phường Tân Lợi');
  });

  it('shows the unit scoring found for a document without a locality of its own, and filters by it', async () => {
    const doc = DOCS.find((d) => d.locality === 'none' && d.topic === 'dat-dai' && d.classification === 0)!;
    const before = bodyRows((await admin.get('/documents?unit=22015/2025')).text);
    expect(before.some((cells) => cells[1]!.includes(doc.marker))).toBe(false);
    await f.db.run(
      `INSERT INTO doc_scores VALUES ($id, 'test-3', 'negative', -0.5, ['dat-dai'], NULL, ['22015/2025'], '22015/2025',
        TIMESTAMPTZ '2026-03-19 09:00:00+07')`,
      { id: doc.id },
    );
    const rows = bodyRows((await admin.get('/documents?unit=22015/2025')).text);
    const row = rows.find((cells) => cells[1]!.includes(doc.marker));
    expect(row?.[3]).toBe('Phường Tuy Hòa');
    expect(rows).toHaveLength(before.length + 1);
    const csv = (await admin.get('/api/export/documents?format=csv&unit=22015/2025')).text;
    expect(csv).toContain(doc.id);
    // The document's own page names the same unit, and leaves no empty place between its separators.
    const page = (await admin.get(`/documents/${doc.id}`)).text.replace(/\s+/g, ' ');
    expect(page).toMatch(/<p class="muted"> [^<]* · Phường Tuy Hòa[ <]/);
    expect(page).not.toMatch(/· ·/);
  });
});
