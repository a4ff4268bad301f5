// The demo data set: documents, collaborator reports, one survey and the ground truth of injected events.

import { loadUnits } from '../reference/index.ts';
import { localMidnight } from './calendar.ts';
import { generateDocuments } from './documents.ts';
import { ALT_EVENTS, DEFAULT_EVENTS } from './event-specs.ts';
import { buildPlaceModel } from './places.ts';
import { createRng } from './prng.ts';
import { generateReports } from './reports.ts';
import { generateSurvey } from './survey.ts';
import type { DemoData, GenerateDemoOptions } from './types.ts';

export const DEFAULT_SEED = 20260728;
/** The alternative event set runs on its own seed, so that its background differs too. */
export const ALT_SEED = 20261111;
export const DEFAULT_START = '2026-07-28';
export const DEFAULT_DAYS = 120;

/**
 * Generates the demo data set, the same for the same options on every machine.
 * `generateDemo({ days: 30 }).documents.length` → about 6,300.
 */
export function generateDemo(options: GenerateDemoOptions = {}): DemoData {
  const eventSet = options.events ?? 'default';
  if (eventSet !== 'default' && eventSet !== 'alt') throw new Error(`invalid events: "${String(eventSet)}"`);
  const seed = options.seed ?? (eventSet === 'alt' ? ALT_SEED : DEFAULT_SEED);
  const start = options.start ?? DEFAULT_START;
  const days = options.days ?? DEFAULT_DAYS;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${seed}`);
  localMidnight(start);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new Error(`invalid days: ${days}`);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 50) throw new Error(`invalid scale: ${scale}`);

  const rng = createRng(seed);
  const model = buildPlaceModel(loadUnits(), rng.fork('places'));
  const specs = eventSet === 'alt' ? ALT_EVENTS : DEFAULT_EVENTS;
  const stream = generateDocuments(rng.fork('documents'), model, start, days, scale, specs);
  const events = stream.groundTruth.map((truth) => ({ truth, spec: specs.find((s) => s.id === truth.id)! }));
  return {
    documents: stream.documents,
    labels: stream.labels,
    reports: generateReports(rng.fork('reports'), model, start, days, events),
    surveys: [generateSurvey(rng.fork('survey'), model, start, days)],
    groundTruth: stream.groundTruth,
  };
}
