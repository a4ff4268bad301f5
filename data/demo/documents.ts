// The document stream: a steady background over every topic and commune, injected events, copies, ids.

import { toLocalIso } from '../time.ts';
import { foldDiacritics } from '../text/normalize.ts';
import { addDays } from '../time.ts';
import { dayMonthVi, DAY_MS, holidayName, localDate, localMidnight, weekday } from './calendar.ts';
import {
  composeSocial,
  DATELINES,
  expandSome,
  hashtagFor,
  newsUrl,
  paragraphs,
  pickOutlet,
  pickSocialSource,
  residentName,
  sentence,
  titleFromText,
} from './compose.ts';
import type { EventSpec } from './event-specs.ts';
import {
  findOldName,
  findPlace,
  mentionPlace,
  type Mention,
  type OldName,
  type Place,
  type PlaceModel,
} from './places.ts';
import type { Rng } from './prng.ts';
import { expand, type TemplateValue, type TemplateVars } from './template.ts';
import { TOPIC_TEMPLATES } from './templates/index.ts';
import type {
  DemoDocument,
  DocumentKind,
  DocumentLabel,
  EventTemplates,
  GroundTruthEvent,
  Tone,
  TopicTemplates,
} from './types.ts';
import { NEWS_CLOSINGS, NEWS_OUTLETS, SYNDICATORS, TONES } from './vocab.ts';

const NEWS_PER_DAY = 84;
const SOCIAL_PER_DAY = 126;

/** Relative share of each topic in the background. */
const TOPIC_BASE: Readonly<Record<string, number>> = {
  'dat-dai': 7,
  'moi-truong': 6,
  'gia-ca': 10,
  'nong-nghiep': 12,
  'y-te': 8,
  'giao-duc': 8,
  'an-ninh': 8,
  'tham-nhung': 2.2,
  'dan-toc-ton-giao': 2.2,
  'giao-thong': 11,
  'thu-tuc-hanh-chinh': 8,
  'an-sinh': 8,
  'thien-tai': 4,
  'nuoc-sinh-hoat': 4,
  'tin-don': 2.2,
};

/** How much more (or less) a topic is talked about on social media than in the press. */
const SOCIAL_TILT: Readonly<Record<string, number>> = {
  'tin-don': 2.2,
  'gia-ca': 1.3,
  'an-ninh': 1.2,
  'tham-nhung': 0.8,
  'dan-toc-ton-giao': 0.6,
  'thu-tuc-hanh-chinh': 1.2,
};

type ToneMix = readonly [number, number, number];
const NEWS_TONE: Readonly<Record<string, ToneMix>> = {
  default: [0.2, 0.55, 0.25],
  'tham-nhung': [0.5, 0.45, 0.05],
  'tin-don': [0.4, 0.45, 0.15],
  'thien-tai': [0.45, 0.45, 0.1],
  'an-sinh': [0.12, 0.48, 0.4],
};
const SOCIAL_TONE: Readonly<Record<string, ToneMix>> = {
  default: [0.4, 0.4, 0.2],
  'tham-nhung': [0.7, 0.25, 0.05],
  'tin-don': [0.55, 0.35, 0.1],
  'gia-ca': [0.5, 0.4, 0.1],
  'thien-tai': [0.5, 0.35, 0.15],
  'an-sinh': [0.3, 0.35, 0.35],
};

const NEWS_HOURS = [0, 0, 0, 0, 0, 1, 3, 8, 9, 9, 8, 7, 5, 4, 6, 7, 7, 6, 5, 4, 4, 3, 2, 1];
const SOCIAL_HOURS = [2, 1, 0.5, 0.3, 0.3, 1, 3, 5, 5, 5, 6, 8, 8, 6, 5, 5, 5, 6, 7, 9, 10, 10, 8, 5];

/** Seasonal weight of a topic on a date: floods in autumn, water in the dry season, school in September. */
function seasonal(topic: string, isoDate: string): number {
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  switch (topic) {
    case 'thien-tai':
      return month === 9 ? 1.5 : month === 10 ? 2.2 : month === 11 ? 2.5 : month === 12 ? 1.5 : 0.6;
    case 'nuoc-sinh-hoat':
      return month >= 3 && month <= 5 ? 2 : month >= 6 && month <= 8 ? 1.4 : 0.6;
    case 'giao-duc':
      if ((month === 8 && day >= 20) || (month === 9 && day <= 10)) return 2.2;
      return month === 11 && day >= 14 && day <= 20 ? 1.6 : 1;
    case 'nong-nghiep':
      return month >= 10 || month === 1 ? 1.4 : 1;
    case 'gia-ca':
      return holidayName(isoDate) === 'Tết Nguyên đán' ||
        holidayName(addDays(isoDate, 7)) === 'Tết Nguyên đán'
        ? 1.6
        : 1;
    default:
      return 1;
  }
}

/** How much a topic belongs to a kind of place. */
function affinity(topic: string, place: Place): number {
  let w = 1;
  if (place.urban) {
    w *=
      (
        {
          'giao-thong': 1.5,
          'gia-ca': 1.3,
          'an-ninh': 1.3,
          'thu-tuc-hanh-chinh': 1.2,
          'nong-nghiep': 0.3,
        } as Record<string, number>
      )[topic] ?? 1;
    if (topic === 'dan-toc-ton-giao') w *= 0.4;
  } else {
    w *= ({ 'nong-nghiep': 1.4, 'dat-dai': 1.2 } as Record<string, number>)[topic] ?? 1;
  }
  if (place.area === 'py' && topic === 'thien-tai') w *= 1.8;
  if (place.highland && topic === 'dan-toc-ton-giao') w *= 1.8;
  return w;
}

interface Draft {
  ms: number;
  seq: number;
  kind: DocumentKind;
  title: string;
  text: string;
  url?: string;
  source: string;
  locality?: string;
  topic: string;
  unitUid: string;
  tone: Tone;
  oldUnitUid?: string;
  eventId?: string;
  copyOf?: Draft;
}

interface StreamState {
  rng: Rng;
  model: PlaceModel;
  drafts: Draft[];
  /** Last second of the stream; copies never spill past it. */
  endMs: number;
}

function pickTone(mix: ToneMix, rng: Rng): Tone {
  return TONES[rng.weightedIndex(mix)]!;
}

function timeOn(isoDate: string, kind: DocumentKind, rng: Rng): number {
  const hour = rng.weightedIndex(kind === 'news' ? NEWS_HOURS : SOCIAL_HOURS);
  return localMidnight(isoDate) + hour * 3_600_000 + rng.int(0, 3599) * 1000;
}

function schoolYear(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 8 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

function officialName(place: Place | null, rng: Rng): string {
  if (!place) return rng.pick(['đại diện UBND tỉnh', 'lãnh đạo UBND tỉnh']);
  const unit = `UBND ${place.unit.type} ${place.unit.short_name}`;
  const r = rng.next();
  if (r < 0.3) return `ông ${residentName(rng, false).split(' ')[1]}, Chủ tịch ${unit},`;
  if (r < 0.5)
    return `${rng.pick(['ông', 'bà'])} ${residentName(rng, false).split(' ')[1]}, Phó Chủ tịch ${unit},`;
  return rng.pick([`lãnh đạo ${unit}`, `đại diện ${unit}`]);
}

/** Variables every document template may use besides its topic's words and its event's facts. */
export const BASE_VARIABLES: readonly string[] = [
  'noi',
  'noi_ngan',
  'chinh_quyen',
  'thon',
  'tinh',
  'cap',
  'ngay',
  'thang',
  'nam',
  'nam_hoc',
  'nguoi_dan',
  'lanh_dao',
];

function templateVars(
  words: Readonly<Record<string, readonly string[]>>,
  place: Place | null,
  mention: Mention,
  isoDate: string,
  kind: DocumentKind,
  rng: Rng,
  extra: Readonly<Record<string, string>> = {},
): TemplateVars {
  const highland = place?.highland ?? false;
  const fixed: Record<string, string> = {};
  const vars: Record<string, TemplateValue> = {
    ...extra,
    noi: mention.noi,
    noi_ngan: mention.noiNgan,
    chinh_quyen: mention.chinhQuyen,
    thon: mention.thon,
    tinh: 'Đắk Lắk',
    cap: place ? place.unit.type : 'tỉnh',
    ngay: dayMonthVi(addDays(isoDate, kind === 'news' ? -rng.int(0, 2) : rng.int(-1, 2))),
    thang: String(Number(isoDate.slice(5, 7))),
    nam: isoDate.slice(0, 4),
    nam_hoc: schoolYear(isoDate),
    nguoi_dan: (r) =>
      r.chance(0.75)
        ? `${residentName(r, highland)}${place ? ` (${mention.thon})` : ''}`
        : r.pick(['một người dân', 'một hộ dân']),
    lanh_dao: (r) => officialName(place, r),
  };
  // A document sticks to one crop, one road, one festival: each topic word is drawn once, on first use.
  for (const [name, list] of Object.entries(words)) {
    vars[name] = (r) => (fixed[name] ??= expand(r.pick(list), r, vars));
  }
  return vars;
}

function namesPlace(text: string, mention: Mention): boolean {
  const folded = foldDiacritics(text);
  return mention.names.some((name) => folded.includes(foldDiacritics(name)));
}

function placeLocality(place: Place | null, model: PlaceModel, mention: Mention): string {
  if (!place) return model.province.name;
  return mention.old ? `${mention.old.commune.name}, ${mention.old.district.name}` : place.unit.name;
}

function newsArticle(
  t: TopicTemplates,
  tone: Tone,
  vars: TemplateVars,
  rng: Rng,
): { title: string; text: string } {
  const title = sentence(rng.pick(t.news.title[tone]), rng, vars);
  const lead = expand(rng.pick(t.news.lead[tone]), rng, vars);
  const details = expandSome(t.news.detail, rng.int(1, 2), rng, vars);
  const voiceCount = tone === 'neg' ? rng.int(1, 2) : tone === 'pos' ? 1 : rng.int(0, 1);
  const voices = expandSome(t.news.voice[tone], voiceCount, rng, vars);
  const respond = rng.chance(tone === 'neg' ? 0.75 : tone === 'neu' ? 0.45 : 0.15);
  const response = respond ? [expand(rng.pick(t.news.response), rng, vars)] : [];
  const closing = tone === 'neg' && rng.chance(0.3) ? [expand(rng.pick(NEWS_CLOSINGS), rng, vars)] : [];
  const text = paragraphs([
    [lead],
    [details[0]!, voices[0] ?? ''],
    [details[1] ?? '', voices[1] ?? ''],
    response,
    closing,
  ]);
  return { title, text };
}

function addNews(
  state: StreamState,
  ms: number,
  body: { title: string; text: string },
  meta: Pick<Draft, 'topic' | 'unitUid' | 'tone' | 'oldUnitUid' | 'eventId'>,
  place: Place | null,
  mention: Mention,
): Draft {
  const { rng, model } = state;
  const outlet = pickOutlet(rng, place?.area ?? null, meta.tone);
  const text = (DATELINES[outlet.name] ?? '') + body.text;
  const draft: Draft = {
    ms,
    seq: state.drafts.length,
    kind: 'news',
    title: body.title,
    text,
    url: newsUrl(outlet, body.title, meta.topic, toLocalIso(new Date(ms)), rng),
    source: outlet.name,
    locality: mention.locality,
    ...meta,
  };
  if (!draft.locality && !namesPlace(text, mention)) draft.locality = placeLocality(place, model, mention);
  state.drafts.push(draft);
  return draft;
}

function addSocial(
  state: StreamState,
  ms: number,
  text: string,
  meta: Pick<Draft, 'topic' | 'unitUid' | 'tone' | 'oldUnitUid' | 'eventId'>,
  place: Place | null,
  mention: Mention,
): Draft {
  const { rng, model } = state;
  const source = pickSocialSource(rng, place, mention.thon, meta.tone);
  const draft: Draft = {
    ms,
    seq: state.drafts.length,
    kind: 'social',
    title: titleFromText(text),
    text,
    url: source.url,
    source: source.name,
    locality: rng.chance(0.3) ? mention.locality : undefined,
    ...meta,
  };
  if (!draft.locality && !namesPlace(text, mention)) {
    if (rng.chance(0.5)) {
      draft.text += `\n📍 ${mention.noiNgan}`;
    } else {
      draft.locality = placeLocality(place, model, mention);
    }
  }
  state.drafts.push(draft);
  return draft;
}

/** Republishes or shares a document: syndicated news, cross-posted social posts, news shared to a group. */
function addCopies(
  state: StreamState,
  original: Draft,
  place: Place | null,
  mention: Mention,
  rate: number,
  latestMs: number,
): void {
  const { rng } = state;
  const copy = (fields: Partial<Draft>): void => {
    const ms = Math.min(latestMs, state.endMs, original.ms + (fields.ms ?? 0));
    state.drafts.push({ ...original, ...fields, ms, seq: state.drafts.length, copyOf: original });
  };
  if (original.kind === 'news' && rng.chance(rate)) {
    const syndicator = NEWS_OUTLETS.find(
      (o) => o.name === rng.pick(SYNDICATORS.filter((s) => s !== original.source)),
    );
    const outlet =
      syndicator && rng.chance(0.6) ? syndicator : pickOutlet(rng, null, original.tone, original.source);
    const delay = rng.int(1, 14) * 3_600_000 + rng.int(0, 3599) * 1000;
    copy({
      ms: delay,
      source: outlet.name,
      text: rng.chance(0.5) ? original.text : `${original.text}\n(Theo ${original.source})`,
      url: newsUrl(outlet, original.title, original.topic, toLocalIso(new Date(original.ms + delay)), rng),
    });
  }
  if (original.kind === 'social' && rng.chance(rate * 0.7)) {
    const source = pickSocialSource(rng, place, 'xóm', original.tone);
    copy({ ms: rng.int(5, 240) * 60_000, source: source.name, url: source.url });
  }
  if (original.kind === 'news' && rng.chance(rate * 0.4)) {
    const source = pickSocialSource(rng, place, 'xóm', original.tone);
    const intro = rng.pick(['Chia sẻ:', 'Mọi người đọc nè:', 'Báo đưa tin rồi:', 'Tin mới:', '']);
    const text = `${intro} ${original.title}\n${original.url ?? ''}`.trim();
    state.drafts.push({
      ...original,
      kind: 'social',
      ms: Math.min(latestMs, state.endMs, original.ms + rng.int(10, 600) * 60_000),
      seq: state.drafts.length,
      title: titleFromText(text),
      text,
      source: source.name,
      url: source.url,
      locality: namesPlace(text, mention) ? undefined : placeLocality(place, state.model, mention),
    });
  }
}

function backgroundDay(
  state: StreamState,
  isoDate: string,
  scale: number,
  cumulative: Map<string, number[]>,
): void {
  const { rng, model } = state;
  const dow = weekday(isoDate);
  const holiday = holidayName(isoDate);
  const noise = Math.exp(0.08 * rng.normal());
  const newsFactor =
    (dow === 6 ? 0.7 : dow === 0 ? 0.6 : 1) * (holiday ? (holiday === 'Tết Nguyên đán' ? 0.4 : 0.55) : 1);
  const socialFactor = (dow === 6 ? 1.05 : dow === 0 ? 1.1 : 1) * (holiday ? 0.75 : 1);
  const counts: [DocumentKind, number][] = [
    ['news', rng.poisson(NEWS_PER_DAY * newsFactor * noise * scale)],
    ['social', rng.poisson(SOCIAL_PER_DAY * socialFactor * noise * scale)],
  ];
  const topicWeights = (kind: DocumentKind) =>
    TOPIC_TEMPLATES.map(
      (t) =>
        (TOPIC_BASE[t.topic] ?? 1) *
        seasonal(t.topic, isoDate) *
        (kind === 'social' ? (SOCIAL_TILT[t.topic] ?? 1) : 1),
    );
  const dayEnd = localMidnight(isoDate) + DAY_MS - 1000;
  for (const [kind, count] of counts) {
    const weights = topicWeights(kind);
    for (let i = 0; i < count; i++) {
      const t = TOPIC_TEMPLATES[rng.weightedIndex(weights)]!;
      const provinceShare =
        (kind === 'news' ? 0.12 : 0.04) * (t.topic === 'gia-ca' || t.topic === 'tin-don' ? 1.8 : 1);
      const place = rng.chance(provinceShare)
        ? null
        : model.places[pickCumulative(cumulative.get(t.topic)!, rng)]!;
      const tone = pickTone(
        (kind === 'news' ? NEWS_TONE : SOCIAL_TONE)[t.topic] ??
          (kind === 'news' ? NEWS_TONE : SOCIAL_TONE).default!,
        rng,
      );
      const mention = mentionPlace(model, place, rng, kind === 'news' ? 0.12 : 0.2);
      const vars = templateVars(t.words, place, mention, isoDate, kind, rng);
      const meta = {
        topic: t.topic,
        unitUid: place ? place.unit.uid : model.province.uid,
        tone,
        oldUnitUid: mention.old?.commune.uid,
      };
      const ms = timeOn(isoDate, kind, rng);
      const draft =
        kind === 'news'
          ? addNews(state, ms, newsArticle(t, tone, vars, rng), meta, place, mention)
          : addSocial(
              state,
              ms,
              composeSocial(t.social[tone], tone, rng, vars, hashtagFor(place, rng)),
              meta,
              place,
              mention,
            );
      addCopies(state, draft, place, mention, 0.05, dayEnd + DAY_MS);
    }
  }
}

function pickCumulative(cumulative: readonly number[], rng: Rng): number {
  const r = rng.next() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function placeCumulatives(model: PlaceModel): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const t of TOPIC_TEMPLATES) {
    let total = 0;
    result.set(
      t.topic,
      model.places.map((p) => (total += p.weight * affinity(t.topic, p))),
    );
  }
  return result;
}

export interface ResolvedEvent {
  spec: EventSpec;
  place: Place;
  old: OldName;
  startDay: number;
  days: number;
  drafts: Draft[];
  facts: Record<string, string>;
}

/** Places an event in the stream; null when the stream is too short to hold it. */
export function resolveEvent(spec: EventSpec, model: PlaceModel, totalDays: number): ResolvedEvent | null {
  const place = findPlace(model, spec.unit);
  const old = findOldName(place, spec.oldCommune, spec.oldDistrict);
  const startDay = Math.max(Math.min(3, totalDays - 1), Math.round(spec.startFraction * totalDays));
  const days = Math.min(spec.durationDays, totalDays - startDay);
  if (days < 3) return null;
  return { spec, place, old, startDay, days, drafts: [], facts: {} };
}

function eventArticle(
  e: EventTemplates,
  phase: 'outbreak' | 'coverage' | 'response',
  vars: TemplateVars,
  rng: Rng,
): { title: string; text: string } {
  if (phase === 'response') {
    const title = sentence(rng.pick(e.response.title), rng, vars);
    const details = expandSome(e.response.detail, rng.int(1, 2), rng, vars);
    const reaction = rng.chance(0.5) ? expandSome(e.coverage.voice, 1, rng, vars) : [];
    return {
      title,
      text: paragraphs([
        [expand(rng.pick(e.response.lead), rng, vars)],
        [details[0]!],
        [...details.slice(1), ...reaction],
      ]),
    };
  }
  const source = phase === 'outbreak' ? e.outbreak : e.coverage;
  const title = sentence(rng.pick(source.title), rng, vars);
  const details = expandSome(e.coverage.detail, rng.int(1, 2), rng, vars);
  const voices = expandSome(e.coverage.voice, rng.int(1, 2), rng, vars);
  const response =
    phase === 'coverage' && rng.chance(0.5) ? [expand(rng.pick(e.response.detail), rng, vars)] : [];
  return {
    title,
    text: paragraphs([
      [expand(rng.pick(source.lead), rng, vars)],
      [details[0]!, voices[0]!],
      [details[1] ?? '', voices[1] ?? ''],
      response,
    ]),
  };
}

function eventPhase(progress: number, rng: Rng): 'outbreak' | 'coverage' | 'response' {
  const weights = progress < 0.3 ? [0.8, 0.2, 0] : progress < 0.7 ? [0.35, 0.5, 0.15] : [0.2, 0.3, 0.5];
  return (['outbreak', 'coverage', 'response'] as const)[rng.weightedIndex(weights)]!;
}

/** Daily intensity of an event: a ramp to a peak about a third of the way in, then a slower decay. */
function eventShape(day: number, days: number): number {
  const peak = Math.max(1, Math.round(days * 0.35));
  if (day <= peak) return 0.25 + 0.75 * Math.pow(day / peak, 1.5);
  return Math.exp(-(day - peak) / (days * 0.35));
}

function eventDays(state: StreamState, event: ResolvedEvent, startDate: string, scale: number): void {
  const { rng, model } = state;
  const { spec, place } = event;
  const e = spec.templates;
  const topic = TOPIC_TEMPLATES.find((t) => t.topic === e.topic);
  if (!topic) throw new Error(`event ${spec.id}: unknown topic "${e.topic}"`);
  const facts = event.facts;
  for (const [name, make] of Object.entries(e.facts ?? {})) facts[name] = make(rng);
  const windowEnd = localMidnight(addDays(startDate, event.startDay + event.days)) - 1000;
  for (let day = 0; day < event.days; day++) {
    const isoDate = addDays(startDate, event.startDay + day);
    const count = Math.max(
      day === 0 ? 2 : 0,
      rng.poisson(spec.peakPerDay * eventShape(day, event.days) * scale),
    );
    for (let i = 0; i < count; i++) {
      const phase = eventPhase(day / Math.max(1, event.days - 1), rng);
      const newsShare = phase === 'outbreak' ? 0.2 : phase === 'coverage' ? 0.65 : 0.5;
      const kind: DocumentKind = rng.chance(newsShare) ? 'news' : 'social';
      const mention = mentionPlace(model, place, rng, spec.oldNameShare, event.old);
      const vars = templateVars({ ...topic.words, ...e.words }, place, mention, isoDate, kind, rng, facts);
      const tone: Tone = phase === 'response' ? 'neu' : 'neg';
      const meta = {
        topic: e.topic,
        unitUid: place.unit.uid,
        tone,
        oldUnitUid: mention.old?.commune.uid,
        eventId: spec.id,
      };
      const ms = timeOn(isoDate, kind, rng);
      const before = state.drafts.length;
      if (kind === 'news') {
        addNews(state, ms, eventArticle(e, phase, vars, rng), meta, place, mention);
      } else {
        const pool = phase === 'response' && rng.chance(0.6) ? e.response.social : e.outbreak.social;
        addSocial(
          state,
          ms,
          composeSocial(pool, tone, rng, vars, hashtagFor(place, rng)),
          meta,
          place,
          mention,
        );
      }
      addCopies(state, state.drafts[before]!, place, mention, 0.12, windowEnd);
      event.drafts.push(...state.drafts.slice(before));
    }
  }
}

export interface DocumentStream {
  documents: DemoDocument[];
  labels: DocumentLabel[];
  groundTruth: GroundTruthEvent[];
}

/** Generates the whole stream: `days` days of background from `startDate` plus the given events. */
export function generateDocuments(
  rng: Rng,
  model: PlaceModel,
  startDate: string,
  days: number,
  scale: number,
  events: readonly EventSpec[],
): DocumentStream {
  const endMs = localMidnight(addDays(startDate, days)) - 1000;
  const state: StreamState = { rng: rng.fork('background'), model, drafts: [], endMs };
  const cumulative = placeCumulatives(model);
  for (let day = 0; day < days; day++) backgroundDay(state, addDays(startDate, day), scale, cumulative);
  const resolved: ResolvedEvent[] = [];
  for (const spec of events) {
    const event = resolveEvent(spec, model, days);
    if (!event) continue;
    eventDays({ ...state, rng: rng.fork(spec.id) }, event, startDate, scale);
    resolved.push(event);
  }

  const ordered = [...state.drafts].sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  const ids = new Map<Draft, string>();
  let currentDay = '';
  let n = 0;
  for (const draft of ordered) {
    const day = localDate(draft.ms).replace(/-/g, '');
    n = day === currentDay ? n + 1 : 1;
    currentDay = day;
    ids.set(draft, `dlk-${day}-${String(n).padStart(4, '0')}`);
  }
  const documents: DemoDocument[] = [];
  const labels: DocumentLabel[] = [];
  for (const d of ordered) {
    const id = ids.get(d)!;
    const doc: DemoDocument = {
      id,
      published_at: toLocalIso(new Date(d.ms)),
      title: d.title,
      text: d.text,
      ...(d.url ? { url: d.url } : {}),
      source: d.source,
      ...(d.locality ? { locality: d.locality } : {}),
      lang: 'vi',
      kind: d.kind,
    };
    documents.push(doc);
    labels.push({
      id,
      topic: d.topic,
      unit_uid: d.unitUid,
      tone: d.tone,
      ...(d.oldUnitUid ? { old_unit_uid: d.oldUnitUid } : {}),
      ...(d.eventId ? { event_id: d.eventId } : {}),
      ...(d.copyOf ? { copy_of: ids.get(d.copyOf)! } : {}),
    });
  }
  const groundTruth = resolved.map((event): GroundTruthEvent => {
    const first = addDays(startDate, event.startDay);
    const last = addDays(startDate, event.startDay + event.days - 1);
    return {
      id: event.spec.id,
      topic: event.spec.templates.topic,
      unit_uid: event.place.unit.uid,
      unit_code: event.place.unit.code,
      district_uid: event.old.district.uid,
      old_unit_uid: event.old.commune.uid,
      start: `${first}T00:00:00+07:00`,
      end: `${last}T23:59:59+07:00`,
      kind: event.spec.templates.kind,
      description: event.spec.description,
      place_names: [event.place.unit.name, event.old.commune.name, event.old.district.name],
      facts: event.facts,
      document_ids: event.drafts.map((d) => ids.get(d)!).sort(),
    };
  });
  return { documents, labels, groundTruth };
}
