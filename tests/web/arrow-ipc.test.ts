import { describe, expect, it } from 'vitest';
import { arrowTypeOf, toArrowFile, toArrowStream, type ArrowInput } from '../../web/arrow-ipc.ts';

/** apache-arrow, when installed, reads the files as a second opinion; the checks below read them by the spec. */
const arrowLibrary = await import('apache-arrow' as string).catch(() => null);

const INPUT: ArrowInput = {
  columns: ['id', 'n', 'x', 'ok', 'day', 'at', 'tags'],
  types: ['VARCHAR', 'BIGINT', 'DECIMAL(5,2)', 'BOOLEAN', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR[]'],
  rows: [
    {
      id: 'Đắk Lắk',
      n: 1,
      x: 1.5,
      ok: true,
      day: new Date('2026-03-01T00:00:00Z'),
      at: new Date('2026-03-01T03:00:00Z'),
      tags: ['x', 'y'],
    },
    { id: null, n: null, x: null, ok: false, day: null, at: null, tags: null },
    {
      id: '<b>',
      n: '9007199254740993',
      x: -2,
      ok: null,
      day: new Date('1969-12-31T00:00:00Z'),
      at: new Date('2026-03-01T03:00:00.123Z'),
      tags: [],
    },
  ],
};

/** A FlatBuffers table at `pos`: the absolute position of field `id`, or null when absent. */
function fields(buf: Buffer, pos: number) {
  const vtable = pos - buf.readInt32LE(pos);
  const size = buf.readUInt16LE(vtable);
  return (id: number): number | null => {
    if (4 + 2 * id >= size) return null;
    const offset = buf.readUInt16LE(vtable + 4 + 2 * id);
    return offset ? pos + offset : null;
  };
}
const deref = (buf: Buffer, at: number) => at + buf.readUInt32LE(at);
function vector(buf: Buffer, at: number): { n: number; start: number } {
  const v = deref(buf, at);
  return { n: buf.readUInt32LE(v), start: v + 4 };
}
function string(buf: Buffer, at: number): string {
  const s = deref(buf, at);
  return buf.toString('utf8', s + 4, s + 4 + buf.readUInt32LE(s));
}

/** Reads one encapsulated message at `pos`: its Message table, header type, header table and body. */
function readMessage(buf: Buffer, pos: number) {
  expect(buf.readUInt32LE(pos)).toBe(0xffffffff);
  const length = buf.readInt32LE(pos + 4);
  const meta = buf.subarray(pos + 8, pos + 8 + length);
  const message = fields(meta, meta.readUInt32LE(0));
  expect(meta.readInt16LE(message(0)!)).toBe(4);
  const bodyLength = Number(meta.readBigInt64LE(message(3) ?? 0));
  const bodyAt = pos + 8 + length;
  return {
    type: meta.readUInt8(message(1)!),
    meta,
    header: deref(meta, message(2)!),
    body: buf.subarray(bodyAt, bodyAt + (message(3) ? bodyLength : 0)),
    end: bodyAt + (message(3) ? bodyLength : 0),
  };
}

function readSchema(meta: Buffer, at: number): { name: string; type: number }[] {
  const { n, start } = vector(meta, fields(meta, at)(1)!);
  return Array.from({ length: n }, (_, i) => {
    const field = fields(meta, deref(meta, start + 4 * i));
    return { name: string(meta, field(0)!), type: meta.readUInt8(field(2)!) };
  });
}

/** The columns of a stream: names, Arrow type ids, and the values of the Utf8 and Int64 columns. */
function readStream(buf: Buffer, from = 0) {
  const schema = readMessage(buf, from);
  expect(schema.type).toBe(1);
  const columns = readSchema(schema.meta, schema.header);
  const batch = readMessage(buf, schema.end);
  expect(batch.type).toBe(3);
  const rb = fields(batch.meta, batch.header);
  const rows = Number(batch.meta.readBigInt64LE(rb(0)!));
  const nodes = vector(batch.meta, rb(1)!);
  const buffers = vector(batch.meta, rb(2)!);
  const buffer = (i: number) => {
    const offset = Number(batch.meta.readBigInt64LE(buffers.start + 16 * i));
    const length = Number(batch.meta.readBigInt64LE(buffers.start + 16 * i + 8));
    expect(offset % 8).toBe(0);
    return batch.body.subarray(offset, offset + length);
  };
  const values: Record<string, unknown[]> = {};
  let b = 0;
  columns.forEach((column, c) => {
    expect(Number(batch.meta.readBigInt64LE(nodes.start + 16 * c))).toBe(rows);
    const validity = buffer(b++);
    const valid = (i: number) => validity.length === 0 || (validity[i >> 3]! & (1 << (i & 7))) !== 0;
    if (column.type === 5) {
      const offsets = buffer(b++);
      const data = buffer(b++);
      values[column.name] = Array.from({ length: rows }, (_, i) =>
        valid(i) ? data.toString('utf8', offsets.readInt32LE(4 * i), offsets.readInt32LE(4 * i + 4)) : null,
      );
    } else {
      const data = buffer(b++);
      if (column.type === 2)
        values[column.name] = Array.from({ length: rows }, (_, i) =>
          valid(i) ? data.readBigInt64LE(8 * i) : null,
        );
    }
  });
  expect(buffers.n).toBe(b);
  return { columns, rows, values, end: batch.end };
}

describe('Arrow IPC', () => {
  it('maps DuckDB types to Arrow types, text for the rest', () => {
    expect(arrowTypeOf('INTEGER')).toEqual({ kind: 'int64' });
    expect(arrowTypeOf('DECIMAL(18,3)')).toEqual({ kind: 'float64' });
    expect(arrowTypeOf('TIMESTAMP WITH TIME ZONE')).toEqual({
      kind: 'timestamp',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(arrowTypeOf('HUGEINT')).toEqual({ kind: 'utf8' });
    expect(arrowTypeOf('STRUCT(a INTEGER)')).toEqual({ kind: 'utf8' });
  });

  it('writes a stream: schema, one record batch with the values, end-of-stream marker', () => {
    const buf = toArrowStream(INPUT);
    const read = readStream(buf);
    expect(read.columns).toEqual([
      { name: 'id', type: 5 },
      { name: 'n', type: 2 },
      { name: 'x', type: 3 },
      { name: 'ok', type: 6 },
      { name: 'day', type: 8 },
      { name: 'at', type: 10 },
      { name: 'tags', type: 5 },
    ]);
    expect(read.rows).toBe(3);
    expect(read.values.id).toEqual(['Đắk Lắk', null, '<b>']);
    expect(read.values.n).toEqual([1n, null, 9007199254740993n]);
    expect(read.values.tags).toEqual(['["x","y"]', null, '[]']);
    expect(buf.subarray(read.end)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  });

  it('writes a file: magic, the same messages, a footer that points at the record batch', () => {
    const buf = toArrowFile(INPUT);
    expect(buf.subarray(0, 8).toString('latin1')).toBe('ARROW1\0\0');
    expect(buf.subarray(-6).toString('latin1')).toBe('ARROW1');
    const read = readStream(buf, 8);
    expect(read.values.id).toEqual(['Đắk Lắk', null, '<b>']);
    const footerLength = buf.readInt32LE(buf.length - 10);
    const footer = buf.subarray(buf.length - 10 - footerLength, buf.length - 10);
    const table = fields(footer, footer.readUInt32LE(0));
    expect(readSchema(footer, deref(footer, table(1)!)).map((c) => c.name)).toEqual(INPUT.columns);
    const blocks = vector(footer, table(3)!);
    expect(blocks.n).toBe(1);
    const offset = Number(footer.readBigInt64LE(blocks.start));
    const metaLength = footer.readInt32LE(blocks.start + 8);
    const bodyLength = Number(footer.readBigInt64LE(blocks.start + 16));
    const batch = readMessage(buf, offset);
    expect(batch.type).toBe(3);
    expect(offset + metaLength + bodyLength).toBe(read.end);
  });

  it.skipIf(!arrowLibrary)('is read back by apache-arrow with the same values and types', () => {
    const { tableFromIPC } = arrowLibrary as {
      tableFromIPC: (b: Buffer) => {
        numRows: number;
        schema: { fields: { name: string; type: unknown }[] };
        toArray: () => { toJSON: () => Record<string, unknown> }[];
      };
    };
    for (const buf of [toArrowStream(INPUT), toArrowFile(INPUT)]) {
      const table = tableFromIPC(buf);
      expect(table.numRows).toBe(3);
      expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
        'id:Utf8',
        'n:Int64',
        'x:Float64',
        'ok:Bool',
        'day:Date32<DAY>',
        'at:Timestamp<MICROSECOND, Asia/Ho_Chi_Minh>',
        'tags:Utf8',
      ]);
      const rows = table.toArray().map((r) => r.toJSON());
      expect(rows[0]).toMatchObject({ id: 'Đắk Lắk', n: 1n, x: 1.5, ok: true, day: Date.UTC(2026, 2, 1) });
      expect(rows[2]).toMatchObject({ n: 9007199254740993n, at: Date.UTC(2026, 2, 1, 3, 0, 0, 123) });
      expect(rows[1]).toMatchObject({ id: null, n: null, ok: false });
    }
  });
});
