/** Canonical form of a URL, so that the same article reached through tracking links is recognised. */

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'yclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  '_ga',
  '_gl',
  'zarsrc',
  'gidzl',
  'ocid',
  'cmpid',
  'mkt_tok',
  'spm',
  'share_source',
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/**
 * Lowercase scheme and host, no default port, no fragment, tracking parameters (utm_*, fbclid, gclid, zarsrc…)
 * removed and the rest sorted. Returns null when `url` is not an absolute http(s) URL.
 * `canonicalUrl('HTTPS://Baodaklak.vn/a.html?utm_source=fb&id=2#top')` → `'https://baodaklak.vn/a.html?id=2'`.
 */
export function canonicalUrl(url: string | null | undefined, base?: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  parsed.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return parsed.toString();
}
