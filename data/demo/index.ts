// The demo data generator's public entry points.

export { ALT_SEED, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START, generateDemo } from './generate-demo.ts';
export { surveyCsv, writeDemo } from './write-demo.ts';
export type {
  DemoData,
  DemoDocument,
  DemoReport,
  DemoSurvey,
  DocumentLabel,
  GenerateDemoOptions,
  GroundTruthEvent,
  SurveyQuestion,
} from './types.ts';
