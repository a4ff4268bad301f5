import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { matchClaimsFile } from '../../../analytics/misinfo/match-claims-file.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { tempDir } from '../../helpers/temp.ts';
import { FIXTURES } from './fixtures.ts';

const STATEMENTS = path.join(FIXTURES, 'statements.jsonl');

function run(docs: string, statements = STATEMENTS) {
  const dir = tempDir();
  const inFile = path.join(dir, 'docs.jsonl');
  const outFile = path.join(dir, 'matches.jsonl');
  fs.writeFileSync(inFile, docs);
  const logger = memoryLogger();
  return matchClaimsFile({ statementsFile: statements, inFile, outFile }, { logger }).then((report) => ({
    report,
    logger,
    lines: fs
      .readFileSync(outFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { id: unknown; matches: Record<string, unknown>[] }),
    dir,
  }));
}

describe('matchClaimsFile', () => {
  it('writes exactly one line per input line, in order, bad lines included', async () => {
    const docs = [
      JSON.stringify({
        id: 'a',
        text: 'Rộ tin đồn Nhà nước cấm xuất khẩu cà phê từ tháng 10, giá cà phê sẽ giảm xuống còn 30.000 đồng/kg.',
      }),
      JSON.stringify({ id: 'b', text: '' }),
      'not json',
      '',
      JSON.stringify({ id: 5, text: 'Hôm nay trời đẹp, bà con ra đồng thu hoạch cà phê.' }),
      JSON.stringify({
        id: '6',
        title: 'Sân bay',
        text: 'Sân bay Buôn Ma Thuột đóng cửa 2 tháng để nâng cấp đường băng.',
      }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 'no-text' }),
    ].join('\n');
    const { report, logger, lines } = await run(`${docs}\n`);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', null, null, 5, '6', null, 'no-text']);
    expect(report).toEqual({ statements: 40, lines: 8, matched: 2, failed: 5 });
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn docs.jsonl: line 2: empty or invalid text',
      'warn docs.jsonl: line 3: invalid JSON',
      'warn docs.jsonl: line 4: empty line',
      'warn docs.jsonl: line 7: not a JSON object',
      'warn docs.jsonl: line 8: missing text',
    ]);
    expect(lines[0]!.matches[0]).toEqual({
      statement_id: 's03',
      similarity: expect.any(Number),
      tier: 'auto',
      contradiction: false,
      cues: [],
    });
    expect(lines[1]!.matches).toEqual([]);
    expect(lines[4]!.matches).toEqual([]);
    expect(lines[5]!.matches[0]).toMatchObject({
      statement_id: 's36',
      contradiction: true,
      cues: ['number:6 tháng→2 tháng'],
    });
  });

  it('sorts matches by similarity, each with a tier', async () => {
    const { lines } = await run(
      JSON.stringify({
        id: 'x',
        text: 'Nước máy Buôn Ma Thuột bị nhiễm độc. Đập thủy điện Krông Hin ở Ea Kar bị vỡ, nước lũ tràn về hạ du.',
      }),
    );
    const sims = lines[0]!.matches.map((m) => m.similarity as number);
    expect(sims.length).toBeGreaterThanOrEqual(2);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    for (const m of lines[0]!.matches) expect(['auto', 'suggest']).toContain(m.tier);
  });

  it('accepts statements as a JSON array with numeric ids, and warns about duplicates', async () => {
    const dir = tempDir();
    const statements = path.join(dir, 'statements.json');
    fs.writeFileSync(
      statements,
      JSON.stringify([
        {
          id: 1,
          text: 'Cầu Đà Rằng ở Tuy Hòa bị nứt gãy, cấm toàn bộ phương tiện qua lại.',
          verdict: 'false',
        },
        { id: 1, text: 'Một tin khác', verdict: 'false' },
        {
          id: 2,
          text: 'Cầu Đà Rằng ở Tuy Hòa bị nứt gãy, cấm toàn bộ phương tiện qua lại!',
          verdict: 'false',
        },
        {
          id: 3,
          text: 'The Da Rang bridge in Tuy Hoa has cracked and is closed to all traffic.',
          verdict: 'false',
        },
      ]),
    );
    const { lines, logger } = await run(
      [
        JSON.stringify({
          id: 'vi',
          text: 'nghe noi cau da rang o tuy hoa bi nut gay, cam toan bo phuong tien qua lai',
        }),
        JSON.stringify({
          id: 'en',
          text: 'Reports say the Da Rang bridge in Tuy Hoa cracked and is closed to traffic',
        }),
      ].join('\n'),
      statements,
    );
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn statements.json: item 2: duplicate id "1" (first at item 1); skipped',
      'warn statements.json: item 3: same claim as statement "1"; skipped',
    ]);
    expect(lines[0]!.matches.map((m) => m.statement_id)).toEqual([1]);
    expect(lines[1]!.matches.map((m) => m.statement_id)).toEqual([3]);
  });

  it('with an empty registry writes empty matches for every line and says so', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.jsonl');
    fs.writeFileSync(empty, '');
    const { lines, logger } = await run(
      '{"id":"a","text":"Nước máy nhiễm độc"}\n{"id":"b","text":"x"}\n',
      empty,
    );
    expect(lines).toEqual([
      { id: 'a', matches: [] },
      { id: 'b', matches: [] },
    ]);
    expect(logger.lines).toContain('warn empty.jsonl: no usable statements; nothing will match');
  });

  it('leaves no output file when the input cannot be read', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'out.jsonl');
    await expect(
      matchClaimsFile(
        { statementsFile: STATEMENTS, inFile: path.join(dir, 'missing.jsonl'), outFile },
        { logger: memoryLogger() },
      ),
    ).rejects.toThrow(/^missing\.jsonl: /);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
