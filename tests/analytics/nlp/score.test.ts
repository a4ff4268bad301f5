import { describe, it, expect } from 'vitest';
import {
  MODEL_VERSION,
  blankSpans,
  emptyScore,
  predictBuiltinTopic,
  scoreBatch,
  scoreDocument,
} from '../../../analytics/nlp/score.ts';
import type { ScoreInput } from '../../../analytics/nlp/score.ts';

describe('scoreDocument', () => {
  it('combines sentiment, topics, places and locality', () => {
    const score = scoreDocument({
      title: 'Dân xã Ea Tu bức xúc',
      text: 'Người dân xã Ea Tu, TP. Buôn Ma Thuột phản ánh ô nhiễm mùi hôi kéo dài từ bãi rác.',
      published_at: '2024-05-10T08:00:00+07:00',
    });
    expect(score.sentiment.label).toBe('negative');
    expect(score.sentiment.score).toBeLessThan(0);
    expect(score.topics[0]!.topic_id).toBe('moi-truong');
    expect(score.places.map((p) => p.uid)).toContain('24163/pre2025');
    expect(score.locality).toBe('24163/pre2025');
    expect(score.model_version).toBe(MODEL_VERSION);
  });

  it('reads a place name as a place, not as topic words', () => {
    // "An Ninh Đông" is a commune; "an ninh" is also the security topic's keyword.
    const score = scoreDocument({
      title: 'Xã An Ninh Đông, huyện Tuy An: hàng trăm hộ chật vật vì mất nước kéo dài',
      text: 'Người dân xã An Ninh Đông thiếu nước sinh hoạt nhiều ngày.',
      published_at: '2024-05-10T08:00:00+07:00',
    });
    expect(score.topics.map((t) => t.topic_id)).toEqual(['nuoc-sinh-hoat']);
    expect(score.locality).toBe('22123/pre2025');
    // The same words outside a place name still count.
    const security = scoreDocument({ text: 'Công an xã tăng cường bảo đảm an ninh trật tự tại xã Ea Tu.' });
    expect(security.topics.map((t) => t.topic_id)).toContain('an-ninh');
    expect(predictBuiltinTopic('Người dân xã An Ninh Đông thiếu nước sinh hoạt').label).toBe(
      'nuoc-sinh-hoat',
    );
  });

  it('blanks spans without moving the rest of the text', () => {
    const text = 'ở Hòa Bình và Tân Lập';
    const out = blankSpans(text, [
      { start: 14, end: 21 },
      { start: 2, end: 10 },
      { start: 4, end: 8 },
    ]);
    expect(out).toBe(`ở ${' '.repeat(8)} và ${' '.repeat(7)}`);
    expect(out).toHaveLength(text.length);
    expect(blankSpans(text, [])).toBe(text);
  });

  it('gives defaults for empty text and tolerates a bad date', () => {
    expect(scoreDocument({ text: '', published_at: 'not a date' })).toEqual(emptyScore());
  });
});

describe('scoreBatch', () => {
  it('scores in order and contains a failing document', () => {
    const errors: number[] = [];
    const docs = [
      { text: 'Cán bộ nhiệt tình, rất hài lòng' },
      {
        get text(): string {
          throw new Error('unreadable');
        },
      } as ScoreInput,
      { text: null } as unknown as ScoreInput,
      { text: 'Giá xăng tăng quá, dân khổ' },
    ];
    const scores = scoreBatch(docs, (i) => errors.push(i));
    expect(scores.map((s) => s.sentiment.label)).toEqual(['positive', 'neutral', 'neutral', 'negative']);
    expect(scores[1]).toEqual(emptyScore());
    expect(scores[3]!.topics[0]!.topic_id).toBe('gia-ca');
    expect(errors).toEqual([1]);
  });
});
