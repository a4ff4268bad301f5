import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWatchQuery } from '../../../analytics/hotspots/watch-query.ts';
import type { Db } from '../../../data/db.ts';
import { openDb } from '../../../data/db.ts';

const TEXTS = [
  'Sạt lở đất nghiêm trọng ở xã Ea Tu, nhiều nhà bị vùi lấp',
  'Diễn tập phòng chống sạt lở tại Krông Pắc',
  'Mưa lớn gây sat lo o Ea Sup, dan lo lang',
  'Giá cà phê tăng mạnh, nông dân phấn khởi',
  'Đất sạt xuống đường sau mưa lở núi',
  'Người dân bức xúc vì cá chết hàng loạt trên suối',
];

describe('compileWatchQuery', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(':memory:');
    await db.run('CREATE TABLE t (i INTEGER, text VARCHAR)');
    for (const [i, text] of TEXTS.entries()) await db.run('INSERT INTO t VALUES ($1, $2)', [i, text]);
  });
  afterAll(() => db.close());

  async function matches(query: string): Promise<number[]> {
    const { sql, params } = compileWatchQuery(query, 'text');
    const rows = await db.all<{ i: number }>(`SELECT i FROM t WHERE ${sql} ORDER BY i`, params);
    return rows.map((r) => r.i);
  }

  it('matches quoted phrases as whole syllables, case-insensitively', async () => {
    expect(await matches('"sạt lở"')).toEqual([0, 1]);
    expect(await matches('"SẠT LỞ"')).toEqual([0, 1]);
  });

  it('matches text without diacritics when the term has none', async () => {
    expect(await matches('"sat lo"')).toEqual([0, 1, 2]);
  });

  it('combines AND, OR, NOT, a leading minus and parentheses; adjacent terms mean AND', async () => {
    expect(await matches('"sạt lở" NOT "diễn tập"')).toEqual([0]);
    expect(await matches('"sạt lở" -"diễn tập"')).toEqual([0]);
    expect(await matches('("cà phê" OR "cá chết") bức')).toEqual([5]);
    expect(await matches('cà AND phê')).toEqual([3]);
  });

  it('finds two words near each other in either order', async () => {
    expect(await matches('"sạt lở"~3')).toEqual([0, 1]);
    expect(await matches('"sạt lở"~4')).toEqual([0, 1, 4]);
    expect(await matches('"lở sạt"~4')).toEqual([0, 1, 4]);
    expect(await matches('"sạt lở"~0')).toEqual([0, 1]);
  });

  it('binds every term, so quotes and SQL in a query are only text', async () => {
    const { sql, params } = compileWatchQuery(`"x'); DROP TABLE t; --"`, 'text');
    expect(sql).not.toMatch(/drop/i);
    expect(Object.values(params).join(' ')).toMatch(/drop/i);
    expect(await matches(`"x'); DROP TABLE t; --"`)).toEqual([]);
  });

  it('names the query and the problem when it cannot be parsed', () => {
    expect(() => compileWatchQuery('(sạt lở', 'text')).toThrow(
      'watch query: invalid query "(sạt lở": missing )',
    );
    expect(() => compileWatchQuery('sạt OR', 'text')).toThrow(/query ends too early/);
    expect(() => compileWatchQuery('""', 'text')).toThrow(/empty term/);
  });
});
