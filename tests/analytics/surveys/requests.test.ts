/**
 * Survey requests and the year's plan: filing checks every field and numbers requests per plan year; the status
 * moves only along its transitions, each kept with who and when; a decline needs a reason and a report needs an
 * imported survey; overdue is open past the wanted-by day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedActions,
  countByStatus,
  fileRequest,
  listRequests,
  requestEvents,
  transitionRequest,
} from '../../../analytics/surveys/requests.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';

const NOW = new Date('2026-03-02T02:00:00Z');
const LATER = new Date('2026-07-01T02:00:00Z');
const KRONG_PAC = '24490/2025';

const health = {
  requester_uid: 'so-y-te',
  title: 'Mức độ hài lòng với trạm y tế xã sau sắp xếp',
  purpose: 'Đánh giá việc khám chữa bệnh ban đầu sau khi sáp nhập xã, để đề xuất bố trí lại trạm y tế.',
  population: 'Người dân từ 18 tuổi',
  topics: ['y-te'],
  wanted_by: '2026-06-30',
};

describe('survey requests', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await seedReference(db);
  });
  afterAll(() => db.close());

  it('files requests numbered per plan year, with the requester and place by name', async () => {
    const first = await fileRequest(db, 'form', health, { actor: 'canbo-yte', now: NOW });
    expect(first).toMatchObject({
      id: 'YC-2026-001',
      requester_name: 'Sở Y tế',
      status: 'received',
      plan_year: 2026,
      wanted_by: '2026-06-30',
      topics: ['y-te'],
      locality_uid: null,
      overdue: false,
    });
    const second = await fileRequest(
      db,
      'form',
      {
        requester_uid: KRONG_PAC,
        locality_uid: KRONG_PAC,
        title: 'Ý kiến về phương án bồi thường dự án hồ chứa',
        purpose: 'Nắm tâm tư của các hộ bị thu hồi đất trước khi công bố phương án.',
        topics: ['dat-dai', 'dat-dai'],
        plan_year: '2027',
      },
      { actor: 'canbo-xa', now: NOW },
    );
    expect(second).toMatchObject({
      id: 'YC-2027-001',
      locality_name: second.requester_name,
      topics: ['dat-dai'],
    });
    const third = await fileRequest(
      db,
      'form',
      { ...health, title: 'Lần hai' },
      { actor: 'canbo-yte', now: NOW },
    );
    expect(third.id).toBe('YC-2026-002');
    expect((await listRequests(db, { year: 2026, now: NOW })).map((r) => r.id)).toEqual([
      'YC-2026-001',
      'YC-2026-002',
    ]);
  });

  it('refuses a request with a missing or unknown field, naming it', async () => {
    const file = (body: object) =>
      fileRequest(db, 'POST /api/survey-requests', body, { actor: 'x', now: NOW });
    await expect(file({ ...health, title: '  ' })).rejects.toThrow(
      'POST /api/survey-requests: title: required',
    );
    await expect(file({ ...health, purpose: undefined })).rejects.toThrow('purpose: required');
    await expect(file({ ...health, title: { text: 'x' } })).rejects.toThrow('title: expected text');
    await expect(file({ ...health, requester_uid: ['so-y-te'] })).rejects.toThrow(
      'requester_uid: expected text',
    );
    await expect(file({ ...health, requester_uid: 'so-khong-co' })).rejects.toThrow(
      'requester_uid: unknown unit or agency "so-khong-co"',
    );
    await expect(file({ ...health, topics: ['y-te', 'bong-da'] })).rejects.toThrow(
      'topics: unknown topic "bong-da"',
    );
    await expect(file({ ...health, wanted_by: '2026-02-30' })).rejects.toThrow(
      'wanted_by: invalid date "2026-02-30"',
    );
    await expect(file({ ...health, locality_uid: '99999/2025' })).rejects.toThrow(
      'locality_uid: unknown unit',
    );
    await expect(file({ ...health, classification: 5 })).rejects.toThrow('invalid classification "5"');
    await expect(file({ ...health, title: 'x'.repeat(201) })).rejects.toThrow(
      'title: longer than 200 characters',
    );
  });

  it('moves along the plan, keeps every step, and refuses steps the status does not allow', async () => {
    const id = 'YC-2026-001';
    await expect(transitionRequest(db, id, 'start', { actor: 'phantich', now: NOW })).rejects.toThrow(
      'survey request YC-2026-001: cannot start a request that is received',
    );
    await expect(
      transitionRequest(db, id, 'decline', { actor: 'phantich', now: NOW, note: 'không' }),
    ).rejects.toThrow('a reason of at least 10 characters');
    await transitionRequest(db, id, 'plan', {
      actor: 'phantich',
      now: NOW,
      note: 'Quý II, lồng vào khảo sát tháng 5',
    });
    await transitionRequest(db, id, 'start', { actor: 'phantich', now: NOW });
    await expect(transitionRequest(db, id, 'report', { actor: 'phantich', now: NOW })).rejects.toThrow(
      'survey: the survey that answers it is required',
    );
    await expect(
      transitionRequest(db, id, 'report', { actor: 'phantich', now: NOW, survey: 'ks-chua-co' }),
    ).rejects.toThrow('unknown survey "ks-chua-co"');
    await db.run(
      "INSERT INTO surveys (name, title, created_at, updated_at) VALUES ('ks-yte-2026', 'Khảo sát y tế', $now, $now)",
      { now: NOW },
    );
    const done = await transitionRequest(db, id, 'report', {
      actor: 'phantich',
      now: LATER,
      survey: 'ks-yte-2026',
    });
    expect(done).toMatchObject({ status: 'reported', survey: 'ks-yte-2026', overdue: false });
    expect(allowedActions(done.status)).toEqual([]);
    const events = await requestEvents(db, id);
    expect(events.map((e) => [e.actor, e.from_status, e.to_status])).toEqual([
      ['canbo-yte', null, 'received'],
      ['phantich', 'received', 'planned'],
      ['phantich', 'planned', 'in_field'],
      ['phantich', 'in_field', 'reported'],
    ]);
    expect(events[1]!.note).toBe('Quý II, lồng vào khảo sát tháng 5');
    await expect(transitionRequest(db, 'YC-1999-001', 'plan', { actor: 'x', now: NOW })).rejects.toThrow(
      'not found',
    );
    await expect(transitionRequest(db, id, 'archive', { actor: 'x', now: NOW })).rejects.toThrow(
      'unknown action',
    );
  });

  it('is overdue when still open after the day its results were wanted', async () => {
    const open = (await listRequests(db, { year: 2026, now: LATER })).find((r) => r.id === 'YC-2026-002')!;
    expect(open).toMatchObject({ status: 'received', overdue: true });
    const onTheDay = (await listRequests(db, { year: 2026, now: new Date('2026-06-30T10:00:00Z') })).find(
      (r) => r.id === 'YC-2026-002',
    )!;
    expect(onTheDay.overdue).toBe(false);
    await transitionRequest(db, 'YC-2026-002', 'withdraw', { actor: 'canbo-yte', now: LATER });
    const plan = await listRequests(db, { year: 2026, now: LATER });
    expect(plan.find((r) => r.id === 'YC-2026-002')).toMatchObject({ status: 'withdrawn', overdue: false });
    expect(countByStatus(plan)).toEqual({
      received: 0,
      planned: 0,
      in_field: 0,
      reported: 1,
      declined: 0,
      withdrawn: 1,
    });
  });
});
