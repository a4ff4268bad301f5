/** Dates as sources write them: ISO 8601, RFC 822 (feeds), epoch numbers and Vietnamese formats. */
import { parseTime } from '../../data/time.ts';
import { foldDiacritics } from '../../data/text/normalize.ts';

const OFFSET_MS = 7 * 3600_000;
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const ZONES: Record<string, number> = {
  gmt: 0,
  ut: 0,
  utc: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  pst: -8,
  pdt: -7,
  ict: 7,
};

function localDate(
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  offsetMs = OFFSET_MS,
): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMs;
  if (new Date(utc + offsetMs).getUTCDate() !== d) return null;
  return new Date(utc);
}

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return OFFSET_MS;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 3600_000;
  const m = /^(?:gmt|utc)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone.trim());
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600_000 + Number(m[3] ?? 0) * 60_000);
}

function parseRfc822(s: string): Date | null {
  const m =
    /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2}|(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?)?$/i.exec(
      s,
    );
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (!month) return null;
  let year = Number(m[3]);
  if (year < 100) year += year < 70 ? 2000 : 1900;
  const offset = zoneOffset(m[7]);
  if (offset === null) return null;
  return localDate(
    year,
    month,
    Number(m[1]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    offset,
  );
}

/** "Thứ hai, 24/11/2026 - 08:15", "08:15 24/11/2026", "24-11-2026 08:15:30 (GMT+7)", "ngày 24 tháng 11 năm 2026". */
function parseVietnamese(s: string): Date | null {
  const text = foldDiacritics(s).replace(/\s+/g, ' ');
  let day: RegExpExecArray | null = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text);
  if (!day) {
    const words = /ngay (\d{1,2}) thang (\d{1,2}),? nam (\d{4})/.exec(text);
    if (!words) return null;
    day = words;
  }
  const rest = text.slice(0, day.index) + ' ' + text.slice(day.index + day[0].length);
  const time = /(\d{1,2})\s*(?::|h|gio)\s*(\d{2})?(?:\s*:\s*(\d{2}))?\s*(sa|ch|am|pm)?/.exec(rest);
  let hour = time ? Number(time[1]) : 0;
  const minute = time?.[2] ? Number(time[2]) : 0;
  const second = time?.[3] ? Number(time[3]) : 0;
  const half = time?.[4];
  if (half === 'pm' || half === 'ch') hour = (hour % 12) + 12;
  else if ((half === 'am' || half === 'sa') && hour === 12) hour = 0;
  const zone = /(?:gmt|utc)\s*([+-]\d{1,2}(?::?\d{2})?)/.exec(rest);
  const offset = zone ? zoneOffset(zone[1]) : OFFSET_MS;
  if (offset === null) return null;
  return localDate(Number(day[3]), Number(day[2]), Number(day[1]), hour, minute, second, offset);
}

/**
 * A date from an input field, or null when the value cannot be read as one. Values without a zone are
 * Asia/Ho_Chi_Minh. Numbers (or digit strings) are epoch seconds, or milliseconds when above 10^11.
 * `parseDocumentDate('Thứ hai, 24/11/2026 - 08:15')` → 2026-11-24T08:15+07:00.
 */
export function parseDocumentDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    const date = new Date(value > 1e11 ? value : value * 1000);
    // Beyond ±8.64e15 ms a Date is invalid, and an invalid Date would fail the whole batch when stored.
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  if (/^\d{9,13}(?:\.\d+)?$/.test(s)) return parseDocumentDate(Number(s));
  const iso = parseTime(s);
  if (iso) return iso;
  const isoLoose =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|Z)$/i.exec(s);
  if (isoLoose) {
    const offset = zoneOffset(isoLoose[7] === 'Z' || isoLoose[7] === 'z' ? 'z' : isoLoose[7]);
    if (offset !== null) {
      return localDate(
        +isoLoose[1]!,
        +isoLoose[2]!,
        +isoLoose[3]!,
        +isoLoose[4]!,
        +isoLoose[5]!,
        +(isoLoose[6] ?? 0),
        offset,
      );
    }
  }
  return parseRfc822(s) ?? parseVietnamese(s);
}
