// Calendar facts for the demo streams: local days, weekdays and Vietnamese public holidays.

import { daysBetween } from '../time.ts';
export const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;

/** Lunar New Year's day (mùng 1 Tết) and the Hùng Kings' day (10/3 âm lịch) by Gregorian year. */
const LUNAR_HOLIDAYS: Readonly<Record<number, { tet: string; hungKings: string }>> = {
  2024: { tet: '2024-02-10', hungKings: '2024-04-18' },
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-03', hungKings: '2030-04-12' },
};

/** Milliseconds since the epoch of local midnight (+07:00) of an ISO date `yyyy-mm-dd`. */
export function localMidnight(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`invalid start date "${isoDate}": expected yyyy-mm-dd`);
  const [, y, m, d] = match;
  const utc = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(utc).toISOString().slice(0, 10) !== isoDate)
    throw new Error(`invalid start date "${isoDate}"`);
  return utc - OFFSET_MS;
}

/** The local date `yyyy-mm-dd` of an instant. */
export function localDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(isoDate: string): number {
  return new Date(localMidnight(isoDate) + OFFSET_MS).getUTCDay();
}

/** `'2/9'` style day/month as the press writes it. */
export function dayMonthVi(isoDate: string): string {
  return `${Number(isoDate.slice(8, 10))}/${Number(isoDate.slice(5, 7))}`;
}

/** The holiday a date falls in, or null: New Year, Tết (eve to the fourth day), Hùng Kings, 30/4–1/5, 1/9–2/9. */
export function holidayName(isoDate: string): string | null {
  const md = isoDate.slice(5);
  if (md === '01-01') return 'Tết Dương lịch';
  if (md === '04-30') return 'Ngày Giải phóng miền Nam';
  if (md === '05-01') return 'Quốc tế Lao động';
  if (md === '09-01' || md === '09-02') return 'Quốc khánh';
  const year = Number(isoDate.slice(0, 4));
  for (const tetYear of [year, year + 1]) {
    const tet = LUNAR_HOLIDAYS[tetYear]?.tet;
    if (tet) {
      const offset = daysBetween(tet, isoDate);
      if (offset >= -2 && offset <= 4) return 'Tết Nguyên đán';
    }
  }
  if (LUNAR_HOLIDAYS[year]?.hungKings === isoDate) return 'Giỗ Tổ Hùng Vương';
  return null;
}
