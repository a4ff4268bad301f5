import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  loadModel,
  parseModel,
  predict,
  predictBatch,
  saveModel,
  serializeModel,
  train,
} from '../../../analytics/nlp/classifier.ts';
import type { Example, Model, TrainOptions } from '../../../analytics/nlp/classifier.ts';
import { tempDir } from '../../helpers/temp.ts';

const POSITIVE = [
  'Sản phẩm rất tốt, tôi rất hài lòng',
  'Máy chạy mượt, pin trâu, đáng tiền',
  'Nhân viên nhiệt tình, phục vụ chu đáo',
  'Thiết kế đẹp, cầm chắc tay, thích lắm',
  'Giao hàng nhanh, đóng gói cẩn thận, tuyệt vời',
  'Cán bộ xã giải quyết hồ sơ nhanh gọn, dân rất vui',
  'Con đường mới làm đẹp và sạch sẽ, bà con phấn khởi',
  'Dịch vụ tốt, giá hợp lý, sẽ ủng hộ tiếp',
];
const NEGATIVE = [
  'Sản phẩm quá tệ, tôi rất thất vọng',
  'Máy hay bị lag, pin tụt nhanh, phí tiền',
  'Nhân viên thái độ khó chịu, phục vụ chậm',
  'Thiết kế xấu, cầm ọp ẹp, không thích',
  'Giao hàng chậm trễ, hộp móp méo, bực mình',
  'Cán bộ nhũng nhiễu, hồ sơ để mấy tháng không giải quyết',
  'Con đường xuống cấp, ổ gà khắp nơi, dân bức xúc',
  'Dịch vụ kém, giá đắt, không bao giờ quay lại',
];
const NEUTRAL = [
  'Cho mình hỏi máy này giá bao nhiêu',
  'Hôm nay xã tổ chức họp dân lúc 8 giờ',
  'Bản này có mấy màu vậy bạn',
  'Thông báo lịch tiếp công dân tháng 5',
  'Ai biết cửa hàng ở đâu chỉ giúp với',
  'Lịch cắt điện khu vực phường Tân An ngày mai',
  'Máy có bản 128GB và 256GB',
  'Hồ sơ nộp tại bộ phận một cửa của xã',
];
const EXAMPLES: Example[] = [
  ...POSITIVE.map((text) => ({ text, label: 'positive' })),
  ...NEGATIVE.map((text) => ({ text, label: 'negative' })),
  ...NEUTRAL.map((text) => ({ text, label: 'neutral' })),
];
const SMALL: TrainOptions = { task: 'sentiment', features: { dims: 1 << 16 } };

function expectDistribution(scores: Record<string, number>, labels: string[]): void {
  expect(Object.keys(scores).sort()).toEqual([...labels].sort());
  for (const p of Object.values(scores)) {
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  }
  expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
}

describe('train and predict', () => {
  const model = train(EXAMPLES, SMALL);

  it('keeps labels as sorted strings and records the task and format', () => {
    expect(model.labels).toEqual(['negative', 'neutral', 'positive']);
    expect(model.task).toBe('sentiment');
    expect(model.format).toBe('dlxh-text-classifier');
    expect(model.priors.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('fits its training data and scores every label with probabilities summing to 1', () => {
    for (const ex of EXAMPLES) {
      const p = predict(model, ex.text);
      expect(p.label).toBe(ex.label);
      expectDistribution(p.scores, model.labels);
      expect(p.scores[p.label]).toBe(Math.max(...Object.values(p.scores)));
    }
  });

  it('generalises to close paraphrases', () => {
    expect(predict(model, 'Rất hài lòng, sản phẩm tuyệt vời').label).toBe('positive');
    expect(predict(model, 'Thất vọng quá, pin tụt nhanh, phí tiền').label).toBe('negative');
  });

  it('gives the training prior for empty or featureless text', () => {
    for (const text of ['', '   ', '\n\t']) {
      const p = predict(model, text);
      expectDistribution(p.scores, model.labels);
      model.labels.forEach((label, k) => expect(p.scores[label]).toBeCloseTo(model.priors[k]!, 10));
    }
  });

  it('handles emoji-only and 1 MB inputs', () => {
    expectDistribution(predict(model, '😍😍👍').scores, model.labels);
    const big = 'Sản phẩm quá tệ, tôi rất thất vọng. '.repeat(Math.ceil(1_000_000 / 36));
    expect(big.length).toBeGreaterThanOrEqual(1_000_000);
    const p = predict(model, big);
    expect(p.label).toBe('negative');
    expectDistribution(p.scores, model.labels);
  });

  it('predicts batches in order', () => {
    const texts = [NEGATIVE[0]!, POSITIVE[0]!, NEUTRAL[0]!];
    expect(
      predictBatch(
        model,
        texts.map((text) => ({ text })),
      ).map((p) => p.label),
    ).toEqual(['negative', 'positive', 'neutral']);
  });
});

describe('NB interpolation', () => {
  const NB: TrainOptions = { ...SMALL, nb: true, nbFolds: 2 };

  it('changes the model, and a list of values trains exactly the model of the value its CV picks', () => {
    const plain = serializeModel(train(EXAMPLES, { ...NB, nbInterpolation: 0 }));
    const mixed = serializeModel(train(EXAMPLES, { ...NB, nbInterpolation: 0.5 }));
    expect(mixed).not.toBe(plain);
    const chosen = serializeModel(train(EXAMPLES, { ...NB, nbInterpolation: [0, 0.5] }));
    expect([plain, mixed]).toContain(chosen);
  });

  it('still fits the training data when interpolated', () => {
    const model = train(EXAMPLES, { ...NB, nbInterpolation: 0.5 });
    const hits = EXAMPLES.filter((ex) => predict(model, ex.text).label === ex.label).length;
    expect(hits).toBeGreaterThanOrEqual(EXAMPLES.length - 1);
  });
});

describe('determinism and model files', () => {
  it('the same seed gives the same model bytes', () => {
    const a = serializeModel(train(EXAMPLES, { ...SMALL, seed: 7 }));
    const b = serializeModel(train(EXAMPLES, { ...SMALL, seed: 7 }));
    expect(a).toBe(b);
  });

  it('round-trips through a file and predicts identically', () => {
    const model = train(EXAMPLES, SMALL);
    const file = path.join(tempDir(), 'model.json');
    saveModel(model, file);
    const loaded = loadModel(file);
    expect(loaded.labels).toEqual(model.labels);
    for (const ex of EXAMPLES) expect(predict(loaded, ex.text)).toEqual(predict(model, ex.text));
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'dlxh-text-classifier', version: 1, task: 'sentiment' });
  });

  it('rejects files of another format or version, naming the source', () => {
    expect(() => parseModel('{"format":"other"}', 'm.json')).toThrow('m.json: invalid model format "other"');
    expect(() => parseModel('{"format":"dlxh-text-classifier","version":99}', 'm.json')).toThrow(
      'm.json: unsupported model version 99',
    );
    expect(() => parseModel('not json', 'm.json')).toThrow('m.json: invalid JSON');
  });
});

describe('labels and numeric fields', () => {
  it('keeps numeric labels as strings and handles two classes', () => {
    const examples = [
      ...POSITIVE.map((text) => ({ text, label: 1 })),
      ...NEGATIVE.map((text) => ({ text, label: 0 })),
    ];
    const model = train(examples, SMALL);
    expect(model.labels).toEqual(['0', '1']);
    const p = predict(model, POSITIVE[1]!);
    expect(p.label).toBe('1');
    expectDistribution(p.scores, ['0', '1']);
  });

  it('learns from numeric side fields given as numbers or strings', () => {
    const text = 'Bài đăng chia sẻ thông tin về sự kiện';
    const examples: Example[] = [];
    for (let i = 0; i < 40; i++) {
      const viral = i % 2 === 0;
      examples.push({ text, label: viral ? 'viral' : 'quiet', shares: viral ? String(5000 + i) : i % 5 });
    }
    const model = train(examples, SMALL);
    expect(model.numeric.map((f) => f.name)).toEqual(['shares']);
    expect(predict(model, text, { shares: '8000' }).label).toBe('viral');
    expect(predict(model, text, { shares: 2 }).label).toBe('quiet');
  });

  // Posts whose label is an exclusive or of two side fields (many shares or many likes, not both), which no linear
  // weighting of the fields expresses, beside text that says nothing.
  function xorPosts(n: number): Example[] {
    const examples: Example[] = [];
    for (let i = 0; i < n; i++) {
      const shares = [3, 20, 500, 4000][i % 4]!;
      const likes = [5, 30, 800, 6000][Math.floor(i / 4) % 4]!;
      const label = shares > 100 !== likes > 100 ? 'unreliable' : 'reliable';
      examples.push({ text: `Bài đăng số ${i % 13} về sự kiện trong tỉnh`, label, shares, likes });
    }
    return examples;
  }

  it('side trees learn what a linear model of the side fields cannot, and survive a model file', () => {
    const examples = xorPosts(160);
    const text = 'Bài đăng số 3 về sự kiện trong tỉnh';
    const unreliable = (model: Model, shares: number, likes: number) =>
      predict(model, text, { shares, likes }).scores.unreliable!;
    const linear = train(examples, { ...SMALL, sideTrees: false });
    expect(Math.abs(unreliable(linear, 4000, 5) - unreliable(linear, 3, 5))).toBeLessThan(0.2);
    const model = train(examples, { ...SMALL, sideTrees: { depth: 2, trees: 30, rate: 0.3 }, sideFolds: 3 });
    expect(model.side!.trees).toHaveLength(30);
    expect(unreliable(model, 4000, 5)).toBeGreaterThan(0.7);
    expect(unreliable(model, 3, 6000)).toBeGreaterThan(0.7);
    expect(unreliable(model, 3, 5)).toBeLessThan(0.3);
    expect(unreliable(model, 4000, 6000)).toBeLessThan(0.3);
    const loaded = parseModel(serializeModel(model), 'm.json');
    for (const ex of examples.slice(0, 14))
      expect(predict(loaded, ex.text, ex)).toEqual(predict(model, ex.text, ex));
  });

  it('a model without side trees (as older files are) predicts as the text model alone', () => {
    const examples = xorPosts(80);
    const withTrees = train(examples, { ...SMALL, sideTrees: { trees: 10 }, sideFolds: 2 });
    const without = train(examples, { ...SMALL, sideTrees: false });
    expect(without.side).toBeUndefined();
    const stripped = JSON.parse(serializeModel(withTrees)) as Record<string, unknown>;
    delete stripped.side;
    const older = parseModel(JSON.stringify(stripped), 'old.json');
    for (const ex of examples.slice(0, 7))
      expect(predict(older, ex.text, ex)).toEqual(predict(without, ex.text, ex));
    expect(() =>
      parseModel(JSON.stringify({ ...stripped, rows: 2, side: { a: 1, c: 0, trees: [] } }), 'x.json'),
    ).toThrow('x.json:');
  });

  it('refuses an empty training set or a single label', () => {
    expect(() => train([], SMALL)).toThrow(/no examples/);
    expect(() => train([{ text: 'a', label: 'x' }], SMALL)).toThrow('needs two labels or more, got only "x"');
  });
});
