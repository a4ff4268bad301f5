import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { isDlxhError } from '../../../data/errors.ts';
import {
  builtinSegmenter,
  loadSegmentModel,
  parseGoldLine,
  saveSegmentModel,
  segmentEval,
  segmentLine,
  segmentModelFromJSON,
  segmentWords,
  trainSegmenter,
} from '../../../analytics/nlp/segment.ts';
import {
  NameClass,
  bundledNameSyllables,
  parseNameSyllables,
  syllableKey,
} from '../../../analytics/nlp/segment-lexicon.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('built-in segmenter', () => {
  it('joins the syllables of lexicon words', () => {
    expect(segmentLine('giải phóng mặt bằng')).toBe('giải_phóng mặt_bằng');
    expect(segmentLine('Người dân phản ánh tình trạng ô nhiễm môi trường')).toBe(
      'Người dân phản_ánh tình_trạng ô_nhiễm môi_trường',
    );
  });

  it('reads spelling variants (tone placement, lý/lí, quy/qui) as the same word', () => {
    expect(segmentLine('hoà bình và hòa bình')).toBe('hoà_bình và hòa_bình');
    expect(segmentLine('qui định lí do')).toBe('qui_định lí_do');
  });

  it('reads the look-alike Ð (U+00D0) as Đ', () => {
    expect(syllableKey('Ðặng')).toBe(syllableKey('Đặng'));
    expect(segmentLine('giải ðáp')).toBe('giải_ðáp');
  });

  it('joins capitalised name runs but not titles or organisation words', () => {
    expect(segmentLine('ông Nguyễn Văn An ở Buôn Ma Thuột')).toBe('ông Nguyễn_Văn_An ở Buôn_Ma_Thuột');
    expect(segmentLine('Ông Lộc nói')).toBe('Ông Lộc nói');
    expect(segmentLine('Bộ Công an và Sở Tài nguyên')).toBe('Bộ Công_an và Sở Tài_nguyên');
    expect(segmentLine("huyện Ea H'leo và M'Đrắk")).toBe("huyện Ea_H'leo và M'Đrắk");
  });

  it('never re-tokenises or joins numbers, symbols and abbreviations', () => {
    expect(segmentLine('nhiệt độ 7,5 °C , v.v. TP. HCM')).toBe('nhiệt_độ 7,5 °C , v.v. TP. HCM');
  });

  it('keeps every separator other than a single space between joined syllables', () => {
    expect(segmentLine('  giải\tphóng mặt  bằng \n')).toBe('  giải\tphóng mặt  bằng \n');
    expect(segmentLine(' mặt bằng ')).toBe(' mặt_bằng ');
  });

  it('handles empty and one-token lines', () => {
    expect(segmentLine('')).toBe('');
    expect(segmentLine('   ')).toBe('   ');
    expect(segmentLine('xã')).toBe('xã');
  });

  it('groups tokens into words', () => {
    expect(segmentWords(['công', 'an', 'xã', 'đã', 'giải', 'quyết'])).toEqual([
      ['công', 'an'],
      ['xã'],
      ['đã'],
      ['giải', 'quyết'],
    ]);
    expect(segmentWords([])).toEqual([]);
  });

  it('segments a long line in linear time', () => {
    const line = 'người dân phản ánh tình trạng ô nhiễm môi trường tại Buôn Ma Thuột , '.repeat(10_000);
    const start = performance.now();
    const out = segmentLine(line);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(out.replaceAll('_', ' ')).toBe(line);
  });
});

const SYLLABLES = [
  'giải',
  'phóng',
  'mặt',
  'bằng',
  'người',
  'dân',
  'Nguyễn',
  'Văn',
  'An',
  'Buôn',
  'Ma',
  'Thuột',
  "H'leo",
  'Ea',
  'v.v.',
  '7,5',
  '°C',
  ',',
  '"',
  'TP.',
  '😀',
  'hoà',
  'bình',
  'XÃ',
];

describe('segmentation keeps the input tokens', () => {
  const separator = fc.constantFrom(' ', ' ', ' ', ' ', '  ', '\t', '\n');
  const line = fc
    .array(fc.tuple(fc.constantFrom(...SYLLABLES), separator), { maxLength: 30 })
    .map((parts) => parts.map(([token, sep]) => token + sep).join(''));

  it('only replaces single spaces by "_" (built-in)', () => {
    fc.assert(
      fc.property(line, (text) => {
        expect(segmentLine(text).replaceAll('_', ' ')).toBe(text);
      }),
    );
  });

  it('only replaces single spaces by "_" on arbitrary text without "_"', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }).filter((s) => !s.includes('_')),
        (text) => {
          expect(segmentLine(text).replaceAll('_', ' ')).toBe(text);
        },
      ),
    );
  });

  it('only replaces single spaces by "_" (trained)', () => {
    const model = trainSegmenter(GOLD);
    fc.assert(
      fc.property(line, (text) => {
        expect(segmentLine(text, model).replaceAll('_', ' ')).toBe(text);
      }),
    );
  });
});

const GOLD = [
  'Người dân phản_ánh tình_trạng ô_nhiễm môi_trường kéo_dài .',
  'Ủy_ban nhân_dân xã đã giải_quyết đơn_thư của bà Nguyễn_Thị_Hoa .',
  'Cán_bộ địa_chính đo_đạc lại diện_tích đất của gia_đình ông Bảy .',
  'Công_an huyện Krông_Búk bắt_giữ hai đối_tượng trộm_cắp tài_sản .',
  'Giá cà_phê tăng mạnh , nông_dân phấn_khởi .',
  'Hội_nghị bàn về giải_phóng mặt_bằng dự_án đường_giao_thông .',
];

describe('trainSegmenter', () => {
  it('reproduces sentences it has seen several times', () => {
    const model = trainSegmenter([...GOLD, ...GOLD, ...GOLD]);
    for (const gold of GOLD) expect(segmentLine(gold.replaceAll('_', ' '), model)).toBe(gold);
  });

  it('learns words that are not in the lexicon', () => {
    const gold = Array.from({ length: 20 }, (_, i) => `ngày ${i} đi xem phim_hoạt_hình_mới với bạn .`);
    const model = trainSegmenter(gold);
    expect(segmentLine('hôm nay xem phim hoạt hình mới', model)).toContain('phim_hoạt_hình_mới');
    expect(segmentLine('hôm nay xem phim hoạt hình mới')).not.toContain('phim_hoạt_hình_mới');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(trainSegmenter(GOLD))).toBe(JSON.stringify(trainSegmenter(GOLD)));
  });

  it('ignores blank lines and still trains on no data', () => {
    const model = trainSegmenter(['', '   ']);
    expect(segmentLine('giải phóng mặt bằng', model).replaceAll('_', ' ')).toBe('giải phóng mặt bằng');
  });
});

describe('segment model files', () => {
  it('round-trips through a JSON file with format and version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'segment.json');
    const model = trainSegmenter(GOLD, {
      corpus: ['Người dân phản ánh tình trạng ô nhiễm môi trường.'],
      minCollocationCount: 1,
    });
    saveSegmentModel(model, file);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(json.format).toBe('dlxh-segment-model');
    expect(json.version).toBe(3);
    const loaded = loadSegmentModel(file);
    for (const gold of GOLD) {
      const line = gold.replaceAll('_', ' ');
      expect(segmentLine(line, loaded)).toBe(segmentLine(line, model));
    }
    expect(fs.readdirSync(dir)).toEqual(['segment.json']);
  });

  it('loads to a model that decides every gap as the trained one does', () => {
    const file = path.join(tempDir(), 'segment.json');
    const model = trainSegmenter(GOLD);
    saveSegmentModel(model, file);
    const loaded = loadSegmentModel(file);
    const syllables = [...new Set(GOLD.join(' ').replaceAll('_', ' ').split(' '))];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 25 }), (tokens) => {
        expect([...loaded.joins(tokens)]).toEqual([...model.joins(tokens)]);
      }),
    );
  });

  it('refuses to save the built-in segmenter', () => {
    const file = path.join(tempDir(), 'x.json');
    expect(() => saveSegmentModel(builtinSegmenter(), file)).toThrow(/cannot save a dictionary segmenter/);
  });

  it('names the file and the problem when a model cannot be used', () => {
    const dir = tempDir();
    const valid = JSON.parse(JSON.stringify(trainSegmenter(GOLD))) as Record<string, unknown>;
    const cases: [string, string, RegExp][] = [
      ['garbage.json', '{not json', /garbage\.json: cannot read segment model/],
      ['other.json', JSON.stringify({ format: 'something-else' }), /other\.json: not a segment model/],
      [
        'future.json',
        JSON.stringify({ ...valid, version: 99 }),
        /future\.json: unsupported segment model version 99/,
      ],
      [
        'old.json',
        JSON.stringify({ ...valid, version: 2 }),
        /old\.json: segment model version 2 was trained by an older dlxh .*retrain it/,
      ],
      ['weights.json', JSON.stringify({ ...valid, weights: ['x'] }), /weights\.json: invalid weights/],
      [
        'index.json',
        JSON.stringify({ ...valid, indexDeltas: [1e9], weights: [1] }),
        /index\.json: invalid weight index/,
      ],
      ['pairs.json', JSON.stringify({ ...valid, pairs: [['a', 'b', 3, 1]] }), /pairs\.json: invalid pair/],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      let caught: unknown;
      try {
        loadSegmentModel(file);
      } catch (error) {
        caught = error;
      }
      expect(isDlxhError(caught, 'INPUT'), name).toBe(true);
      expect((caught as Error).message).toMatch(message);
    }
    expect(() => loadSegmentModel(path.join(dir, 'missing.json'))).toThrow(
      /missing\.json: cannot read segment model/,
    );
    expect(() => segmentModelFromJSON(null)).toThrow(/segment model: not a segment model/);
  });
});

describe('name syllables', () => {
  it('parses sections into class bits, a syllable in several sections getting all of them', () => {
    const classes = parseNameSyllables(
      '# names\n[surname]\nNguyễn\nhoàng\n[middle]\nvăn\nhoàng\n[given]\nHoà\n',
    );
    expect(classes.get('nguyễn')).toBe(NameClass.surname);
    expect(classes.get('hoàng')).toBe(NameClass.surname | NameClass.middle);
    expect(classes.get('hòa')).toBe(NameClass.given);
    expect(classes.has('names')).toBe(false);
  });

  it('ships surnames, middle names and given names', () => {
    const classes = bundledNameSyllables();
    expect(classes.get('nguyễn')! & NameClass.surname).toBeTruthy();
    expect(classes.get('thị')! & NameClass.middle).toBeTruthy();
    expect(classes.get('hùng')! & NameClass.given).toBeTruthy();
  });
});

describe('segmentEval and gold lines', () => {
  it('parses gold lines into syllables and joins', () => {
    const gold = parseGoldLine('giải_phóng mặt_bằng nhanh');
    expect(gold.tokens).toEqual(['giải', 'phóng', 'mặt', 'bằng', 'nhanh']);
    expect([...gold.joins]).toEqual([1, 0, 1, 0]);
  });

  it('counts a word correct only when its span matches exactly', () => {
    const model = {
      kind: 'dictionary' as const,
      joins: (tokens: readonly string[]) => Uint8Array.from(tokens.slice(1).map((_, i) => (i === 0 ? 1 : 0))),
    };
    // predicted: [a b] [c] [d]; gold: [a b c] [d] → 1 correct of 3 predicted and 2 gold.
    const scores = segmentEval(['a_b_c d'], model);
    expect(scores).toMatchObject({ gold: 2, predicted: 3, correct: 1 });
    expect(scores.precision).toBeCloseTo(1 / 3);
    expect(scores.recall).toBeCloseTo(1 / 2);
    expect(scores.f1).toBeCloseTo(0.4);
  });

  it('scores perfect segmentation 1 and no data 0', () => {
    expect(segmentEval(['giải_phóng mặt_bằng']).f1).toBe(1);
    expect(segmentEval([]).f1).toBe(0);
  });
});
