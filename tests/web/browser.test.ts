import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp.ts';
import { PASSWORD, makeFixture, type Fixture } from './fixtures.ts';

/** Screenshots of the pages, kept for people to look at (gitignored; CI keeps them as artifacts). */
const ARTIFACTS = path.join(REPO_ROOT, 'tests', 'artifacts');

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  let f: Fixture;
  let server: Server;
  let browser: Browser;
  let base: string;
  const violations: string[] = [];
  const screenshots: string[] = [];

  beforeAll(async () => {
    f = await makeFixture({ pseudonymSecret: 'browser-test-pseudonym-secret' });
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
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  });

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
    // Everyone lands on the overview, except contributors, who land on their own reports.
    const home = username === 'contributor' ? `${base}/mine` : `${base}/`;
    await Promise.all([page.waitForURL(home), page.click('button[type=submit]')]);
    return page;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    screenshots.push(file);
  }

  it('signs in and renders the overview charts as SVG, with no CSP violation', async () => {
    const page = await signIn('leader');
    await page.waitForSelector('#chart-volume svg', { timeout: 15_000 });
    await page.waitForSelector('#chart-sentiment svg');
    await page.waitForSelector('#chart-topics svg');
    expect(await page.locator('#chart-volume svg rect').count()).toBeGreaterThan(3);
    expect(await page.locator('#chart-volume .dlxh-plot-swatches').count()).toBe(1);
    // Plot's own <style> (allowed by its hash in the CSP) makes the chart a block; blocked, it would stay inline.
    expect(await page.$eval('#chart-volume svg.dlxh-plot', (svg) => getComputedStyle(svg).display)).toBe(
      'block',
    );
    expect(await page.textContent('h1')).toBe('Tổng quan dư luận');
    await shoot(page, 'overview');
    expect(fs.statSync(screenshots[0]!).size).toBeGreaterThan(10_000);
    // Dates are typed dd/mm/yyyy whatever the browser's locale, and the window follows them.
    await page.fill('form.filters input[name=from]', '01/03/2026');
    await page.fill('form.filters input[name=to]', '10/03/2026');
    await Promise.all([
      page.waitForURL(/from=01%2F03%2F2026/),
      page.click('form.filters button[type=submit]'),
    ]);
    expect(await page.textContent('body')).toMatch(/01\/03\/2026 – 10\/03\/2026/);
    expect(await page.inputValue('form.filters input[name=from]')).toBe('01/03/2026');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('drills into a hot spot and submits a case resolution', async () => {
    const page = await signIn('officer0');
    await page.goto(`${base}/hotspots`);
    await Promise.all([page.waitForURL(/\/hotspots\/a-0-here$/), page.click('a[href="/hotspots/a-0-here"]')]);
    await page.waitForSelector('#chart-series svg');
    await Promise.all([page.waitForURL(/\/hotspots\/a-0-here$/), page.click('form.case-action button')]);
    await page.fill(
      'form.case-action textarea[name=report]',
      'Đã làm việc với người dân và giải quyết xong.',
    );
    await Promise.all([page.waitForURL(/\/hotspots\/a-0-here$/), page.click('form.case-action button')]);
    expect(await page.textContent('body')).toContain('Đã làm việc với người dân và giải quyết xong.');
    await shoot(page, 'hotspot');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('runs a SQL query and charts its result, and shows a phone-sized inbox', async () => {
    const page = await signIn('analyst1');
    await page.goto(`${base}/sql`);
    await page.fill(
      'textarea[name=sql]',
      'SELECT topic, count(*) AS n FROM (SELECT unnest(topics) AS topic FROM doc_scores) GROUP BY topic',
    );
    await Promise.all([
      page.waitForURL(`${base}/sql`),
      page.click('#sql-form button[type=submit]:not([formaction])'),
    ]);
    await page.waitForSelector('#sql-chart svg');
    expect(await page.locator('table.result tbody tr').count()).toBe(2);
    await shoot(page, 'sql');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/inbox`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    await shoot(page, 'inbox-phone');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("shows every one of an admin's menu entries on a laptop screen, and scrolls the menu on a phone", async () => {
    const page = await signIn('admin');
    const menu = () =>
      page.evaluate(() => {
        const links = Array.from(document.querySelectorAll('nav.menu a'));
        return {
          links: links.length,
          offScreen: links.filter((a) => a.getBoundingClientRect().right > window.innerWidth).length,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${base}/`);
    const laptop = await menu();
    expect(laptop.links).toBe(13);
    expect(laptop).toMatchObject({ offScreen: 0, pageWidth: 1024 });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    const phone = await menu();
    expect(phone.offScreen).toBeGreaterThan(0); // reached by scrolling the menu, not the page
    expect(phone.pageWidth).toBeLessThanOrEqual(400);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('lets a contributor send a report through the form, stored with the phone number scrubbed', async () => {
    const page = await signIn('contributor');
    await page.fill('#report-form input[name=organisation]', 'Hội Nông dân phường');
    await page.selectOption('#report-form select[name=mood]', 'Bức xúc');
    await page.check('#report-form input[name=topics][value=dat-dai]');
    await page.fill(
      '#report-form textarea[name=summary]',
      'Bà con bức xúc vì chậm bồi thường giải phóng mặt bằng; liên hệ ông Ba 0905 123 456.',
    );
    await Promise.all([page.waitForURL(`${base}/mine`), page.click('#report-form button[type=submit]')]);
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('Bà con bức xúc vì chậm bồi thường giải phóng mặt bằng');
    expect(body).toContain('[số điện thoại]');
    expect(body).not.toContain('0905 123 456');
    const stored = await f.db.all<{ organisation: string }>(
      `SELECT organisation FROM reports WHERE summary LIKE 'Bà con bức xúc vì chậm bồi thường%'`,
    );
    expect(stored).toEqual([{ organisation: 'Hội Nông dân phường' }]);
    await shoot(page, 'contributor-report-sent');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('renders every main page without a script or CSP error, and saves a screenshot of each', async () => {
    const pages: [user: string, path: string, name: string][] = [
      ['admin', '/', 'overview'],
      ['admin', '/hotspots?status=all', 'hotspots'],
      ['admin', '/hotspots/a-1-here', 'hotspot-detail'],
      ['officer2', '/inbox', 'inbox'],
      ['admin', '/misinfo', 'misinformation'],
      ['admin', '/misinfo?statement=st-1&limit=10', 'misinformation-statement'],
      ['admin', '/surveys', 'surveys'],
      ['admin', '/sources', 'sources'],
      ['admin', '/sql', 'sql-explorer'],
      ['admin', '/briefings', 'briefings'],
      ['admin', '/admin', 'admin'],
      ['admin', '/admin/routing-rules', 'routing-rules'],
      ['contributor', '/mine', 'contributor-reports'],
    ];
    const sessions = new Map<string, Page>();
    for (const [user, url, name] of pages) {
      const page = sessions.get(user) ?? (await signIn(user));
      sessions.set(user, page);
      const response = await page.goto(`${base}${url}`);
      expect({ url, status: response?.status() }).toEqual({ url, status: 200 });
      await page.waitForLoadState('networkidle');
      if (await page.locator('.chart').count()) await page.waitForSelector('.chart svg', { timeout: 15_000 });
      expect((await page.textContent('h1'))?.trim()).toBeTruthy();
      const before = screenshots.length;
      await shoot(page, `page-${name}`);
      expect(fs.statSync(screenshots[before]!).size).toBeGreaterThan(5_000);
    }
    expect(violations).toEqual([]);
    for (const page of sessions.values()) await page.context().close();
  });
});
