/**
 * A briefing as DOCX laid out like a Vietnamese administrative report: the issuing body, number, national line
 * and dateline at the top, the classification stamp under the number and on every page, numbered sections,
 * "Nơi nhận:" and the signature at the end, the query appendix after a page break.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { svgToPng } from './charts/svg-to-png.ts';
import { datelineVi, formatDay, formatLocalTime } from './format.ts';
import { inlineParams } from './query-log.ts';
import { classificationMark, roman } from './render-text.ts';
import type { Briefing, BriefingChart, BriefingTable } from './types.ts';

const FONT = 'Times New Roman';
/** Half-points. */
const BODY = 28;
const SMALL = 24;
const TABLE = 22;
/** Content width of A4 with 30 mm + 15 mm margins, in pixels at 96 dpi. */
const CONTENT_PX = 620;

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, font: FONT, size: BODY, ...options });

function centered(text: string, options: Omit<IRunOptions, 'text'> = {}, after = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after },
    children: [run(text, options)],
  });
}

function body(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { after: 120, line: 312 },
    children: [run(text)],
  });
}

const BOX = { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 2 };

function stamp(mark: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120 },
    indent: { left: 1300, right: 1300 },
    border: { top: BOX, bottom: BOX, left: BOX, right: BOX },
    children: [run(mark, { bold: true, size: SMALL })],
  });
}

function headerBlock(briefing: Briefing, mark: string | null): Table {
  const { issuer } = briefing;
  const vi = briefing.lang === 'vi';
  const day = briefing.generatedAt.slice(0, 10);
  const dateline = vi ? datelineVi(issuer.place, day) : `${issuer.place}, ${formatDay(day, 'en')}`;
  const left = [
    centered(issuer.parentBody.toUpperCase(), { size: 26 }),
    centered(issuer.body.toUpperCase(), { size: 26, bold: true }),
    centered('*', { size: 26 }),
    centered(`${vi ? 'Số' : 'No.'}: ${issuer.number ?? '…'}-${issuer.symbol}`, { size: 26 }),
    ...(mark ? [stamp(mark)] : []),
  ];
  const right = [
    ...(issuer.national
      ? [centered(issuer.national.toUpperCase(), { size: 28, bold: true, underline: {} }, 240)]
      : []),
    centered(dateline, { size: 28, italics: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 42, type: WidthType.PERCENTAGE }, children: left }),
          new TableCell({ width: { size: 58, type: WidthType.PERCENTAGE }, children: right }),
        ],
      }),
    ],
  });
}

function chartBlock(chart: BriefingChart, n: number, vi: boolean): Paragraph[] {
  const png = svgToPng(chart.svg, { scale: 2 });
  const width = Math.min(CONTENT_PX, chart.width);
  const height = Math.round((chart.height * width) / chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width, height },
          altText: { name: chart.id, title: chart.title, description: chart.description },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 160 },
      children: [
        run(
          `${vi ? 'Biểu đồ' : 'Chart'} ${n}. ${chart.title} (${vi ? 'nguồn: truy vấn' : 'source: query'} ${chart.queryId})`,
          {
            italics: true,
            size: SMALL,
          },
        ),
      ],
    }),
  ];
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function tableBlock(table: BriefingTable, n: number | null, vi: boolean): (Paragraph | Table)[] {
  const cell = (text: string, align: keyof typeof ALIGN, header: boolean) =>
    new TableCell({
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E6E6E6' } : undefined,
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[align],
          children: [run(text, { size: TABLE, bold: header })],
        }),
      ],
    });
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [
        run(n === null ? table.caption : `${vi ? 'Bảng' : 'Table'} ${n}. ${table.caption}`, {
          bold: true,
          size: SMALL,
        }),
      ],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: table.columns.map((c) => cell(c.label, c.align, true)),
        }),
        ...table.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: r.map((text, i) => cell(text, table.columns[i]!.align, false)),
            }),
        ),
      ],
    }),
    new Paragraph({
      spacing: { after: 160 },
      children: [
        run(
          `${table.note ? `${table.note} ` : ''}${vi ? 'Nguồn: truy vấn' : 'Source: query'} ${table.queryId}.`,
          {
            italics: true,
            size: 20,
          },
        ),
      ],
    }),
  ];
}

function figuresTable(briefing: Briefing): (Paragraph | Table)[] {
  if (!briefing.figures.length) return [];
  const vi = briefing.lang === 'vi';
  return tableBlock(
    {
      caption: vi ? 'Số liệu chính' : 'Key figures',
      columns: [
        { label: vi ? 'Chỉ số' : 'Figure', align: 'left' },
        { label: vi ? 'Kỳ này' : 'This period', align: 'right' },
        { label: vi ? 'So với kỳ trước' : 'Change', align: 'left' },
      ],
      rows: briefing.figures.map((f) => [f.label, f.display, f.change ?? '—']),
      queryId: briefing.figures[0]!.queryId,
    },
    null,
    vi,
  );
}

function closing(briefing: Briefing): Table {
  const { issuer } = briefing;
  const vi = briefing.lang === 'vi';
  const recipients = [
    new Paragraph({
      children: [run(vi ? 'Nơi nhận:' : 'Distribution:', { bold: true, italics: true, size: SMALL })],
    }),
    ...issuer.recipients.map(
      (r, i) =>
        new Paragraph({
          children: [run(`- ${r}${i === issuer.recipients.length - 1 ? '.' : ','}`, { size: 22 })],
        }),
    ),
  ];
  const signature = [
    ...issuer.signerTitle.map((t) => centered(t, { bold: true })),
    new Paragraph({
      spacing: { before: 1400 },
      alignment: AlignmentType.CENTER,
      children: [run(issuer.signerName, { bold: true })],
    }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: recipients }),
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: signature }),
        ],
      }),
    ],
  });
}

function appendix(briefing: Briefing): Paragraph[] {
  const vi = briefing.lang === 'vi';
  const when = formatLocalTime(briefing.generatedAt, briefing.lang);
  const asOf = briefing.dataAsOf ? formatLocalTime(briefing.dataAsOf, briefing.lang) : '—';
  const out: Paragraph[] = [
    new Paragraph({ children: [new PageBreak()] }),
    centered(vi ? 'PHỤ LỤC: CÁC TRUY VẤN SỐ LIỆU' : 'APPENDIX: QUERIES', { bold: true }, 200),
    body(
      vi
        ? `Số liệu tính trên cơ sở dữ liệu tại thời điểm lập báo cáo (${when}); dữ liệu mới nhất nhập lúc ${asOf}. Mỗi truy vấn có thể chạy lại bằng lệnh dlxh sql.`
        : `Figures computed on the database as of ${when}; newest data loaded at ${asOf}. Each query can be re-run with dlxh sql.`,
    ),
  ];
  for (const q of briefing.queries) {
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 160 },
        children: [
          run(`${q.id}. ${q.title} (${q.name}; ${q.rows} ${vi ? 'dòng' : 'rows'})`, { bold: true, size: 22 }),
        ],
      }),
      new Paragraph({
        children: inlineParams(q.sql, q.params)
          .split('\n')
          .map((line, i) => new TextRun({ text: line, font: 'Courier New', size: 15, break: i > 0 ? 1 : 0 })),
      }),
    );
  }
  return out;
}

/** The briefing as a DOCX file (charts as PNG rendered with the DejaVu fonts). */
export async function renderBriefingDocx(briefing: Briefing): Promise<Buffer> {
  const vi = briefing.lang === 'vi';
  const mark = classificationMark(briefing);
  const children: (Paragraph | Table)[] = [
    headerBlock(briefing, mark),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    centered(briefing.title, { bold: true, size: 30 }),
    centered(briefing.subtitle, { bold: true }),
    centered('', {}, 0),
  ];
  if (briefing.summary.length) {
    children.push(
      new Paragraph({
        spacing: { before: 120, after: 60 },
        children: [run(vi ? 'TÓM TẮT' : 'SUMMARY', { bold: true })],
      }),
    );
    for (const point of briefing.summary) children.push(body(`- ${point}`));
  }
  let charts = 0;
  let tables = 0;
  briefing.sections.forEach((section, i) => {
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 200, after: 80 },
        children: [
          run(`${roman(i)}. ${section.title.toLocaleUpperCase(vi ? 'vi-VN' : 'en-US')}`, { bold: true }),
        ],
      }),
    );
    for (const p of section.paragraphs) children.push(body(p));
    if (section.id === 'headline') children.push(...figuresTable(briefing));
    for (const chart of section.charts) children.push(...chartBlock(chart, ++charts, vi));
    for (const table of section.tables) children.push(...tableBlock(table, ++tables, vi));
  });
  children.push(
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    closing(briefing),
    ...appendix(briefing),
  );
  const header = new Header({
    children: mark
      ? [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [run(mark, { bold: true, size: SMALL })],
          }),
        ]
      : [],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 22 })],
      }),
    ],
  });
  const doc = new Document({
    creator: `${briefing.issuer.body} ${briefing.issuer.parentBody}`,
    title: `${briefing.title} – ${briefing.subtitle}`,
    description: briefing.id,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
