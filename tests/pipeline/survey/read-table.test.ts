import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { readTable } from '../../../pipeline/survey/read-table.ts';
import { checkZip } from '../../../pipeline/survey/zip-guard.ts';

const FIXTURES = 'tests/fixtures/surveys';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-table-'));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A one-entry zip; `declared` lets the central directory lie about the uncompressed size. */
function zip(name: string, data: Buffer, declared = data.length): Buffer {
  const packed = zlib.deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = 30 + nameBytes.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

describe('readTable: CSV', () => {
  it('sniffs the delimiter and strips a BOM', async () => {
    const semicolon = await readTable(`${FIXTURES}/kobo-v1.csv`);
    expect(semicolon.headers.slice(0, 3)).toEqual(['start', 'end', 'today']);
    expect(semicolon.rows).toHaveLength(24);
    const bom = await readTable(`${FIXTURES}/odk-v2.csv`);
    expect(bom.headers[0]).toBe('SubmissionDate');
    const tab = await readTable(write('tab.tsv', 'a\tb\n1\t"x, y"\n'));
    expect(tab.rows[0]!.cells).toEqual(['1', 'x, y']);
  });

  it('reports a row with the wrong number of fields instead of shifting it', async () => {
    const table = await readTable(write('mixed.csv', 'a;b;c\n1;2;3\n4,5,6\n7;8\n9;10;11\n'));
    expect(table.rows.map((r) => [r.row, r.problem ?? null])).toEqual([
      [2, null],
      [
        3,
        '1 fields where the header has 3 (columns are separated by ";"; wrong delimiter or broken quotes?)',
      ],
      [
        4,
        '2 fields where the header has 3 (columns are separated by ";"; wrong delimiter or broken quotes?)',
      ],
      [5, null],
    ]);
    expect(table.rows[3]!.cells).toEqual(['9', '10', '11']);
  });

  it('reads Windows-1258 (Vietnamese Excel) as NFC text', async () => {
    const table = await readTable(`${FIXTURES}/windows-1258.csv`);
    expect(table.notes).toEqual([`${FIXTURES}/windows-1258.csv: not UTF-8; read as Windows-1258`]);
    const comments = table.rows.map((r) => r.cells[table.headers.indexOf('danh_gia/y_kien')]);
    expect(comments[0]).toBe('Đường vào buôn Ea Kao xuống cấp, đề nghị sửa chữa sớm.');
    expect(comments[0]).toBe(comments[0]!.normalize('NFC'));
  });

  it.each([
    ['tcvn3.csv', 'TCVN3 (ABC)'],
    ['vni.csv', 'VNI-Windows'],
  ])('reads %s, written in a pre-Unicode Vietnamese encoding, as NFC text', async (name, encoding) => {
    const table = await readTable(`${FIXTURES}/${name}`);
    expect(table.notes).toEqual([`${FIXTURES}/${name}: not UTF-8; read as ${encoding}`]);
    const reference = await readTable(`${FIXTURES}/windows-1258.csv`);
    expect(table.headers).toEqual(reference.headers);
    expect(table.rows.map((r) => r.cells)).toEqual(reference.rows.map((r) => r.cells));
    const comments = table.rows.map((r) => r.cells[table.headers.indexOf('danh_gia/y_kien')]);
    expect(comments).toEqual([
      'Đường vào buôn Ea Kao xuống cấp, đề nghị sửa chữa sớm.',
      'Thủ tục hành chính ở xã đã nhanh hơn trước.',
      'Giá cà phê giảm, người dân lo lắng.',
    ]);
  });

  it('keeps a Western-European file in its own code page rather than forcing a Vietnamese one', async () => {
    const file = write(
      'latin.csv',
      Buffer.from('ten;ghi_chu\nx;Café crème à la française, déjà réglé\n', 'latin1'),
    );
    const table = await readTable(file);
    expect(table.rows[0]!.cells[1]).toBe('Café crème à la française, déjà réglé');
    expect(table.notes).toEqual([`${file}: not UTF-8; read as windows-1252`]);
  });

  it('names the file for unusable input', async () => {
    const single = write('single.csv', 'just one column\nvalue\n');
    await expect(readTable(single)).rejects.toThrow(`${single}: row 1: the header has a single column`);
    const twice = write('twice.csv', 'a,b,a\n1,2,3\n');
    await expect(readTable(twice)).rejects.toThrow(
      `${twice}: row 1: column "a" appears twice (columns 1 and 3)`,
    );
    await expect(readTable(path.join(dir, 'missing.csv'))).rejects.toThrow('missing.csv: file not found');
    await expect(readTable(`${FIXTURES}/kobo-v1.csv`, { maxBytes: 100 })).rejects.toThrow(
      'over the limit of 100',
    );
    await expect(readTable(write('old.xls', 'x'))).rejects.toThrow('old .xls workbooks are not supported');
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet of a Kobo XLSX export', async () => {
    const table = await readTable(`${FIXTURES}/kobo-v2.xlsx`);
    expect(table.headers).toContain('danh_gia/tin_tuong');
    expect(table.headers).toContain('danh_gia/van_de/nuoc_sinh_hoat');
    expect(table.rows).toHaveLength(18);
    expect(table.rows[0]!.row).toBe(2);
  });

  it('refuses a truncated workbook', async () => {
    await expect(readTable(`${FIXTURES}/truncated.xlsx`)).rejects.toThrow(
      `${FIXTURES}/truncated.xlsx: truncated or damaged XLSX file (no end of central directory)`,
    );
    const cut = fs.readFileSync(`${FIXTURES}/kobo-v2.xlsx`);
    const broken = Buffer.concat([cut.subarray(0, 200), Buffer.alloc(2000), cut.subarray(cut.length - 2000)]);
    await expect(readTable(write('broken.xlsx', broken))).rejects.toThrow(/truncated or damaged XLSX file/);
  });

  it('refuses zip bombs, including entries that lie about their size', () => {
    const zeros = Buffer.alloc(8 << 20);
    expect(() => checkZip(zip('xl/worksheets/sheet1.xml', zeros), 'bomb.xlsx')).toThrow(
      'bomb.xlsx: entry xl/worksheets/sheet1.xml has a compression ratio over 200:1 (zip bomb?)',
    );
    expect(() =>
      checkZip(zip('a.xml', zeros), 'big.xlsx', {
        maxUncompressedBytes: 1 << 20,
        maxRatio: 1e9,
        maxEntries: 10,
      }),
    ).toThrow('big.xlsx: XLSX would inflate beyond 1048576 bytes (zip bomb?)');
    expect(() => checkZip(zip('a.xml', Buffer.alloc(200_000), 1000), 'liar.xlsx')).toThrow(
      'liar.xlsx: entry a.xml inflates beyond its declared size (zip bomb?)',
    );
    expect(() => checkZip(zip('a.xml', Buffer.from('<x/>')), 'ok.xlsx')).not.toThrow();
  });
});
