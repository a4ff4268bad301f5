/**
 * Query results as Apache Arrow IPC, stream (`.arrows`) or file (`.arrow`) format, written here without a
 * library: the FlatBuffers metadata of the Arrow format (Schema.fbs, Message.fbs, File.fbs, metadata version
 * V5) and one record batch. Columns keep their DuckDB type where Arrow has one (integers as Int64, floating
 * point and decimals as Float64, BOOLEAN, DATE as Date32, timestamps in microseconds, with the time zone for
 * TIMESTAMPTZ); every other type is written as UTF-8 text, nested values as JSON.
 */
import type { Row } from '../data/db.ts';
import { TIME_ZONE } from '../data/time.ts';
import { jsonValue } from './tabular.ts';

type ArrowType =
  | { kind: 'int64' }
  | { kind: 'float64' }
  | { kind: 'bool' }
  | { kind: 'date32' }
  | { kind: 'timestamp'; timeZone: string | null }
  | { kind: 'utf8' };

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
]);

/** The Arrow type a DuckDB column type is written as: `arrowTypeOf('DECIMAL(5,2)')` → `{ kind: 'float64' }`. */
export function arrowTypeOf(duckdbType: string): ArrowType {
  const type = duckdbType.toUpperCase();
  if (INTEGER_TYPES.has(type)) return { kind: 'int64' };
  if (type === 'FLOAT' || type === 'DOUBLE' || type.startsWith('DECIMAL')) return { kind: 'float64' };
  if (type === 'BOOLEAN') return { kind: 'bool' };
  if (type === 'DATE') return { kind: 'date32' };
  if (type === 'TIMESTAMP WITH TIME ZONE') return { kind: 'timestamp', timeZone: TIME_ZONE };
  if (type === 'TIMESTAMP') return { kind: 'timestamp', timeZone: null };
  return { kind: 'utf8' };
}

/** A FlatBuffers writer that lays objects out front to back: a table, then what it points to. */
class FlatBuffer {
  private buf = Buffer.alloc(1024);
  length = 0;

  private reserve(n: number): number {
    while (this.length + n > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  align(n: number): void {
    this.reserve((n - (this.length % n)) % n);
  }

  u32(value: number): number {
    this.align(4);
    const at = this.reserve(4);
    this.buf.writeUInt32LE(value, at);
    return at;
  }

  /** Point the offset field at `field` to the object at `target` (which lies after it). */
  patch(field: number, target: number): void {
    this.buf.writeUInt32LE(target - field, field);
  }

  /**
   * A table: its vtable, then its fields in the given order (each aligned to its size). Returns the table's
   * position and, for each offset field, its position, to `patch` once the object it names is written.
   */
  table(fields: Field[]): { at: number; refs: Map<number, number> } {
    const present = fields.map((f, id) => ({ ...f, id })).filter((f) => f.kind !== 'absent');
    const slots = fields.length;
    this.align(2);
    const vtable = this.reserve(4 + 2 * slots);
    this.align(8);
    const table = this.reserve(4);
    const refs = new Map<number, number>();
    const offsets = new Array<number>(slots).fill(0);
    for (const f of present) {
      const size = f.kind === 'i64' ? 8 : f.kind === 'i16' ? 2 : f.kind === 'u8' ? 1 : 4;
      this.align(size);
      const at = this.reserve(size);
      offsets[f.id] = at - table;
      if (f.kind === 'i64') this.buf.writeBigInt64LE(BigInt(f.value), at);
      else if (f.kind === 'i32') this.buf.writeInt32LE(f.value, at);
      else if (f.kind === 'i16') this.buf.writeInt16LE(f.value, at);
      else if (f.kind === 'u8') this.buf.writeUInt8(f.value, at);
      else refs.set(f.id, at);
    }
    this.buf.writeUInt16LE(4 + 2 * slots, vtable);
    this.buf.writeUInt16LE(this.length - table, vtable + 2);
    offsets.forEach((o, i) => this.buf.writeUInt16LE(o, vtable + 4 + 2 * i));
    this.buf.writeInt32LE(table - vtable, table);
    return { at: table, refs };
  }

  string(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    const at = this.u32(bytes.length);
    bytes.copy(this.buf, this.reserve(bytes.length + 1));
    return at;
  }

  /** A vector of structs made of 64-bit integers (Arrow's FieldNode, Buffer; Block has its own layout). */
  structs(items: readonly (readonly bigint[])[], layout: readonly (8 | 4)[]): number {
    this.align(8);
    this.reserve(4);
    const at = this.u32(items.length);
    for (const item of items) {
      layout.forEach((size, i) => {
        const pos = this.reserve(size);
        if (size === 8) this.buf.writeBigInt64LE(item[i]!, pos);
        else this.buf.writeInt32LE(Number(item[i]!), pos);
      });
    }
    return at;
  }

  /** A vector of offsets to tables written after it by `write`, one per item. */
  tables<T>(items: readonly T[], write: (item: T) => number): number {
    const at = this.u32(items.length);
    const slots = items.map(() => this.u32(0));
    items.forEach((item, i) => this.patch(slots[i]!, write(item)));
    return at;
  }

  /** The finished buffer, starting with the offset of its root table. */
  static finish(write: (fb: FlatBuffer) => number): Buffer {
    const fb = new FlatBuffer();
    const root = fb.u32(0);
    fb.patch(root, write(fb));
    fb.align(8);
    return fb.buf.subarray(0, fb.length);
  }
}

type Field =
  | { kind: 'absent' }
  | { kind: 'u8' | 'i16' | 'i32'; value: number }
  | { kind: 'i64'; value: number | bigint }
  | { kind: 'offset' };

const ABSENT: Field = { kind: 'absent' };
const OFFSET: Field = { kind: 'offset' };
const METADATA_V5 = 4;
const TYPE_IDS: Record<ArrowType['kind'], number> = {
  int64: 2,
  float64: 3,
  utf8: 5,
  bool: 6,
  date32: 8,
  timestamp: 10,
};

function writeType(fb: FlatBuffer, type: ArrowType): number {
  switch (type.kind) {
    case 'int64':
      return fb.table([
        { kind: 'i32', value: 64 },
        { kind: 'u8', value: 1 },
      ]).at;
    case 'float64':
      return fb.table([{ kind: 'i16', value: 2 }]).at;
    case 'date32':
      return fb.table([{ kind: 'i16', value: 0 }]).at;
    case 'timestamp': {
      const t = fb.table([{ kind: 'i16', value: 2 }, type.timeZone ? OFFSET : ABSENT]);
      if (type.timeZone) fb.patch(t.refs.get(1)!, fb.string(type.timeZone));
      return t.at;
    }
    case 'bool':
    case 'utf8':
      return fb.table([]).at;
  }
}

interface Column {
  name: string;
  type: ArrowType;
}

function writeSchema(fb: FlatBuffer, columns: readonly Column[]): number {
  const schema = fb.table([{ kind: 'i16', value: 0 }, OFFSET]);
  fb.patch(
    schema.refs.get(1)!,
    fb.tables(columns, (column) => {
      const field = fb.table([
        OFFSET,
        { kind: 'u8', value: 1 },
        { kind: 'u8', value: TYPE_IDS[column.type.kind] },
        OFFSET,
        ABSENT,
        OFFSET,
      ]);
      fb.patch(field.refs.get(0)!, fb.string(column.name));
      fb.patch(field.refs.get(3)!, writeType(fb, column.type));
      fb.patch(
        field.refs.get(5)!,
        fb.tables([], () => 0),
      );
      return field.at;
    }),
  );
  return schema.at;
}

function message(headerType: number, bodyLength: number, header: (fb: FlatBuffer) => number): Buffer {
  return FlatBuffer.finish((fb) => {
    const m = fb.table([
      { kind: 'i16', value: METADATA_V5 },
      { kind: 'u8', value: headerType },
      OFFSET,
      { kind: 'i64', value: bodyLength },
    ]);
    fb.patch(m.refs.get(2)!, header(fb));
    return m.at;
  });
}

function padded(buffer: Buffer): Buffer {
  const pad = (8 - (buffer.length % 8)) % 8;
  return pad ? Buffer.concat([buffer, Buffer.alloc(pad)]) : buffer;
}

/** The value of a cell as its Arrow type holds it (null when it has none). */
function cellValue(type: ArrowType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'int64':
      return BigInt(typeof value === 'number' ? Math.trunc(value) : String(value));
    case 'float64':
      return Number(value);
    case 'bool':
      return Boolean(value);
    case 'date32':
      return Math.floor((value instanceof Date ? value : new Date(String(value))).getTime() / 86_400_000);
    case 'timestamp':
      return BigInt((value instanceof Date ? value : new Date(String(value))).getTime()) * 1000n;
    case 'utf8': {
      const plain = jsonValue(value);
      return typeof plain === 'string' ? plain : JSON.stringify(plain);
    }
  }
}

/** The buffers of one column: validity bitmap (empty when no nulls), then offsets and data, or values. */
function columnBuffers(type: ArrowType, values: readonly unknown[]): { nulls: number; buffers: Buffer[] } {
  const n = values.length;
  const cells = values.map((v) => cellValue(type, v));
  const nulls = cells.filter((c) => c === null).length;
  const bitmap = (test: (c: unknown) => boolean) => {
    const bits = Buffer.alloc(Math.ceil(n / 8));
    cells.forEach((c, i) => {
      if (test(c)) bits[i >> 3]! |= 1 << (i & 7);
    });
    return bits;
  };
  const validity = nulls ? bitmap((c) => c !== null) : Buffer.alloc(0);
  switch (type.kind) {
    case 'bool':
      return { nulls, buffers: [validity, bitmap((c) => c === true)] };
    case 'date32': {
      const data = Buffer.alloc(4 * n);
      cells.forEach((c, i) => data.writeInt32LE((c as number | null) ?? 0, 4 * i));
      return { nulls, buffers: [validity, data] };
    }
    case 'int64':
    case 'timestamp': {
      const data = Buffer.alloc(8 * n);
      cells.forEach((c, i) => data.writeBigInt64LE((c as bigint | null) ?? 0n, 8 * i));
      return { nulls, buffers: [validity, data] };
    }
    case 'float64': {
      const data = Buffer.alloc(8 * n);
      cells.forEach((c, i) => data.writeDoubleLE((c as number | null) ?? 0, 8 * i));
      return { nulls, buffers: [validity, data] };
    }
    case 'utf8': {
      const texts = cells.map((c) => Buffer.from((c as string | null) ?? '', 'utf8'));
      const offsets = Buffer.alloc(4 * (n + 1));
      let end = 0;
      texts.forEach((text, i) => {
        end += text.length;
        offsets.writeInt32LE(end, 4 * (i + 1));
      });
      return { nulls, buffers: [validity, offsets, Buffer.concat(texts)] };
    }
  }
}

/** One encapsulated message: continuation marker, metadata length, metadata (8-byte aligned), body. */
function encapsulate(metadata: Buffer, body: Buffer = Buffer.alloc(0)): Buffer {
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(0xffffffff, 0);
  prefix.writeInt32LE(metadata.length, 4);
  return Buffer.concat([prefix, metadata, body]);
}

function recordBatch(columns: readonly Column[], rows: readonly Row[]): { metadata: Buffer; body: Buffer } {
  const parts: Buffer[] = [];
  const nodes: bigint[][] = [];
  const buffers: bigint[][] = [];
  let offset = 0;
  for (const column of columns) {
    const { nulls, buffers: own } = columnBuffers(
      column.type,
      rows.map((r) => r[column.name]),
    );
    nodes.push([BigInt(rows.length), BigInt(nulls)]);
    for (const buffer of own) {
      const body = padded(buffer);
      buffers.push([BigInt(offset), BigInt(buffer.length)]);
      parts.push(body);
      offset += body.length;
    }
  }
  const body = Buffer.concat(parts);
  const metadata = message(3, body.length, (fb) => {
    const batch = fb.table([{ kind: 'i64', value: rows.length }, OFFSET, OFFSET]);
    fb.patch(batch.refs.get(1)!, fb.structs(nodes, [8, 8]));
    fb.patch(batch.refs.get(2)!, fb.structs(buffers, [8, 8]));
    return batch.at;
  });
  return { metadata, body };
}

export interface ArrowInput {
  columns: readonly string[];
  /** DuckDB type of each column, in the same order. */
  types: readonly string[];
  rows: readonly Row[];
}

function describe(input: ArrowInput): Column[] {
  return input.columns.map((name, i) => ({ name, type: arrowTypeOf(input.types[i] ?? 'VARCHAR') }));
}

const EOS = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** The rows as an Arrow IPC stream: schema, one record batch, end of stream. */
export function toArrowStream(input: ArrowInput): Buffer {
  const columns = describe(input);
  const schema = message(1, 0, (fb) => writeSchema(fb, columns));
  const batch = recordBatch(columns, input.rows);
  return Buffer.concat([encapsulate(schema), encapsulate(batch.metadata, batch.body), EOS]);
}

/** The rows as an Arrow IPC file: magic, the stream's messages, a footer that indexes them, magic. */
export function toArrowFile(input: ArrowInput): Buffer {
  const columns = describe(input);
  const magic = Buffer.from('ARROW1\0\0', 'latin1');
  const schema = encapsulate(message(1, 0, (fb) => writeSchema(fb, columns)));
  const batch = recordBatch(columns, input.rows);
  const batchAt = magic.length + schema.length;
  const batchMessage = encapsulate(batch.metadata, batch.body);
  const footer = FlatBuffer.finish((fb) => {
    const f = fb.table([{ kind: 'i16', value: METADATA_V5 }, OFFSET, OFFSET, OFFSET]);
    fb.patch(f.refs.get(1)!, writeSchema(fb, columns));
    fb.patch(f.refs.get(2)!, fb.structs([], [8, 4, 4, 8]));
    fb.patch(
      f.refs.get(3)!,
      fb.structs(
        [[BigInt(batchAt), BigInt(8 + batch.metadata.length), 0n, BigInt(batch.body.length)]],
        [8, 4, 4, 8],
      ),
    );
    return f.at;
  });
  const footerLength = Buffer.alloc(4);
  footerLength.writeInt32LE(footer.length, 0);
  return Buffer.concat([
    magic,
    schema,
    batchMessage,
    EOS,
    footer,
    footerLength,
    Buffer.from('ARROW1', 'latin1'),
  ]);
}
