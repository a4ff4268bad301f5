// Issue 7's bad input through the registry and the queue: an empty registry, a 50,000-word document, statements in
// English, duplicated statements. (The matcher alone is covered in match-document.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { extractClaims } from '../../../analytics/misinfo/extract-claims.ts';
import { listCandidates } from '../../../analytics/misinfo/review.ts';
import { scanDocuments } from '../../../analytics/misinfo/scan-documents.ts';
import { importStatements, listStatements } from '../../../analytics/misinfo/statements.ts';
import { openDb, type Db } from '../../../data/db.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { tempDir } from '../../helpers/temp.ts';
import { FIXTURES } from './fixtures.ts';

const now = () => new Date('2025-11-01T03:00:00Z');
const FILLER = 'Hội nghị bàn về kế hoạch phát triển kinh tế xã hội của địa phương trong năm tới. ';
const CLAIM = 'Có tin đập thủy điện Krông Hin ở Ea Kar đã bị vỡ, nước lũ tràn về hạ du. ';
const LONG = FILLER.repeat(3_500) + CLAIM + FILLER.repeat(1_000);

async function freshDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await migrate(db);
  return db;
}

async function insertDocument(db: Db, id: string, text: string): Promise<void> {
  await db.run(
    `INSERT INTO documents (id, import_source, outlet, text, published_at, ingested_at, content_hash, classification)
     VALUES ($id, 'test', 'mxh', $text, $at, $at, $id, 0)`,
    { id, text, at: new Date('2025-10-30T01:00:00Z') },
  );
}

function writeStatements(lines: object[]): string {
  const file = path.join(tempDir(), 'statements.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

describe('misinformation: bad input', () => {
  it('a 50,000-word document: its one check-worthy sentence is extracted and queued against its statement', async () => {
    expect(LONG.split(/\s+/).length).toBeGreaterThan(50_000);
    const claims = extractClaims(LONG);
    expect(claims.map((c) => c.sentence)).toEqual([CLAIM.trim()]);
    const db = await freshDb();
    await importStatements(db, path.join(FIXTURES, 'statements.jsonl'), { logger: memoryLogger(), now });
    await insertDocument(db, 'long', LONG);
    const report = await scanDocuments(db, ['long'], { logger: memoryLogger(), now });
    expect(report).toMatchObject({ documents: 1, failed: 0 });
    const [candidate] = await listCandidates(db, { docId: 'long' });
    expect(candidate).toMatchObject({ statement_id: 's04' });
    expect(candidate!.sentence).toContain('Krông Hin');
    expect(candidate!.sentence.length).toBeLessThan(400);
    db.close();
  });

  it('an empty registry file imports nothing, and the scan queues only hedged rumours', async () => {
    const db = await freshDb();
    const empty = writeStatements([]);
    expect(await importStatements(db, empty, { logger: memoryLogger(), now })).toMatchObject({
      read: 0,
      inserted: 0,
    });
    await insertDocument(db, 'rumour', CLAIM);
    await insertDocument(db, 'plain', FILLER);
    const report = await scanDocuments(db, ['rumour', 'plain'], { logger: memoryLogger(), now });
    expect(report.failed).toBe(0);
    const queue = await listCandidates(db);
    expect(queue.map((c) => [c.doc_id, c.statement_id, c.tier])).toEqual([['rumour', null, 'new']]);
    db.close();
  });

  it('statements in English are registered and matched by English posts only', async () => {
    const db = await freshDb();
    const logger = memoryLogger();
    const file = writeStatements([
      {
        id: 'en1',
        claim: 'The measles vaccine causes infertility in girls.',
        verdict: 'false',
        issuing_body: 'Dak Lak Department of Health',
      },
      { id: 'en2', claim: 'Coffee exports from Dak Lak are banned from October.', verdict: 'false' },
    ]);
    expect(await importStatements(db, file, { logger, now })).toMatchObject({ read: 2, inserted: 2 });
    expect((await listStatements(db)).map((s) => s.id).sort()).toEqual(['en1', 'en2']);
    await insertDocument(
      db,
      'en-post',
      'People are saying the measles vaccine causes infertility in young girls!',
    );
    await insertDocument(db, 'vi-post', 'Nghe nói tiêm vắc xin sởi gây vô sinh cho trẻ em gái.');
    await scanDocuments(db, ['en-post', 'vi-post'], { logger, now });
    expect((await listCandidates(db, { docId: 'en-post' })).map((c) => c.statement_id)).toEqual(['en1']);
    expect((await listCandidates(db, { docId: 'vi-post' })).every((c) => c.statement_id === null)).toBe(true);
    db.close();
  });

  it('duplicated statements: a repeated id or claim is skipped with a warning, the queue links the claim once', async () => {
    const db = await freshDb();
    const logger = memoryLogger();
    const claim = 'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống.';
    const file = writeStatements([
      { id: 'a', claim, verdict: 'false' },
      { id: 'a', claim: 'Một phát ngôn khác cùng mã.', verdict: 'false' },
      { id: 'b', claim: `  ${claim.toUpperCase()}  `, verdict: 'false' },
    ]);
    expect(await importStatements(db, file, { logger, now })).toMatchObject({ read: 1, inserted: 1 });
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn statements.jsonl: line 2: duplicate id "a" (first at line 1); skipped',
      'warn statements.jsonl: line 3: same claim as statement "a"; skipped',
    ]);
    const again = writeStatements([{ id: 'c', claim, verdict: 'true' }]);
    expect(await importStatements(db, again, { logger, now })).toMatchObject({ inserted: 0, skipped: 1 });
    await insertDocument(db, 'post', 'Nghe nói nước máy BMT bị nhiễm độc, ae đừng uống nha.');
    await scanDocuments(db, ['post'], { logger, now });
    expect((await listCandidates(db, { docId: 'post' })).map((c) => c.statement_id)).toEqual(['a']);
    db.close();
  });
});
