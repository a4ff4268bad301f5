import { describe, it, expect } from 'vitest';
import { ERROR_KINDS, goldWords, segmentErrors } from '../../../analytics/nlp/segment-errors.ts';
import { parseWordList } from '../../../analytics/nlp/segment-lexicon.ts';
import type { SegmentModel } from '../../../analytics/nlp/segment.ts';

/** A segmenter that joins exactly the gaps it is given for each sentence (keyed by the space-joined tokens). */
function fixedModel(answers: Record<string, number[]>): SegmentModel {
  return {
    kind: 'dictionary',
    joins: (tokens) => Uint8Array.from(answers[tokens.join(' ')] ?? new Array(tokens.length - 1).fill(0)),
  };
}

describe('segmentErrors', () => {
  it('counts nothing when the model reproduces the gold lines', () => {
    const gold = ['giải_phóng mặt_bằng nhanh', 'ông Nguyễn_Văn_An đến'];
    const model = fixedModel({
      'giải phóng mặt bằng nhanh': [1, 0, 1, 0],
      'ông Nguyễn Văn An đến': [0, 1, 1, 0],
    });
    const { missed, spurious } = segmentErrors(gold, model, goldWords(gold), parseWordList(''));
    for (const kind of ERROR_KINDS) {
      expect(missed[kind]).toBe(0);
      expect(spurious[kind]).toBe(0);
    }
  });

  it('sorts missed gold words by kind: seen in training, lexicon, unknown, name, symbol, single', () => {
    const training = goldWords(['mặt_bằng rộng']);
    const lexicon = parseWordList('giải phóng\n');
    // gold words: giải_phóng (lexicon) mặt_bằng (seen) tự_thiêu (unknown) Hà_Nội (name) 7_giờ (symbol) và (single)
    const gold = ['giải_phóng mặt_bằng tự_thiêu Hà_Nội 7_giờ và'];
    // the model splits every gold word and joins "giờ và"
    const model = fixedModel({
      'giải phóng mặt bằng tự thiêu Hà Nội 7 giờ và': [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    const { missed, spurious } = segmentErrors(gold, model, training, lexicon);
    expect(missed).toEqual({ single: 1, symbol: 1, name: 1, seen: 1, lexicon: 1, unknown: 1 });
    // spurious: the nine single syllables it split off (7 is a symbol token on its own, counted as single) and "giờ và"
    expect(spurious).toEqual({ single: 9, symbol: 0, name: 0, seen: 0, lexicon: 0, unknown: 1 });
  });

  it('counts a spurious lexicon word when the model joins what gold splits', () => {
    const lexicon = parseWordList('buổi sáng\n');
    const model = fixedModel({ 'buổi sáng mai': [1, 0] });
    const { missed, spurious } = segmentErrors(['buổi sáng mai'], model, goldWords([]), lexicon);
    expect(missed.single).toBe(2);
    expect(spurious.lexicon).toBe(1);
    expect(spurious.single).toBe(0);
  });
});
