/**
 * A briefing as one self-contained HTML page: inline SVG charts, inline CSS, no external asset, laid out like a
 * Vietnamese administrative report, the classification on every printed page (CSS page margin boxes).
 */
import { escapeXml as esc } from './charts/render-plot.ts';
import { datelineVi, formatDay, formatLocalTime } from './format.ts';
import { inlineParams } from './query-log.ts';
import { classificationMark, roman } from './render-text.ts';
import type { Briefing, BriefingChart, BriefingTable, Figure, Section } from './types.ts';

const CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @bottom-center { content: counter(page); font: 11pt "Times New Roman", "DejaVu Serif", serif; } }
html { background: #f4f4f4; }
body { font: 13pt/1.45 "Times New Roman", "DejaVu Serif", serif; color: #000; max-width: 185mm; margin: 0 auto;
  padding: 12mm 14mm; background: #fff; }
.banner { position: sticky; top: 0; z-index: 2; text-align: center; font: bold 12pt sans-serif; letter-spacing: .1em;
  background: #fff; border: 2px solid #000; padding: 2px 0; margin-bottom: 8px; }
.doc-header { display: grid; grid-template-columns: 45% 55%; text-align: center; margin-bottom: 18px; }
.doc-header .parent { text-transform: uppercase; }
.doc-header .body, .doc-header .national { font-weight: bold; text-transform: uppercase; }
.doc-header .national { text-decoration: underline; text-underline-offset: 3px; }
.doc-header .star { margin: 0; line-height: 1; }
.doc-header .dateline { font-style: italic; margin-top: 10px; }
.stamp { display: inline-block; border: 2px solid #000; padding: 0 10px; font-weight: bold; letter-spacing: .08em;
  margin-top: 6px; }
h1 { text-align: center; font-size: 15pt; margin: 8px 0 0; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 4px; }
.meta { text-align: center; font-style: italic; font-size: 11pt; margin: 0 0 14px; }
h2 { font-size: 13pt; margin: 18px 0 6px; break-after: avoid; }
p { text-align: justify; text-indent: 1cm; margin: 0 0 6px; }
.unavailable p { font-style: italic; }
ul.summary { margin: 0 0 10px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(36mm, 1fr)); gap: 6px; margin: 8px 0 10px; }
.figure-card { border: 1px solid #000; padding: 4px 6px; text-indent: 0; }
.figure-card .label { font-size: 10pt; display: block; }
.figure-card .value { font-size: 15pt; font-weight: bold; display: block; }
.figure-card .change { font-size: 9.5pt; display: block; }
figure { margin: 10px 0; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 11pt; font-style: italic; }
table.data { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 6px 0 2px; break-inside: auto; }
table.data caption { font-weight: bold; font-size: 11pt; text-align: left; padding-bottom: 2px; }
table.data th, table.data td { border: 1px solid #000; padding: 2px 5px; vertical-align: top; }
table.data th { background: #e6e6e6; }
table.data tr { break-inside: avoid; }
.right { text-align: right; } .center { text-align: center; } .left { text-align: left; }
.source { font-size: 9.5pt; font-style: italic; text-indent: 0; margin-bottom: 10px; }
.closing { display: grid; grid-template-columns: 50% 50%; margin-top: 24px; break-inside: avoid; }
.recipients { font-size: 11pt; }
.recipients b { font-style: italic; font-size: 12pt; }
.recipients div { text-indent: 0; }
.signature { text-align: center; font-weight: bold; }
.signature .name { margin-top: 70px; }
.appendix { break-before: page; font-size: 10.5pt; }
.appendix h2 { text-align: center; }
.appendix pre { font: 8.5pt/1.3 "DejaVu Sans Mono", "Courier New", monospace; white-space: pre-wrap; background: #f6f6f6;
  border: 1px solid #ccc; padding: 4px 6px; break-inside: avoid; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; }
  .banner { display: none; }
}
`;

function paragraphs(texts: readonly string[]): string {
  return texts.map((t) => `<p>${esc(t)}</p>`).join('\n');
}

function figureCards(figures: readonly Figure[], briefing: Briefing): string {
  if (!figures.length) return '';
  const vi = briefing.lang === 'vi';
  const cards = figures.map(
    (f) =>
      `<div class="figure-card" title="${esc(`${vi ? 'Truy vấn' : 'Query'} ${f.queryId}`)}"><span class="label">${esc(f.label)}</span>` +
      `<span class="value">${esc(f.display)}</span>${f.change ? `<span class="change">${esc(f.change)}</span>` : ''}</div>`,
  );
  return `<div class="figures">${cards.join('')}</div>`;
}

function chartHtml(chart: BriefingChart, n: number, briefing: Briefing): string {
  const vi = briefing.lang === 'vi';
  return (
    `<figure id="${esc(chart.id)}">${chart.svg.replace('role="img"', `role="img" aria-label="${esc(chart.description)}"`)}` +
    `<figcaption>${vi ? 'Biểu đồ' : 'Chart'} ${n}. ${esc(chart.title)} (${vi ? 'nguồn: truy vấn' : 'source: query'} ` +
    `<a href="#${esc(chart.queryId)}">${esc(chart.queryId)}</a>)</figcaption></figure>`
  );
}

function tableHtml(table: BriefingTable, n: number, briefing: Briefing): string {
  const vi = briefing.lang === 'vi';
  const head = table.columns.map((c) => `<th class="${c.align}">${esc(c.label)}</th>`).join('');
  const rows = table.rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td class="${table.columns[i]!.align}">${esc(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return (
    `<table class="data"><caption>${vi ? 'Bảng' : 'Table'} ${n}. ${esc(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `<p class="source">${table.note ? `${esc(table.note)} ` : ''}${vi ? 'Nguồn: truy vấn' : 'Source: query'} ` +
    `<a href="#${esc(table.queryId)}">${esc(table.queryId)}</a>.</p>`
  );
}

function headerHtml(briefing: Briefing, mark: string | null): string {
  const { issuer } = briefing;
  const vi = briefing.lang === 'vi';
  const number = `${vi ? 'Số' : 'No.'}: ${issuer.number ?? '…'}-${issuer.symbol}`;
  const day = briefing.generatedAt.slice(0, 10);
  const dateline = vi ? datelineVi(issuer.place, day) : `${issuer.place}, ${formatDay(day, 'en')}`;
  return (
    `<header class="doc-header"><div><div class="parent">${esc(issuer.parentBody)}</div>` +
    `<div class="body">${esc(issuer.body)}</div><div class="star">*</div><div>${esc(number)}</div>` +
    (mark ? `<div class="stamp">${esc(mark)}</div>` : '') +
    '</div><div>' +
    (issuer.national ? `<div class="national">${esc(issuer.national)}</div>` : '') +
    `<div class="dateline">${esc(dateline)}</div></div></header>`
  );
}

function closingHtml(briefing: Briefing): string {
  const { issuer } = briefing;
  const vi = briefing.lang === 'vi';
  const lines = issuer.recipients.map(
    (r, i) => `<div>- ${esc(r)}${i === issuer.recipients.length - 1 ? '.' : ','}</div>`,
  );
  return (
    `<div class="closing"><div class="recipients"><b>${vi ? 'Nơi nhận:' : 'Distribution:'}</b>${lines.join('')}</div>` +
    `<div class="signature">${issuer.signerTitle.map((t) => `<div>${esc(t)}</div>`).join('')}` +
    `<div class="name">${esc(issuer.signerName)}</div></div></div>`
  );
}

function sectionHtml(
  section: Section,
  i: number,
  briefing: Briefing,
  counters: { chart: number; table: number },
) {
  const vi = briefing.lang === 'vi';
  const parts = [`<h2>${roman(i)}. ${esc(section.title.toLocaleUpperCase(vi ? 'vi-VN' : 'en-US'))}</h2>`];
  if (section.id === 'headline') parts.push(figureCards(briefing.figures, briefing));
  parts.push(paragraphs(section.paragraphs));
  for (const chart of section.charts) parts.push(chartHtml(chart, ++counters.chart, briefing));
  for (const table of section.tables) parts.push(tableHtml(table, ++counters.table, briefing));
  return `<section id="${section.id}"${section.available ? '' : ' class="unavailable"'}>${parts.join('\n')}</section>`;
}

function appendixHtml(briefing: Briefing): string {
  const vi = briefing.lang === 'vi';
  const when = formatLocalTime(briefing.generatedAt, briefing.lang);
  const asOf = briefing.dataAsOf ? formatLocalTime(briefing.dataAsOf, briefing.lang) : '—';
  const intro = vi
    ? `Mọi số liệu trong báo cáo được tính bằng các truy vấn dưới đây trên cơ sở dữ liệu tại thời điểm lập báo cáo (${when}); ` +
      `dữ liệu mới nhất được nhập lúc ${asOf}. Có thể chạy lại từng truy vấn bằng lệnh dlxh sql. ` +
      `Phạm vi: ${briefing.scope.unitName}; chỉ gồm bản ghi có độ mật đến mức ${briefing.scope.maxClassification}.`
    : `Every figure was computed by the queries below on the database as of this briefing (${when}); ` +
      `the newest data was loaded at ${asOf}. Each can be re-run with dlxh sql. ` +
      `Scope: ${briefing.scope.unitName}; records classified up to level ${briefing.scope.maxClassification}.`;
  const items = briefing.queries.map(
    (q) =>
      `<div id="${esc(q.id)}"><b>${esc(q.id)}.</b> ${esc(q.title)} <i>(${esc(q.name)}; ${q.rows} ${vi ? 'dòng' : 'rows'})</i>` +
      `<pre>${esc(inlineParams(q.sql, q.params))}</pre></div>`,
  );
  return `<section class="appendix"><h2>${vi ? 'PHỤ LỤC: CÁC TRUY VẤN SỐ LIỆU' : 'APPENDIX: QUERIES'}</h2><p>${esc(intro)}</p>${items.join('\n')}</section>`;
}

/** The briefing as a standalone HTML document (UTF-8), ready to open, print or save as PDF. */
export function renderBriefingHtml(briefing: Briefing): string {
  const vi = briefing.lang === 'vi';
  const mark = classificationMark(briefing);
  const counters = { chart: 0, table: 0 };
  const sections = briefing.sections.map((s, i) => sectionHtml(s, i, briefing, counters)).join('\n');
  const summary = briefing.summary.length
    ? `<section id="summary"><h2>${vi ? 'TÓM TẮT' : 'SUMMARY'}</h2><ul class="summary">${briefing.summary
        .map((p) => `<li>${esc(p)}</li>`)
        .join('')}</ul></section>`
    : '';
  const markCss = mark
    ? `<style>@page { @top-right { content: "${mark}"; font: bold 12pt "Times New Roman", serif; border: 1.5pt solid #000; padding: 1mm 3mm; } }</style>`
    : '';
  const meta = vi
    ? `Phạm vi: ${briefing.scope.unitName} · Độ mật: ${briefing.classificationLabel} · Lập lúc ${formatLocalTime(briefing.generatedAt, 'vi')}`
    : `Scope: ${briefing.scope.unitName} · Classification: ${briefing.classificationLabel} · Made ${formatLocalTime(briefing.generatedAt, 'en')}`;
  return `<!doctype html>
<html lang="${briefing.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="dlxh-briefing" content="${esc(briefing.id)}">
<meta name="dlxh-classification" content="${briefing.classification}">
<title>${esc(`${briefing.title} – ${briefing.subtitle}`)}</title>
<style>${CSS}</style>${markCss}
</head>
<body>
${mark ? `<div class="banner" role="note">${esc(mark)}</div>` : ''}
${headerHtml(briefing, mark)}
<h1>${esc(briefing.title)}</h1>
<p class="subtitle">${esc(briefing.subtitle)}</p>
<p class="meta">${esc(meta)}</p>
${summary}
${sections}
${closingHtml(briefing)}
${appendixHtml(briefing)}
</body>
</html>
`;
}
