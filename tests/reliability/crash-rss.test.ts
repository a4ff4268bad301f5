import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { runCrashTrials } from './crash-harness.ts';

const ITEMS = 600;

function feed(base: string): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const day = String(1 + (i % 20)).padStart(2, '0');
    items.push(`<item>
  <title>Tin số ${i}: người dân xã Ea ${i % 9} phản ánh về ${['giá cà phê', 'đường giao thông', 'đất đai', 'nước sạch'][i % 4]}</title>
  <link>${base}/tin/${i}.html</link>
  <guid isPermaLink="false">tin-${i}</guid>
  <pubDate>${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i % 7]}, ${day} Nov 2026 0${i % 10}:30:00 +0700</pubDate>
  <description><![CDATA[<p>Bài ${i}. Cử tri thôn ${i % 11} kiến nghị chính quyền sớm giải quyết, mã hồ sơ ${i * 7919}.</p>]]></description>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Tin địa phương</title>\n${items.join('\n')}\n</channel></rss>\n`;
}

let server: http.Server;
let base = '';
let body = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/rss')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  body = feed(base);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('crash safety: dlxh ingest rss killed at random points', () => {
  it('ends equal to one clean run after every crash and restart; the feed is stored whole or not at all', async () => {
    const dir = tempDir('dlxh-crash-rss-');
    const config = path.join(dir, 'dlxh.yaml');
    fs.writeFileSync(
      config,
      `sources:\n  - name: local\n    kind: rss\n    url: ${base}/rss\n    allow_private: true\n    robots: false\n`,
    );
    const report = await runCrashTrials({
      dir,
      args: ['--config', config, 'ingest', 'rss', `${base}/rss`, '--source', 'local'],
      job: 'rss:local',
      kills: 6,
      perChain: 3,
      seed: 66,
      span: [0.3, 1],
      check: (_db, current) => {
        const docs = current.documents!.length;
        if (docs !== 0 && docs !== ITEMS) return `HALF BATCH: ${docs} documents`;
        return `${docs} documents, ${current.doc_scores!.length} scored`;
      },
    });
    console.log(
      `rss: ${report.kills} kills in ${report.chains} chains, ${report.interrupted} runs interrupted`,
    );
    for (const landing of report.landings) console.log(`  ${landing}`);
    expect(report.reference.documents).toHaveLength(ITEMS);
    expect(report.reference.doc_scores).toHaveLength(ITEMS);
    expect(report.kills).toBe(6);
    expect(report.landings.filter((l) => l.startsWith('HALF'))).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 400_000);
});
