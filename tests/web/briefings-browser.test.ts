import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBriefing } from '../../analytics/briefings/issue-briefing.ts';
import { saveSubscription } from '../../analytics/briefings/subscriptions.ts';
import { openDb } from '../../data/db.ts';
import { buildNotebooks } from '../../notebooks/run-notebook.ts';
import { buildBriefingFixture, FIXTURE_NOW } from '../analytics/briefings/briefing-fixture.ts';
import { tempDir } from '../helpers/temp.ts';
import { NOW, PASSWORD, makeFixture, type Fixture } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

describe.skipIf(!hasChromium)('briefings and notebooks in headless Chromium', () => {
  let f: Fixture;
  let server: Server;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'notebooks.duckdb');
    const db = await openDb(dbFile);
    try {
      await buildBriefingFixture(db);
      await db.run('CHECKPOINT');
    } finally {
      db.close();
    }
    const notebooksDir = path.join(dir, 'dist');
    await buildNotebooks({ db: dbFile, out: notebooksDir, now: FIXTURE_NOW });
    f = await makeFixture({ notebooksDir });
    server = await new Promise<Server>((resolve) => {
      const s = f.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    f?.db.close();
  });

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await page.goto(`${base}/`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    return page;
  }

  it('makes a briefing with the button, shows it when done, and opens it styled, with no CSP violation', async () => {
    const page = await signIn('admin');
    await page.goto(`${base}/briefings`);
    await Promise.all([
      page.waitForURL(`${base}/briefings`),
      page.click('#briefing-generate button[type=submit]'),
    ]);
    // briefings.js reloads the page once the request is done.
    const link = page.locator('table.generations tr.generation-done a');
    await link.waitFor({ timeout: 60_000 });
    await Promise.all([page.waitForURL(/\/briefings\/bc-week-/), link.click()]);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('BÁO CÁO');
    // The briefing's own <style> applies only if the page's policy allows it by hash.
    expect(await page.$eval('h1', (h) => getComputedStyle(h).textAlign)).toBe('center');
    expect(await page.locator('figure svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'dlxh-briefing.png'), fullPage: true });
    expect(violations).toEqual([]);
  });

  it('shows a unit officer the briefing delivered to the ward in the inbox, opens it, and marks it read', async () => {
    await saveSubscription(f.db, { unit: '24133/2025', period: 'week' }, { now: NOW, by: 'admin' });
    const { briefing } = await issueBriefing(f.db, {
      period: 'week',
      unitUid: '24133/2025',
      maxClassification: 0,
      now: NOW,
    });
    const page = await signIn('officer0');
    await Promise.all([page.waitForURL(`${base}/inbox`), page.click('nav.menu a[href="/inbox"]')]);
    const entry = page.locator('ul.delivered li');
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('chưa đọc');
    await Promise.all([
      page.waitForURL(`${base}/briefings/${briefing.id}`),
      entry.locator(`a[href="/briefings/${briefing.id}"]`).click(),
    ]);
    expect(await page.textContent('h1')).toBe('BÁO CÁO');
    await page.goBack();
    await page.reload();
    expect(await page.locator('ul.delivered li').textContent()).not.toContain('chưa đọc');
    await Promise.all([page.waitForURL(`${base}/briefings`), page.click('nav.menu a[href="/briefings"]')]);
    expect(await page.locator(`table.briefings tr:has(a[href="/briefings/${briefing.id}"])`).count()).toBe(1);
    expect(await page.locator('#briefing-generate').count()).toBe(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'dlxh-officer-briefings.png'), fullPage: true });
    expect(violations).toEqual([]);
  });

  it('opens a notebook from the menu and moves between notebooks without losing the session', async () => {
    const page = await signIn('analyst1');
    await Promise.all([page.waitForURL(`${base}/notebooks`), page.click('nav.menu a[href="/notebooks"]')]);
    await Promise.all([
      page.waitForURL(`${base}/notebooks/diem-nong.html`),
      page.click('a[href="/notebooks/diem-nong.html"]'),
    ]);
    await page.waitForSelector('.chart svg');
    expect(await page.$eval('body', (b) => getComputedStyle(b).maxWidth)).toBe('980px');
    await page.goto(`${base}/notebooks/index.html`);
    await Promise.all([
      page.waitForURL(`${base}/notebooks/khao-sat.html`),
      page.click('a[href="khao-sat.html"]'),
    ]);
    expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'dlxh-notebook.png'), fullPage: true });
    expect(violations).toEqual([]);
  });
});
