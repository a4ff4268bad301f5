/**
 * Open-ended answers summarised by topic: for a free-text question, the share of answers about each topic (a
 * design-based estimate with its interval, and the count), their sentiment, and a few representative answers.
 */
import type { Db } from '../../data/db.ts';
import { DlxhError } from '../../data/errors.ts';
import { loadTopics } from '../../data/reference/index.ts';
import { readSqlFile } from '../../data/sql-file.ts';
import { MODEL_VERSION } from '../nlp/score.ts';
import { loadAnswers, loadDesign, resolveQuestion } from './design.ts';
import { disclosureFor, MIN_PUBLISHED_COUNT, type DisclosureBlock } from './disclosure.ts';
import { domainGroups, logitInterval, ratioEstimate } from './estimate.ts';

const sql = readSqlFile(new URL('./text-scores.sql', import.meta.url));

export interface SentimentTally {
  positive: number;
  neutral: number;
  negative: number;
  /** Mean sentiment score (−1 … 1) of the answers, unweighted. */
  mean_score: number;
}

export interface OpenTopicRow {
  /** Topic id of the board's taxonomy; null for answers the NLP found no topic in. */
  topic: string | null;
  topic_name: string;
  /** Answers about the topic (unweighted; an answer can be about several topics). */
  n: number;
  /** Weighted share (0–1) of the group's scored answers that are about the topic, with its design-based SE. */
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  sentiment: SentimentTally;
  /** Up to `examples` answers (scrubbed of personal data at import), the most clearly about the topic first. */
  examples: string[];
}

export interface OpenAnswerGroup {
  /** Value of the `by` question; null for the whole sample. */
  group: string | null;
  /** Its label in the questionnaire. */
  group_label: string | null;
  /** Respondents in the group who answered the question. */
  answered: number;
  /** Of them, answers scored by the current NLP model version (the base of the shares). */
  scored: number;
  topics: OpenTopicRow[];
}

export interface OpenAnswerSummary {
  survey: string;
  question: string;
  question_wording: string;
  by: string | null;
  model_version: string;
  groups: OpenAnswerGroup[];
}

export interface OpenAnswerOptions {
  survey: string;
  question: string;
  by?: string | null;
  /** Representative answers per topic (default 3). */
  examples?: number;
  weighting?: string | null;
}

interface ScoredAnswer {
  respondent: string;
  sentiment: 'positive' | 'neutral' | 'negative';
  sentiment_score: number;
  topics: string[];
  topic_scores: string | null;
}

export const NO_TOPIC_NAME = 'Không xác định được chủ đề';

/**
 * Summarise a free-text question by topic, overall or within each group of `by`, from the scores in
 * `survey_text_scores` (answers not yet scored by the current model version are counted in `answered` only).
 * Topics come most frequent first, the answers without a topic last. Shares are ratio estimates over the scored
 * answers of the group, on the full design (rejected submissions left out), with logit 95% intervals.
 * `await summariseOpenAnswers(db, { survey: 'ks-2025', question: 'danh_gia/y_kien', by: 'dia_ban/khu_vuc' })`
 */
export async function summariseOpenAnswers(db: Db, opts: OpenAnswerOptions): Promise<OpenAnswerSummary> {
  const question = await resolveQuestion(db, opts.survey, opts.question);
  if (question.type !== 'text') {
    throw new DlxhError(
      'INPUT',
      `question "${question.name}" is not free text (${question.type}); use dlxh survey estimate for it`,
    );
  }
  const { design } = await loadDesign(db, opts.survey, { weighting: opts.weighting });
  const { values } = await loadAnswers(db, opts.survey, design, question.name);
  const scores: (ScoredAnswer | undefined)[] = new Array(design.ids.length);
  for (const row of await db.all<ScoredAnswer>(sql('answer_scores'), {
    survey: opts.survey,
    question: question.name,
    version: MODEL_VERSION,
  })) {
    const i = design.index.get(row.respondent);
    if (i !== undefined) scores[i] = row;
  }
  const names = new Map(loadTopics().map((t) => [t.id, t.name_vi]));
  const limit = opts.examples ?? 3;
  const groupLabels = new Map(
    opts.by ? (await resolveQuestion(db, opts.survey, opts.by)).choices.map((c) => [c.value, c.label]) : [],
  );
  const groups: OpenAnswerGroup[] = [];
  for (const { group, member } of await domainGroups(db, opts.survey, design, opts.by)) {
    const answered = values.filter((v, i) => member[i] && v !== null).length;
    if (answered === 0) continue;
    const domain = Uint8Array.from(member, (m, i) => (m && values[i] !== null && scores[i] ? 1 : 0));
    const scored = domain.reduce((a, b) => a + b, 0);
    const topics: OpenTopicRow[] = [];
    if (scored > 0) {
      const keys = new Set<string | null>();
      domain.forEach((inside, i) => {
        if (!inside) return;
        const found = scores[i]!.topics;
        if (found.length === 0) keys.add(null);
        for (const t of found) keys.add(t);
      });
      for (const topic of keys) {
        const about = (i: number) =>
          topic === null ? scores[i]!.topics.length === 0 : scores[i]!.topics.includes(topic);
        const y = Float64Array.from(domain, (inside, i) => (inside && about(i) ? 1 : 0));
        const members = [...y.keys()].filter((i) => y[i]);
        const r = ratioEstimate(design, y, domain);
        const [low, high] = logitInterval(r.estimate, r.se);
        topics.push({
          topic,
          topic_name: topic === null ? NO_TOPIC_NAME : (names.get(topic) ?? topic),
          n: members.length,
          estimate: r.estimate,
          se: r.se,
          ci_low: low,
          ci_high: high,
          sentiment: tally(members.map((i) => scores[i]!)),
          examples: examplesOf(members, topic, scores, values, limit),
        });
      }
      topics.sort(
        (a, b) =>
          Number(a.topic === null) - Number(b.topic === null) ||
          b.n - a.n ||
          (a.topic ?? '').localeCompare(b.topic ?? ''),
      );
    }
    const groupLabel = group === null ? null : (groupLabels.get(group) ?? group);
    groups.push({ group, group_label: groupLabel, answered, scored, topics });
  }
  return {
    survey: opts.survey,
    question: question.name,
    question_wording: question.label,
    by: opts.by ?? null,
    model_version: MODEL_VERSION,
    groups,
  };
}

function tally(answers: readonly ScoredAnswer[]): SentimentTally {
  const out = { positive: 0, neutral: 0, negative: 0, mean_score: 0 };
  for (const a of answers) {
    out[a.sentiment]++;
    out.mean_score += a.sentiment_score;
  }
  if (answers.length) out.mean_score /= answers.length;
  return out;
}

/** Distinct answers about the topic, the most confidently classified first, then in respondent order. */
function examplesOf(
  members: readonly number[],
  topic: string | null,
  scores: readonly (ScoredAnswer | undefined)[],
  values: readonly (string | null)[],
  limit: number,
): string[] {
  const confidence = (i: number) =>
    topic === null
      ? 0
      : ((JSON.parse(scores[i]!.topic_scores ?? '{}') as Record<string, number>)[topic] ?? 0);
  const ranked = members
    .map((i) => ({ i, confidence: confidence(i) }))
    .sort((a, b) => b.confidence - a.confidence || a.i - b.i);
  const out: string[] = [];
  for (const { i } of ranked) {
    const text = values[i]!;
    if (!out.includes(text)) out.push(text);
    if (out.length >= limit) break;
  }
  return out;
}

/** A topic row as published: small cells blanked, their answers not quoted. */
export type PublishedTopicRow = Omit<
  OpenTopicRow,
  'n' | 'estimate' | 'se' | 'ci_low' | 'ci_high' | 'sentiment'
> & {
  n: number | null;
  sentiment: SentimentTally | null;
  estimate: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
};

export interface PublishedOpenAnswers extends Omit<OpenAnswerSummary, 'groups'> {
  groups: (Omit<OpenAnswerGroup, 'topics'> & { topics: PublishedTopicRow[] })[];
  disclosure: DisclosureBlock;
}

/**
 * Topic shares ready to publish: topics with fewer than `minCount` answers in a group are blanked and not quoted (an
 * answer from a small group can identify its author), and the disclosure block follows.
 * `await publishOpenAnswers(db, { survey: 'ks-2025', question: 'danh_gia/y_kien' })`
 */
export async function publishOpenAnswers(
  db: Db,
  opts: OpenAnswerOptions & { minCount?: number },
): Promise<PublishedOpenAnswers> {
  const minCount = opts.minCount ?? MIN_PUBLISHED_COUNT;
  const summary = await summariseOpenAnswers(db, opts);
  const whole = opts.by ? await summariseOpenAnswers(db, { ...opts, by: null }) : summary;
  const shares = (whole.groups[0]?.topics ?? []).map((t) => ({ group: null, se: t.se }));
  const disclosure = await disclosureFor(db, opts, shares);
  disclosure.min_published_count = minCount;
  return {
    ...summary,
    groups: summary.groups.map((g) => ({
      ...g,
      topics: g.topics.map((t) => {
        const suppressed = t.n < minCount;
        if (!suppressed) return { ...t, suppressed };
        return {
          ...t,
          n: null,
          estimate: null,
          se: null,
          ci_low: null,
          ci_high: null,
          sentiment: null,
          examples: [],
          suppressed,
        };
      }),
    })),
    disclosure,
  };
}
