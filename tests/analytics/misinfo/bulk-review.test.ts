// Bulk review of the queue: the same rows and events as one review per candidate, all or nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BULK_REVIEW_LIMIT,
  bulkTargets,
  candidateIds,
  reviewCandidate,
  reviewCandidates,
  statementGroups,
} from '../../../analytics/misinfo/review.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';

const now = () => new Date('2026-03-20T03:00:00Z');
let db: Db;

/** Twin candidates a-0…a-3 and b-0…b-3 on statement st (b-3 matches no statement); a-1 and b-1 carry notes. */
beforeEach(async () => {
  db = await openDb(':memory:');
  await migrate(db);
  await db.run(
    `INSERT INTO official_statements (id, claim, verdict, official_text, issuing_body, topics, places, classification,
       content_hash, created_at, updated_at)
     VALUES ('st', 'Tin đồn', 'false', 'Văn bản chính thức.', 'UBND tỉnh', [], [], 0, 'h', $now, $now)`,
    { now: now() },
  );
  for (const twin of ['a', 'b']) {
    for (const i of [0, 1, 2, 3]) {
      await db.run(
        `INSERT INTO claim_candidates (id, doc_id, statement_id, sentence, claim_score, tier, risk, locality_uid, topics,
           notes, classification, created_at, updated_at)
         VALUES ($id, $doc, $st, 'câu', 0.5, 'new', $risk, $loc, [$topic], $notes, 0, $now, $now)`,
        {
          id: `${twin}-${i}`,
          doc: `d-${i}`,
          st: i === 3 ? null : 'st',
          risk: 0.1 * (i + 1),
          loc: i % 2 ? 'u-1' : 'u-2',
          topic: i < 2 ? 'y-te' : 'dat-dai',
          notes: i === 1 ? 'ghi chú cũ' : null,
          now: now(),
        },
      );
    }
  }
});
afterEach(() => db.close());

const rowsOf = (twin: string) =>
  db.all<Record<string, unknown>>(
    `SELECT substr(id, 3) AS n, status, reviewer, notes, response, reviewed_at, updated_at FROM claim_candidates
     WHERE id LIKE $p ORDER BY id`,
    { p: `${twin}-%` },
  );
const eventsOf = (twin: string) =>
  db.all<Record<string, unknown>>(
    `SELECT substr(claim_candidate_id, 3) AS n, occurred_at, actor, from_status, to_status, note
     FROM claim_candidate_events WHERE claim_candidate_id LIKE $p ORDER BY claim_candidate_id, id`,
    { p: `${twin}-%` },
  );

describe('reviewCandidates', () => {
  it('writes the same rows and events as reviewCandidate one by one', async () => {
    const steps = [
      { status: 'đang xác minh', reviewer: 'phantich', notes: 'kiểm tra' },
      { status: 'sai sự thật', reviewer: 'phantich', response: 'Thông tin cần công bố.' },
      { status: 'đang xác minh', reviewer: 'quantri' },
    ] as const;
    for (const step of steps) {
      for (const i of [0, 1, 2, 3]) await reviewCandidate(db, `a-${i}`, step, { now });
      expect(await reviewCandidates(db, ['b-0', 'b-1', 'b-2', 'b-3'], step, { now })).toBe(4);
    }
    expect(await rowsOf('b')).toEqual(await rowsOf('a'));
    expect(await eventsOf('b')).toEqual(await eventsOf('a'));
    expect((await eventsOf('b')).length).toBe(12);
  });

  it('changes nothing when one candidate cannot make the move, or a false claim has no response', async () => {
    await reviewCandidate(db, 'b-2', { status: 'đang xác minh', reviewer: 'phantich' }, { now });
    const before = [await rowsOf('b'), await eventsOf('b')];
    await expect(
      reviewCandidates(db, ['b-0', 'b-1', 'b-2'], { status: 'đúng sự thật', reviewer: 'phantich' }, { now }),
    ).rejects.toThrow(
      'status: cannot move 2 "chưa xác định" candidate(s) to "đúng sự thật"; filter by status first',
    );
    await expect(
      reviewCandidates(db, ['b-2'], { status: 'sai sự thật', reviewer: 'phantich', response: '  ' }, { now }),
    ).rejects.toThrow(/^response: required/);
    await expect(
      reviewCandidates(db, ['b-0', 'b-404'], { status: 'đang xác minh', reviewer: 'phantich' }, { now }),
    ).rejects.toThrow('bulk review: 1 of the candidates no longer exist');
    const tooMany = Array.from({ length: BULK_REVIEW_LIMIT + 1 }, (_, i) => `x-${i}`);
    await expect(
      reviewCandidates(db, tooMany, { status: 'đang xác minh', reviewer: 'phantich' }, { now }),
    ).rejects.toThrow(`more than ${BULK_REVIEW_LIMIT} at once`);
    expect([await rowsOf('b'), await eventsOf('b')]).toEqual(before);
  });

  it('offers in bulk only the moves allowed from every status present', () => {
    expect(bulkTargets(['chưa xác định'])).toEqual(['đang xác minh', 'không áp dụng']);
    expect(bulkTargets(['chưa xác định', 'đang xác minh'])).toEqual(['không áp dụng']);
    expect(bulkTargets(['sai sự thật', 'chưa xác định'])).toEqual(['đang xác minh']);
    expect(bulkTargets(['sai sự thật', 'chưa xác định', 'đang xác minh'])).toEqual([]);
    expect(bulkTargets([])).toEqual([]);
  });
});

describe('statementGroups and candidateIds', () => {
  it('count per statement and pick by statement, none, topic and units', async () => {
    await reviewCandidate(db, 'a-0', { status: 'không áp dụng', reviewer: 'phantich' }, { now });
    const groups = await statementGroups(db);
    expect(groups.map((g) => [g.statement_id, g.open, g.total, g.max_open_risk?.toFixed(2)])).toEqual([
      ['st', 5, 6, '0.30'],
      [null, 2, 2, '0.40'],
    ]);
    expect(
      (await statementGroups(db, { topic: 'y-te' })).map((g) => [g.statement_id, g.open, g.total]),
    ).toEqual([['st', 3, 4]]);
    expect((await candidateIds(db, { statementId: null }, 10)).sort()).toEqual(['a-3', 'b-3']);
    expect((await candidateIds(db, { statementId: 'st', units: ['u-1'] }, 10)).sort()).toEqual([
      'a-1',
      'b-1',
    ]);
    expect(await candidateIds(db, { units: [] }, 10)).toEqual([]);
    expect(await candidateIds(db, {}, 3)).toHaveLength(3);
  });
});
