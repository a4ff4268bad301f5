/** A briefing as plain text (Markdown-like): for terminals, e-mail bodies and golden-file tests. */
import { formatLocalTime } from './format.ts';
import { inlineParams } from './query-log.ts';
import type { Briefing, BriefingTable } from './types.ts';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** Roman numeral of the n-th (0-based) section heading. */
export function roman(i: number): string {
  return ROMAN[i] ?? String(i + 1);
}

/** What every page carries when the briefing is classified: "MẬT", "TỐI MẬT", "TUYỆT MẬT" (or English). */
export function classificationMark(briefing: Briefing): string | null {
  if (briefing.classification < 1) return null;
  return briefing.classificationLabel.toLocaleUpperCase(briefing.lang === 'vi' ? 'vi-VN' : 'en-US');
}

function tableText(table: BriefingTable): string[] {
  const widths = table.columns.map((c, i) =>
    Math.max(c.label.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) =>
        table.columns[i]!.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join(' | ')} |`;
  return [
    `${table.caption} [${table.queryId}]`,
    line(table.columns.map((c) => c.label)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...table.rows.map(line),
    ...(table.note ? [`(${table.note})`] : []),
  ];
}

/** The whole briefing as text, charts by title and description, the appendix with each query's values written in. */
export function renderBriefingText(briefing: Briefing): string {
  const vi = briefing.lang === 'vi';
  const out: string[] = [];
  const mark = classificationMark(briefing);
  if (mark) out.push(`[${mark}]`);
  out.push(`${briefing.issuer.parentBody} / ${briefing.issuer.body}`);
  out.push(briefing.title, briefing.subtitle, '');
  out.push(
    vi
      ? `Phạm vi: ${briefing.scope.unitName}. Độ mật: ${briefing.classificationLabel}. Lập lúc ${formatLocalTime(briefing.generatedAt, briefing.lang)}` +
          (briefing.dataAsOf ? `; dữ liệu đến ${formatLocalTime(briefing.dataAsOf, briefing.lang)}.` : '.')
      : `Scope: ${briefing.scope.unitName}. Classification: ${briefing.classificationLabel}. Made ${formatLocalTime(briefing.generatedAt, briefing.lang)}` +
          (briefing.dataAsOf ? `; data up to ${formatLocalTime(briefing.dataAsOf, briefing.lang)}.` : '.'),
    '',
  );
  if (briefing.summary.length) {
    out.push(vi ? 'TÓM TẮT' : 'SUMMARY');
    for (const point of briefing.summary) out.push(`- ${point}`);
    out.push('');
  }
  briefing.sections.forEach((section, i) => {
    out.push(`${roman(i)}. ${section.title.toLocaleUpperCase(vi ? 'vi-VN' : 'en-US')}`);
    for (const p of section.paragraphs) out.push(p);
    for (const chart of section.charts) {
      out.push(
        `[${vi ? 'Biểu đồ' : 'Chart'} ${chart.id}: ${chart.title} — ${chart.description} (${chart.queryId})]`,
      );
    }
    for (const table of section.tables) out.push('', ...tableText(table));
    out.push('');
  });
  out.push(vi ? 'PHỤ LỤC: CÁC TRUY VẤN SỐ LIỆU' : 'APPENDIX: QUERIES');
  for (const q of briefing.queries) {
    out.push(
      '',
      `${q.id}. ${q.title} (${q.name}, ${q.rows} ${vi ? 'dòng' : 'rows'})`,
      inlineParams(q.sql, q.params),
    );
  }
  return `${out.join('\n')}\n`;
}
