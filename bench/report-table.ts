/** The benchmark table: one row per figure with its baseline from the same run, the ratio and the aim. */

export interface BenchRow {
  figure: string;
  value: string;
  baseline: string;
  /** value ÷ baseline, oriented as the aim reads (higher is better for rates, lower for times). */
  ratio: number | null;
  aim: string;
  met: boolean | null;
}

/** `fmt(12345.6)` → `12,346`; small numbers keep two significant decimals. */
export function fmt(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A Markdown table (readable in a terminal and pasteable into docs/scaling.md). */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'dlxh', 'baseline (same run)', 'ratio', 'aim', 'met'];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.baseline,
    r.ratio === null ? '' : fmt(r.ratio, r.ratio >= 10 ? 1 : 3),
    r.aim,
    r.met === null ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
