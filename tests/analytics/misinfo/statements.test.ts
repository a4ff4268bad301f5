import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { importStatements, listStatements, saveStatement } from '../../../analytics/misinfo/statements.ts';
import { readStatements } from '../../../analytics/misinfo/read-statements.ts';
import { classifyTopics } from '../../../analytics/nlp/topics.ts';
import { loadUnits } from '../../../data/reference/index.ts';
import { openDb } from '../../../data/db.ts';
import { isDlxhError } from '../../../data/errors.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { tempDir } from '../../helpers/temp.ts';
import { FIXTURES } from './fixtures.ts';

const now = () => new Date('2026-01-05T03:00:00Z');

async function freshDb() {
  const db = await openDb(':memory:');
  await migrate(db);
  return db;
}

describe('importStatements', () => {
  it('imports the registry once: a second import changes nothing', async () => {
    const db = await freshDb();
    const logger = memoryLogger();
    const file = path.join(FIXTURES, 'statements.jsonl');
    expect(await importStatements(db, file, { logger, now })).toMatchObject({
      read: 40,
      inserted: 40,
      unchanged: 0,
    });
    const before = await db.all('SELECT * FROM official_statements ORDER BY id');
    expect(
      await importStatements(db, file, { logger, now: () => new Date('2026-02-01T00:00:00Z') }),
    ).toMatchObject({
      read: 40,
      inserted: 0,
      updated: 0,
      unchanged: 40,
    });
    expect(await db.all('SELECT * FROM official_statements ORDER BY id')).toEqual(before);
    db.close();
  });

  it('derives places and topics from the claim when the input has none', async () => {
    const db = await freshDb();
    await importStatements(db, path.join(FIXTURES, 'statements.jsonl'), { logger: memoryLogger(), now });
    const s01 = (await listStatements(db)).find((s) => s.id === 's01')!;
    expect(s01).toMatchObject({
      verdict: 'false',
      issuing_body: 'Công an tỉnh Đắk Lắk',
      topics: ['an-ninh', 'tin-don'],
    });
    const krongPac = loadUnits().find((u) => u.name === 'Huyện Krông Pắc' && u.uid.endsWith('/pre2025'))!;
    expect(s01.places).toEqual([krongPac.uid]);
    expect(s01.locality_uid).toBe(krongPac.uid);
    expect(s01.issued_at?.toISOString()).toBe('2025-03-11T17:00:00.000Z');
    db.close();
  });

  it('reads CSV with Vietnamese verdicts, updates a changed statement and warns about bad rows', async () => {
    const db = await freshDb();
    const dir = tempDir();
    const csv = path.join(dir, 'statements.csv');
    fs.writeFileSync(
      csv,
      'id,claim,verdict,issued_at,places,topics\n' +
        '1,Nước máy ở Buôn Ma Thuột bị nhiễm độc,sai sự thật,02/04/2025,Buôn Ma Thuột,nuoc-sinh-hoat\n' +
        '2,Giá cà phê giảm còn 30.000 đồng/kg,gây hiểu lầm,,,\n' +
        '3,Đập thủy điện bị vỡ,bịa,,,\n' +
        ',Thiếu mã,sai,,,\n' +
        '1,Trùng mã,sai,,,\n' +
        '4,"nuoc may o Buon Ma Thuot bi nhiem doc",sai,,,\n',
    );
    const logger = memoryLogger();
    expect(await importStatements(db, csv, { logger, now })).toMatchObject({ read: 2, inserted: 2 });
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn statements.csv: line 4: unknown verdict "bịa" (true, false, misleading, unverified); skipped',
      'warn statements.csv: line 5: missing id; skipped',
      'warn statements.csv: line 6: duplicate id "1" (first at line 2); skipped',
      'warn statements.csv: line 7: same claim as statement "1"; skipped',
    ]);
    const rows = await listStatements(db);
    const derived = classifyTopics('Giá cà phê giảm còn 30.000 đồng/kg').map((t) => t.topic_id);
    expect(derived.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.id, r.verdict, r.places, r.topics])).toEqual([
      ['1', 'false', ['643/pre2025'], ['nuoc-sinh-hoat']],
      ['2', 'misleading', [], derived],
    ]);
    fs.writeFileSync(csv, 'id,claim,verdict\n2,Giá cà phê giảm còn 30.000 đồng/kg,sai\n');
    expect(await importStatements(db, csv, { logger, now })).toMatchObject({ updated: 1, inserted: 0 });
    expect((await listStatements(db)).find((r) => r.id === '2')!.verdict).toBe('false');
    db.close();
  });

  it('takes a JSON array, and skips a claim already registered under another id', async () => {
    const db = await freshDb();
    const dir = tempDir();
    const json = path.join(dir, 'more.json');
    fs.writeFileSync(json, JSON.stringify([{ id: 7, text: 'Cầu Đà Rằng bị nứt gãy', verdict: 'false' }]));
    await importStatements(db, json, { logger: memoryLogger(), now });
    fs.writeFileSync(json, JSON.stringify([{ id: 8, text: 'Cầu Đà Rằng bị nứt gãy!', verdict: 'false' }]));
    const logger = memoryLogger();
    expect(await importStatements(db, json, { logger, now })).toMatchObject({ skipped: 1, inserted: 0 });
    expect(logger.lines[0]).toBe('warn more.json: statement "8": same claim as statement "7"; skipped');
    db.close();
  });

  it('reads a place name in the claim as a place, not as topic words', async () => {
    const db = await freshDb();
    // "An Ninh Đông" is a commune; "an ninh" alone is the security topic's keyword.
    await saveStatement(
      db,
      { id: 'p1', claim: 'Xã An Ninh Đông mất nước sinh hoạt cả tháng', verdict: 'false' },
      { logger: memoryLogger(), now },
    );
    const p1 = (await listStatements(db)).find((s) => s.id === 'p1')!;
    expect(p1.topics).toEqual(['nuoc-sinh-hoat']);
    db.close();
  });

  it('saves a statement entered by hand and refuses a bad one', async () => {
    const db = await freshDb();
    const saved = await saveStatement(
      db,
      { id: 'f1', claim: 'Sân bay Buôn Ma Thuột đóng cửa', verdict: 'false' },
      { logger: memoryLogger(), now },
    );
    expect(saved).toMatchObject({ id: 'f1', imported_from: 'dashboard' });
    await expect(
      saveStatement(db, { id: 'f2', verdict: 'false' }, { logger: memoryLogger(), now }),
    ).rejects.toSatisfy((e: unknown) => isDlxhError(e, 'INPUT') && e.message === 'statement: missing text');
    db.close();
  });
});

describe('readStatements', () => {
  it('keeps ids as given and reports an unreadable file by name', () => {
    const dir = tempDir();
    const file = path.join(dir, 's.jsonl');
    fs.writeFileSync(file, '{"id": 12, "text": "Tin đồn A", "verdict": "false"}\nnot json\n');
    const logger = memoryLogger();
    const [statement] = readStatements(file, logger);
    expect(statement).toMatchObject({ id: '12', idValue: 12, verdict: 'false' });
    expect(logger.lines).toEqual(['warn s.jsonl: line 2: invalid JSON; skipped']);
    expect(() => readStatements(path.join(dir, 'missing.jsonl'), logger)).toThrow(
      /^missing\.jsonl: cannot read/,
    );
  });
});
