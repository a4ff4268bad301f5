/**
 * `dlxh retention`: the dry run counts and changes nothing, the run removes what is due, says so in Vietnamese,
 * and is in the audit log; a config rule set to null keeps that data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/database.ts';
import { listAudit } from '../../data/audit.ts';
import { pseudonymEntry } from '../../data/pseudonym.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const SLOW = 120_000;
const DAY_MS = 86_400_000;

let dir: string;
let db: string;
const cli = (...args: string[]) => runCli(['--db', db, ...args]);

/** Two years ago (past every default rule) and yesterday (within every rule), against the real clock. */
async function seed(): Promise<void> {
  const old = new Date(Date.now() - 800 * DAY_MS);
  const recent = new Date(Date.now() - DAY_MS);
  const handle = await openDatabase(db);
  try {
    const entry = (kind: 'respondent' | 'collaborator', id: string, at: Date) => {
      const e = pseudonymEntry('cli-test-secret', kind, id);
      return [e.pseudonym, e.kind, e.sealed, at];
    };
    await handle.append('pseudonym_map', [
      entry('respondent', 'ks/uuid-1', old),
      entry('collaborator', 'ctv a', old),
      entry('respondent', 'ks/uuid-2', recent),
    ] as never);
    const raw = (id: string, at: Date) => [
      id,
      'test',
      `f:${id}`,
      at,
      'text/html',
      null,
      '<p>x</p>',
      `h-${id}`,
      1,
    ];
    await handle.append('raw_items', [raw('r-old', old), raw('r-new', recent)] as never);
    await handle.append('login_failures', [['nguyenvana', 2, old, null]] as never);
  } finally {
    handle.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'retention.duckdb');
  await seed();
});

describe('dlxh retention', () => {
  it(
    'a dry run counts, the run removes what is due and is audited, a null rule keeps its data',
    async () => {
      const dry = await cli('retention', '--dry-run', '--json');
      expect(dry.code, dry.stderr).toBe(0);
      const planned = JSON.parse(dry.stdout) as { dryRun: boolean; items: { rule: string; count: number }[] };
      expect(planned.dryRun).toBe(true);
      expect(Object.fromEntries(planned.items.map((i) => [i.rule, i.count]))).toEqual({
        'identity:respondent': 1,
        'identity:enumerator': 0,
        'identity:collaborator': 1,
        'identity:petitioner': 0,
        raw_items: 1,
        login_failures: 1,
      });

      // Keep raw items for good through the config; the rest at their defaults.
      const config = path.join(dir, 'dlxh.yaml');
      fs.writeFileSync(config, 'retention:\n  raw_items_months: null\n');
      const run = await cli('--config', config, 'retention');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        /^Quy tắc lưu giữ dữ liệu cá nhân, áp dụng lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:/,
      );
      expect(run.stdout).toMatch(
        /- Liên kết bí danh với người trả lời khảo sát \(12 tháng\), trước \d{2}\/\d{2}\/\d{4}: đã xóa 1\n/,
      );
      expect(run.stdout).toContain('- Liên kết bí danh với cộng tác viên (24 tháng)');
      expect(run.stdout).toContain('- Bản gốc trang và tin đã tải (giữ lâu dài): không xóa\n');
      expect(run.stdout).toMatch(/- Tên đăng nhập của lần đăng nhập sai \(30 ngày\), trước .*: đã xóa 1\n/);

      const after = await cli('retention', '--dry-run');
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toContain('chạy thử');
      expect(after.stdout).toContain('- Bản gốc trang và tin đã tải (12 tháng)');
      expect(after.stdout).toMatch(/Bản gốc trang và tin đã tải \(12 tháng\), trước .*: sẽ xóa 1\n/);
      expect(after.stdout).toMatch(/người trả lời khảo sát \(12 tháng\), trước .*: sẽ xóa 0\n/);

      const handle = await openDatabase(db);
      try {
        const left = await handle.all<{ kind: string }>('SELECT kind FROM pseudonym_map');
        expect(left.map((r) => r.kind)).toEqual(['respondent']);
        expect((await handle.one<{ n: number }>('SELECT count(*) AS n FROM raw_items'))!.n).toBe(2);
        const audit = await listAudit(handle, { action: 'retention.apply' });
        expect(audit).toHaveLength(1);
        expect(audit[0]!.actor).toMatch(/^cli:/);
      } finally {
        handle.close();
      }
    },
    SLOW,
  );
});
