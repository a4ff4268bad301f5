/** Vietnamese public holidays by local day number: Tết (eve to the fourth day), 30/4–1/5, 1–2/9, 1/1, Hùng Kings. */
import { holidayName } from '../../data/demo/calendar.ts';
import { DAY_MS } from './count-series.ts';

/** The holiday a local day number falls in, or null: `holidayOf(dayNumber(Date.parse('2026-09-02')))` → 'Quốc khánh'. */
export function holidayOf(day: number): string | null {
  return holidayName(new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/** 0 = Sunday … 6 = Saturday, for a local day number. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
