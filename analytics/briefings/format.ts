/** Numbers, shares, changes and dates as a Vietnamese (1.234,5 · 16/11/2026) or English reader expects them. */
import type { Lang } from './types.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}/${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  return f;
}

/** `formatNumber(1234.56, 'vi', 1)` → `'1.234,6'`; `formatNumber(1234, 'en')` → `'1,234'`. */
export function formatNumber(x: number, lang: Lang, digits = 0): string {
  return formatter(lang, digits).format(x);
}

/** A share 0–1 as a percentage: `formatShare(0.234, 'vi')` → `'23,4%'`. */
export function formatShare(p: number, lang: Lang, digits = 1): string {
  return `${formatNumber(p * 100, lang, digits)}%`;
}

/** Relative change of a count, in words: `formatCountChange(110, 100, 'vi')` → `'tăng 10,0%'`. */
export function formatCountChange(current: number, previous: number, lang: Lang): string {
  const vi = lang === 'vi';
  if (previous === 0)
    return current === 0 ? (vi ? 'không đổi' : 'unchanged') : vi ? 'trước đó chưa có' : 'none before';
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.0005) return vi ? 'không đổi' : 'unchanged';
  const words = change > 0 ? (vi ? 'tăng' : 'up') : vi ? 'giảm' : 'down';
  return `${words} ${formatShare(Math.abs(change), lang)}`;
}

/** Change of a share in percentage points: `formatShareChange(0.25, 0.2, 'vi')` → `'tăng 5,0 điểm phần trăm'`. */
export function formatShareChange(current: number, previous: number, lang: Lang): string {
  const vi = lang === 'vi';
  const points = (current - previous) * 100;
  if (Math.abs(points) < 0.05) return vi ? 'không đổi' : 'unchanged';
  const words = points > 0 ? (vi ? 'tăng' : 'up') : vi ? 'giảm' : 'down';
  return `${words} ${formatNumber(Math.abs(points), lang, 1)} ${vi ? 'điểm phần trăm' : 'percentage points'}`;
}

/** A signed difference: `formatSigned(12, 'vi')` → `'+12'`, `formatSigned(-3, 'vi')` → `'−3'`. */
export function formatSigned(x: number, lang: Lang, digits = 0): string {
  if (x === 0) return formatNumber(0, lang, digits);
  return `${x > 0 ? '+' : '−'}${formatNumber(Math.abs(x), lang, digits)}`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local day (yyyy-mm-dd) for people: `'16/11/2026'` in Vietnamese, `'16 Nov 2026'` in English. */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-');
  if (lang === 'vi') return `${d}/${m}/${y}`;
  return `${Number(d)} ${EN_MONTHS[Number(m) - 1]} ${y}`;
}

/** A local ISO time (…+07:00) for people: `'22/11/2026 08:15'` or `'22 Nov 2026 08:15'`. */
export function formatLocalTime(iso: string, lang: Lang): string {
  return `${formatDay(iso.slice(0, 10), lang)} ${iso.slice(11, 16)}`;
}

/**
 * The dateline of a Vietnamese administrative document: days below 10 and months 1–2 take a leading zero.
 * `datelineVi('Đắk Lắk', '2026-11-05')` → `'Đắk Lắk, ngày 05 tháng 11 năm 2026'`.
 */
export function datelineVi(place: string, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** A count from reports or surveys that could identify someone is shown as "< 5". */
export function formatSmallCount(n: number, lang: Lang, min: number): string {
  return n < min ? `< ${min}` : formatNumber(n, lang);
}
