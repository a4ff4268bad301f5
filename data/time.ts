/** Times in Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving): ISO output with the +07:00 offset, dd/mm/yyyy for people. */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `toLocalIso(new Date('2026-11-24T01:15:00Z'))` → `'2026-11-24T08:15:00+07:00'`. */
export function toLocalIso(date: Date): string {
  const t = new Date(date.getTime() + OFFSET_MS);
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+07:00`
  );
}

/** Local calendar day: `localDay(date)` → `'2026-11-24'`. */
export function localDay(date: Date): string {
  return toLocalIso(date).slice(0, 10);
}

/** `formatDateVi(date)` → `'24/11/2026'`; with `withTime`, `'24/11/2026 08:15'`. */
export function formatDateVi(date: Date, withTime = false): string {
  const iso = toLocalIso(date);
  const day = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  return withTime ? `${day} ${iso.slice(11, 16)}` : day;
}

/**
 * Parse an ISO 8601 date or date-time; a value without offset is local (+07:00). Returns null when invalid.
 * `parseTime('2026-11-24')` → 2026-11-24T00:00+07:00.
 */
export function parseTime(value: string): Date | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = match;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return null;
  }
  let offset = OFFSET_MS;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 3600_000 + Number(digits.slice(2)) * 60_000);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms) - offset;
  const result = new Date(utc);
  const check = new Date(utc + offset);
  if (check.getUTCDate() !== day) return null;
  return result;
}

// Calendar arithmetic on local days written `yyyy-mm-dd`.

/** `addDays('2026-11-30', 1)` → `'2026-12-01'`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** `addMonths('2026-01-31', 1)` → `'2026-02-28'` (clamped to the month's last day). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)))
    .toISOString()
    .slice(0, 10);
}

/** Days from `a` to `b`: `daysBetween('2026-11-01', '2026-11-08')` → 7. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
