import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHotspots } from '../../../analytics/hotspots/detect-hotspots.ts';
import { enoughPhrases, phraseLengths } from '../../../analytics/hotspots/detect-terms.ts';
import type { Alert } from '../../../analytics/hotspots/types.ts';
import type { Db } from '../../../data/db.ts';
import type { SynthDoc } from './fixtures.ts';
import { DAY_MS, HOUR_MS, background, communes, hotspotDb, insertDocs, rng } from './fixtures.ts';

const START = new Date('2026-08-01T00:00:00+07:00');
const NOW = new Date(START.getTime() + 38 * DAY_MS);
const BURST_DAY = 36;

/** Twelve complaints about unrelated things, posted on one day by twelve groups, without a place named. */
const COMPLAINTS = [
  'đường vào thôn hư hỏng nặng',
  'giá phân bón tăng mạnh',
  'con mình ở trường thiếu giáo viên',
  'khám bệnh chờ cả buổi sáng',
  'rác ven chợ bốc mùi',
  'xe khách thu thêm tiền vé',
  'điện mất cả đêm qua',
  'hồ sơ đất nộp mấy tháng chưa xong',
  'nước giếng có mùi lạ',
  'cầu tạm sắp sập',
  'trợ cấp người già chậm',
  'cuộc gọi lạ lừa tiền',
];

const PER_DAY = 12;

/**
 * Posts that ask the authorities to step in ("đề nghị cơ quan chức năng"), a dozen a day: the usual wording, so its
 * bigrams have a history.
 */
function requests(): SynthDoc[] {
  const random = rng(23);
  return Array.from({ length: (BURST_DAY + 1) * PER_DAY }, (_, i) => ({
    id: `request-${i}`,
    outlet: `nhóm-${Math.floor(random() * 40)}`,
    publishedAt: new Date(START.getTime() + Math.floor(i / PER_DAY) * DAY_MS + (8 + random() * 10) * HOUR_MS),
    locality: null,
    topics: [],
    sentiment: 'negative' as const,
    text: `bà con đề nghị cơ quan chức năng kiểm tra ${i}`,
  }));
}

/** The complaints of the burst day, each ending in `ending`; the background never uses their words. */
function complaints(ending: (k: number) => string): SynthDoc[] {
  const random = rng(17);
  return COMPLAINTS.map((text, k) => ({
    id: `complaint-${k}`,
    outlet: `nhóm-${k}`,
    publishedAt: new Date(START.getTime() + BURST_DAY * DAY_MS + (7 + k) * HOUR_MS),
    locality: null,
    topics: [],
    sentiment: random() < 0.9 ? 'negative' : 'neutral',
    text: `${text}, ${ending(k)}`,
  }));
}

async function alertsWith(ending: (k: number) => string): Promise<{ db: Db; alerts: Alert[] }> {
  const db = await hotspotDb();
  const places = await communes(db, 3);
  await insertDocs(db, background({ start: START, days: 38, perDay: 60, seed: 5, places }));
  await insertDocs(db, requests());
  await insertDocs(db, complaints(ending));
  const alerts = await detectHotspots(db, { now: NOW });
  return { db, alerts: alerts.filter((a) => a.docIds.some((id) => id.startsWith('complaint-'))) };
}

describe('the terms detector and stock phrases', () => {
  let stock: { db: Db; alerts: Alert[] };
  let issue: { db: Db; alerts: Alert[] };
  let thin: { db: Db; alerts: Alert[] };
  beforeAll(async () => {
    // A stock phrase: of "đề nghị cơ quan có thẩm quyền", only "quan có", "có thẩm" and "thẩm quyền" are new, and
    // they chain into one short phrase.
    stock = await alertsWith(() => 'đề nghị cơ quan có thẩm quyền');
    // The same posts with two separate phrases that only an issue shared by all of them would bring.
    issue = await alertsWith(() => 'từ khi nhà máy xả thải, sông Krông Ana đổi màu');
    // Two phrases of five posts each, but only three posts carry both: the rest share one phrase with them.
    thin = await alertsWith((k) =>
      k < 3
        ? 'mất sóng điện thoại, cúp nước sinh hoạt'
        : k < 5
          ? 'mất sóng điện thoại'
          : k < 7
            ? 'cúp nước sinh hoạt'
            : '',
    );
  });
  afterAll(() => {
    stock.db.close();
    issue.db.close();
    thin.db.close();
  });

  it('does not read one stock phrase repeated across unrelated posts as an emerging issue', () => {
    expect(stock.alerts).toEqual([]);
  });

  it('counts only the posts that carry two of the phrases themselves', () => {
    expect(thin.alerts).toEqual([]);
  });

  it('reports the same posts when they share two separate phrases', () => {
    expect(issue.alerts).toHaveLength(1);
    expect(issue.alerts[0]!.detector).toBe('terms');
    expect(issue.alerts[0]!.docIds.filter((id) => id.startsWith('complaint-'))).toHaveLength(12);
  });
});

describe('phraseLengths and enoughPhrases', () => {
  it('read chained bigrams as one phrase', () => {
    expect(phraseLengths(['có thẩm', 'thẩm quyền', 'quan có'])).toEqual([3]);
    expect(phraseLengths(['thẩm quyền', 'có thẩm'])).toEqual([2]);
    expect(enoughPhrases(['quan có', 'có thẩm', 'thẩm quyền'])).toBe(false);
  });

  it('count bigrams that do not chain apart, and repeats once', () => {
    expect(phraseLengths(['nhà máy', 'xả thải', 'sông krông', 'nhà máy'])).toEqual([1, 1, 1]);
    expect(phraseLengths(['có thẩm', 'thẩm quyền', 'giá điện'])).toEqual([2, 1]);
    expect(phraseLengths([])).toEqual([]);
    expect(enoughPhrases(['có thẩm', 'thẩm quyền', 'giá điện'])).toBe(true);
    expect(enoughPhrases([])).toBe(false);
  });

  it('take one long phrase (a sentence passed on word for word) as enough', () => {
    expect(enoughPhrases(['đập thủy', 'thủy điện', 'điện sắp', 'sắp vỡ'])).toBe(true);
  });
});
