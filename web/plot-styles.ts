/**
 * Observable Plot adds a <style> element to every chart and legend. The Content-Security-Policy allows no
 * inline styles, except these exact texts by hash; they are computed by rendering sample charts with the
 * installed Plot, so they follow Plot upgrades. Client charts must use `className: PLOT_CLASS`.
 */
import { createHash } from 'node:crypto';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export const PLOT_CLASS = 'dlxh-plot';

let hashes: string[] | undefined;

/** CSP source expressions (`'sha256-…'`) for the style elements Plot writes. */
export function plotStyleHashes(): string[] {
  if (hashes) return hashes;
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const samples = [
    Plot.plot({
      document,
      className: PLOT_CLASS,
      color: { legend: true },
      marks: [Plot.barY([{ x: 'a', y: 1 }], { x: 'x', y: 'y', fill: 'x' })],
    }),
    Plot.plot({ document, className: PLOT_CLASS, marks: [Plot.lineY([1, 2])] }),
  ];
  const texts = new Set<string>();
  for (const sample of samples) {
    for (const style of Array.from((sample as unknown as Element).querySelectorAll('style')))
      texts.add(style.textContent ?? '');
  }
  hashes = [...texts].map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  return hashes;
}
