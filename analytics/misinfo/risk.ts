// Risk of a candidate claim: what the registry says of it, source credibility, spread, engagement, sensational style.
import { normalizeText } from '../../data/text/normalize.ts';
import { claimTokens } from './claim-tokens.ts';
import { CLICKBAIT_PHRASES } from './cue-lexicon.ts';
import { PhraseMatcher, syllableStream } from './phrase-matcher.ts';
import type { Verdict } from './read-statements.ts';

/** Sensational style in [0, 1] and what made it so: `all_caps`, `exclamations`, `clickbait:sốc`. */
export interface StyleScore {
  score: number;
  cues: string[];
}

const clickbait = new PhraseMatcher({ clickbait: CLICKBAIT_PHRASES });
const CAPS_WORD = /^[\p{Lu}\p{M}]{2,}$/u;

/**
 * How sensational a text's style is: shouting in capitals, runs of exclamation marks, clickbait phrases.
 * `sensationalStyle('SỐC!!! Chia sẻ ngay kẻo muộn')` → `{ score: 0.878, cues: ['exclamations', 'clickbait:sốc', 'clickbait:chia sẻ ngay'] }`.
 */
export function sensationalStyle(text: string): StyleScore {
  const normalized = normalizeText(typeof text === 'string' ? text : '');
  const tokens = claimTokens(normalized);
  const words = tokens.filter((t) => t.kind === 'word');
  const cues: string[] = [];
  const capsWords = words.filter(
    (w) => CAPS_WORD.test(w.text) && /[^\x20-\x7e]|[AEIOUY]/.test(w.text),
  ).length;
  const shouting =
    capsWords >= 2 && capsWords >= words.length * 0.2 ? Math.min(1, (capsWords / words.length) * 2) : 0;
  if (shouting > 0) cues.push('all_caps');
  const runs = (normalized.match(/[!?]*![!?]*!+[!?]*/g) ?? []).length;
  const singles = (normalized.match(/!/g) ?? []).length;
  const exclaiming = Math.min(1, runs * 0.5 + singles * 0.05);
  if (runs > 0) cues.push('exclamations');
  const phrases = [...new Set(clickbait.find(syllableStream(tokens)).map((h) => h.phrase))];
  for (const phrase of phrases) cues.push(`clickbait:${phrase}`);
  const baiting = Math.min(1, phrases.length * 0.5);
  const score = 1 - (1 - 0.7 * shouting) * (1 - 0.6 * exclaiming) * (1 - 0.8 * baiting);
  return { score: Math.round(score * 1000) / 1000, cues };
}

function count(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([kKmM]?)\s*$/.exec(value);
  if (!match) return null;
  const base = Number(match[1]!.replace(',', '.'));
  const scale = match[2]!.toLowerCase() === 'k' ? 1e3 : match[2]!.toLowerCase() === 'm' ? 1e6 : 1;
  return base * scale;
}

const LIKE_FIELDS = ['likes', 'like_count', 'reactions', 'reaction_count'];
const COMMENT_FIELDS = ['comments', 'comment_count', 'replies'];
const SHARE_FIELDS = ['shares', 'share_count', 'retweets', 'reposts'];

function firstCount(extra: Record<string, unknown>, fields: readonly string[]): number | null {
  for (const field of fields) {
    const value = count(extra[field]);
    if (value !== null) return value;
  }
  return null;
}

/** Likes, comments and shares from a document's `extra` fields (numbers, or strings such as "3.0", "1,2K"). */
export interface Engagement {
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

export function readEngagement(extra: unknown): Engagement {
  const record =
    extra && typeof extra === 'object' && !Array.isArray(extra) ? (extra as Record<string, unknown>) : {};
  return {
    likes: firstCount(record, LIKE_FIELDS),
    comments: firstCount(record, COMMENT_FIELDS),
    shares: firstCount(record, SHARE_FIELDS),
  };
}

/** Engagement in [0, 1] on a log scale (shares weigh most); null when the document has none of the counts. */
export function engagementScore(engagement: Engagement): number | null {
  const { likes, comments, shares } = engagement;
  if (likes === null && comments === null && shares === null) return null;
  const weighted = (likes ?? 0) + 2 * (comments ?? 0) + 3 * (shares ?? 0);
  return Math.min(1, Math.log10(1 + weighted) / 4);
}

/** How far and how fast a claim has spread: copies in its near-duplicate cluster and documents matching its statement. */
export interface Spread {
  /** Documents carrying the claim (the document itself included). */
  documents: number;
  /** Distinct outlets among them. */
  outlets: number;
  /** Hours between the first and the last of them. */
  hours: number;
}

/** Spread in [0, 1]: 0 for a single mention, rising with more outlets, more copies and copies per hour. */
export function spreadScore(spread: Spread): number {
  const extraDocs = Math.max(0, spread.documents - 1);
  const extraOutlets = Math.max(0, spread.outlets - 1);
  const perHour = extraDocs / Math.max(1, spread.hours);
  return 1 - Math.exp(-(0.45 * extraOutlets + 0.1 * extraDocs + 0.5 * perHour));
}

/** What the registry says of a matched claim, as risk: repeating a false claim is the risk, denying it is not. */
export function verdictRisk(verdict: Verdict | null, contradiction: boolean): number {
  if (verdict === null) return 0.6;
  if (verdict === 'false' || verdict === 'misleading') return contradiction ? 0.2 : 1;
  if (verdict === 'true') return contradiction ? 0.9 : 0.1;
  return 0.5;
}

/** Everything the risk is made of; null where unknown. */
export interface RiskSignals {
  verdict: number;
  /** Source credibility 0 (not credible) to 1; null when the source has no rating. */
  credibility: number | null;
  spread: number;
  engagement: number | null;
  sensational: number;
  claimScore: number;
  /** Probability of the unreliable class from a trained classifier, when one is given. */
  unreliable: number | null;
}

// Measured on ReINTEL (5-fold CV, scripts/eval-misinfo.ts): the trained classifier ranks unreliable posts far better
// (ROC-AUC ≈ 0.91) than sensational style (≈ 0.61), engagement (≈ 0.55) or check-worthiness (≈ 0.50), so style and
// engagement weigh little and check-worthiness, which says what to check rather than how risky it is, not at all.
const WEIGHTS = {
  verdict: 0.25,
  credibility: 0.15,
  spread: 0.25,
  engagement: 0.03,
  sensational: 0.03,
  unreliable: 0.4,
};

/**
 * Risk in [0, 1]: a weighted mean of the known signals (low credibility counts as risk; a source without rating
 * counts as 0.5; missing engagement and classifier are left out of the mean; `claimScore` is kept as evidence only).
 * `riskScore({ verdict: 1, credibility: 0.2, spread: 0.8, engagement: null, sensational: 0.5, claimScore: 0.7, unreliable: null })` → 0.8603.
 */
export function riskScore(signals: RiskSignals): number {
  const parts: [number, number][] = [
    [WEIGHTS.verdict, signals.verdict],
    [WEIGHTS.credibility, 1 - clamp(signals.credibility ?? 0.5)],
    [WEIGHTS.spread, signals.spread],
    [WEIGHTS.sensational, signals.sensational],
  ];
  if (signals.engagement !== null) parts.push([WEIGHTS.engagement, signals.engagement]);
  if (signals.unreliable !== null) parts.push([WEIGHTS.unreliable, signals.unreliable]);
  const total = parts.reduce((sum, [w]) => sum + w, 0);
  const risk = parts.reduce((sum, [w, v]) => sum + w * clamp(v), 0) / total;
  return Math.round(risk * 10_000) / 10_000;
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
