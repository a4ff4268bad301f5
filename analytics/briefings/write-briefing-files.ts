/** A briefing written out as files: HTML, DOCX, PDF (when Chromium is installed), JSON, and each chart as PNG and SVG. */
import fs from 'node:fs';
import path from 'node:path';
import { svgToPng } from './charts/svg-to-png.ts';
import { printHtmlToPdf } from './render-pdf.ts';
import { renderBriefingDocx } from './render-docx.ts';
import { renderBriefingHtml } from './render-html.ts';
import type { Briefing } from './types.ts';

export interface BriefingFiles {
  html: string;
  docx: string;
  /** null when no Chromium is installed (or `pdf: false`). */
  pdf: string | null;
  json: string;
  charts: { id: string; png: string; svg: string }[];
}

/** Write through a temporary file renamed into place, so a reader never sees half a file. */
function writeAtomic(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
}

/**
 * Write `<id>.html`, `<id>.docx`, `<id>.pdf`, `<id>.json` and `<id>-charts/<chart>.png|svg` into `outDir`
 * (created if missing) and return their paths. Pass `html`/`docx` already rendered (e.g. for `saveBriefing`) to
 * render them once.
 * `const files = await writeBriefingFiles(briefing, 'out/briefings')`
 */
export async function writeBriefingFiles(
  briefing: Briefing,
  outDir: string,
  options: { pdf?: boolean; chromium?: string | null; html?: string; docx?: Buffer } = {},
): Promise<BriefingFiles> {
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, briefing.id);
  const files: BriefingFiles = {
    html: `${base}.html`,
    docx: `${base}.docx`,
    pdf: null,
    json: `${base}.json`,
    charts: [],
  };
  writeAtomic(files.html, options.html ?? renderBriefingHtml(briefing));
  writeAtomic(files.docx, options.docx ?? (await renderBriefingDocx(briefing)));
  writeAtomic(files.json, `${JSON.stringify(briefing, null, 2)}\n`);
  const chartDir = `${base}-charts`;
  const charts = briefing.sections.flatMap((s) => s.charts);
  if (charts.length) fs.mkdirSync(chartDir, { recursive: true });
  for (const chart of charts) {
    const png = path.join(chartDir, `${chart.id}.png`);
    const svg = path.join(chartDir, `${chart.id}.svg`);
    writeAtomic(png, svgToPng(chart.svg));
    writeAtomic(svg, chart.svg);
    files.charts.push({ id: chart.id, png, svg });
  }
  if (options.pdf !== false) {
    const pdf = `${base}.pdf`;
    const temp = `${base}.${process.pid}.tmp.pdf`;
    if (await printHtmlToPdf(files.html, temp, { chromium: options.chromium })) {
      fs.renameSync(temp, pdf);
      files.pdf = pdf;
    }
  }
  return files;
}
