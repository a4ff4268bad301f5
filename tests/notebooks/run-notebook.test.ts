import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../data/db.ts';
import { parseNotebook, markdownToHtml } from '../../notebooks/notebook-markdown.ts';
import {
  buildNotebooks,
  declaredNames,
  listNotebooks,
  openSnapshot,
  runNotebook,
} from '../../notebooks/run-notebook.ts';
import { exportParquet } from '../../notebooks/export-parquet.ts';
import { buildBriefingFixture, FIXTURE_NOW } from '../analytics/briefings/briefing-fixture.ts';
import { tempDir } from '../helpers/temp.ts';

let dbFile: string;
const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeAll(async () => {
  dbFile = path.join(tempDir(), 'fixture.duckdb');
  const db = await openDb(dbFile);
  try {
    await buildBriefingFixture(db);
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
});

describe('the analyst notebooks', () => {
  it('all run on a small database and every page has its charts', async () => {
    const before = digest(dbFile);
    const out = tempDir();
    const results = await buildNotebooks({ db: dbFile, out, now: FIXTURE_NOW });
    const names = results.map((r) => path.basename(r.file));
    expect(names).toEqual(listNotebooks().map((f) => path.basename(f)));
    expect(names).toEqual(
      expect.arrayContaining([
        'cam-xuc-theo-don-vi.md',
        'diem-nong.md',
        'khao-sat.md',
        'tu-dien-du-lieu.md',
        'xu-huong-chu-de.md',
      ]),
    );
    for (const r of results) {
      expect(r.errors, path.basename(r.file)).toEqual([]);
      expect(r.charts, path.basename(r.file)).toBeGreaterThan(0);
      const html = fs.readFileSync(path.join(out, `${path.basename(r.file, '.md')}.html`), 'utf8');
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/<script\b|<link\b|src="http/);
      expect(html).toContain('<html lang="vi">');
    }
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const r of results) expect(index).toContain(`${path.basename(r.file, '.md')}.html`);
    expect(digest(dbFile)).toBe(before);
  });

  it('show the fixture’s data: the hot spot, the survey, the old→new unit mapping', async () => {
    const out = tempDir();
    const notebooks = ['diem-nong.md', 'khao-sat.md', 'cam-xuc-theo-don-vi.md'].map((n) =>
      path.join(path.dirname(listNotebooks()[0]!), n),
    );
    const [hotspot, survey, units] = await buildNotebooks({ db: dbFile, out, notebooks, now: FIXTURE_NOW });
    expect(hotspot!.html).toContain('đang xem <b>hs-moi-truong</b>');
    expect(survey!.html).toContain('Khảo sát ý kiến về rác và khói bụi khu phố 2026');
    expect(survey!.html).toContain('không công bố');
    expect(units!.html).toContain('Phường Buôn Ma Thuột');
    expect(units!.html).toContain('ánh xạ từ đơn vị cũ');
  });
});

describe('runNotebook', () => {
  it('binds earlier cells into SQL, shares names between cells, and shows a failing cell without stopping', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'thu.md');
    fs.writeFileSync(
      file,
      [
        '# Thử',
        '```js',
        "const topic = 'moi-truong';",
        'const { a, b: renamed } = { a: 1, b: 2 };',
        '```',
        '```sql id=rows',
        'SELECT count(*) AS n FROM doc_scores WHERE list_contains(topics, ${topic})',
        '```',
        '```js',
        'rows[0].n + a + renamed',
        '```',
        '```sql',
        'CREATE TABLE nope (x INTEGER)',
        '```',
        '```js',
        'Plot.plot({ marks: [Plot.barY([3, 1, 2])] })',
        '```',
      ].join('\n'),
    );
    const snapshot = await openSnapshot(dbFile);
    try {
      const result = await runNotebook(file, { db: snapshot.db });
      const [count] = await snapshot.db.all<{ n: number }>(
        "SELECT count(*) AS n FROM doc_scores WHERE list_contains(topics, 'moi-truong')",
      );
      expect(result.cells.map((c) => c.error === null)).toEqual([true, true, true, false, true]);
      expect(result.errors[0]).toMatch(/^thu\.md: line 12: .*read-only/i);
      expect(result.html).toContain(`<p class="text">${count!.n + 3}</p>`);
      expect(result.charts).toBe(1);
      expect(result.title).toBe('Thử');
    } finally {
      snapshot.close();
    }
  });

  it('refuses a database file that is not there, naming it', async () => {
    await expect(openSnapshot('/nonexistent/dlxh.duckdb')).rejects.toThrow(
      '--db: database /nonexistent/dlxh.duckdb not found',
    );
  });
});

describe('notebook files', () => {
  it('split into Markdown and cells with ids and options', () => {
    const parsed = parseNotebook(
      '---\ntitle: T\n---\nText\n```sql id=x display=false\nSELECT 1\n```\n```text\nkept\n```\n',
    );
    expect(parsed.title).toBe('T');
    expect(parsed.blocks).toEqual([
      { kind: 'markdown', text: 'Text' },
      { kind: 'sql', code: 'SELECT 1', id: 'x', display: false, line: 5 },
      { kind: 'markdown', text: '```text\nkept\n```' },
    ]);
    expect(() => parseNotebook('```js\nx\n', 'a.md')).toThrow('a.md: line 1: code cell is not closed');
  });

  it('find the names a cell declares', () => {
    expect(
      declaredNames('const a = 1;\nlet { b, c: d, ...e } = x;\nfunction f() {}\n  const inner = 2;'),
    ).toEqual(['a', 'f', 'b', 'd', 'e']);
  });

  it('render Markdown with escaping', () => {
    expect(markdownToHtml('# A <b>\n\n- **x** `y<z`\n- [l](x.html)')).toBe(
      '<h1>A &lt;b&gt;</h1>\n<ul><li><strong>x</strong> <code>y&lt;z</code></li><li><a href="x.html">l</a></li></ul>',
    );
    expect(markdownToHtml('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(
      '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    );
  });
});

describe('exportParquet', () => {
  it('writes the main tables of a snapshot as Parquet, without rendered documents', async () => {
    const out = tempDir();
    const snapshot = await openSnapshot(dbFile);
    try {
      const files = await exportParquet(snapshot.db, out);
      const byTable = new Map(files.map((f) => [f.table, f]));
      expect(byTable.get('documents')!.rows).toBe(98);
      expect(byTable.has('users')).toBe(false);
      const [read] = await snapshot.db.all<{ n: number }>(
        `SELECT count(*) AS n FROM read_parquet('${byTable.get('doc_scores')!.file}')`,
      );
      expect(read!.n).toBe(byTable.get('doc_scores')!.rows);
      const columns = await snapshot.db.all<{ column_name: string }>(
        `DESCRIBE SELECT * FROM read_parquet('${byTable.get('briefings')!.file}')`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain('docx');
    } finally {
      snapshot.close();
    }
  });
});
