import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveCorrection } from '../../analytics/nlp/corrections.ts';
import { openDatabase } from '../../data/database.ts';
import { loadTopics } from '../../data/reference/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const LINES = [
  JSON.stringify({ id: 1, text: 'Dịch vụ rất tệ, người dân không hài lòng' }),
  '',
  'not json',
  JSON.stringify({ id: 'a7', text: 'Cán bộ xã nhiệt tình, giải quyết hồ sơ nhanh, rất tốt' }),
  JSON.stringify({ id: '3', text: '' }),
  JSON.stringify({ text: 12345 }),
];

describe('dlxh nlp', () => {
  it('predict writes exactly one line per input line, in order, with defaults and warnings for bad lines', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'in.jsonl'), `${LINES.join('\n')}\n`);
    const out = path.join(dir, 'out.jsonl');
    const result = await runCli([
      'nlp',
      'predict',
      '--model',
      'builtin:sentiment',
      '--in',
      path.join(dir, 'in.jsonl'),
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = fs
      .readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual([1, null, null, 'a7', '3', null]);
    expect(rows[0].label).toBe('negative');
    expect(rows[3].label).toBe('positive');
    for (const row of rows) {
      expect(Object.keys(row.scores).sort()).toEqual(['negative', 'neutral', 'positive']);
      expect(Object.values(row.scores as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(
        1,
        6,
      );
    }
    expect(result.stderr).toContain('in.jsonl: line 2: empty line');
    expect(result.stderr).toContain('in.jsonl: line 3: invalid JSON');
    expect(result.stderr).toContain('in.jsonl: line 5: empty or invalid text');
  });

  it('trains a classifier, predicts with it and evaluates it', async () => {
    const dir = tempDir();
    const good = [
      'đường sá sạch đẹp',
      'cán bộ nhiệt tình chu đáo',
      'dịch vụ tốt nhanh gọn',
      'rất hài lòng với kết quả',
    ];
    const bad = [
      'đường ngập nước bẩn',
      'cán bộ nhũng nhiễu gây khó',
      'dịch vụ chậm trễ tệ hại',
      'rất bức xúc vì ô nhiễm',
    ];
    const labelled = [
      ...good.map((text) => ({ text, label: 'tot' })),
      ...bad.map((text) => ({ text, label: 'xau' })),
    ];
    fs.writeFileSync(path.join(dir, 'train.jsonl'), labelled.map((l) => JSON.stringify(l)).join('\n'));
    const model = path.join(dir, 'model.json');
    const trained = await runCli([
      'nlp',
      'train',
      '--task',
      'ykien',
      '--in',
      path.join(dir, 'train.jsonl'),
      '--out',
      model,
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const evaluated = await runCli(['nlp', 'eval', '--model', model, '--in', path.join(dir, 'train.jsonl')]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain('độ chính xác (accuracy): 1.0000');
    expect(evaluated.stdout).toMatch(/ROC-AUC .*: 1\.0000/);
    fs.writeFileSync(
      path.join(dir, 'new.jsonl'),
      `${JSON.stringify({ id: 'x', text: 'cán bộ rất nhiệt tình' })}\n`,
    );
    const predicted = await runCli([
      'nlp',
      'predict',
      '--model',
      model,
      '--in',
      path.join(dir, 'new.jsonl'),
      '--out',
      path.join(dir, 'p.jsonl'),
    ]);
    expect(predicted.code, predicted.stderr).toBe(0);
    const row = JSON.parse(fs.readFileSync(path.join(dir, 'p.jsonl'), 'utf8'));
    expect(row.id).toBe('x');
    expect(Object.keys(row.scores).sort()).toEqual(['tot', 'xau']);
  });

  it('segment keeps every input token and only joins syllables with _', async () => {
    const dir = tempDir();
    const input = ['Giải phóng mặt bằng ở xã Ea Tu chậm , v.v. 7,5 °C', '', 'Người dân bức xúc'];
    fs.writeFileSync(path.join(dir, 'raw.txt'), `${input.join('\n')}\n`);
    const out = path.join(dir, 'seg.txt');
    const result = await runCli(['nlp', 'segment', '--in', path.join(dir, 'raw.txt'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.map((l) => l.replaceAll('_', ' '))).toEqual(input);
    expect(lines[0]).toContain('Giải_phóng mặt_bằng');
  });

  it('names a missing input file in one line', async () => {
    const result = await runCli([
      'nlp',
      'predict',
      '--in',
      '/nonexistent/x.jsonl',
      '--out',
      path.join(tempDir(), 'o'),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('dlxh: /nonexistent/x.jsonl: file not found');
  });
});

describe('dlxh nlp corrections', () => {
  it("writes analysts' corrections as training lines that `nlp train` takes, and refuses an unknown task", async () => {
    const dir = tempDir();
    const db = path.join(dir, 'dlxh.duckdb');
    const docs = [
      ['c1', 'Đường làng lầy lội, dân bức xúc mãi không ai sửa'],
      ['c2', 'Xã tổ chức ngày hội đại đoàn kết vui vẻ, bà con phấn khởi'],
      ['c3', 'Giá cà phê tăng, nông dân mừng'],
      ['c4', 'Thông báo lịch tiếp công dân tháng 12'],
    ];
    fs.writeFileSync(
      path.join(dir, 'docs.jsonl'),
      docs
        .map(([id, text]) => JSON.stringify({ id, text, published_at: '2026-11-20T08:00:00+07:00' }))
        .join('\n'),
    );
    expect((await runCli(['--db', db, 'ingest', 'jsonl', path.join(dir, 'docs.jsonl')])).code).toBe(0);
    const open = await openDatabase(db);
    const topics = new Set(loadTopics().map((t) => t.id));
    const now = new Date('2026-11-25T03:00:00Z');
    for (const [id, sentiment] of [
      ['c1', 'negative'],
      ['c2', 'positive'],
      ['c3', 'positive'],
    ] as const) {
      await saveCorrection(open, { docId: id, sentiment, actor: 'analyst1', now }, topics);
    }
    open.close();

    const out = path.join(dir, 'sentiment.jsonl');
    const result = await runCli(['--db', db, 'nlp', 'corrections', '--task', 'sentiment', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nlp corrections sentiment: 3 mẫu');
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; text: string; label: string });
    expect(lines.map((l) => [l.id, l.label])).toEqual([
      ['c1', 'negative'],
      ['c2', 'positive'],
      ['c3', 'positive'],
    ]);
    expect(lines[0]!.text).toBe(docs[0]![1]);

    const model = path.join(dir, 'model.json');
    const trained = await runCli(['nlp', 'train', '--task', 'sentiment', '--in', out, '--out', model]);
    expect(trained.code).toBe(0);
    expect(trained.stderr).toMatch(/3 mẫu, nhãn negative, positive/);

    const bad = await runCli(['--db', db, 'nlp', 'corrections', '--task', 'mood', '--out', out]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--task must be one of sentiment, topic, misinfo/);
  });
});
