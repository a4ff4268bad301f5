import { describe, it, expect } from 'vitest';
import { resolvePeriod } from '../../../analytics/briefings/period.ts';
import { addMonths } from '../../../data/time.ts';
import {
  datelineVi,
  formatCountChange,
  formatNumber,
  formatShareChange,
  formatSmallCount,
} from '../../../analytics/briefings/format.ts';
import { inlineParams } from '../../../analytics/briefings/query-log.ts';

const now = new Date('2026-11-25T08:00:00+07:00');
const days = (r: ReturnType<typeof resolvePeriod>) => [
  r.firstDay,
  r.lastDay,
  r.previousFrom.toISOString(),
  r.to.toISOString(),
];

describe('resolvePeriod', () => {
  it('defaults to the last complete Monday–Sunday week and calendar month before now', () => {
    expect(days(resolvePeriod('week', { now }))).toEqual([
      '2026-11-16',
      '2026-11-22',
      '2026-11-08T17:00:00.000Z',
      '2026-11-22T17:00:00.000Z',
    ]);
    const month = resolvePeriod('month', { now });
    expect([month.firstDay, month.lastDay, month.calendarMonths]).toEqual(['2026-10-01', '2026-10-31', true]);
    expect(month.previousFrom.toISOString()).toBe('2026-08-31T17:00:00.000Z');
  });

  it('defaults to the last complete calendar year for the annual report, the year before as the previous', () => {
    const year = resolvePeriod('year', { now });
    expect([year.firstDay, year.lastDay, year.calendarMonths]).toEqual(['2025-01-01', '2025-12-31', true]);
    expect(year.previousFrom.toISOString()).toBe('2023-12-31T17:00:00.000Z');
    expect(resolvePeriod('year', { from: '2026-07-01', now }).lastDay).toBe('2027-06-30');
    expect(() => resolvePeriod('decade' as 'year', { now })).toThrow(
      '--period: invalid period "decade" (expected week, month or year)',
    );
  });

  it('uses local days: 23:30 on Sunday in Đắk Lắk is still that week', () => {
    const sunday = new Date('2026-11-22T16:30:00Z');
    expect(resolvePeriod('week', { now: sunday }).firstDay).toBe('2026-11-09');
  });

  it('takes from, to or both', () => {
    expect(days(resolvePeriod('week', { from: '2026-11-04', now })).slice(0, 2)).toEqual([
      '2026-11-04',
      '2026-11-10',
    ]);
    expect(days(resolvePeriod('month', { to: '2026-10-31', now })).slice(0, 2)).toEqual([
      '2026-10-01',
      '2026-10-31',
    ]);
    const custom = resolvePeriod('week', { from: '2026-11-01', to: '2026-11-10', now });
    expect([custom.firstDay, custom.lastDay, custom.calendarMonths]).toEqual([
      '2026-11-01',
      '2026-11-10',
      false,
    ]);
    expect(custom.previousFrom.toISOString()).toBe('2026-10-21T17:00:00.000Z');
  });

  it('names the option at fault', () => {
    expect(() => resolvePeriod('week', { from: '2026-02-30', now })).toThrow(
      '--from: invalid date "2026-02-30"',
    );
    expect(() => resolvePeriod('week', { from: '2026-11-10', to: '2026-11-01', now })).toThrow(
      '--from: the period must start before it ends',
    );
  });

  it('clamps month arithmetic to the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-01', -3)).toBe('2025-12-01');
  });
});

describe('Vietnamese formats', () => {
  it('writes numbers, changes and the dateline as a Vietnamese reader expects', () => {
    expect(formatNumber(1234567.891, 'vi', 1)).toBe('1.234.567,9');
    expect(formatCountChange(110, 100, 'vi')).toBe('tăng 10,0%');
    expect(formatCountChange(90, 100, 'en')).toBe('down 10.0%');
    expect(formatShareChange(0.25, 0.2, 'vi')).toBe('tăng 5,0 điểm phần trăm');
    expect(datelineVi('Đắk Lắk', '2026-02-05')).toBe('Đắk Lắk, ngày 05 tháng 02 năm 2026');
    expect(datelineVi('Đắk Lắk', '2026-11-25')).toBe('Đắk Lắk, ngày 25 tháng 11 năm 2026');
    expect(formatSmallCount(4, 'vi', 5)).toBe('< 5');
    expect(formatSmallCount(5, 'vi', 5)).toBe('5');
  });

  it('writes values into SQL for reading, quoting strings', () => {
    expect(inlineParams('SELECT $a, $ab, $n, $missing', { a: "O'Brien", ab: 'x', n: 3 })).toBe(
      "SELECT 'O''Brien', 'x', 3, $missing",
    );
  });
});
