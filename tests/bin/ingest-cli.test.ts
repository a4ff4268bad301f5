import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const FEED = fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures/sites/feeds/rss.xml'));
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/rss')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('dlxh ingest rss', () => {
  it('refuses a loopback feed unless the source allows private addresses, then stores and scores it once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'rss.duckdb');
    const refused = await runCli(['--db', db, 'ingest', 'rss', `${base}/rss`, '--source', 'local']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refused: address 127.0.0.1 is loopback/);
    const config = path.join(dir, 'dlxh.yaml');
    fs.writeFileSync(
      config,
      `sources:\n  - name: local\n    kind: rss\n    url: ${base}/rss\n    allow_private: true\n    robots: false\n`,
    );
    const first = await runCli([
      '--db',
      db,
      '--config',
      config,
      'ingest',
      'rss',
      `${base}/rss`,
      '--source',
      'local',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const counts = async () =>
      JSON.parse(
        (
          await runCli([
            '--db',
            db,
            'sql',
            `SELECT (SELECT count(*) FROM documents WHERE import_source = 'local') AS docs,
                    (SELECT count(*) FROM doc_scores) AS scores`,
            '--format',
            'json',
          ])
        ).stdout,
      )[0];
    const after = await counts();
    expect(after.docs).toBeGreaterThan(0);
    expect(after.scores).toBe(after.docs);
    await runCli(['--db', db, '--config', config, 'ingest', 'rss', `${base}/rss`, '--source', 'local']);
    expect(await counts()).toEqual(after);
  });
});
