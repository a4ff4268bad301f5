import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const COUNTS = `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM raw_items) AS raw_items,
  (SELECT count(*) FROM doc_scores) AS doc_scores, (SELECT count(DISTINCT id) FROM documents) AS distinct_ids`;

describe('dlxh demo', () => {
  it('loads the demo stream, scores it, and a second run duplicates nothing', async () => {
    const db = path.join(tempDir(), 'demo.duckdb');
    const first = await runCli(['--db', db, 'demo', '--no-serve', '--days', '12']);
    expect(first.code, first.stderr).toBe(0);
    const before = JSON.parse((await runCli(['--db', db, 'sql', COUNTS, '--format', 'json'])).stdout)[0];
    expect(before.documents).toBeGreaterThan(1000);
    expect(before.doc_scores).toBe(before.documents);
    expect(before.distinct_ids).toBe(before.documents);
    const second = await runCli(['--db', db, 'demo', '--no-serve', '--days', '12']);
    expect(second.code, second.stderr).toBe(0);
    const after = JSON.parse((await runCli(['--db', db, 'sql', COUNTS, '--format', 'json'])).stdout)[0];
    expect(after).toEqual(before);
  }, 240_000);
});
