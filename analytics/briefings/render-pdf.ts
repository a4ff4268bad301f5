/** PDF through a headless Chromium printing the HTML, when one is installed (Debian: /usr/bin/chromium). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DlxhError, errorMessage } from '../../data/errors.ts';

const run = promisify(execFile);

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The first Chromium found (env `DLXH_CHROMIUM` first), or null. */
export function findChromium(candidates: readonly string[] = CHROMIUM_CANDIDATES): string | null {
  const fromEnv = process.env.DLXH_CHROMIUM;
  for (const file of fromEnv ? [fromEnv, ...candidates] : candidates) {
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * Print `htmlFile` to `pdfFile` with headless Chromium (A4, the page's own @page rules, no browser header or
 * footer, no network). Returns false when no Chromium is installed.
 * `await printHtmlToPdf('bc.html', 'bc.pdf')`
 */
export async function printHtmlToPdf(
  htmlFile: string,
  pdfFile: string,
  options: { chromium?: string | null; timeoutMs?: number } = {},
): Promise<boolean> {
  const chromium = options.chromium === undefined ? findChromium() : options.chromium;
  if (!chromium) return false;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-chromium-'));
  try {
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.resolve(pdfFile)}`,
        `file://${path.resolve(htmlFile)}`,
      ],
      { timeout: options.timeoutMs ?? 60_000 },
    );
  } catch (error) {
    throw new DlxhError(
      'INPUT',
      `${htmlFile}: printing to PDF with ${chromium} failed: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (!fs.existsSync(pdfFile) || fs.statSync(pdfFile).size === 0) {
    throw new DlxhError('INPUT', `${htmlFile}: Chromium wrote no PDF`);
  }
  return true;
}
