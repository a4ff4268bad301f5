/**
 * The alert jobs as `dlxh serve` schedules them, configured by the config file: routing rules from the config
 * replace the built-in ones, the bodies' addresses come from it, queued notifications go out on the `deliver`
 * job and overdue cases are flagged on the `overdue` job.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../analytics/alerts/outbox.ts';
import { DEFAULT_ROUTING_RULES } from '../../../analytics/alerts/routing.ts';
import { detectAndRoute } from '../../../bin/commands/hotspots.ts';
import { parseConfig } from '../../../bin/config.ts';
import type { CommandContext } from '../../../bin/context.ts';
import { buildJobs } from '../../../bin/jobs.ts';
import type { Db } from '../../../data/db.ts';
import { DlxhError } from '../../../data/errors.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { DAY_MS, HOUR_MS, background, burst, communes, hotspotDb, insertDocs } from '../hotspots/fixtures.ts';

const START = new Date('2026-03-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 32 * DAY_MS);
const SECRET = 'a-webhook-secret-of-the-board-2026';
const BODY = 'Ban Quản lý dự án giao thông tỉnh';

function configText(webhookUrl: string): string {
  return [
    'routing:',
    '  - id: land',
    '    topics: [dat-dai]',
    `    recipients: ['${BODY}', '{unit}']`,
    '    notify: true',
    'notifications:',
    `  webhook_secret: ${SECRET}`,
    '  targets:',
    `    - recipient: ${BODY}`,
    `      webhook_url: ${webhookUrl}`,
    'schedules:',
    "  deliver: '*/2 * * * *'",
  ].join('\n');
}

describe('routing and delivery as configured', () => {
  let db: Db;
  let server: http.Server;
  let url = '';
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let clock = NOW;
  const context = (text: string): CommandContext => ({
    db,
    dbPath: ':memory:',
    config: parseConfig(text, 'dlxh.yaml'),
    logger: memoryLogger(),
    now: () => clock,
    secret: () => 'pseudonym-secret-for-tests-only',
    shutdown: new AbortController().signal,
    requestShutdown: () => undefined,
  });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    db = await hotspotDb();
    const places = await communes(db, 3);
    await insertDocs(db, background({ start: START, days: 32, perDay: 80, seed: 5, places }));
    await insertDocs(
      db,
      burst({
        id: 'land',
        start: new Date(START.getTime() + 30 * DAY_MS + 7 * HOUR_MS),
        hours: 20,
        count: 16,
        outlets: 8,
        locality: '24508/pre2025',
        topic: 'dat-dai',
      }),
    );
  });
  afterAll(async () => {
    db.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads routing rules from the config, the built-in ones without it, and names a bad rule', () => {
    expect(parseConfig('', 'dlxh.yaml').routing).toBeNull();
    const rules = parseConfig(configText(url), 'dlxh.yaml').routing!;
    expect(rules).toEqual([
      {
        id: 'land',
        priority: 100,
        topics: ['dat-dai'],
        unitUid: null,
        minSeverity: null,
        recipients: [BODY, '{unit}'],
        escalate: false,
        notify: true,
      },
    ]);
    expect(DEFAULT_ROUTING_RULES.some((r) => r.recipients.includes(BODY))).toBe(false);
    const bad = () => parseConfig('routing:\n  - id: x\n    min_severity: urgent\n', 'dlxh.yaml');
    expect(bad).toThrow(DlxhError);
    expect(bad).toThrow(/^config dlxh\.yaml: routing\.0\.min_severity: /);
  });

  it('routes by the configured rule and delivers on the scheduled deliver job, signed, once', async () => {
    const ctx = context(configText(url));
    const { alerts, report } = await detectAndRoute(ctx);
    const land = alerts.find((a) => a.topic === 'dat-dai' && a.docIds.some((id) => id.startsWith('land-')));
    expect(land).toBeDefined();
    const kase = report.cases.find((c) => c.alertId === land!.id)!;
    expect(kase.assignee).toBe(BODY);
    expect(kase.recipients).toEqual([BODY, 'UBND Xã Krông Pắc']);

    const jobs = buildJobs(ctx);
    const deliver = jobs.find((j) => j.name === 'deliver')!;
    expect(deliver).toMatchObject({ runKey: 'internal:deliver', schedule: '*/2 * * * *' });
    expect(jobs.find((j) => j.name === 'overdue')).toMatchObject({ schedule: '*/15 * * * *' });
    const run = await deliver.run();
    expect(run).toMatchObject({ in: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(JSON.parse(body)).toMatchObject({ case_id: kase.id, alert: { id: land!.id } });
    expect(headers['x-dlxh-signature']).toBe(
      `sha256=${signWebhook(SECRET, String(headers['x-dlxh-timestamp']), body)}`,
    );
    expect(await deliver.run()).toMatchObject({ in: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const runs = await db.all<{ job: string; status: string }>(
      `SELECT job, status FROM job_runs WHERE job = 'internal:deliver' ORDER BY started_at`,
    );
    expect(runs).toHaveLength(2);
  });

  it('flags cases past their deadline on the overdue job and tells the board', async () => {
    const ctx = context(configText(url));
    const overdue = buildJobs(ctx).find((j) => j.name === 'overdue')!;
    expect(await overdue.run()).toMatchObject({ in: 0, failed: 0 });
    clock = new Date(NOW.getTime() + 30 * DAY_MS);
    const run = await overdue.run();
    expect(run.failed).toBe(0);
    expect(run.in).toBeGreaterThanOrEqual(1);
    const inbox = await db.all<{ recipient: string }>(
      `SELECT recipient FROM notifications_outbox WHERE reason = 'overdue' AND channel = 'inbox'`,
    );
    expect(inbox.map((r) => r.recipient)).toContain('Văn phòng Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(await overdue.run()).toMatchObject({ in: 0 });
  });
});
