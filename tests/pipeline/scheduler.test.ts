import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { finishRun, startRun } from '../../pipeline/job-runs.ts';
import { createScheduler, missedTick, type CronApi, type ScheduledJob } from '../../pipeline/scheduler.ts';
import { silentLogger, type RunReport } from '../../pipeline/types.ts';
import { openTestDb } from './test-db.ts';

function fakeCron() {
  const ticks = new Map<string, () => void>();
  const options: Array<{ expression: string; timezone: string }> = [];
  const cron: CronApi = {
    schedule(expression, fn, opts) {
      ticks.set(opts.name, fn);
      options.push({ expression, timezone: opts.timezone });
      return { stop: () => ticks.delete(opts.name) };
    },
  };
  return { cron, ticks, options };
}

const report = (id: number): RunReport => ({
  job_run_id: id,
  in: 1,
  new: 1,
  duplicate: 0,
  nearDuplicate: 0,
  failed: 0,
  errors: [],
  warnings: [],
});

describe('missedTick', () => {
  it('finds cron ticks between two instants in Vietnam time', () => {
    const since = new Date('2026-11-23T22:00:00Z');
    expect(missedTick('0 6 * * *', since, new Date('2026-11-23T22:59:00Z'))).toBe(false);
    expect(missedTick('0 6 * * *', since, new Date('2026-11-23T23:00:00Z'))).toBe(true);
    expect(
      missedTick('*/30 * * * *', new Date('2026-11-24T01:00:00Z'), new Date('2026-11-24T01:29:00Z')),
    ).toBe(false);
    expect(missedTick('0 8 * * 1', new Date('2026-11-24T02:00:00Z'), new Date('2026-11-30T00:59:00Z'))).toBe(
      false,
    );
    expect(missedTick('0 8 * * 1', new Date('2026-11-24T02:00:00Z'), new Date('2026-11-30T01:00:00Z'))).toBe(
      true,
    );
  });
});

describe('createScheduler', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(() => db.close());

  it('registers jobs in Asia/Ho_Chi_Minh, prevents overlap, and runs on demand', async () => {
    const { cron, ticks, options } = fakeCron();
    let runs = 0;
    let release!: () => void;
    const job: ScheduledJob = {
      name: 'baodaklak',
      runKey: 'rss:baodaklak',
      schedule: '*/15 * * * *',
      run: async () => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
        return report(runs);
      },
    };
    const now = new Date('2026-11-24T02:58:00Z');
    const id = await startRun(db, 'rss:baodaklak', new Date('2026-11-24T02:50:00Z'));
    await finishRun(db, id, { in: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, errors: [] }, now);
    const scheduler = createScheduler([job], { db, logger: silentLogger, now: () => now, cron });
    expect(await scheduler.start()).toEqual({ caughtUp: [] });
    expect(options).toEqual([{ expression: '*/15 * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);

    ticks.get('baodaklak')!();
    ticks.get('baodaklak')!();
    expect(runs).toBe(1);
    expect(scheduler.isRunning('baodaklak')).toBe(true);
    const waiting = scheduler.runNow('baodaklak');
    expect(runs).toBe(1);
    release();
    expect(await waiting).toMatchObject({ job_run_id: 1 });
    expect(scheduler.isRunning('baodaklak')).toBe(false);

    const direct = scheduler.runNow('baodaklak');
    release();
    expect(await direct).toMatchObject({ job_run_id: 2 });
    await expect(scheduler.runNow('nope')).rejects.toThrow('unknown job "nope" (jobs: baodaklak)');
    expect(scheduler.jobSchedule('baodaklak')).toBe('*/15 * * * *');
    expect(scheduler.jobSchedule('nope')).toBeUndefined();
    await scheduler.stop();
    expect(ticks.size).toBe(0);
  });

  it('catches up once after downtime and marks crashed runs interrupted', async () => {
    const { cron } = fakeCron();
    const ran: string[] = [];
    const job = (name: string, schedule: string | null): ScheduledJob => ({
      name,
      runKey: `rss:${name}`,
      schedule,
      run: async () => {
        ran.push(name);
        return report(ran.length);
      },
    });
    const crashed = await startRun(db, 'rss:hourly', new Date('2026-11-24T00:05:00Z'));
    const recent = await startRun(db, 'rss:daily', new Date('2026-11-24T00:10:00Z'));
    await finishRun(
      db,
      recent,
      { in: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, errors: [] },
      new Date('2026-11-24T00:11:00Z'),
    );
    const now = new Date('2026-11-24T03:00:00Z');
    const scheduler = createScheduler(
      [job('hourly', '0 * * * *'), job('daily', '0 6 * * *'), job('manual', null), job('new', '0 * * * *')],
      {
        db,
        logger: silentLogger,
        now: () => now,
        cron,
      },
    );
    expect(await scheduler.start()).toEqual({ caughtUp: ['hourly', 'new'] });
    await scheduler.stop();
    expect(ran.sort()).toEqual(['hourly', 'new']);
    const status = await db.one<{ status: string }>('SELECT status FROM job_runs WHERE id = $id', {
      id: crashed,
    });
    expect(status!.status).toBe('interrupted');
  });
});
