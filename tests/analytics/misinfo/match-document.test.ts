import { describe, it, expect } from 'vitest';
import { buildClaimIndex } from '../../../analytics/misinfo/claim-index.ts';
import { matchDocument, tierOf } from '../../../analytics/misinfo/match-document.ts';
import { DEFAULT_THRESHOLDS } from '../../../analytics/misinfo/thresholds.ts';
import { pairs, statements } from './fixtures.ts';

const index = buildClaimIndex(statements.map((s) => ({ id: s.id, text: s.claim })));
const matchesOf = (text: string) => matchDocument(index, text);

describe('matchDocument on the labelled fixtures', () => {
  const results = pairs.map((pair) => ({ pair, matches: matchesOf(pair.text) }));
  const isMatch = (label: string) => label === 'paraphrase' || label === 'contradiction';

  it('links a paraphrased claim to its statement above the suggest threshold (recall ≥ 0.85)', () => {
    const positives = results.filter((r) => isMatch(r.pair.label));
    const found = positives.filter((r) => r.matches.some((m) => m.statementId === r.pair.statement_id));
    expect(found.length / positives.length).toBeGreaterThanOrEqual(0.85);
  });

  it('links automatically only what is right (precision ≥ 0.95 at the auto tier)', () => {
    const auto = results.flatMap((r) => r.matches.filter((m) => m.tier === 'auto').map((m) => ({ r, m })));
    const right = auto.filter(({ r, m }) => isMatch(r.pair.label) && m.statementId === r.pair.statement_id);
    expect(auto.length).toBeGreaterThan(30);
    expect(right.length / auto.length).toBeGreaterThanOrEqual(0.95);
  });

  it('suggests nothing for unrelated texts, and keeps same-topic other claims below the auto tier', () => {
    for (const { pair, matches } of results.filter((r) => r.pair.label === 'unrelated')) {
      expect(matches, pair.text).toEqual([]);
    }
    for (const { pair, matches } of results.filter((r) => r.pair.label === 'related')) {
      expect(
        matches.filter((m) => m.tier === 'auto'),
        pair.text,
      ).toEqual([]);
    }
  });

  it('flags the contradicting versions with the kind of difference, and no correctly linked paraphrase', () => {
    for (const { pair, matches } of results) {
      const own = matches.find((m) => m.statementId === pair.statement_id);
      if (!own) continue;
      if (pair.label === 'contradiction') {
        expect(own.contradiction, pair.text).toBe(true);
        expect(
          own.cues.some((c) => c.startsWith(pair.contradiction!)),
          pair.text,
        ).toBe(true);
      } else if (pair.label === 'paraphrase') {
        expect(own.contradiction, pair.text).toBe(false);
      }
    }
  });
});

describe('matchDocument', () => {
  it('matches a diacritic-free social post and reports the passage', () => {
    const text = 'Chào cả nhà. nghe noi nuoc may o BMT bi nhiem doc, ae dung uong nha. Cảm ơn mọi người.';
    const [match] = matchesOf(text);
    expect(match).toMatchObject({ statementId: 's02', contradiction: false });
    expect(match!.similarity).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.suggest);
    expect(match!.passage.text).toContain('nuoc may');
  });

  it('flags a claim with a changed number as contradicting its statement', () => {
    const [match] = matchesOf('Nghe nói sân bay Buôn Ma Thuột sẽ đóng cửa 2 tháng để nâng cấp đường băng.');
    expect(match).toMatchObject({
      statementId: 's36',
      contradiction: true,
      cues: ['number:6 tháng→2 tháng'],
    });
  });

  it('sorts by similarity and names tiers by the thresholds', () => {
    expect(tierOf(0.99)).toBe('auto');
    expect(tierOf(DEFAULT_THRESHOLDS.suggest)).toBe('suggest');
    expect(tierOf(DEFAULT_THRESHOLDS.suggest - 0.01)).toBeNull();
    const matches = matchDocument(index, 'Nước máy Buôn Ma Thuột nhiễm độc. Đập thủy điện Krông Hin bị vỡ.', {
      minSimilarity: 0,
    });
    for (let i = 1; i < matches.length; i++)
      expect(matches[i - 1]!.similarity).toBeGreaterThanOrEqual(matches[i]!.similarity);
  });

  it('handles an empty registry, English statements and duplicated statements', () => {
    expect(matchDocument(buildClaimIndex([]), 'Nước máy nhiễm độc')).toEqual([]);
    const english = buildClaimIndex([
      { id: 'e1', text: 'The measles vaccine causes infertility in girls.' },
      { id: 'e2', text: 'Coffee exports from Dak Lak are banned from October.' },
    ]);
    expect(
      matchDocument(english, 'People say the measles vaccine causes infertility in young girls')[0]
        ?.statementId,
    ).toBe('e1');
    expect(matchDocument(english, 'Tiêm vắc xin sởi gây vô sinh cho trẻ em gái')).toEqual([]);
    const twice = buildClaimIndex([
      { id: 'a', text: 'Nước máy ở Buôn Ma Thuột bị nhiễm độc' },
      { id: 'b', text: 'Nước máy ở Buôn Ma Thuột bị nhiễm độc' },
    ]);
    const both = matchDocument(twice, 'Nghe nói nước máy ở Buôn Ma Thuột bị nhiễm độc');
    expect(both.map((m) => m.statementId)).toEqual(['a', 'b']);
    expect(both[0]!.similarity).toBe(both[1]!.similarity);
  });

  it('matches a claim buried in a 50,000-word document', () => {
    const filler = 'Hội nghị bàn về kế hoạch phát triển kinh tế xã hội của địa phương trong năm tới. ';
    const long =
      filler.repeat(3_500) +
      'Có tin đập thủy điện Krông Hin ở Ea Kar đã bị vỡ, nước lũ tràn về hạ du. ' +
      filler.repeat(1_000);
    expect(long.split(/\s+/).length).toBeGreaterThan(50_000);
    const [match] = matchesOf(long);
    expect(match?.statementId).toBe('s04');
    expect(match!.passage.text).toBe(
      'Có tin đập thủy điện Krông Hin ở Ea Kar đã bị vỡ, nước lũ tràn về hạ du.',
    );
  });
});
