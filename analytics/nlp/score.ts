// Scores a document once: sentiment, topics, places and locality, stamped with the NLP model version.
import { normalizeText } from '../../data/text/normalize.ts';
import { extractPlaces, mostSpecificLocality } from './places.ts';
import type { PlaceMention } from './places.ts';
import { analyzeSentiment } from './sentiment.ts';
import type { SentimentLabel } from './sentiment.ts';
import { classifyTopics, predictTopic } from './topics.ts';
import type { TopicScore } from './topics.ts';

/** Version of everything that goes into a `doc_scores` row; bump when a lexicon, taxonomy rule or model changes. */
export const MODEL_VERSION = 'nlp-8';

export interface ScoreInput {
  text: string;
  title?: string | null;
  /** When the document was written: picks pre- or post-2025 units for places. */
  published_at?: string | Date | null;
}

export interface DocumentScore {
  sentiment: { label: SentimentLabel; score: number };
  topics: { topic_id: string; confidence: number }[];
  places: PlaceMention[];
  /** uid of the most specific place named, or null. */
  locality: string | null;
  model_version: string;
}

function toDate(value: string | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Scores one document. Text and title are normalised once and shared by every analyser.
 * `scoreDocument({ text: 'Dân xã Ea Tu bức xúc vì ô nhiễm' })`
 * → `{ sentiment: { label: 'negative', … }, topics: [{ topic_id: 'moi-truong', … }], locality: '24163/pre2025', … }`.
 */
export function scoreDocument(doc: ScoreInput): DocumentScore {
  const text = normalizeText(typeof doc.text === 'string' ? doc.text : '');
  const title = typeof doc.title === 'string' && doc.title.trim() !== '' ? normalizeText(doc.title) : '';
  const full = title === '' ? text : `${title}\n${text}`;
  const sentiment = analyzeSentiment(full, { normalized: true });
  const places = full === '' ? [] : extractPlaces(full, { at: toDate(doc.published_at) });
  const topics = topicsBesidePlaces(text, title, places);
  return {
    sentiment: { label: sentiment.label, score: sentiment.score },
    topics: topics.map(({ topic_id, confidence }) => ({ topic_id, confidence })),
    places,
    locality: mostSpecificLocality(places),
    model_version: MODEL_VERSION,
  };
}

/**
 * `text` with each span's characters replaced by spaces, so offsets stay valid:
 * `blankSpans('ở Hòa Bình', [{ start: 2, end: 10 }])` → `'ở'` followed by nine spaces.
 */
export function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + ' '.repeat(end - from);
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Topics of normalised `text` (and `title`, '' for none) with the place names in `places` left out: places are
 * read as places, not as topic words ("xã An Ninh Đông" is not about security, an ninh). `places` are the mentions
 * found in `title\ntext`, or in `text` when there is no title.
 */
export function topicsBesidePlaces(
  text: string,
  title: string,
  places: readonly { start: number; end: number }[],
): TopicScore[] {
  if (title === '') return classifyTopics(blankSpans(text, places), { normalized: true });
  const masked = blankSpans(`${title}\n${text}`, places);
  return classifyTopics(masked.slice(title.length + 1), {
    title: masked.slice(0, title.length),
    normalized: true,
  });
}

/** `builtin:topic` for `dlxh nlp predict`: topics as one label, read like `scoreDocument` reads them (place names blanked). */
export function predictBuiltinTopic(text: string): ReturnType<typeof predictTopic> {
  const normalized = normalizeText(typeof text === 'string' ? text : '');
  return predictTopic(blankSpans(normalized, extractPlaces(normalized)), { normalized: true });
}

/** The score given to a document that cannot be scored (no text, wrong type). */
export function emptyScore(): DocumentScore {
  return {
    sentiment: { label: 'neutral', score: 0 },
    topics: [],
    places: [],
    locality: null,
    model_version: MODEL_VERSION,
  };
}

/**
 * Scores documents in order; a document that fails gets `emptyScore()` and is reported through `onError`, and the
 * batch goes on.
 */
export function scoreBatch(
  docs: readonly ScoreInput[],
  onError?: (index: number, error: unknown) => void,
): DocumentScore[] {
  return docs.map((doc, i) => {
    try {
      return scoreDocument(doc);
    } catch (err) {
      onError?.(i, err);
      return emptyScore();
    }
  });
}
