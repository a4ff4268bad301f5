/**
 * A hot spot's page lists the collaborators' reports about its area (the unit, the units below and their pre-2025
 * predecessors) in the months it spans and the month before, on its topic (named by the collaborator or found by the
 * NLP) or, for a watch topic's alert, their answers to its question; each reader sees only the reports they may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION } from '../../analytics/nlp/score.ts';
import { login, makeFixture, NOW, type Fixture } from './fixtures.ts';

async function insertReport(
  f: Fixture,
  id: string,
  values: { period: string; locality: string; topics: string[]; classification?: number },
): Promise<void> {
  await f.db.run(
    `INSERT INTO reports (id, import_source, reporter, organisation, unit_uid, period, locality_uid, topics, summary,
       submitted_at, ingested_at, classification, submitted_by, content_hash, source_file, source_row)
     VALUES ($id, 'test', 'P-0123456789abcdef', 'Cộng tác viên', '24133/2025', $period, $locality, $topics,
       $summary, $now, $now, $c, 'someone', $id, 'test', 1)`,
    {
      id,
      period: values.period,
      locality: values.locality,
      topics: values.topics,
      summary: `Báo cáo REPORTMARK${id.replaceAll('-', '')}Z`,
      now: NOW,
      c: values.classification ?? 0,
    },
  );
}

describe("collaborators' reports on a hot spot's page", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
    // The fixture holds r-own and r-other: March 2026, Phường Buôn Ma Thuột, land. Around them:
    await insertReport(f, 'r-old-ward', {
      period: '2026-02',
      locality: '24136/pre2025',
      topics: ['dat-dai'],
    });
    await insertReport(f, 'r-secret', {
      period: '2026-03',
      locality: '24133/2025',
      topics: ['dat-dai'],
      classification: 2,
    });
    await insertReport(f, 'r-too-early', { period: '2026-01', locality: '24133/2025', topics: ['dat-dai'] });
    await insertReport(f, 'r-other-topic', { period: '2026-03', locality: '24133/2025', topics: ['gia-ca'] });
    await insertReport(f, 'r-found', { period: '2026-03', locality: '24133/2025', topics: [] });
    await f.db.run(
      `INSERT INTO report_scores VALUES ('r-found', $version, 'negative', -0.5, ['dat-dai'], NULL, [], $now)`,
      { version: MODEL_VERSION, now: NOW },
    );
    await f.db.run(
      `INSERT INTO report_scores VALUES ('r-other-topic', 'nlp-old', 'negative', -0.5, ['dat-dai'], NULL, [], $now)`,
      { now: NOW },
    );
  });
  afterAll(() => f.db.close());

  const marks = (text: string) => [...text.matchAll(/REPORTMARK(\w+?)Z/g)].map((m) => m[1]).sort();

  it('lists the reports of the area, months and topic that the reader may read', async () => {
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/hotspots/a-0-here')).text;
    expect(page).toContain('Báo cáo của cộng tác viên trên địa bàn');
    expect(page).toContain('5 báo cáo về địa bàn và chủ đề này, kỳ 02/2026 – 03/2026');
    // The merged ward's report counts; too early, another topic (found only by an old model) do not.
    expect(marks(page)).toEqual(['rfound', 'roldward', 'rother', 'rown', 'rsecret']);

    const officer = await login(f.app, 'officer0'); // clearance 0
    const theirs = (await officer.agent.get('/hotspots/a-0-here')).text;
    expect(theirs).toContain('4 báo cáo về địa bàn và chủ đề này');
    expect(marks(theirs)).toEqual(['rfound', 'roldward', 'rother', 'rown']);

    const api = (await admin.agent.get('/api/hotspots/a-0-here')).body as { reports: { id: string }[] };
    expect(api.reports.map((r) => r.id).sort()).toEqual([
      'r-found',
      'r-old-ward',
      'r-other',
      'r-own',
      'r-secret',
    ]);

    const elsewhere = (await admin.agent.get('/hotspots/a-0-elsewhere?lang=en')).text;
    expect(elsewhere).toContain('No collaborator has reported on this area and topic in 02/2026 – 03/2026.');
    expect(marks(elsewhere)).toEqual([]);
  });

  it("shows a watch topic's alert the answers to its question from the area", async () => {
    await f.db.run(
      `INSERT INTO watch_topics (id, name, query, unit_uid, threshold_factor, proposed_by, active, created_at)
       VALUES ('w-1', 'Sạt lở', '"sạt lở"', NULL, 0.5, 'so-y-te', true, $now)`,
      { now: NOW },
    );
    await f.db.run(
      `INSERT INTO report_watch_answers VALUES ('r-own', 'w-1', 'Tổ 5 có vết nứt ANSWERMARK', $now)`,
      {
        now: NOW,
      },
    );
    await f.db.run(
      `INSERT INTO alerts SELECT * REPLACE ('a-watch' AS id, 'watch:w-1' AS topic) FROM alerts WHERE id = 'a-0-here'`,
    );
    const admin = await login(f.app, 'admin');
    const page = (await admin.agent.get('/hotspots/a-watch')).text;
    expect(page).toContain('1 báo cáo về địa bàn và chủ đề này');
    expect(page).toContain('Tổ 5 có vết nứt ANSWERMARK');
    expect(marks(page)).toEqual([]); // the answer is shown, not the report's summary
  });
});
