import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Db } from '../../../data/db.ts';
import { generateBriefing } from '../../../analytics/briefings/generate-briefing.ts';
import { findChromium } from '../../../analytics/briefings/render-pdf.ts';
import { renderBriefingDocx } from '../../../analytics/briefings/render-docx.ts';
import { renderBriefingHtml } from '../../../analytics/briefings/render-html.ts';
import { getBriefing, listBriefings, saveBriefing } from '../../../analytics/briefings/store-briefing.ts';
import type { Briefing } from '../../../analytics/briefings/types.ts';
import { writeBriefingFiles } from '../../../analytics/briefings/write-briefing-files.ts';
import { tempDir } from '../../helpers/temp.ts';
import { buildBriefingFixture, FIXTURE_NOW } from './briefing-fixture.ts';
import { readZipEntry } from './read-zip.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let db: Db;
let briefing: Briefing;
let open: Briefing;

beforeAll(async () => {
  db = await openDb(':memory:');
  await buildBriefingFixture(db);
  briefing = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW });
  open = await generateBriefing(db, { period: 'week', now: FIXTURE_NOW, maxClassification: 0 });
});
afterAll(() => db.close());

describe('renderBriefingHtml', () => {
  it('is one self-contained page: inline SVG charts, no external asset', () => {
    const html = renderBriefingHtml(briefing);
    expect(html.match(/<svg xmlns=/g)).toHaveLength(5);
    expect(html).not.toMatch(/<(script|link|img)\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('carries the administrative header, the classification on every printed page, and Nơi nhận', () => {
    const html = renderBriefingHtml(briefing);
    expect(html).toContain('<div class="body">BAN TUYÊN GIÁO VÀ DÂN VẬN</div>');
    expect(html).toContain('Số: …-BC/BTG');
    expect(html).toContain('Đắk Lắk, ngày 25 tháng 11 năm 2026');
    expect(html).toContain('<div class="stamp">MẬT</div>');
    expect(html).toContain('@top-right { content: "MẬT"');
    expect(html).toContain('<b>Nơi nhận:</b>');
    expect(html).toContain('PHỤ LỤC: CÁC TRUY VẤN SỐ LIỆU');
    const plain = renderBriefingHtml(open);
    expect(plain).not.toContain('MẬT');
  });

  it('takes another issuer and number', async () => {
    const other = await generateBriefing(db, {
      period: 'week',
      now: FIXTURE_NOW,
      issuer: {
        parentBody: 'ĐẢNG ỦY PHƯỜNG BUÔN MA THUỘT',
        body: 'BAN XÂY DỰNG ĐẢNG',
        number: '12',
        symbol: 'BC/BXD',
        national: 'Dòng tiêu đề của văn phòng',
      },
    });
    const html = renderBriefingHtml(other);
    expect(html).toContain('ĐẢNG ỦY PHƯỜNG BUÔN MA THUỘT');
    expect(html).toContain('Số: 12-BC/BXD');
    expect(html).toContain('<div class="national">Dòng tiêu đề của văn phòng</div>');
    expect(renderBriefingHtml(briefing)).not.toContain('class="national"');
    const docx = readZipEntry(await renderBriefingDocx(other), 'word/document.xml')!;
    expect(docx.replace(/<[^>]+>/g, '')).toContain('DÒNG TIÊU ĐỀ CỦA VĂN PHÒNG');
  });
});

describe('renderBriefingDocx', () => {
  it('lays the report out as an administrative document with charts as images', async () => {
    const docx = await renderBriefingDocx(briefing);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const body = readZipEntry(docx, 'word/document.xml')!;
    const text = body.replace(/<[^>]+>/g, '');
    for (const expected of [
      'TỈNH ỦY ĐẮK LẮK',
      'BAN TUYÊN GIÁO VÀ DÂN VẬN',
      'Số: …-BC/BTG',
      'Đắk Lắk, ngày 25 tháng 11 năm 2026',
      'MẬT',
      'BÁO CÁO',
      'I. BỨC TRANH CHUNG',
      'Nơi nhận:',
      '- Lưu Văn phòng Ban.',
      'PHỤ LỤC: CÁC TRUY VẤN SỐ LIỆU',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(body.match(/<pic:pic\b/g)).toHaveLength(5);
    const header = readZipEntry(docx, 'word/header1.xml') ?? '';
    expect(header.replace(/<[^>]+>/g, '')).toContain('MẬT');
  });
});

describe('briefings table', () => {
  it('stores one row per window and scope, lists and reads it back', async () => {
    await saveBriefing(db, briefing, { createdBy: 'u-analyst' });
    await saveBriefing(db, briefing, { createdBy: 'u-analyst' });
    await saveBriefing(db, open);
    const list = await listBriefings(db);
    expect(list.map((b) => b.id).sort()).toEqual([
      'bc-week-2026-11-16-2026-11-22-tinh-m0-vi',
      'bc-week-2026-11-16-2026-11-22-tinh-vi',
    ]);
    expect((await listBriefings(db, { maxClassification: 0 })).map((b) => b.id)).toEqual([
      'bc-week-2026-11-16-2026-11-22-tinh-m0-vi',
    ]);
    const stored = (await getBriefing(db, briefing.id))!;
    expect(stored.period_from).toBe('2026-11-16T00:00:00+07:00');
    expect(stored.period_to).toBe('2026-11-23T00:00:00+07:00');
    expect(stored.classification).toBe(1);
    expect(stored.created_by).toBe('u-analyst');
    expect(stored.summary.key_points).toEqual(briefing.summary);
    expect(stored.html).toBe(renderBriefingHtml(briefing));
    expect(stored.docx!.subarray(0, 2).toString()).toBe('PK');
    expect(stored.briefing).toEqual(briefing);
    expect(await getBriefing(db, 'bc-none')).toBeNull();
  });
});

describe('writeBriefingFiles', () => {
  it('writes HTML, DOCX, JSON and each chart as PNG and SVG', async () => {
    const dir = tempDir();
    const files = await writeBriefingFiles(briefing, dir, { pdf: false });
    expect(path.basename(files.html)).toBe('bc-week-2026-11-16-2026-11-22-tinh-vi.html');
    expect(fs.readFileSync(files.html, 'utf8')).toBe(renderBriefingHtml(briefing));
    expect(fs.readFileSync(files.docx).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(fs.readFileSync(files.json, 'utf8')).id).toBe(briefing.id);
    expect(files.pdf).toBeNull();
    expect(files.charts).toHaveLength(5);
    for (const chart of files.charts) {
      const png = fs.readFileSync(chart.png);
      expect(png.subarray(0, 4)).toEqual(PNG);
      expect(png.length).toBeGreaterThan(5000);
      expect(fs.readFileSync(chart.svg, 'utf8')).toMatch(/^<svg xmlns=/);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!findChromium())('prints a PDF with Chromium when it is installed', async () => {
    const dir = tempDir();
    const files = await writeBriefingFiles(open, dir);
    expect(files.pdf).not.toBeNull();
    const pdf = fs.readFileSync(files.pdf!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length).toBeGreaterThan(2);
  });
});
