/** Golden files: compared byte for byte; `UPDATE_GOLDEN=1 npx vitest run tests/analytics/briefings` rewrites them. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review the new file`);
  }
  expect(actual, `output differs from golden/${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    fs.readFileSync(file, 'utf8'),
  );
}
