/**
 * What ingestion stores does not depend on how the input is cut into batches: deduplication decided within a staged
 * batch must agree with deduplication against what earlier batches stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../data/db.ts';
import { ingestJsonl } from '../../pipeline/jsonl/ingest-jsonl.ts';
import { readBatches } from '../../pipeline/jsonl/read-batches.ts';
import { joinBatches, prepareDocuments, type PreparedBatch } from '../../pipeline/prepare-documents.ts';
import { commitPrepared } from '../../pipeline/store-documents.ts';
import { silentLogger, type IncomingDocument, type RunReport } from '../../pipeline/types.ts';
import { SHARED_VI, tempDir } from '../helpers/temp.ts';
import { FIXED_NOW, openTestDb } from './test-db.ts';

const WORDS = (
  'người dân xã phường phản ánh tình trạng ô nhiễm môi trường giá cà phê hồ tiêu tăng giảm mạnh chính quyền ' +
  'địa phương kiểm tra xử lý vi phạm đất đai bồi thường dự án đường giao thông học sinh bệnh viện nước sinh hoạt ' +
  'hạn hán mưa lũ sạt lở cán bộ thủ tục hành chính hoà bình thuỷ lợi khoẻ mạnh'
).split(' ');

function story(i: number, length = 70): string {
  return Array.from({ length }, (_, k) => WORDS[(i * 31 + k * k * 7 + ((i * k) % 13)) % WORDS.length]).join(
    ' ',
  );
}

/**
 * Lines of JSONL: stories (some in old tone placement, CRLF and odd spaces, without a date, with a URL or extra
 * fields), exact copies under new ids, near copies a day later, repeated ids with other text, and bad lines.
 */
function corpusLines(texts: string[]): string[] {
  const lines: string[] = [];
  texts.forEach((text, i) => {
    // Dated in file order (an hour apart), so that every cut of the file decides in the same order.
    const at = new Date(Date.UTC(2026, 9, 1) + i * 3_600_000);
    const doc: Record<string, unknown> = {
      id: `d${i}`,
      published_at: i % 23 === 5 ? undefined : at.toISOString(),
      title: i % 3 === 0 ? `Tin ${i}: ${text.slice(0, 30)}` : undefined,
      text: i % 11 === 4 ? `  ${text.replaceAll(' ', '\u00a0 ')}\r\n` : text,
      url: i % 4 === 1 ? `https://Bao.vn/tin/${i}.html?utm_source=fb&p=${i % 3}` : undefined,
      source: `báo ${i % 5}`,
      locality: i % 6 === 2 ? 'Xã Ea Tu' : undefined,
      tag: i % 9 === 0 ? { n: i } : undefined,
    };
    lines.push(JSON.stringify(doc));
    if (i % 10 === 3) lines.push(JSON.stringify({ ...doc, id: `copy${i}` }));
    if (i % 10 === 6)
      lines.push(
        JSON.stringify({
          ...doc,
          id: `near${i}`,
          text: `${text} Theo báo Đắk Lắk.`,
          published_at: new Date(at.getTime() + 86_400_000).toISOString(),
        }),
      );
    if (i % 17 === 8) lines.push(JSON.stringify({ ...doc, text: `${text} (bản sửa)` }));
    if (i % 29 === 9) lines.push('{"id": "broken", "text": ');
    if (i % 31 === 10) lines.push(JSON.stringify({ id: `nt${i}`, published_at: '2026-10-01' }));
    if (i % 37 === 11) lines.push(JSON.stringify({ id: `bd${i}`, text, published_at: 'không rõ' }));
  });
  // Near copies of documents far back in the file, so that they meet stored documents of earlier batches.
  for (let i = 0; i < texts.length; i += 13)
    lines.push(JSON.stringify({ id: `late${i}`, published_at: '2026-10-20', text: `Tin mới: ${texts[i]}` }));
  return lines;
}

async function dumpAll(db: Db): Promise<Record<string, unknown[]>> {
  return {
    documents: await db.all(`SELECT * EXCLUDE (extra), extra::VARCHAR AS extra FROM documents ORDER BY id`),
    raw_items: await db.all(`SELECT * EXCLUDE (headers) FROM raw_items ORDER BY id`),
    doc_lsh: await db.all(`SELECT * FROM doc_lsh ORDER BY doc_id, band_key`),
  };
}

/** Ingest `file` twice (the second run adds nothing) in a fresh database; the reports and every stored row. */
async function ingestWith(file: string, batchSize: number, batchChars?: number) {
  const db = await openTestDb();
  try {
    const reports: RunReport[] = [];
    for (let run = 0; run < 2; run++) {
      const report = await ingestJsonl(
        file,
        { source: 'batches', batchSize, batchChars },
        { db, logger: silentLogger, now: () => FIXED_NOW },
      );
      reports.push(report);
    }
    return { reports, stored: await dumpAll(db) };
  } finally {
    db.close();
  }
}

interface StoredDoc {
  id: string;
  duplicate_of: string | null;
  near_duplicate_of: string | null;
}

/** Ingests `texts` as `corpusLines` whole and cut into batches of several sizes; returns the whole run's rows. */
async function expectSameWhateverTheBatches(texts: string[]) {
  const file = path.join(tempDir('dlxh-batches-'), 'corpus.jsonl');
  fs.writeFileSync(file, `${corpusLines(texts).join('\n')}\n`);
  const whole = await ingestWith(file, 100_000);
  // The corpus exercises every decision, so that the comparisons below can fail.
  const docs = whole.stored.documents as StoredDoc[];
  expect(docs.filter((d) => d.duplicate_of !== null).length).toBeGreaterThan(texts.length / 20);
  expect(docs.filter((d) => d.near_duplicate_of !== null).length).toBeGreaterThan(texts.length / 20);
  expect(whole.reports[0]!.failed).toBeGreaterThan(0);
  expect(whole.reports[0]!.duplicate).toBeGreaterThan(texts.length / 20);
  expect(whole.reports[1]).toMatchObject({ new: 0, nearDuplicate: 0 });
  expect(whole.stored.raw_items).toHaveLength(docs.length);
  // Cut by count, and by characters (a batch ends once its lines hold 5,000).
  for (const [batchSize, batchChars] of [[3], [16], [64], [100_000, 5_000]]) {
    const cut = await ingestWith(file, batchSize!, batchChars);
    expect(cut.reports).toEqual(whole.reports);
    expect(cut.stored).toEqual(whole.stored);
  }
  return whole.stored;
}

describe('ingesting in batches', () => {
  it('stores the same rows and reports the same counts and errors whatever the batch size', async () => {
    const stored = await expectSameWhateverTheBatches(Array.from({ length: 200 }, (_, i) => story(i)));
    const docs = new Map((stored.documents as StoredDoc[]).map((d) => [d.id, d]));
    // Each copy points at its original; exact copies get no LSH rows, every other story 16.
    expect(docs.get('copy13')).toMatchObject({ duplicate_of: 'd13', near_duplicate_of: null });
    expect(docs.get('near16')).toMatchObject({ duplicate_of: null, near_duplicate_of: 'd16' });
    expect(docs.get('late26')).toMatchObject({ duplicate_of: null, near_duplicate_of: 'd26' });
    const lsh = stored.doc_lsh as { doc_id: string }[];
    expect(lsh.filter((r) => r.doc_id === 'copy13')).toEqual([]);
    expect(lsh.filter((r) => r.doc_id === 'd13')).toHaveLength(16);
  }, 60_000);

  const news = path.join(SHARED_VI, 'topic-vntc-train.jsonl');
  it.skipIf(!fs.existsSync(news))(
    'does so on real news texts too',
    async () => {
      const texts = fs
        .readFileSync(news, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .slice(0, 200)
        .map((line) => (JSON.parse(line) as { text: string }).text);
      await expectSameWhateverTheBatches(texts);
    },
    60_000,
  );

  it('decides batches joined in one transaction exactly as batches committed one by one', async () => {
    // Copies dated before their originals and spread over batches: how the documents are cut into batches changes
    // which one is the original, so joining must keep each batch's own order.
    const docs: IncomingDocument[] = [];
    const dateOf = (i: number) => new Date(Date.UTC(2026, 9, 1) + ((i * 37) % 60) * 3_600_000);
    for (let i = 0; i < 60; i++) {
      docs.push({
        id: `d${i}`,
        text: story(i),
        publishedAt: dateOf(i),
        raw: { locator: `f:${i}`, body: `${i}` },
      });
      // A near copy of a document 12 back, dated an hour before it.
      if (i % 4 === 1 && i >= 12) {
        const publishedAt = new Date(dateOf(i - 12).getTime() - 3_600_000);
        docs.push({ id: `n${i}`, text: `${story(i - 12)} Theo báo Đắk Lắk.`, publishedAt });
      }
      if (i % 9 === 2) docs.push({ id: `c${i}`, text: story(i), publishedAt: dateOf(i) });
    }
    docs.push({ id: 'bad', text: '   ', publishedAt: null });
    const store = { importSource: 'joined', now: () => FIXED_NOW };
    const groups: PreparedBatch[] = [];
    for (let from = 0; from < docs.length; from += 10)
      groups.push(prepareDocuments(docs.slice(from, from + 10), store));
    const outcome = async (transactions: PreparedBatch[]) => {
      const db = await openTestDb();
      try {
        const reports = [];
        for (const batch of transactions) reports.push(await commitPrepared(db, batch, store));
        return { stored: await dumpAll(db), counts: reports.map(({ newIds: _, ...counts }) => counts) };
      } finally {
        db.close();
      }
    };
    const oneByOne = await outcome(groups);
    const joined = await outcome([joinBatches(groups.slice(0, 4)), joinBatches(groups.slice(4))]);
    expect(joined.stored).toEqual(oneByOne.stored);
    const sum = (counts: typeof joined.counts, key: 'new' | 'duplicate' | 'nearDuplicate' | 'failed') =>
      counts.reduce((n, c) => n + c[key], 0);
    for (const key of ['new', 'duplicate', 'nearDuplicate', 'failed'] as const)
      expect(sum(joined.counts, key)).toBe(sum(oneByOne.counts, key));
    expect(sum(joined.counts, 'nearDuplicate') + sum(joined.counts, 'duplicate')).toBeGreaterThan(10);
    // The same documents prepared as larger batches are decided differently: the comparison above can fail.
    const larger: PreparedBatch[] = [];
    for (let from = 0; from < docs.length; from += 40)
      larger.push(prepareDocuments(docs.slice(from, from + 40), store));
    expect((await outcome(larger)).stored).not.toEqual(oneByOne.stored);
  });

  it('ends a batch once its lines reach the character bound, so long documents come in smaller batches', async () => {
    const file = path.join(tempDir('dlxh-batches-'), 'long.jsonl');
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({ id: `d${i}`, published_at: '2026-10-01T08:00:00+07:00', text: story(i, 1 + 50 * i) }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const sizes = async (batchChars: number) => {
      const out: number[] = [];
      for await (const batch of readBatches({ file, source: 't', batchSize: 4, batchChars, now: FIXED_NOW }))
        out.push(batch.prepared.prepared.length);
      return out;
    };
    expect(await sizes(1e9)).toEqual([4, 4, 2]);
    // Each batch ends with the line that takes it to 3,000 characters or more.
    const expected: number[] = [];
    let count = 0;
    let chars = 0;
    for (const line of lines) {
      count++;
      chars += line.length;
      if (count === 4 || chars >= 3000) {
        expected.push(count);
        count = 0;
        chars = 0;
      }
    }
    if (count) expected.push(count);
    expect(expected.length).toBeGreaterThan(3);
    expect(await sizes(3000)).toEqual(expected);
  });
});
