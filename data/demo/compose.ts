// Turns templates into articles and posts: paragraphs, informal spelling, titles, outlets, groups and URLs.

import { foldDiacritics } from '../text/normalize.ts';
import { hashString, type Rng } from './prng.ts';
import type { Place } from './places.ts';
import { expand, tidySentences, type TemplateVars } from './template.ts';
import type { Tone } from './types.ts';
import {
  ABBREVIATIONS,
  GIVEN_INITIALS,
  LOCAL_GROUP_PATTERNS,
  MIDDLE_INITIALS,
  NEWS_OUTLETS,
  PROVINCE_GROUPS,
  SOCIAL_TAILS,
  SURNAME_INITIALS,
  type Outlet,
} from './vocab.ts';

/** Picks `count` different templates from `pool` (fewer when the pool is smaller) and expands them. */
export function expandSome(pool: readonly string[], count: number, rng: Rng, vars: TemplateVars): string[] {
  const indices = rng.shuffle(pool.map((_, i) => i)).slice(0, Math.min(count, pool.length));
  return indices.map((i) => expand(pool[i]!, rng, vars));
}

export function sentence(template: string, rng: Rng, vars: TemplateVars): string {
  return tidySentences(expand(template, rng, vars));
}

/** Joins paragraphs of sentences into article text, one paragraph per line. */
export function paragraphs(parts: readonly (readonly string[])[]): string {
  return parts
    .map((p) => tidySentences(p.filter((s) => s.trim() !== '').join(' ')))
    .filter((p) => p !== '')
    .join('\n');
}

/** Initials the press uses to protect a resident's identity: `'ông N.V.H.'`. */
export function residentName(rng: Rng, highland: boolean): string {
  if (highland && rng.chance(0.35)) {
    return rng.chance(0.5) ? `ông Y ${rng.pick(GIVEN_INITIALS)}.` : `bà H’${rng.pick(GIVEN_INITIALS)}.`;
  }
  const title = rng.pick(['ông', 'bà', 'anh', 'chị', 'ông', 'chị']);
  return `${title} ${rng.pick(SURNAME_INITIALS)}.${rng.pick(MIDDLE_INITIALS)}.${rng.pick(GIVEN_INITIALS)}.`;
}

const EMOJI: Record<Tone, readonly string[]> = {
  neg: ['😡', '😤', '😢', '😭', '🙏', '!!!'],
  neu: ['🙏', '👉', '🤔'],
  pos: ['👍', '❤️', '👏', '🥰', '🎉'],
};

const ABBREVIATION_RULES = ABBREVIATIONS.map(
  ([word, forms]) => [new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'giu'), forms] as const,
);

/** Social-media spelling: abbreviations ("ko", "dc") and, now and then, no diacritics at all. */
export function informalise(text: string, rng: Rng): string {
  let out = text;
  if (rng.chance(0.45)) {
    for (const [pattern, forms] of ABBREVIATION_RULES) {
      out = out.replace(pattern, (match) => (rng.chance(0.55) ? rng.pick(forms) : match));
    }
  }
  if (rng.chance(0.12)) out = foldDiacritics(out);
  else if (rng.chance(0.1)) out = out.toLowerCase();
  return out;
}

/** A social post from a pool of its tone, with an optional second sentence, tail, emoji and hashtag. */
export function composeSocial(
  pool: readonly string[],
  tone: Tone,
  rng: Rng,
  vars: TemplateVars,
  hashtag: string,
): string {
  const parts = expandSome(pool, rng.chance(0.3) ? 2 : 1, rng, vars);
  if (rng.chance(0.5)) parts.push(expand(rng.pick(SOCIAL_TAILS[tone]), rng, vars));
  let text = tidySentences(parts.filter((p) => p !== '').join(' '));
  if (rng.chance(0.2)) text += ` ${rng.pick(EMOJI[tone])}`;
  if (rng.chance(0.08)) text += ` ${hashtag}`;
  return informalise(text, rng);
}

/** A social post's title as scrapers make it: its first sentence, cut at a word under 90 characters. */
export function titleFromText(text: string): string {
  const first = text.split(/(?<=[.!?])\s|\n/)[0]!.trim();
  if (first.length <= 90) return first;
  const cut = first.slice(0, 90);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 90)}…`;
}

/** `slugify('Người dân Ea Kar bức xúc')` → `'nguoi-dan-ea-kar-buc-xuc'`. */
export function slugify(text: string, max = 80): string {
  const slug = foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length <= max
    ? slug
    : slug.slice(0, slug.lastIndexOf('-', max) > 20 ? slug.lastIndexOf('-', max) : max);
}

const SECTIONS: Record<string, string> = {
  'dat-dai': 'xa-hoi',
  'moi-truong': 'moi-truong',
  'gia-ca': 'kinh-te',
  'nong-nghiep': 'nong-nghiep',
  'y-te': 'suc-khoe',
  'giao-duc': 'giao-duc',
  'an-ninh': 'phap-luat',
  'tham-nhung': 'phap-luat',
  'dan-toc-ton-giao': 'xa-hoi',
  'giao-thong': 'thoi-su',
  'thu-tuc-hanh-chinh': 'thoi-su',
  'an-sinh': 'xa-hoi',
  'thien-tai': 'thoi-su',
  'nuoc-sinh-hoat': 'xa-hoi',
  'tin-don': 'thoi-su',
};

function digits(rng: Rng, count: number): string {
  let out = String(rng.int(1, 9));
  while (out.length < count) out += String(rng.int(0, 9));
  return out;
}

function compactTime(localIso: string): string {
  return localIso.slice(0, 19).replace(/[-T:]/g, '');
}

/** An article URL in the outlet's own pattern. */
export function newsUrl(outlet: Outlet, title: string, topic: string, localIso: string, rng: Rng): string {
  const slug = slugify(title);
  const section = SECTIONS[topic] ?? 'xa-hoi';
  switch (outlet.domain) {
    case 'vnexpress.net':
      return `https://vnexpress.net/${slug}-4${digits(rng, 6)}.html`;
    case 'tuoitre.vn':
      return `https://tuoitre.vn/${slug}-${compactTime(localIso)}${digits(rng, 3)}.htm`;
    case 'thanhnien.vn':
      return `https://thanhnien.vn/${slug}-185${compactTime(localIso).slice(2)}${digits(rng, 3)}.htm`;
    case 'dantri.com.vn':
      return `https://dantri.com.vn/${section}/${slug}-${compactTime(localIso)}${digits(rng, 3)}.htm`;
    default:
      return `https://${outlet.domain}/${section}/${slug}-${digits(rng, 6)}.html`;
  }
}

/** Datelines some outlets open their articles with. */
export const DATELINES: Readonly<Record<string, string>> = {
  'Dân trí': '(Dân trí) - ',
  'Tuổi Trẻ': 'TTO - ',
  'Người Lao Động': '(NLĐO) - ',
  'Tiền Phong': 'TPO - ',
  'Báo Tin tức': '(Báo Tin tức) - ',
  'Báo Lao Động': '(LĐO) - ',
};

/** Picks an outlet for a story in `area`: local papers rarely cover the other former province. */
export function pickOutlet(rng: Rng, area: 'dl' | 'py' | null, tone: Tone, exclude?: string): Outlet {
  const weights = NEWS_OUTLETS.map((o) => {
    if (o.name === exclude) return 0;
    let w = o.weight;
    if (o.area && area && o.area !== area) w *= 0.08;
    if (!o.area && tone === 'neg') w *= 1.5;
    return w;
  });
  return NEWS_OUTLETS[rng.weightedIndex(weights)]!;
}

export interface SocialSource {
  name: string;
  url?: string;
  /** An official page rather than a residents' group. */
  official: boolean;
}

function localGroupNames(district: { uid: string; short_name: string }): string[] {
  const h = hashString(district.uid);
  const first = h % LOCAL_GROUP_PATTERNS.length;
  const second = (first + 1 + ((h >>> 8) % (LOCAL_GROUP_PATTERNS.length - 1))) % LOCAL_GROUP_PATTERNS.length;
  return [first, second].map((i) => LOCAL_GROUP_PATTERNS[i]!.replace('{d}', district.short_name));
}

function postUrl(slug: string, rng: Rng): string {
  return `https://www.facebook.com/groups/${slug}/posts/${digits(rng, 16)}`;
}

/** Where a post about `place` appears: a local or province-wide group, a Zalo group, or an official page. */
export function pickSocialSource(rng: Rng, place: Place | null, thon: string, tone: Tone): SocialSource {
  const r = rng.next();
  if (place && tone !== 'neg' && r < 0.05) {
    const name = `Trang thông tin điện tử ${place.unit.type} ${place.unit.short_name}`;
    return {
      name,
      url: `https://www.facebook.com/${slugify(`ubnd ${place.unit.short_name}`).replace(/-/g, '')}/posts/${digits(rng, 16)}`,
      official: true,
    };
  }
  if (place && r < 0.16) {
    return { name: `Nhóm Zalo ${thon} - ${place.unit.type} ${place.unit.short_name}`, official: false };
  }
  if (place && place.districts.length > 0 && r < 0.62) {
    const name = rng.pick(localGroupNames(rng.pick(place.districts)));
    return { name, url: postUrl(slugify(name).replace(/-/g, ''), rng), official: false };
  }
  const groups = PROVINCE_GROUPS.filter((g) => !g.area || !place || g.area === place.area);
  const group = rng.pick(groups);
  return { name: group.name, url: postUrl(group.slug, rng), official: false };
}

/** Hashtags residents add: `#DakLak`, `#KrongPac`. */
export function hashtagFor(place: Place | null, rng: Rng): string {
  if (!place || rng.chance(0.4)) {
    return rng.pick(
      place?.area === 'py' ? ['#PhuYen', '#DakLak', '#TuyHoa'] : ['#DakLak', '#ĐắkLắk', '#TayNguyen'],
    );
  }
  const short = foldDiacritics(place.unit.short_name).replace(/[^a-z0-9]/g, '');
  return `#${short.charAt(0).toUpperCase()}${short.slice(1)}`;
}
