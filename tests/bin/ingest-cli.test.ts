import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeWatchTopic } from '../../analytics/hotspots/watch-topics.ts';
import { openDatabase } from '../../data/database.ts';
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

describe('dlxh ingest report', () => {
  it('stores answers to a watch topic from its column, says how many, and fails a row answering another area', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'reports.duckdb');
    const handle = await openDatabase(db);
    try {
      const now = new Date('2026-09-01T02:00:00Z');
      await proposeWatchTopic(
        handle,
        'test',
        { name: 'Sốt xuất huyết', query: '"sốt xuất huyết"' },
        { proposer: 'so-y-te', now },
      );
      await proposeWatchTopic(
        handle,
        'test',
        { name: 'Ngập úng', query: 'ngập', unit_uid: '22015/2025' },
        { proposer: 'so-y-te', now },
      );
    } finally {
      handle.close();
    }
    const file = path.join(dir, 'bao-cao.csv');
    fs.writeFileSync(
      file,
      [
        'Kỳ báo cáo,Đơn vị,Tóm tắt dư luận,w-1,Ngập úng',
        '09/2026,24121/2025,Bà con lo dịch bệnh.,Tổ 3 có hai ca,',
        '09/2026,24121/2025,Giá cà phê giảm.,,Không ngập',
      ].join('\n'),
    );
    const run = await runCli(['--db', db, 'ingest', 'report', file], { env: { DLXH_SECRET: 'cli-secret' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${file}: row 3: column "Ngập úng": not a question for Phường Tân Lập`);
    expect(run.stderr).toContain(`ingest report ${file}: 2 mục, 1 mới, 0 trùng, 0 gần trùng, 1 lỗi`);
    expect(run.stderr).toContain(`ingest report ${file}: 1 câu trả lời cho chủ đề theo dõi`);
    const stored = await runCli([
      '--db',
      db,
      'sql',
      'SELECT watch_topic_id, answer FROM report_watch_answers',
      '--format',
      'json',
    ]);
    expect(JSON.parse(stored.stdout)).toEqual([{ watch_topic_id: 'w-1', answer: 'Tổ 3 có hai ca' }]);
  }, 120_000);
});
