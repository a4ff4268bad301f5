// Shapes of the demo data set and of the text templates it is written from.

import type { Rng } from './prng.ts';

export type Tone = 'neg' | 'neu' | 'pos';
export type DocumentKind = 'news' | 'social';

/** One line of `documents.jsonl`, in the CLI's JSONL document contract. */
export interface DemoDocument {
  id: string;
  published_at: string;
  title: string;
  text: string;
  url?: string;
  source: string;
  locality?: string;
  lang: 'vi';
  kind: DocumentKind;
}

/** What the generator meant each document to be about; never part of `documents.jsonl`. */
export interface DocumentLabel {
  id: string;
  topic: string;
  unit_uid: string;
  tone: Tone;
  /** Pre-2025 unit named in the text instead of the new one, if any. */
  old_unit_uid?: string;
  event_id?: string;
  /** Id of the document this one copies (syndication, cross-posting). */
  copy_of?: string;
}

/** A monthly collaborator report. */
export interface DemoReport {
  id: string;
  reporter: string;
  unit_code: string;
  period: string;
  submitted_at: string;
  topics: string[];
  mood: string;
  summary: string;
  proposals: string;
}

export interface SurveyQuestion {
  column: string;
  label: string;
  type: 'select_one' | 'select_multiple' | 'integer' | 'text' | 'calculate' | 'start' | 'end' | 'today';
  choices?: { code: string; label: string }[];
}

/** One thematic survey as a KoboToolbox-style CSV export (`group/question` columns). */
export interface DemoSurvey {
  name: string;
  title: string;
  fieldwork: { start: string; end: string };
  population: string;
  weightColumn: string;
  strataColumn: string;
  clusterColumn: string;
  questions: SurveyQuestion[];
  columns: string[];
  rows: string[][];
}

/** An injected event, to measure detectors against. */
export interface GroundTruthEvent {
  id: string;
  topic: string;
  unit_uid: string;
  unit_code: string;
  district_uid?: string;
  /** The pre-2025 commune most posts name, when they use the old name. */
  old_unit_uid?: string;
  start: string;
  end: string;
  kind: string;
  description: string;
  /** Names of the place as the documents write it. */
  place_names: string[];
  /** Figures every document about the event repeats (households, prices), by template variable. */
  facts: Record<string, string>;
  document_ids: string[];
}

export interface DemoData {
  documents: DemoDocument[];
  labels: DocumentLabel[];
  reports: DemoReport[];
  surveys: DemoSurvey[];
  groundTruth: GroundTruthEvent[];
}

export interface GenerateDemoOptions {
  seed?: number;
  /** First local day, `yyyy-mm-dd`; default `2026-07-28`. */
  start?: string;
  /** Number of days; default 120. */
  days?: number;
  /** Multiplies the daily volume; default 1 (about 210 documents a day). */
  scale?: number;
  events?: 'default' | 'alt';
}

/** Templates of one topic. Each string is a template (see `template.ts`). */
export interface TopicTemplates {
  topic: string;
  /** Topic vocabulary, available to this topic's templates as variables. */
  words: Record<string, readonly string[]>;
  news: {
    title: Record<Tone, readonly string[]>;
    lead: Record<Tone, readonly string[]>;
    detail: readonly string[];
    voice: Record<Tone, readonly string[]>;
    response: readonly string[];
  };
  social: Record<Tone, readonly string[]>;
  report: Record<Tone, readonly string[]> & { proposal: readonly string[] };
}

/** Templates of one kind of injected event, by phase of the event. */
export interface EventTemplates {
  kind: string;
  topic: string;
  words: Record<string, readonly string[]>;
  /** Facts fixed once per event (a household count, a price) so that every document repeats the same figure. */
  facts?: Record<string, (rng: Rng) => string>;
  /** Early complaints and rumours, mostly social. */
  outbreak: { social: readonly string[]; title: readonly string[]; lead: readonly string[] };
  /** Press coverage at the peak. */
  coverage: {
    title: readonly string[];
    lead: readonly string[];
    detail: readonly string[];
    voice: readonly string[];
  };
  /** Officials' answers and follow-up. */
  response: {
    title: readonly string[];
    lead: readonly string[];
    detail: readonly string[];
    social: readonly string[];
  };
  report: { summary: readonly string[]; proposal: readonly string[] };
}
