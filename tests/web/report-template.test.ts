/**
 * The report template: a unit downloads an XLSX with the columns the import reads and one column per watch question
 * put to it; filled in and imported, its answers come back tagged with the watch topic. Contributors and officers get
 * their own area's templates only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeWatchTopic } from '../../analytics/hotspots/watch-topics.ts';
import { memoryLogger } from '../../data/logger.ts';
import { ingestReports } from '../../pipeline/report/ingest-reports.ts';
import { download, login, makeFixture, NOW, type Fixture } from './fixtures.ts';

const SECRET = 'report-template-test-secret';

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

function headers(book: ExcelJS.Workbook): string[] {
  return (book.getWorksheet('Báo cáo')!.getRow(4).values as unknown[]).slice(1).map(String);
}

describe('report template', () => {
  let f: Fixture;
  let dir: string;
  beforeAll(async () => {
    f = await makeFixture({ pseudonymSecret: SECRET });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-report-template-'));
    await proposeWatchTopic(
      f.db,
      'test',
      { name: 'Sốt xuất huyết', query: '"sốt xuất huyết"', question: 'Có ca sốt xuất huyết nào không?' },
      { proposer: 'so-y-te', now: NOW },
    );
    await proposeWatchTopic(
      f.db,
      'test',
      { name: 'Ngập úng', query: 'ngập', unit_uid: '22015/2025' },
      { proposer: 'so-y-te', now: NOW },
    );
  });
  afterAll(() => {
    f.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives a contributor their unit's template, which imports with the answers tagged", async () => {
    const { agent } = await login(f.app, 'contributor'); // Phường Buôn Ma Thuột
    expect((await agent.get('/mine')).text).toContain('href="/report-template.xlsx"');
    const file = await download(agent, '/report-template.xlsx');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('mau-bao-cao-24133-2025.xlsx');
    const book = await workbook(file.body as Buffer);
    const columns = headers(book);
    expect(columns.slice(0, 3)).toEqual(['Số báo cáo', 'Kỳ báo cáo', 'Đơn vị']);
    expect(columns).toContain('[w-1] Có ca sốt xuất huyết nào không?');
    expect(columns.some((c) => c.startsWith('[w-2]'))).toBe(false); // asked of Phường Tuy Hòa only
    expect(String(book.getWorksheet('Báo cáo')!.getCell('A2').value)).toContain('Phường Buôn Ma Thuột');
    const guide = book.getWorksheet('Hướng dẫn')!;
    const guideText: string[] = [];
    guide.eachRow((row) => guideText.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(guideText).toContain('[w-1] Có ca sốt xuất huyết nào không? | Đề nghị của: Sở Y tế');
    expect(guideText.some((line) => line.startsWith('dat-dai | '))).toBe(true);

    // Filled in as a unit would, and imported: the report and its answer, tagged with w-1.
    const sheet = book.getWorksheet('Báo cáo')!;
    const cell = (header: string) => sheet.getCell(5, columns.indexOf(header) + 1);
    cell('Kỳ báo cáo').value = '03/2026';
    cell('Đơn vị').value = 'Phường Buôn Ma Thuột';
    cell('Tóm tắt dư luận').value = 'Bà con lo dịch bệnh mùa mưa.';
    cell('Tâm trạng').value = 'Lo lắng';
    cell('[w-1] Có ca sốt xuất huyết nào không?').value = 'Tổ dân phố 3 có hai ca.';
    const filled = path.join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    const report = await ingestReports(
      filled,
      {},
      { db: f.db, logger: memoryLogger(), now: () => NOW, secret: SECRET },
    );
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ in: 1, new: 1, failed: 0, watchAnswers: 1 });
    expect(
      await f.db.all(
        `SELECT a.watch_topic_id, a.answer, r.unit_uid, r.mood_score FROM report_watch_answers a
         JOIN reports r ON r.id = a.report_id`,
      ),
    ).toEqual([
      { watch_topic_id: 'w-1', answer: 'Tổ dân phố 3 có hai ca.', unit_uid: '24133/2025', mood_score: -1 },
    ]);
  });

  it("keeps officers and contributors to their own area's templates; the board's staff pick any unit", async () => {
    const contributor = await login(f.app, 'contributor');
    const outside = await contributor.agent.get('/report-template.xlsx?unit=22015/2025');
    expect(outside.status).toBe(403);
    expect(outside.text).toContain('Bạn không có quyền xem nội dung này.');
    const unknown = await contributor.agent.get('/report-template.xlsx?unit=nowhere');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('GET /report-template.xlsx: unit: unknown unit &quot;nowhere&quot;');

    const analyst = await login(f.app, 'analyst1');
    const tuyHoa = headers(
      await workbook((await download(analyst.agent, '/report-template.xlsx?unit=22015/2025')).body),
    );
    expect(tuyHoa.filter((c) => /^\[w-\d+\]/.test(c))).toEqual([
      '[w-1] Có ca sốt xuất huyết nào không?',
      '[w-2] Dư luận trên địa bàn về "Ngập úng" thế nào (nội dung, mức độ, nơi xảy ra)?',
    ]);
    // The board's own unit is an agency without an area: the province-wide question only.
    const own = headers(await workbook((await download(analyst.agent, '/report-template.xlsx')).body));
    expect(own.filter((c) => /^\[w-\d+\]/.test(c))).toEqual(['[w-1] Có ca sốt xuất huyết nào không?']);
  });
});
