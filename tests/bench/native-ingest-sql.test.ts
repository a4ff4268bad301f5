import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyedInsertSql, keyedTableSql } from '../../bench/native-ingest-sql.ts';
import { openDb } from '../../data/db.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the DuckDB-only ingest subset the benchmark compares with', () => {
  it('normalises the text (NFC, whitespace) and stores each distinct text once, keyed by its SHA-256', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-native-sql-'));
    dirs.push(dir);
    const file = path.join(dir, 'docs.jsonl');
    const composed = 'Giá cà phê tăng mạnh';
    const doc = (id: string, text: string) =>
      JSON.stringify({
        id,
        published_at: '2026-11-01T08:00:00Z',
        title: 't',
        text,
        source: 's',
        locality: null,
      });
    fs.writeFileSync(
      file,
      [
        doc('1', composed),
        doc('2', `  ${composed.normalize('NFD').replace(' ', '\n\t ')} `),
        doc('3', 'Một tin khác'),
      ].join('\n') + '\n',
    );
    const db = await openDb(':memory:');
    try {
      await db.run(keyedTableSql('native_docs'));
      await db.run(keyedInsertSql('native_docs'), { file });
      await db.run(keyedInsertSql('native_docs'), { file });
      const rows = await db.all<{ text: string; content_hash: string }>(
        'SELECT text, content_hash FROM native_docs ORDER BY text',
      );
      expect(rows.map((r) => r.text)).toEqual(['Giá cà phê tăng mạnh', 'Một tin khác']);
      expect(rows[0]!.content_hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
  });
});
