/**
 * Observable Plot on the server: a chart rendered in a linkedom document to a standalone, deterministic SVG
 * (ids numbered per chart, coordinates rounded, fonts that render Vietnamese) with an optional legend row.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export const CHART_FONT_FAMILY = 'DejaVu Sans, Arial, Helvetica, sans-serif';
export const CHART_FONT_SIZE = 11;

export interface LegendItem {
  label: string;
  /** A colour or `url(#…)` of a pattern defined in `defs`. */
  fill: string;
  /** Draw a line sample (for line series) instead of a swatch. */
  line?: { dash?: string };
}

export interface RenderOptions {
  /** Prefix of every id in the SVG, so several charts can share one HTML page. */
  id: string;
  /** Extra `<defs>` (patterns) the marks refer to. */
  defs?: string;
  legend?: LegendItem[];
}

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
}

const LEGEND_HEIGHT = 24;

/** Escape text for SVG/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Round every number with more than two decimals inside attribute values (text content is left alone). */
export function roundAttributes(svg: string): string {
  return svg.replace(/(\s[\w:-]+=")([^"]*)"/g, (_m, head: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}/g, (n) => {
      const r = Math.round(Number(n) * 100) / 100;
      return String(Object.is(r, -0) ? 0 : r);
    });
    return `${head}${rounded}"`;
  });
}

/**
 * Plot numbers its clip paths, markers and patterns with counters global to the process; renumber them per
 * chart so the same chart always gives the same SVG.
 */
export function renumberIds(svg: string, prefix: string): string {
  const ids = [...new Set([...svg.matchAll(/\bid="(plot-[a-z]+-\d+)"/g)].map((m) => m[1]!))];
  let out = svg;
  ids.forEach((id, i) => {
    const kind = /^plot-([a-z]+)-/.exec(id)![1];
    out = out.replace(new RegExp(`(["#(])${id}(?![\\w-])`, 'g'), `$1${prefix}-${kind}-${i + 1}`);
  });
  return out;
}

function legendRow(items: readonly LegendItem[], width: number): string {
  let x = 0;
  const parts: string[] = [];
  for (const item of items) {
    const sample = item.line
      ? `<line x1="${x}" x2="${x + 22}" y1="9" y2="9" stroke="${item.fill}" stroke-width="2"${
          item.line.dash ? ` stroke-dasharray="${item.line.dash}"` : ''
        }/><circle cx="${x + 11}" cy="9" r="3" fill="${item.fill}"/>`
      : `<rect x="${x}" y="2" width="22" height="14" fill="${item.fill}" stroke="#000" stroke-width="0.6"/>`;
    parts.push(`${sample}<text x="${x + 28}" y="13">${escapeXml(item.label)}</text>`);
    x += 28 + Math.ceil(item.label.length * 6.4) + 18;
  }
  return `<g transform="translate(${Math.max(8, Math.round((width - x) / 2))},4)" font-size="${CHART_FONT_SIZE}">${parts.join('')}</g>`;
}

/**
 * Render Plot options to a standalone SVG string. Same options → same bytes.
 * `renderPlot({ width: 640, height: 240, marks: [Plot.barY(rows, { x: 'day', y: 'n' })] }, { id: 'c1' })`
 */
export function renderPlot(options: Plot.PlotOptions, render: RenderOptions): RenderedSvg {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const width = options.width ?? 640;
  const plotHeight = options.height ?? 260;
  const node = Plot.plot({ ...options, width, height: plotHeight, document }) as unknown as Element;
  if (node.tagName.toLowerCase() !== 'svg')
    throw new Error(`chart ${render.id}: Plot returned a figure, not an svg`);
  let inner = node.outerHTML
    .replace(/font-family="[^"]*"/, `font-family="${CHART_FONT_FAMILY}"`)
    .replace(/font-size="10"/, `font-size="${CHART_FONT_SIZE}"`);
  inner = renumberIds(inner, render.id);
  const legend = render.legend?.length ? LEGEND_HEIGHT : 0;
  const height = plotHeight + legend;
  inner = inner.replace(/^<svg /, `<svg x="0" y="${legend}" `);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="${CHART_FONT_FAMILY}" font-size="${CHART_FONT_SIZE}" role="img">` +
    (render.defs ?? '') +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    (render.legend?.length ? legendRow(render.legend, width) : '') +
    inner +
    '</svg>';
  return { svg: roundAttributes(svg), width, height };
}
