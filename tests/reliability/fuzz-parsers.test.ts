import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDlxhError } from '../../data/errors.ts';
import { toLocalIso } from '../../data/time.ts';
import { foldDiacritics, nfc, normalizeText, normalizeToneMarks } from '../../data/text/normalize.ts';
import { segmentLine } from '../../analytics/nlp/segment.ts';
import { tokenize } from '../../analytics/nlp/tokenize.ts';
import { decodeBody } from '../../pipeline/charset/decode-body.ts';
import { decodeTcvn3, decodeVni, encodeTcvn3, encodeVni } from '../../pipeline/charset/legacy-vietnamese.ts';
import { parseDocumentDate } from '../../pipeline/dates/parse-date.ts';
import { extractArticle, extractLinks } from '../../pipeline/html/extract-article.ts';
import type { DomNode } from '../../pipeline/html/dom.ts';
import { htmlToText, nodesToText } from '../../pipeline/html/html-to-text.ts';
import { MAX_DEPTH, loadHtml } from '../../pipeline/html/load-markup.ts';
import { recordToDocument } from '../../pipeline/jsonl/record-to-document.ts';
import { FeedError, parseFeed } from '../../pipeline/rss/parse-feed.ts';
import { readTable } from '../../pipeline/survey/read-table.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const SEED = 20261124;
const RUNS = { seed: SEED, numRuns: 300 };

/** Text pieces markup parsers trip on, mixed with arbitrary strings. */
const MARKUP_PIECES = [
  '<',
  '>',
  '</',
  '/>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY e "v">]>',
  '&amp;',
  '&#x110;',
  '&#0;',
  '&e;',
  '&',
  '"',
  "'",
  '=',
  '<rss>',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<entry>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '</feed>',
  '<title>',
  '</title>',
  '<link>',
  '</link>',
  '<link href="',
  '<guid>',
  '</guid>',
  '<pubDate>',
  '</pubDate>',
  '<description>',
  '</description>',
  '<p>',
  '</p>',
  '<div class="content">',
  '</div>',
  '<script>',
  '</script>',
  '<a href="javascript:x()">',
  '</a>',
  '<br>',
  '<img src=x onerror=y>',
  '<table><tr><td>',
  'Đắk Lắk',
  'Người dân',
  'http://a.vn/b',
  '24/11/2026',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\n',
  ' ',
];
const markup = fc
  .array(fc.oneof(fc.constantFrom(...MARKUP_PIECES), fc.string({ maxLength: 12 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

const feedLike = fc
  .tuple(
    fc.constantFrom('<rss><channel>', '<feed>', '<rdf:RDF><channel></channel>'),
    fc.array(markup, { maxLength: 6 }),
  )
  .map(([open, items]) => {
    const close = open.startsWith('<rss')
      ? '</channel></rss>'
      : open.startsWith('<feed')
        ? '</feed>'
        : '</rdf:RDF>';
    const tag = open.startsWith('<feed') ? 'entry' : 'item';
    return `${open}${items.map((body) => `<${tag}>${body}</${tag}>`).join('')}${close}`;
  });

describe('RSS/Atom parsing', () => {
  it('returns a feed or throws FeedError for any input, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(markup, feedLike, fc.string()), (xml) => {
        try {
          const feed = parseFeed(xml, 'https://baodaklak.vn/rss');
          for (const item of feed.items) {
            if (item.ok) expect(item.item.link ?? item.item.guid).toBeTruthy();
            else expect(item.problem).toMatch(/\S/);
          }
        } catch (error) {
          if (!(error instanceof FeedError)) throw error;
        }
      }),
      { ...RUNS, numRuns: 500 },
    );
  });
});

describe('HTML extraction', () => {
  it('never throws, and its text is normalised plain text', () => {
    fc.assert(
      fc.property(markup, (html) => {
        const text = htmlToText(html);
        expect(normalizeText(text)).toBe(text);
        const article = extractArticle(html, 'https://baodaklak.vn/tin/1.html');
        expect(normalizeText(article.text)).toBe(article.text);
        for (const link of extractLinks(html, 'https://baodaklak.vn/'))
          expect(link).toMatch(/^https:\/\/baodaklak\.vn\//);
      }),
      RUNS,
    );
  });

  it('survives nesting deep enough to overflow a recursive walk', () => {
    let node: DomNode = { type: 'text', data: 'sâu' };
    for (let i = 0; i < 1_000_000; i++)
      node = { type: 'tag', name: i % 2 ? 'span' : 'div', children: [node] };
    expect(nodesToText([node])).toBe('sâu');
    const depth = 20_000;
    expect(htmlToText(`${'<b>'.repeat(depth)}sâu${'</b>'.repeat(depth)}`)).toBe('sâu');
  });

  it('parses pages and feeds nested 50,000 deep no deeper than the depth cap, keeping their text', () => {
    const depth = 50_000;
    const nested = (inner: string) => `${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}`;
    const deepest = (root: unknown) => {
      let max = 0;
      const stack: [DomNode, number][] = [[root as DomNode, 0]];
      for (let item = stack.pop(); item; item = stack.pop()) {
        max = Math.max(max, item[1]);
        for (const child of item[0].children ?? []) stack.push([child, item[1] + 1]);
      }
      return max;
    };
    const paragraph = 'Người dân phản ánh ô nhiễm suối Ea Tu, mùi hôi kéo dài nhiều tuần.';
    expect(
      deepest(
        loadHtml(nested(`<p>${paragraph}</p>`))
          .root()
          .get(0),
      ),
    ).toBe(MAX_DEPTH + 1);
    expect(
      extractArticle(`<title>Tin</title>${nested(`<p>${paragraph}</p>`)}`, 'https://a.vn/1.html'),
    ).toMatchObject({
      title: 'Tin',
      text: paragraph,
    });
    const feed = parseFeed(
      `<rss><channel><item><title>t</title><link>https://a.vn/1</link><description>${'ý kiến<br>'.repeat(depth)}</description></item></channel></rss>`,
      'https://a.vn/rss',
    );
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.ok && feed.items[0]!.item.text.split('\n')).toHaveLength(depth);
  }, 60_000);
});

describe('JSONL records', () => {
  it('map any JSON value to a document or a one-line problem', () => {
    const now = new Date('2026-11-24T03:00:00Z');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ id: fc.jsonValue(), text: fc.jsonValue(), published_at: fc.jsonValue() }),
        ),
        (value) => {
          const result = recordToDocument(value, { now, resolveLocality: null });
          if (result.doc === null) expect(result.problem).not.toMatch(/\n/);
          else {
            expect(typeof result.doc.id).toBe('string');
            expect(result.doc.publishedAt === null || !Number.isNaN(result.doc.publishedAt.getTime())).toBe(
              true,
            );
          }
        },
      ),
      RUNS,
    );
  });
});

describe('dates', () => {
  it('parse any value to a valid Date or null', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), markup, fc.double(), fc.date({ noInvalidDate: false })),
        (value) => {
          const date = parseDocumentDate(value);
          expect(date === null || (date instanceof Date && !Number.isNaN(date.getTime()))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('read back every time they write, to the second', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const second = new Date(Math.floor(d.getTime() / 1000) * 1000);
          expect(parseDocumentDate(toLocalIso(second))?.getTime()).toBe(second.getTime());
          expect(parseDocumentDate(second.toUTCString())?.getTime()).toBe(second.getTime());
        },
      ),
      RUNS,
    );
  });
});

/** TCVN3 bytes that stand for Vietnamese letters (the decoder maps them away from Latin-1). */
const TCVN3_LETTER_BYTES = Array.from({ length: 128 }, (_, i) => i + 0x80).filter(
  (b) => decodeTcvn3(Uint8Array.of(b)) !== String.fromCharCode(b),
);
const ASCII_TEXT_BYTES = Array.from({ length: 95 }, (_, i) => i + 0x20).concat([0x0a, 0x09]);
const VIETNAMESE_LETTERS = [...new Set(TCVN3_LETTER_BYTES.map((b) => decodeTcvn3(Uint8Array.of(b))))];

describe('legacy Vietnamese encodings', () => {
  it('TCVN3 → Unicode → TCVN3 is the identity on valid TCVN3 text', () => {
    expect(TCVN3_LETTER_BYTES.length).toBeGreaterThanOrEqual(70);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TCVN3_LETTER_BYTES, ...ASCII_TEXT_BYTES), { maxLength: 200 }),
        (bytes) => {
          const text = decodeTcvn3(Uint8Array.from(bytes));
          expect(text.normalize('NFC')).toBe(text);
          expect([...encodeTcvn3(text)]).toEqual(bytes);
        },
      ),
      { ...RUNS, numRuns: 500 },
    );
  });

  const vietnameseText = fc
    .array(
      fc.oneof(
        fc.constantFrom(...VIETNAMESE_LETTERS),
        fc.constantFrom(...' abcdeghiklmnopqrstuvxyAEIOUY.,0123456789'),
      ),
      {
        maxLength: 120,
      },
    )
    .map((chars) => chars.join(''));

  it('Unicode → TCVN3 → Unicode keeps Vietnamese text (toned capitals aside, which TCVN3 cannot write)', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        expect(decodeTcvn3(encodeTcvn3(text))).toBe(text);
      }),
      RUNS,
    );
  });

  it('Unicode → VNI → Unicode keeps Vietnamese text, capitals included', () => {
    const withCapitals = vietnameseText.map((s) =>
      s.replace(/./gu, (c, i: number) => (i % 3 === 0 ? c.toUpperCase() : c)),
    );
    fc.assert(
      fc.property(withCapitals, (text) => {
        expect(decodeVni(encodeVni(text))).toBe(text);
      }),
      RUNS,
    );
  });

  it('decodes any bytes under any declared charset without throwing', () => {
    const contentTypes = fc.constantFrom(
      null,
      'text/html',
      'text/html; charset=utf-8',
      'text/html; charset=windows-1258',
      'text/html; charset=tcvn3',
      'text/html; charset=vni',
      'text/html; charset=x-unknown',
      'text/html; charset=',
      'application/xml; charset="utf-16"',
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), contentTypes, (bytes, type) => {
        expect(typeof decodeBody(bytes, type).text).toBe('string');
        expect(typeof decodeTcvn3(bytes)).toBe('string');
        expect(typeof decodeVni(bytes)).toBe('string');
      }),
      RUNS,
    );
  });
});

describe('text normalisation, tokenizer and segmenter', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    markup,
  );

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(nfc(nfc(s))).toBe(nfc(s));
        expect(normalizeToneMarks(normalizeToneMarks(s))).toBe(normalizeToneMarks(s));
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
        expect(foldDiacritics(foldDiacritics(s))).toBe(foldDiacritics(s));
      }),
      RUNS,
    );
  });

  it('tokens are ordered, disjoint slices of the normalised text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const normalized = normalizeText(s);
        let last = 0;
        for (const token of tokenize(s)) {
          expect(token.start).toBeGreaterThanOrEqual(last);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.text).toBe(normalized.slice(token.start, token.end));
          last = token.end;
        }
        expect(last).toBeLessThanOrEqual(normalized.length);
      }),
      RUNS,
    );
  });

  it('segmenting only turns spaces inside words into underscores', () => {
    fc.assert(
      fc.property(
        text.map((s) => s.replaceAll('_', '')),
        (line) => {
          const segmented = segmentLine(line);
          expect(segmented.length).toBe(line.length);
          expect(segmented.replaceAll('_', ' ')).toBe(line);
        },
      ),
      RUNS,
    );
  });
});

/** A zip archive of stored or deflated entries, with sizes that may lie. */
function zip(entries: { name: string; data: Buffer; declared?: number; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate === false ? e.data : zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(e.deflate === false ? 0 : 8, 8);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(e.declared ?? e.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.deflate === false ? 0 : 8, 10);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(e.declared ?? e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(header, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('survey tables (CSV and XLSX)', () => {
  const dir = tempDir('dlxh-fuzz-table-');
  const XLSX = fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures/surveys/kobo-v2.xlsx'));
  let n = 0;
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, `${n++}-${name}`);
    fs.writeFileSync(file, bytes);
    return file;
  };
  /** Reads `file`; only DlxhError (an input error naming the file) may come out. */
  const readOrRefuse = async (file: string) => {
    try {
      return await readTable(file);
    } catch (error) {
      if (!isDlxhError(error)) throw error;
      expect(error.message).toContain(file);
      return null;
    }
  };

  it('reads any CSV-ish bytes into a table or refuses them with an input error', async () => {
    const csv = fc.array(
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom('"', '""', ',', ';', '\t', '\r\n', 'Đắk', '\uFEFF'),
        ),
        { maxLength: 8 },
      ),
      { maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csv.map((rows) => rows.map((r) => r.join(',')).join('\n')),
          fc.string(),
        ),
        async (text) => {
          const table = await readOrRefuse(write('t.csv', text));
          if (table) for (const row of table.rows) expect(row.cells).toHaveLength(table.headers.length);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('refuses truncated and corrupted XLSX archives with an input error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: XLSX.length - 1 }),
        fc.array(fc.tuple(fc.nat(XLSX.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        async (cut, flips) => {
          await readOrRefuse(write('cut.xlsx', XLSX.subarray(0, cut)));
          const flipped = Buffer.from(XLSX);
          for (const [at, value] of flips) flipped[at] = value;
          await readOrRefuse(write('flipped.xlsx', flipped));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    const fixture = path.join(REPO_ROOT, 'tests/fixtures/surveys/truncated.xlsx');
    await expect(readTable(fixture)).rejects.toThrow(/truncated or damaged XLSX/);
  });

  it('refuses zip bombs before inflating them', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const ratio = write('bomb.xlsx', zip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]));
    await expect(readTable(ratio)).rejects.toThrow(/compression ratio over 200:1 \(zip bomb\?\)/);
    const lying = write(
      'liar.xlsx',
      zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x41), declared: 1000 }]),
    );
    await expect(readTable(lying)).rejects.toThrow(/inflates beyond its declared size \(zip bomb\?\)/);
    const many = write(
      'wide.xlsx',
      zip(
        Array.from({ length: 600 }, (_, i) => ({
          name: `x/${i}.xml`,
          data: Buffer.alloc(1),
          declared: 0xfffff000,
        })),
      ),
    );
    await expect(readTable(many)).rejects.toThrow(/zip bomb/);
  });
});
