/** A small database for the web tests: users of every role, documents of every classification in and out of scope, alerts and cases. */
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { openDb, type Db } from '../../data/db.ts';
import { memoryLogger } from '../../data/logger.ts';
import { migrate } from '../../data/migrate.ts';
import { seedReference } from '../../data/seed-reference.ts';
import { createUser, type User } from '../../data/users.ts';
import { createApp, type AppContext } from '../../web/app.ts';

export const NOW = new Date('2026-03-20T03:00:00Z');
export const PASSWORD = 'correct-horse-42';

/** Users by name: role, unit and clearance chosen so that each rule of the access matrix is exercised. */
export const USERS = {
  admin: { role: 'admin', unitUid: 'ban-tuyen-giao', clearance: 3 },
  analyst1: { role: 'analyst', unitUid: 'ban-tuyen-giao', clearance: 1 },
  leader: { role: 'leader', unitUid: '66/2025', clearance: 3 },
  officer0: { role: 'officer', unitUid: '24133/2025', clearance: 0 },
  officer2: { role: 'officer', unitUid: '24133/2025', clearance: 2 },
  health1: { role: 'officer', unitUid: 'so-y-te', clearance: 1 },
  contributor: { role: 'contributor', unitUid: '24133/2025', clearance: 3 },
} as const;
export type UserName = keyof typeof USERS;

export const LOCALITIES = {
  here: '24133/2025', // Phường Buôn Ma Thuột: officer0's and officer2's ward
  old: '24136/pre2025', // Phường Tân Lợi, merged into Phường Buôn Ma Thuột in 2025
  elsewhere: '22015/2025', // Phường Tuy Hòa
  none: null,
} as const;
export type LocalityKey = keyof typeof LOCALITIES;

export interface FixtureDoc {
  id: string;
  classification: number;
  locality: LocalityKey;
  topic: string;
  marker: string;
}

/** One document for each classification × locality × topic (the health topic reaches the health agency). */
export const DOCS: FixtureDoc[] = [];
for (const classification of [0, 1, 2, 3]) {
  for (const locality of Object.keys(LOCALITIES) as LocalityKey[]) {
    for (const topic of ['dat-dai', 'y-te']) {
      const id = `d-${classification}-${locality}-${topic}`;
      DOCS.push({
        id,
        classification,
        locality,
        topic,
        marker: `MARK${classification}${locality}${topic.replace('-', '')}Z`,
      });
    }
  }
}

/** Who may see a document, written out from the rule independently of data/access.ts. */
export function expectedVisible(user: UserName, doc: FixtureDoc): boolean {
  const u = USERS[user];
  if (doc.classification > u.clearance) return false;
  switch (user) {
    case 'admin':
    case 'analyst1':
    case 'leader':
      return true;
    case 'officer0':
    case 'officer2':
      return doc.locality === 'here' || doc.locality === 'old';
    case 'health1':
      return doc.topic === 'y-te';
    case 'contributor':
      return false;
  }
}

export const HOSTILE_TITLE = '<script>alert("xss")</script> &amp; <img src=x onerror=alert(1)>';

export interface Fixture {
  db: Db;
  app: Express;
  users: Record<UserName, User>;
  logger: ReturnType<typeof memoryLogger>;
  clock: { now: Date };
  ctx: AppContext;
}

async function insertDocuments(db: Db): Promise<void> {
  for (const [i, doc] of DOCS.entries()) {
    const locality = LOCALITIES[doc.locality];
    const published = new Date(NOW.getTime() - (i % 10) * 86_400_000 - 3600_000);
    await db.run(
      `INSERT INTO documents (id, import_source, outlet, kind, url, title, text, published_at, ingested_at,
         locality_uid, lang, content_hash, classification)
       VALUES ($id, 'fixture', 'Báo Đắk Lắk', 'news', $url, $title, $text, $published, $published, $locality, 'vi', $id, $c)`,
      {
        id: doc.id,
        url: i === 0 ? 'javascript:alert(1)' : `https://baodaklak.vn/${doc.id}`,
        title: i === 0 ? `${HOSTILE_TITLE} ${doc.marker}` : `Tin ${doc.marker}`,
        text: `Nội dung ${doc.marker} về ${doc.topic}. <b>đậm</b> &lt;`,
        published,
        locality,
        c: doc.classification,
      },
    );
    await db.run(
      `INSERT INTO doc_scores VALUES ($id, 'test-1', $sentiment, $score, [$topic], NULL, [], $locality, $published)`,
      {
        id: doc.id,
        sentiment: i % 3 === 0 ? 'negative' : i % 3 === 1 ? 'neutral' : 'positive',
        score: i % 3 === 0 ? -0.6 : i % 3 === 1 ? 0 : 0.5,
        topic: doc.topic,
        locality: doc.locality === 'none' ? null : LOCALITIES[doc.locality],
        published,
      },
    );
  }
}

/** Alerts: one per classification in officer0's ward and one elsewhere; each with a case. */
async function insertAlerts(db: Db): Promise<void> {
  const alerts = [
    ['a-0-here', 0, LOCALITIES.here, 'dat-dai'],
    ['a-1-here', 1, LOCALITIES.here, 'dat-dai'],
    ['a-2-here', 2, LOCALITIES.here, 'dat-dai'],
    ['a-0-elsewhere', 0, LOCALITIES.elsewhere, 'dat-dai'],
    ['a-1-health', 1, LOCALITIES.elsewhere, 'y-te'],
  ] as const;
  for (const [id, classification, unit, topic] of alerts) {
    const docIds = DOCS.filter((d) => d.classification <= classification && d.topic === topic).map(
      (d) => d.id,
    );
    await db.run(
      `INSERT INTO alerts (id, detector, granularity, topic, label, unit_uid, series_uid, current_uid, unit_level,
         first_seen, last_seen, detected_at, severity, score, p_value, count, expected, neg_share, outlets, top_terms,
         doc_ids, explanation, classification, status, created_at, updated_at)
       VALUES ($id, 'topic', 'day', $topic, $label, $unit, $unit, $unit, 3, $first, $last, $last, 'cao', 80, 0.0001,
         12, 2.5, 0.6, ['Báo Đắk Lắk'], ['bồi thường', 'giải tỏa'], $docs, $explanation, $c, 'open', $last, $last)`,
      {
        id,
        topic,
        label: `Điểm nóng ${id} ALERTMARK${id.replaceAll('-', '')}Z`,
        unit,
        first: new Date(NOW.getTime() - 3 * 86_400_000),
        last: new Date(NOW.getTime() - 86_400_000),
        docs: docIds,
        explanation: JSON.stringify({
          reason: 'khối lượng vượt mức nền <script>x</script>',
          series: [
            { day: '2026-03-15', count: 2, expected: 2.1 },
            { day: '2026-03-16', count: 3, expected: 2.2 },
            { day: '2026-03-17', count: 12, expected: 2.5 },
          ],
        }),
        c: classification,
      },
    );
    await db.run(
      `INSERT INTO cases (id, alert_id, status, assignee, recipients, escalated, severity, deadline, classification,
         created_at, updated_at)
       VALUES ($case, $id, 'received', 'UBND phường', ['UBND phường'], false, 'cao', $deadline, $c, $now, $now)`,
      {
        case: `case-${id}`,
        id,
        deadline: new Date(NOW.getTime() + 2 * 86_400_000),
        c: classification,
        now: NOW,
      },
    );
  }
}

/** A misinformation candidate for every document (same scope), and two collaborator reports. */
async function insertClaimsAndReports(db: Db, contributorId: string): Promise<void> {
  await db.run(
    `INSERT INTO official_statements (id, claim, verdict, official_text, issuing_body, topics, places, classification,
       content_hash, created_at, updated_at)
     VALUES ('st-1', 'Tin đồn thu hồi đất', 'false', 'UBND tỉnh khẳng định không thu hồi đất.', 'UBND tỉnh', ['dat-dai'], [], 0, 'h', $now, $now)`,
    { now: NOW },
  );
  for (const doc of DOCS) {
    await db.run(
      `INSERT INTO claim_candidates (id, doc_id, statement_id, sentence, claim_score, similarity, tier, risk, locality_uid,
         topics, classification, created_at, updated_at)
       VALUES ($id, $doc, 'st-1', $sentence, 0.8, 0.7, 'suggest', 0.5, $locality, [$topic], $c, $now, $now)`,
      {
        id: `cc-${doc.id}`,
        doc: doc.id,
        sentence: `Tin đồn ${doc.marker}`,
        locality: LOCALITIES[doc.locality],
        topic: doc.topic,
        c: doc.classification,
        now: NOW,
      },
    );
  }
  for (const [id, by] of [
    ['r-own', contributorId],
    ['r-other', 'someone-else'],
  ] as const) {
    await db.run(
      `INSERT INTO reports (id, import_source, reporter, organisation, unit_uid, period, locality_uid, topics, summary,
         submitted_at, ingested_at, classification, submitted_by, content_hash, source_file, source_row)
       VALUES ($id, 'web', 'P-0123456789abcdef', 'Cộng tác viên', '24133/2025', '2026-03', '24133/2025', ['dat-dai'],
         $summary, $now, $now, 0, $by, $id, 'form', 1)`,
      { id, by, summary: `Báo cáo REPORTMARK${id.replace('-', '')}Z`, now: NOW },
    );
  }
}

/** A fresh in-memory database with the fixture, and the app over it with a settable clock. */
export async function makeFixture(options: Partial<AppContext> = {}): Promise<Fixture> {
  const db = await openDb(':memory:');
  await migrate(db);
  await seedReference(db);
  const users = {} as Record<UserName, User>;
  for (const [username, u] of Object.entries(USERS) as [UserName, (typeof USERS)[UserName]][]) {
    users[username] = await createUser(db, { username, ...u, password: PASSWORD }, NOW);
  }
  await insertDocuments(db);
  await insertAlerts(db);
  await insertClaimsAndReports(db, users.contributor.id);
  await db.run(
    `INSERT INTO sources (name, kind, url, schedule, failures, last_success_at, last_error)
     VALUES ('fixture', 'jsonl', NULL, '0 * * * *', 0, $now, NULL), ('rss-bad', 'rss', 'https://x.example/rss', '*/30 * * * *', 3, NULL, 'timeout <b>')`,
    { now: NOW },
  );
  await db.run(
    `INSERT INTO job_runs (job, started_at, finished_at, status, items_in, items_new, error)
     VALUES ('ingest:fixture', $now, $now, 'ok', ${DOCS.length}, ${DOCS.length}, NULL), ('ingest:rss-bad', $now, $now, 'failed', 0, 0, 'timeout')`,
    { now: NOW },
  );
  const clock = { now: NOW };
  const logger = memoryLogger();
  const ctx: AppContext = { db, logger, now: () => clock.now, ...options };
  return { db, app: createApp(ctx), users, logger, clock, ctx };
}

export type Agent = ReturnType<typeof request.agent>;

/** Read the CSRF token from the page's meta tag or a hidden field. */
export function csrfFrom(html: string): string {
  const match = /name="csrf-token" content="([^"]+)"/.exec(html) ?? /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

/** Sign in through the form; returns the agent (cookies kept) and the session's CSRF token. */
export async function login(
  app: Express,
  username: string,
  password = PASSWORD,
): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(app);
  const form = await agent.get('/login');
  const response = await agent
    .post('/login')
    .type('form')
    .send({ username, password, _csrf: csrfFrom(form.text), next: '/' });
  if (response.status !== 303) throw new Error(`login ${username}: status ${response.status}`);
  const me = await agent.get('/api/me');
  return { agent, csrf: (me.body as { csrf: string }).csrf };
}

/** A page shows every string of `shown` and none of `absent` (a page in one language: none of the other's labels). */
export function expectText(page: string, shown: readonly string[], absent: readonly string[] = []): void {
  for (const text of shown) expect(page).toContain(text);
  for (const text of absent) expect(page).not.toContain(text);
}

/** GET `url` as bytes (XLSX, DOCX…): `(await download(agent, '/x.docx')).body` is a Buffer. */
export function download(agent: Agent, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
