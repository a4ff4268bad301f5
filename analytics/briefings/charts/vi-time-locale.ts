/** Vietnamese dates on chart axes: d3-time-format ships no vi-VN locale, so the definition is written here. */
import { timeFormatLocale, type TimeLocaleDefinition } from 'd3-time-format';

/** Vietnamese names as CLDR gives them (months "tháng 11", short "thg 11"), dates dd/mm/yyyy, 24-hour time. */
export const VI_TIME_LOCALE: TimeLocaleDefinition = {
  dateTime: '%H:%M:%S %d/%m/%Y',
  date: '%d/%m/%Y',
  time: '%H:%M:%S',
  periods: ['SA', 'CH'],
  days: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
  shortDays: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  months: [
    'tháng 1',
    'tháng 2',
    'tháng 3',
    'tháng 4',
    'tháng 5',
    'tháng 6',
    'tháng 7',
    'tháng 8',
    'tháng 9',
    'tháng 10',
    'tháng 11',
    'tháng 12',
  ],
  shortMonths: [
    'thg 1',
    'thg 2',
    'thg 3',
    'thg 4',
    'thg 5',
    'thg 6',
    'thg 7',
    'thg 8',
    'thg 9',
    'thg 10',
    'thg 11',
    'thg 12',
  ],
};

const vi = timeFormatLocale(VI_TIME_LOCALE);

/**
 * A formatter for dates that stand for local calendar days (charts carry them as UTC midnights, so the machine's
 * time zone never shifts a day): `viUtcFormat('%a %d/%m')(new Date('2026-11-16'))` → `'T2 16/11'`.
 */
export function viUtcFormat(specifier: string): (date: Date) => string {
  return vi.utcFormat(specifier);
}

const dayMonth = viUtcFormat('%d/%m');
const monthName = viUtcFormat('%B');
const year = viUtcFormat('%Y');

/** Axis ticks like d3's multi-scale format, in Vietnamese: "16/11", "tháng 12", "2027". */
export function viTickFormat(date: Date): string {
  if (date.getUTCDate() !== 1) return dayMonth(date);
  if (date.getUTCMonth() !== 0) return monthName(date);
  return year(date);
}

/** A local day "yyyy-mm-dd" as the UTC midnight the charts use. */
export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
