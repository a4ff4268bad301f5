import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** Each test spawns the CLI about ten times. */
const SLOW = 240_000;

let dir: string;
let db: string;

const cli = (...args: string[]) => runCli(['--db', db, ...args]);

interface SubscriptionJson {
  unit_uid: string;
  unit_name: string;
  period: string;
  clearance: number;
  email: string | null;
  created_at: string;
  created_by: string;
}

async function listed(...extra: string[]): Promise<SubscriptionJson[]> {
  const result = await cli('admin', 'subscriptions', '--json', ...extra);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SubscriptionJson[];
}

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'subs.duckdb');
});

describe('dlxh admin subscribe, unsubscribe and subscriptions', () => {
  it(
    'subscribe a unit by GSO code and an agency by id, list them, and audit each change',
    async () => {
      const ward = await cli('admin', 'subscribe', '--unit', '24133', '--period', 'week', '--clearance', '1');
      expect(ward.code, ward.stderr).toBe(0);
      expect(ward.stdout).toMatch(/^đã đăng ký: Phường Buôn Ma Thuột \(24133\/2025\) · tuần · mức 1 Mật · /);
      const agency = await cli(
        'admin',
        'subscribe',
        '--unit',
        'so-y-te',
        '--period',
        'month',
        '--email',
        'soyte@daklak.gov.vn',
      );
      expect(agency.code, agency.stderr).toBe(0);

      const subs = await listed();
      expect(
        subs.map(({ unit_uid, period, clearance, email }) => [unit_uid, period, clearance, email]),
      ).toEqual([
        ['24133/2025', 'week', 1, null],
        ['so-y-te', 'month', 0, 'soyte@daklak.gov.vn'],
      ]);
      for (const s of subs) {
        expect(s.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
        expect(s.created_by).toMatch(/^cli:/);
      }
      expect((await listed('--period', 'month')).map((s) => s.unit_uid)).toEqual(['so-y-te']);
      const human = await cli('admin', 'subscriptions');
      expect(human.stdout.trim().split('\n')).toHaveLength(2);
      expect(human.stdout).toContain('Sở Y tế (so-y-te) · tháng · mức 0 Thường · soyte@daklak.gov.vn');

      const removed = await cli('admin', 'unsubscribe', '--unit', '24133/2025', '--period', 'week');
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toBe('đã bỏ đăng ký: Phường Buôn Ma Thuột (24133/2025) · tuần\n');
      expect((await listed()).map((s) => s.unit_uid)).toEqual(['so-y-te']);

      const audit = await cli(
        'sql',
        "SELECT action, object FROM dlxh_audit.audit_log WHERE action LIKE 'briefing.%' ORDER BY seq",
        '--format',
        'json',
      );
      expect(JSON.parse(audit.stdout)).toEqual([
        { action: 'briefing.subscribe', object: 'unit:24133/2025' },
        { action: 'briefing.subscribe', object: 'unit:so-y-te' },
        { action: 'briefing.unsubscribe', object: 'unit:24133/2025' },
      ]);
    },
    SLOW,
  );

  it(
    'name the bad option in one line and exit non-zero, changing nothing',
    async () => {
      const before = await listed();
      const cases: [string[], string][] = [
        [['subscribe', '--unit', 'nowhere', '--period', 'week'], '--unit: unknown unit "nowhere"'],
        [
          ['subscribe', '--unit', '24133', '--period', 'day'],
          '--period: invalid period "day" (week or month)',
        ],
        [
          ['subscribe', '--unit', '24133', '--period', 'week', '--clearance', '7'],
          '--clearance: invalid level "7"',
        ],
        [
          ['subscribe', '--unit', '24133', '--period', 'week', '--email', 'nope'],
          '--email: invalid address "nope"',
        ],
        [
          ['unsubscribe', '--unit', '24133', '--period', 'week'],
          '--unit: Phường Buôn Ma Thuột (24133/2025) has no week subscription',
        ],
      ];
      for (const [args, message] of cases) {
        const result = await cli('admin', ...args);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(result.stderr).toContain(message);
      }
      expect(await listed()).toEqual(before);
    },
    SLOW,
  );

  it(
    'take the config file’s subscriptions at start, warn about a bad one, and drop the ones it no longer declares',
    async () => {
      const config = path.join(dir, 'dlxh.yaml');
      fs.writeFileSync(
        config,
        [
          'briefings:',
          '  subscriptions:',
          '    - { unit: 24133, period: month, clearance: 1 }',
          '    - { unit: nowhere, period: week }',
          '',
        ].join('\n'),
      );
      const started = await cli('--config', config, 'run', '--job', 'score');
      expect(started.code, started.stderr).toBe(0);
      expect(started.stderr).toContain('config: briefings.subscriptions[1]: unit: unknown unit "nowhere"');
      const synced = await listed();
      expect(synced.map((s) => [s.unit_uid, s.period, s.clearance, s.created_by])).toEqual([
        ['24133/2025', 'month', 1, '(config)'],
        ['so-y-te', 'month', 0, expect.stringMatching(/^cli:/)],
      ]);
      expect((await cli('--config', config, 'run', '--job', 'score')).code).toBe(0);
      expect(await listed()).toEqual(synced);

      fs.writeFileSync(config, 'briefings:\n  subscriptions: []\n');
      expect((await cli('--config', config, 'run', '--job', 'score')).code).toBe(0);
      expect((await listed()).map((s) => s.unit_uid)).toEqual(['so-y-te']);

      fs.writeFileSync(config, 'briefings:\n  subscriptions:\n    - { unit: 24133, period: fortnight }\n');
      const refused = await cli('--config', config, 'run', '--job', 'score');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('briefings.subscriptions.0.period');
    },
    SLOW,
  );
});
