// Reads the labelled statement/document fixtures of tests/fixtures/misinfo.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/temp.ts';

export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/misinfo');

export interface FixtureStatement {
  id: string;
  claim: string;
  verdict: string;
  official_text: string;
  issued_at: string;
}

export interface FixturePair {
  id: string;
  statement_id: string | null;
  label: 'paraphrase' | 'contradiction' | 'related' | 'unrelated';
  contradiction?: 'number' | 'date' | 'place' | 'negation';
  text: string;
}

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export const statements = readJsonl<FixtureStatement>('statements.jsonl');
export const pairs = readJsonl<FixturePair>('pairs.jsonl');
