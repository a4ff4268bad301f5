import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/database.ts';
import { openDb, type SqlValue } from '../../data/db.ts';
import { generateDemo } from '../../data/demo/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const DOCUMENTS = 8000;
const SCORE_BATCH = 2000;

describe('dlxh serve shutdown', () => {
  it('stops on SIGTERM after the scoring batch it is writing, not after the whole backlog', async () => {
    const file = path.join(tempDir('dlxh-serve-stop-'), 'dlxh.duckdb');
    const db = await openDatabase(file);
    const demo = generateDemo({ days: 10 }).documents;
    await db.append(
      'documents',
      Array.from({ length: DOCUMENTS }, (_, i) => {
        const d = demo[i % demo.length]!;
        const at = new Date(d.published_at);
        const text = `${d.text} ${demo[(i + 1) % demo.length]!.text} ${demo[(i + 2) % demo.length]!.text}`;
        const row: SqlValue[] = [`d${i}`, 'test', null, null, null, null, d.title, text, at, at, null, 'vi'];
        return [...row, `h${i}`, null, null, null, 0, null, null];
      }),
    );
    db.close();

    let stoppedAfterMs = 0;
    const result = await runCli(['--db', file, 'serve', '--port', '0'], {
      onStart: (child) => {
        let sent = false;
        child.stdout!.on('data', (chunk: Buffer) => {
          if (sent || !chunk.toString().includes('dlxh đang chạy tại')) return;
          sent = true;
          // the catch-up scoring run starts with the jobs; give it time to be well into the backlog
          setTimeout(() => {
            const signalled = performance.now();
            child.once('exit', () => (stoppedAfterMs = performance.now() - signalled));
            child.kill('SIGTERM');
          }, 1500);
        });
      },
    });
    expect(result.code, result.stderr).toBe(0);

    const after = await openDb(file);
    const scored = (await after.one<{ n: number }>('SELECT count(*) AS n FROM doc_scores'))!.n;
    const run = await after.one<{ status: string }>(
      "SELECT status FROM job_runs WHERE job = 'internal:score' ORDER BY id DESC LIMIT 1",
    );
    after.close();
    expect(scored % SCORE_BATCH).toBe(0);
    expect(scored).toBeLessThan(DOCUMENTS);
    expect(run?.status).not.toBe('running');
    expect(stoppedAfterMs).toBeGreaterThan(0);
  }, 300_000);
});
