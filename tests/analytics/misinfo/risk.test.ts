import { describe, it, expect } from 'vitest';
import {
  engagementScore,
  readEngagement,
  riskScore,
  sensationalStyle,
  spreadScore,
  verdictRisk,
} from '../../../analytics/misinfo/risk.ts';

describe('sensationalStyle', () => {
  it('scores capitals, exclamation runs and clickbait, with its reasons', () => {
    const loud = sensationalStyle('SỐC!!! KHẨN CẤP: nước máy nhiễm độc, chia sẻ ngay cho người thân');
    expect(loud.cues).toEqual([
      'all_caps',
      'exclamations',
      'clickbait:sốc',
      'clickbait:khẩn cấp',
      'clickbait:khẩn',
      'clickbait:chia sẻ ngay',
    ]);
    expect(loud.score).toBeGreaterThan(0.9);
    const calm = sensationalStyle('UBND tỉnh thông báo lịch tiếp công dân tháng 12.');
    expect(calm).toEqual({ score: 0, cues: [] });
  });

  it('does not read "nông" (farming) as "nóng" (hot)', () => {
    expect(sensationalStyle('Giá nông sản ổn định').cues).toEqual([]);
  });
});

describe('engagement', () => {
  it('reads counts given as numbers or strings and scores them on a log scale', () => {
    expect(readEngagement({ likes: '28', comments: 2, shares: '3.0' })).toEqual({
      likes: 28,
      comments: 2,
      shares: 3,
    });
    expect(readEngagement({ like_count: '1,2K' }).likes).toBe(1200);
    expect(engagementScore(readEngagement({}))).toBeNull();
    const small = engagementScore(readEngagement({ likes: 5 }))!;
    const large = engagementScore(readEngagement({ likes: 5000, shares: 3000 }))!;
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThanOrEqual(1);
  });
});

describe('risk', () => {
  it('is zero spread for a single mention and grows with outlets and speed', () => {
    expect(spreadScore({ documents: 1, outlets: 1, hours: 0 })).toBe(0);
    const slow = spreadScore({ documents: 6, outlets: 2, hours: 72 });
    const fast = spreadScore({ documents: 6, outlets: 6, hours: 1 });
    expect(fast).toBeGreaterThan(slow);
  });

  it('counts repeating a false claim as risk and denying it as little', () => {
    expect(verdictRisk('false', false)).toBeGreaterThan(verdictRisk('false', true));
    expect(verdictRisk('true', true)).toBeGreaterThan(verdictRisk('true', false));
  });

  it('weighs the known signals into [0, 1]', () => {
    const base = {
      verdict: 1,
      credibility: 0.2,
      spread: 0.8,
      engagement: null,
      sensational: 0.5,
      claimScore: 0.7,
      unreliable: null,
    };
    const risk = riskScore(base);
    expect(risk).toBeGreaterThan(0.6);
    expect(riskScore({ ...base, credibility: 0.95 })).toBeLessThan(risk);
    expect(riskScore({ ...base, unreliable: 1 })).toBeGreaterThan(risk);
    expect(riskScore({ ...base, verdict: 0, credibility: 1, spread: 0, sensational: 0, claimScore: 0 })).toBe(
      0,
    );
  });
});
