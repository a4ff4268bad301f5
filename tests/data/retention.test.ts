/**
 * The retention rules for personal data: identity links expire by who they stand for and when that person was
 * last seen in an import (people imported through the real survey and report paths), raw items by fetch time and
 * archived month, failed sign-ins by age unless locked; a dry run changes nothing; a run is audited once; the data
 * people were pseudonymised in stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bin/config.ts';
import { buildJobs } from '../../bin/jobs.ts';
import { archiveDocuments, archiveFiles, verifyArchive } from '../../data/archive.ts';
import { listAudit } from '../../data/audit.ts';
import { openDb, type Db } from '../../data/db.ts';
import { memoryLogger } from '../../data/logger.ts';
import { migrate } from '../../data/migrate.ts';
import { pseudonymEntry, resolvePseudonym } from '../../data/pseudonym.ts';
import {
  applyRetention,
  DEFAULT_RETENTION,
  type RetentionReport,
  type RetentionRules,
} from '../../data/retention.ts';
import { ingestReportRecords } from '../../pipeline/report/ingest-reports.ts';
import { ingestSurvey } from '../../pipeline/survey/ingest-survey.ts';
import { tempDir } from '../helpers/temp.ts';

const F = 'tests/fixtures/surveys';
const SECRET = 'test-secret-not-for-production';
/** Imports happen at these times; retention runs at NOW (14 months after T0) and LATER (25 months after T0). */
const T0 = new Date('2025-09-15T03:00:00Z');
const T1 = new Date('2026-10-01T03:00:00Z');
const NOW = new Date('2026-11-27T10:00:00Z');
const LATER = new Date('2027-10-20T10:00:00Z');

const counts = (report: RetentionReport) => Object.fromEntries(report.items.map((i) => [i.rule, i.count]));
const count = async (db: Db, sql: string) => (await db.one<{ n: number }>(sql))!.n;
const collaborator = (name: string) => pseudonymEntry(SECRET, 'collaborator', name).pseudonym;

async function importPeople(db: Db): Promise<void> {
  const ctx = (at: Date) => ({ db, logger: memoryLogger(), now: () => at, secret: SECRET });
  // 24 respondents and their enumerators (the export's `username` column), all at T0.
  const survey = await ingestSurvey(
    `${F}/kobo-v1.csv`,
    { survey: 'ks', form: `${F}/xlsform-v1.xlsx` },
    ctx(T0),
  );
  expect(survey.new).toBe(24);
  const report = (reporter: string, extra: Record<string, unknown> = {}) => ({
    reporter,
    period: '2025-09',
    summary: `Bà con xã Ea Tu phản ánh giá phân bón tăng (${reporter}).`,
    ...extra,
  });
  await ingestReportRecords(
    'test',
    [
      report('CTV A'),
      report('CTV C'),
      // A petitioner (a report with a kind) and a collaborator who has also brought a petition.
      report('Nguyễn Văn B', { kind: 'khiếu nại', summary: 'Khiếu nại về bồi thường đất ở xã Ea Tu.' }),
      report('CTV D', { kind: 'kiến nghị', summary: 'Kiến nghị sửa đường liên thôn ở xã Ea Tu.' }),
      report('CTV D', { summary: 'Tình hình dư luận ổn định ở xã Ea Tu.' }),
    ],
    { source: 'test' },
    ctx(T0),
  );
  // CTV C reports again at T1: seen recently.
  await ingestReportRecords('test', [report('CTV C', { period: '2026-09' })], { source: 'test' }, ctx(T1));
}

async function seedRawAndLogins(db: Db): Promise<void> {
  const raw = (id: string, fetched: string) => [
    id,
    'test',
    `f.jsonl:${id}`,
    new Date(fetched),
    'application/json',
    null,
    `{"id":"${id}"}`,
    `h-${id}`,
    1,
  ];
  await db.append('raw_items', [
    raw('old-1', '2025-01-10T00:00:00Z'),
    raw('old-2', '2025-11-26T16:59:00Z'), // 23:59 on 26/11/2025, local: before the cut-off
    raw('kept-1', '2025-11-26T17:00:00Z'), // local midnight of 27/11/2025: kept
    raw('kept-2', '2026-11-01T00:00:00Z'),
  ] as never);
  const failure = (user: string, last: string, lockedUntil: string | null) => [
    user,
    3,
    new Date(last),
    lockedUntil === null ? null : new Date(lockedUntil),
  ];
  await db.append('login_failures', [
    failure('nguyenvana', '2026-09-01T00:00:00Z', null),
    failure('tranthib', '2026-09-01T00:00:00Z', '2026-12-31T00:00:00Z'), // still locked: kept
    failure('lethic', '2026-11-20T00:00:00Z', null),
  ] as never);
}

describe('retention rules for personal data', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await importPeople(db);
    await seedRawAndLogins(db);
  });
  afterEach(() => db.close());

  const people = () => count(db, 'SELECT count(*) AS n FROM pseudonym_map');
  const resolves = async (pseudonym: string) =>
    resolvePseudonym(db, pseudonym, {
      secret: SECRET,
      actor: { id: 'admin', role: 'admin' },
      audit: () => undefined,
    }).then(
      (r) => r.id,
      () => null,
    );

  it('a dry run counts what each rule would remove and changes nothing', async () => {
    const before = await people();
    const report = await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'test', dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(counts(report)).toEqual({
      'identity:respondent': 24,
      'identity:enumerator': 0,
      'identity:collaborator': 0,
      'identity:petitioner': 1,
      raw_items: 2,
      login_failures: 1,
    });
    // Cut-offs are local midnights: 12 months, and 30 days, before 27/11/2026.
    expect(report.items.find((i) => i.rule === 'raw_items')!.cutoff.toISOString()).toBe(
      '2025-11-26T17:00:00.000Z',
    );
    expect(report.items.find((i) => i.rule === 'login_failures')!.cutoff.toISOString()).toBe(
      '2026-10-27T17:00:00.000Z',
    );
    expect(await people()).toBe(before);
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items')).toBe(4);
    expect(await listAudit(db, { action: 'retention.apply' })).toEqual([]);
  });

  it('deletes expired identity links only, keeps the pseudonymised data, and audits the run once', async () => {
    const respondent = (await db.one<{ respondent: string }>(
      'SELECT min(respondent) AS respondent FROM survey_respondents',
    ))!.respondent;
    const petitioner = collaborator('nguyễn văn b');
    expect(await resolves(respondent)).not.toBeNull();
    expect(await resolves(petitioner)).toBe('nguyễn văn b');
    const answers = await count(db, 'SELECT count(*) AS n FROM survey_responses');
    const before = await people();

    const report = await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'cli:test' });
    expect(counts(report)).toMatchObject({ 'identity:respondent': 24, 'identity:petitioner': 1 });
    expect(await people()).toBe(before - 25);
    expect(await resolves(respondent)).toBeNull();
    expect(await resolves(petitioner)).toBeNull();
    // Enumerators (24 months), collaborators, and a collaborator who also brought a petition stay resolvable.
    expect(await resolves(collaborator('ctv a'))).toBe('ctv a');
    expect(await resolves(collaborator('ctv d'))).toBe('ctv d');
    expect(
      await count(db, "SELECT count(*) AS n FROM pseudonym_map WHERE kind = 'enumerator'"),
    ).toBeGreaterThan(0);
    // The data keeps its pseudonyms.
    expect(await count(db, 'SELECT count(*) AS n FROM survey_respondents')).toBe(24);
    expect(await count(db, 'SELECT count(*) AS n FROM survey_responses')).toBe(answers);
    expect(await count(db, `SELECT count(*) AS n FROM reports WHERE reporter = '${petitioner}'`)).toBe(1);

    expect(await count(db, 'SELECT count(*) AS n FROM raw_items')).toBe(2);
    expect((await db.all<{ id: string }>('SELECT id FROM raw_items ORDER BY id')).map((r) => r.id)).toEqual([
      'kept-1',
      'kept-2',
    ]);
    expect(
      (await db.all<{ username: string }>('SELECT username FROM login_failures ORDER BY username')).map(
        (r) => r.username,
      ),
    ).toEqual(['lethic', 'tranthib']);

    const audit = await listAudit(db, { action: 'retention.apply' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('cli:test');
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({
      removed: { 'identity:respondent': 24, 'identity:petitioner': 1, raw_items: 2, login_failures: 1 },
    });

    // The same day again: nothing more to remove, and no second audit entry.
    const again = await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'cli:test' });
    expect(again.items.every((i) => i.count === 0)).toBe(true);
    expect(await listAudit(db, { action: 'retention.apply' })).toHaveLength(1);
  });

  it('collaborators expire two years after they were last seen, counting every import', async () => {
    const enumerators = await count(db, "SELECT count(*) AS n FROM pseudonym_map WHERE kind = 'enumerator'");
    expect(enumerators).toBe(3); // the fixture's three interviewer accounts
    const report = await applyRetention(db, DEFAULT_RETENTION, { now: LATER, actor: 'test' });
    // CTV A and D and the enumerators were last seen at T0, 25 months before; CTV C reported again at T1.
    expect(counts(report)).toMatchObject({ 'identity:collaborator': 2, 'identity:enumerator': 3 });
    expect(await resolves(collaborator('ctv a'))).toBeNull();
    expect(await resolves(collaborator('ctv d'))).toBeNull();
    expect(await resolves(collaborator('ctv c'))).toBe('ctv c');
  });

  it('a person imported again after the link was deleted can be resolved again', async () => {
    await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'test' });
    const petitioner = collaborator('nguyễn văn b');
    expect(await resolves(petitioner)).toBeNull();
    await ingestReportRecords(
      'test',
      [
        {
          reporter: 'Nguyễn Văn B',
          kind: 'tố cáo',
          period: '2026-11',
          summary: 'Tố cáo việc thu tiền ở xã Ea Tu.',
        },
      ],
      { source: 'test' },
      { db, logger: memoryLogger(), now: () => NOW, secret: SECRET },
    );
    expect(await resolves(petitioner)).toBe('nguyễn văn b');
  });

  it('the scheduled retention job applies the configured rules daily and is recorded as the system', async () => {
    const config = parseConfig(
      "schedules:\n  retention: '0 3 * * *'\nretention:\n  raw_items_months: null\n",
      'x',
    );
    const job = buildJobs({
      db,
      dbPath: ':memory:',
      config,
      logger: memoryLogger(),
      now: () => NOW,
      secret: () => SECRET,
      shutdown: new AbortController().signal,
      requestShutdown: () => undefined,
    }).find((j) => j.name === 'retention')!;
    expect(job).toMatchObject({ runKey: 'internal:retention', schedule: '0 3 * * *' });
    // 24 respondents, one petitioner, one failed sign-in; raw items kept by the config.
    expect(await job.run()).toMatchObject({ in: 26, failed: 0 });
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items')).toBe(4);
    const run = await db.one<{ status: string; items_new: number }>(
      "SELECT status, items_new FROM job_runs WHERE job = 'internal:retention'",
    );
    expect(run).toEqual({ status: 'ok', items_new: 26 });
    expect((await listAudit(db, { action: 'retention.apply' }))[0]!.actor).toBe('hệ thống');
  });

  it('a rule set to null keeps that data for good', async () => {
    const keep: RetentionRules = {
      identityMonths: { respondent: null, enumerator: null, collaborator: null, petitioner: 12 },
      rawItemsMonths: null,
      loginFailuresDays: null,
    };
    const report = await applyRetention(db, keep, { now: LATER, actor: 'test' });
    expect(counts(report)).toEqual({ 'identity:petitioner': 1 });
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items')).toBe(4);
    expect(await count(db, 'SELECT count(*) AS n FROM login_failures')).toBe(3);
  });
});

describe('retention of archived raw items', () => {
  let db: Db;
  let dir: string;
  beforeEach(async () => {
    dir = tempDir('dlxh-retention-');
    db = await openDb(path.join(dir, 'test.duckdb'));
    await migrate(db);
  });
  afterEach(() => db.close());

  it('deletes the archived raw-item files of months before the cut-off; documents and scores stay', async () => {
    const docs = [];
    const raws = [];
    for (let i = 0; i < 24; i++) {
      // Two documents a month from January 2025 to December 2025.
      const published = new Date(Date.UTC(2025, Math.floor(i / 2), 5 + (i % 2) * 10));
      const id = `d-${i}`;
      docs.push([
        id,
        'test',
        'Báo Đắk Lắk',
        'news',
        null,
        null,
        null,
        `Tin số ${i} về xã Ea Tu`,
        published,
        published,
        null,
        'vi',
        `hash-${i}`,
        BigInt(i),
        null,
        null,
        0,
        `raw-${i}`,
        null,
      ]);
      raws.push([`raw-${i}`, 'test', `f:${i}`, published, 'text/html', null, `<p>${i}</p>`, `h${i}`, 1]);
    }
    await db.append('documents', docs as never);
    await db.append('raw_items', raws as never);
    await archiveDocuments(db, {
      before: new Date('2026-01-01T00:00:00+07:00'),
      now: NOW,
      defaultDir: path.join(dir, 'archive'),
    });
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items')).toBe(0);
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items_all')).toBe(24);

    // At NOW the cut-off is 27/11/2025: the raw items of January–October 2025 go with their files; November's file
    // holds items from both sides of the cut-off and stays whole until the next month's run.
    const dry = await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'test', dryRun: true });
    expect(dry.archivedFiles).toHaveLength(10);
    expect(dry.archivedRawItems).toBe(20);
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items_all')).toBe(24);

    const report = await applyRetention(db, DEFAULT_RETENTION, { now: NOW, actor: 'test' });
    expect(
      report.archivedFiles.every(
        (f) => f.startsWith('raw_items/month=2025-') && f < 'raw_items/month=2025-11',
      ),
    ).toBe(true);
    expect(await count(db, 'SELECT count(*) AS n FROM raw_items_all')).toBe(4);
    expect(await count(db, 'SELECT count(*) AS n FROM documents_all')).toBe(24);
    const root = path.join(dir, 'archive');
    for (const f of report.archivedFiles) expect(fs.existsSync(path.join(root, f))).toBe(false);
    expect((await archiveFiles(db)).filter((f) => f.table_name === 'raw_items')).toHaveLength(2);
    expect((await verifyArchive(db)).problems).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'SHA256SUMS'), 'utf8')).not.toContain('raw_items/month=2025-01');
  });
});

describe('config `retention`', () => {
  it('defaults to the built-in rules and reads each length, null keeping the data', () => {
    expect(parseConfig('', 'dlxh.yaml').retention).toEqual(DEFAULT_RETENTION);
    const config = parseConfig(
      'retention:\n  identity_months: { respondent: 6, petitioner: null }\n  raw_items_months: 3\n',
      'dlxh.yaml',
    );
    expect(config.retention).toEqual({
      identityMonths: { respondent: 6, enumerator: 24, collaborator: 24, petitioner: null },
      rawItemsMonths: 3,
      loginFailuresDays: 30,
    });
  });

  it('refuses a length that is not a whole number of at least 1, and unknown keys, naming the key', () => {
    expect(() => parseConfig('retention:\n  raw_items_months: 0\n', 'dlxh.yaml')).toThrow(
      /config dlxh\.yaml: retention\.raw_items_months: /,
    );
    expect(() => parseConfig('retention:\n  identity_months: { respondent: 1.5 }\n', 'dlxh.yaml')).toThrow(
      /retention\.identity_months\.respondent/,
    );
    expect(() => parseConfig('retention:\n  documents_months: 6\n', 'dlxh.yaml')).toThrow(/retention/);
  });
});
