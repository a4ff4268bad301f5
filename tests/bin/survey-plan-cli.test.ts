/** `dlxh survey plan`: the year's requests as a table and as JSON; an empty year says so; a bad year is refused. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileRequest, transitionRequest } from '../../analytics/surveys/requests.ts';
import { openDatabase } from '../../data/database.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const SLOW = 120_000;
let db: string;
const cli = (...args: string[]) => runCli(['--db', db, ...args]);

beforeAll(async () => {
  db = path.join(tempDir(), 'plan.duckdb');
  const handle = await openDatabase(db);
  try {
    const now = new Date('2026-02-01T03:00:00Z');
    await fileRequest(
      handle,
      'test',
      {
        requester_uid: 'so-y-te',
        title: 'Hài lòng với trạm y tế xã',
        purpose: 'Bố trí lại trạm y tế.',
        wanted_by: '2026-05-31',
      },
      { actor: 'health1', now },
    );
    await fileRequest(
      handle,
      'test',
      { requester_uid: 'so-giao-duc', title: 'Học phí năm học mới', purpose: 'Điều chỉnh mức thu.' },
      { actor: 'edu1', now },
    );
    await transitionRequest(handle, 'YC-2026-002', 'decline', {
      actor: 'phantich',
      now,
      note: 'Đã có trong khảo sát của Bộ năm nay.',
    });
  } finally {
    handle.close();
  }
});

describe('dlxh survey plan', () => {
  it(
    "lists a year's requests with their status and overdue flag, as a table and as JSON",
    async () => {
      const table = await cli('survey', 'plan', '--year', '2026');
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(
        /YC-2026-001 .*Hài lòng với trạm y tế xã .*Sở Y tế .*Toàn tỉnh .*31\/05\/2026 .*Đã nhận \(quá hạn\)/,
      );
      expect(table.stdout).toMatch(/YC-2026-002 .*Sở Giáo dục và Đào tạo .*Không thực hiện/);

      const json = await cli('survey', 'plan', '--year', '2026', '--json');
      const requests = JSON.parse(json.stdout) as {
        id: string;
        status: string;
        status_note: string | null;
      }[];
      expect(requests.map((r) => [r.id, r.status])).toEqual([
        ['YC-2026-001', 'received'],
        ['YC-2026-002', 'declined'],
      ]);
      expect(requests[1]!.status_note).toBe('Đã có trong khảo sát của Bộ năm nay.');

      const empty = await cli('survey', 'plan', '--year', '2025');
      expect(empty.stdout).toBe('Chưa có đề nghị khảo sát nào trong kế hoạch năm 2025.\n');
      const bad = await cli('survey', 'plan', '--year', 'năm nay');
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--year: invalid year "năm nay"');
    },
    SLOW,
  );
});
