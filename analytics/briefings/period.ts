/** The reporting window of a briefing and the window before it, in local (Asia/Ho_Chi_Minh) calendar days. */
import { inputError } from '../../data/errors.ts';
import { addDays, addMonths, daysBetween, localDay, parseTime } from '../../data/time.ts';
import { BRIEFING_PERIODS, type BriefingPeriod } from './types.ts';

export interface PeriodRange {
  /** Local midnight of the first day. */
  from: Date;
  /** Local midnight after the last day (exclusive). */
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  firstDay: string;
  lastDay: string;
  /** Whether the window is whole calendar months (the previous window is then the months before). */
  calendarMonths: boolean;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Monday = 0 … Sunday = 6. */
function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function midnight(day: string): Date {
  return parseTime(day)!;
}

function toDay(value: Date | string, option: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw inputError(option, null, 'invalid date');
    return localDay(value);
  }
  const text = value.trim();
  const parsed = DAY_RE.test(text) ? parseTime(text) : null;
  if (!parsed || localDay(parsed) !== text) {
    throw inputError(option, null, `invalid date "${value}" (expected yyyy-mm-dd)`);
  }
  return text;
}

/**
 * The window a briefing covers. Without dates: the last complete week (Monday–Sunday), calendar month or calendar
 * year before `now`. With `from` only: a week, month or year from it; with `to` only (the last day, inclusive):
 * the one ending on it. The previous window is the same number of days before (the previous calendar month for
 * whole months).
 * `resolvePeriod('week', { now: new Date('2026-11-25T09:00:00+07:00') })` → 16/11/2026 – 22/11/2026.
 */
export function resolvePeriod(
  period: BriefingPeriod,
  options: { from?: Date | string | null; to?: Date | string | null; now: Date },
): PeriodRange {
  if (!(BRIEFING_PERIODS as readonly string[]).includes(period)) {
    throw inputError('--period', null, `invalid period "${String(period)}" (expected week, month or year)`);
  }
  const step = (day: string, n: number) =>
    period === 'week' ? addDays(day, 7 * n) : addMonths(day, period === 'year' ? 12 * n : n);
  let first: string;
  let end: string;
  if (options.from != null && options.to != null) {
    first = toDay(options.from, '--from');
    end = addDays(toDay(options.to, '--to'), 1);
  } else if (options.from != null) {
    first = toDay(options.from, '--from');
    end = step(first, 1);
  } else if (options.to != null) {
    end = addDays(toDay(options.to, '--to'), 1);
    first = step(end, -1);
  } else {
    const today = localDay(options.now);
    end =
      period === 'week'
        ? addDays(today, -weekday(today))
        : period === 'year'
          ? `${today.slice(0, 4)}-01-01`
          : `${today.slice(0, 7)}-01`;
    first = step(end, -1);
  }
  if (first >= end) {
    throw inputError('--from', null, `the period must start before it ends (${first} … ${addDays(end, -1)})`);
  }
  const calendarMonths = first.endsWith('-01') && end.endsWith('-01');
  const months = calendarMonths
    ? (Number(end.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
      Number(end.slice(5, 7)) -
      Number(first.slice(5, 7))
    : 0;
  const previousFirst = calendarMonths ? addMonths(first, -months) : addDays(first, -daysBetween(first, end));
  return {
    from: midnight(first),
    to: midnight(end),
    previousFrom: midnight(previousFirst),
    previousTo: midnight(first),
    firstDay: first,
    lastDay: addDays(end, -1),
    calendarMonths,
  };
}
