import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const COUNTS = `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM raw_items) AS raw_items,
  (SELECT count(*) FROM doc_scores) AS doc_scores, (SELECT count(DISTINCT id) FROM documents) AS distinct_ids,
  (SELECT list(status ORDER BY id) FROM survey_requests) AS plan,
  (SELECT list(survey) FROM survey_requests WHERE survey IS NOT NULL) AS answered,
  (SELECT list(proposed_by) FROM watch_topics WHERE active) AS watching`;

describe('dlxh demo', () => {
  it('loads the demo stream, scores it, and a second run duplicates nothing', async () => {
    const db = path.join(tempDir(), 'demo.duckdb');
    const first = await runCli(['--db', db, 'demo', '--no-serve', '--days', '12']);
    expect(first.code, first.stderr).toBe(0);
    const before = JSON.parse((await runCli(['--db', db, 'sql', COUNTS, '--format', 'json'])).stdout)[0];
    expect(before.documents).toBeGreaterThan(1000);
    expect(before.doc_scores).toBe(before.documents);
    expect(before.distinct_ids).toBe(before.documents);
    // The year's survey plan: the imported survey answers the first request.
    expect(before.plan).toEqual(['reported', 'planned', 'received', 'declined']);
    expect(before.answered).toEqual([expect.stringMatching(/^gpmb-\d{4}$/)]);
    expect(before.watching).toEqual(['so-y-te']); // the health department's dengue watch
    const second = await runCli(['--db', db, 'demo', '--no-serve', '--days', '12']);
    expect(second.code, second.stderr).toBe(0);
    const after = JSON.parse((await runCli(['--db', db, 'sql', COUNTS, '--format', 'json'])).stdout)[0];
    expect(after).toEqual(before);
  }, 240_000);
});
