import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../data/database.ts';
import { runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';
import { DAY_MS, HOUR_MS, background, burst, communes, insertDocs } from './fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');

describe('dlxh hotspots --buckets', () => {
  const dir = tempDir('dlxh-hotspots-cli-');
  const file = path.join(dir, 'cli.duckdb');

  beforeAll(async () => {
    const db = await openDatabase(file);
    try {
      const places = await communes(db, 3);
      await insertDocs(db, background({ start: START, days: 24, perDay: 60, seed: 3, places }));
      await insertDocs(
        db,
        burst({
          id: 'ev',
          start: new Date(START.getTime() + 22 * DAY_MS + 6 * HOUR_MS),
          hours: 16,
          count: 16,
          outlets: 8,
          locality: '24508/pre2025',
          topic: 'dat-dai',
        }),
      );
    } finally {
      db.close();
    }
  });

  const until = new Date(START.getTime() + 24 * DAY_MS).toISOString();

  it('tests hourly buckets when asked, daily ones by default', async () => {
    const hourly = await runCli(['--db', file, 'hotspots', '--json', '--until', until, '--buckets', 'hour']);
    expect(hourly.stderr).toBe('');
    expect(hourly.code).toBe(0);
    const alerts = JSON.parse(hourly.stdout) as { granularity: string; topic: string; doc_ids: string[] }[];
    const event = alerts.find((a) => a.topic === 'dat-dai' && a.doc_ids.includes('ev-0'));
    expect(event?.granularity).toBe('hour');

    const daily = await runCli(['--db', file, 'hotspots', '--json', '--until', until]);
    expect(daily.code).toBe(0);
    const dayAlerts = JSON.parse(daily.stdout) as { granularity: string; topic: string }[];
    expect(dayAlerts.filter((a) => a.topic === 'dat-dai').map((a) => a.granularity)).toContain('day');
  });

  it('names a bucket size it does not know', async () => {
    const result = await runCli(['--db', file, 'hotspots', '--buckets', 'week']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('dlxh: --buckets: expected day or hour, got "week"');
  });
});
