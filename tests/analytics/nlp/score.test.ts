import { describe, it, expect } from 'vitest';
import { MODEL_VERSION, emptyScore, scoreBatch, scoreDocument } from '../../../analytics/nlp/score.ts';
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
