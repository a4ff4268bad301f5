import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { exportClaimReviews } from '../../../analytics/misinfo/claim-review.ts';
import {
  candidateEvents,
  candidateSpread,
  listCandidates,
  reviewCandidate,
  reviewTrainingExamples,
} from '../../../analytics/misinfo/review.ts';
import { candidateId, scanDocuments } from '../../../analytics/misinfo/scan-documents.ts';
import { createScorePool } from '../../../analytics/nlp/score-workers.ts';
import { importStatements } from '../../../analytics/misinfo/statements.ts';
import { verifyAuditChain } from '../../../data/audit.ts';
import type { Db } from '../../../data/db.ts';
import { openDb } from '../../../data/db.ts';
import { isDlxhError } from '../../../data/errors.ts';
import { memoryLogger } from '../../../data/logger.ts';
import { migrate } from '../../../data/migrate.ts';
import { FIXTURES } from './fixtures.ts';

const now = () => new Date('2025-04-02T03:00:00Z');
const RUMOUR =
  'KHẨN CẤP!!! Nghe nói nước máy ở BMT bị nhiễm độc, người dân không được dùng để ăn uống. Chia sẻ ngay!';

interface Doc {
  id: string;
  text: string;
  outlet: string;
  at: string;
  copyOf?: string;
  extra?: Record<string, unknown>;
  classification?: number;
  url?: string;
}

async function insert(db: Db, doc: Doc) {
  await db.run(
    `INSERT INTO documents (id, import_source, outlet, url, text, published_at, ingested_at, content_hash,
       near_duplicate_of, classification, extra)
     VALUES ($id, 'test', $outlet, $url, $text, $at::TIMESTAMPTZ, $at::TIMESTAMPTZ, $id, $copy_of, $classification, $extra::JSON)`,
    {
      id: doc.id,
      outlet: doc.outlet,
      url: doc.url ?? null,
      text: doc.text,
      at: doc.at,
      copy_of: doc.copyOf ?? null,
      classification: doc.classification ?? 0,
      extra: doc.extra ? JSON.stringify(doc.extra) : null,
    },
  );
}

const DOCS: Doc[] = [
  {
    id: 'r0',
    text: RUMOUR,
    outlet: 'nhom-zalo',
    at: '2025-04-01T08:00:00+07:00',
    url: 'https://zalo.example/r0',
    extra: { likes: '800', shares: '450' },
  },
  ...[1, 2, 3, 4, 5].map((i) => ({
    id: `r${i}`,
    text: `${RUMOUR}!`,
    outlet: `trang-${i}`,
    at: `2025-04-01T08:${String(i * 10).padStart(2, '0')}:00+07:00`,
    copyOf: 'r0',
  })),
  {
    id: 'single',
    text: 'Có người nói Nhà nước cấm xuất khẩu cà phê từ tháng 10, giá cà phê sẽ giảm xuống còn 30.000 đồng/kg.',
    outlet: 'baodaklak',
    at: '2025-04-01T09:00:00+07:00',
    url: 'https://baodaklak.example/ca-phe',
  },
  {
    id: 'quiet',
    text: 'Hội thi văn nghệ quần chúng huyện Krông Ana thu hút 15 đội tham gia.',
    outlet: 'baodaklak',
    at: '2025-04-01T10:00:00+07:00',
  },
  {
    id: 'new-rumour',
    text: 'Rộ tin đồn có người lạ đi xe máy bắt cóc trẻ em ở xã Ea Drông, phụ huynh hoang mang, chưa được kiểm chứng.',
    outlet: 'nhom-zalo',
    at: '2025-04-01T11:00:00+07:00',
  },
  {
    id: 'secret',
    text: 'Báo cáo nội bộ: có tin đập thủy điện Krông Hin ở Ea Kar bị vỡ, nước lũ đang tràn về các xã hạ du.',
    outlet: 'bao-cao',
    at: '2025-04-01T12:00:00+07:00',
    classification: 1,
  },
];

let db: Db;
const logger = memoryLogger();

beforeAll(async () => {
  db = await openDb(':memory:');
  await migrate(db);
  await importStatements(db, path.join(FIXTURES, 'statements.jsonl'), { logger, now });
  await db.run(
    `INSERT INTO sources (name, kind, credibility) VALUES ('nhom-zalo', 'jsonl', 0.1), ('baodaklak', 'rss', 0.95)`,
  );
  for (const doc of DOCS) await insert(db, doc);
});

describe('scanDocuments and the review queue', () => {
  it('queues matched claims and hedged rumours, never copies or unrelated texts', async () => {
    const report = await scanDocuments(
      db,
      DOCS.map((d) => d.id),
      { logger, now },
    );
    expect(report).toEqual({ documents: DOCS.length, copies: 5, candidates: 4, failed: 0 });
    const queue = await listCandidates(db);
    expect(queue.map((c) => [c.doc_id, c.statement_id, c.tier])).toEqual(
      expect.arrayContaining([
        ['r0', 's02', expect.stringMatching(/auto|suggest/)],
        ['single', 's03', 'auto'],
        ['new-rumour', null, 'new'],
        ['secret', 's04', expect.stringMatching(/auto|suggest/)],
      ]),
    );
    const secret = queue.find((c) => c.doc_id === 'secret')!;
    expect(secret.classification).toBe(1);
    expect(await listCandidates(db, { maxClassification: 0 })).toHaveLength(3);
  });

  it('ranks a fast-spreading rumour from a low-credibility source above a single mention in a credible one', async () => {
    const queue = await listCandidates(db);
    const rumour = queue.find((c) => c.doc_id === 'r0')!;
    const single = queue.find((c) => c.doc_id === 'single')!;
    expect(queue.indexOf(rumour)).toBe(0);
    expect(rumour.risk).toBeGreaterThan(single.risk);
    expect(rumour.risk_signals).toMatchObject({
      credibility: 0.1,
      spread_counts: { documents: 6, outlets: 6 },
    });
    expect(single.risk_signals).toMatchObject({
      credibility: 0.95,
      spread_counts: { documents: 1, outlets: 1 },
    });
    expect(rumour.risk_signals!.style_cues).toEqual(
      expect.arrayContaining(['exclamations', 'clickbait:khẩn cấp']),
    );
    expect(await candidateSpread(db, rumour.id)).toEqual([
      { hour: new Date('2025-04-01T01:00:00Z'), documents: 6, outlets: 6 },
    ]);
  });

  it('is idempotent: a re-scan leaves the queue as it was', async () => {
    const before = await db.all('SELECT * FROM claim_candidates ORDER BY id');
    await scanDocuments(
      db,
      DOCS.map((d) => d.id),
      { logger, now },
    );
    expect(await db.all('SELECT * FROM claim_candidates ORDER BY id')).toEqual(before);
  });

  it('moves a candidate through the review statuses and records who did what', async () => {
    const id = candidateId('r0', 's02');
    const review = (status: string, extra: Record<string, string> = {}) =>
      reviewCandidate(db, id, { status: status as never, reviewer: 'phantich', ...extra }, { now });
    await expect(review('sai sự thật')).rejects.toSatisfy(
      (e: unknown) =>
        isDlxhError(e, 'INPUT') && /cannot go from "chưa xác định" to "sai sự thật"/.test(e.message),
    );
    await expect(review('đã xong')).rejects.toSatisfy((e: unknown) => isDlxhError(e, 'INPUT'));
    await expect(
      reviewCandidate(db, id, { status: 'đang xác minh', reviewer: ' ' }, { now }),
    ).rejects.toThrow(/reviewer/);
    await expect(
      reviewCandidate(db, 'cc-none', { status: 'đang xác minh', reviewer: 'a' }, { now }),
    ).rejects.toSatisfy((e: unknown) => isDlxhError(e, 'NOT_FOUND'));
    expect(await review('đang xác minh', { notes: 'Đã gửi Sở Y tế' })).toMatchObject({
      status: 'đang xác minh',
      reviewer: 'phantich',
    });
    const done = await review('sai sự thật');
    expect(done.status).toBe('sai sự thật');
    expect(done.response).toMatch(/^Kết quả kiểm nghiệm/);
    expect(done.notes).toBe('Đã gửi Sở Y tế');
    await expect(review('chưa xác định')).rejects.toThrow(/cannot go/);
    expect((await candidateEvents(db, id)).map((e) => [e.from_status, e.to_status, e.actor])).toEqual([
      ['chưa xác định', 'đang xác minh', 'phantich'],
      ['đang xác minh', 'sai sự thật', 'phantich'],
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2 });
  });

  it('needs a written response to mark a claim without statement false', async () => {
    const id = candidateId('new-rumour', null);
    await reviewCandidate(db, id, { status: 'đang xác minh', reviewer: 'phantich' }, { now });
    await expect(
      reviewCandidate(db, id, { status: 'sai sự thật', reviewer: 'phantich' }, { now }),
    ).rejects.toThrow(/needs the official response/);
    const done = await reviewCandidate(
      db,
      id,
      {
        status: 'sai sự thật',
        reviewer: 'phantich',
        response: 'Công an xã khẳng định không có vụ bắt cóc nào.',
      },
      { now },
    );
    expect(done.response).toBe('Công an xã khẳng định không có vụ bắt cóc nào.');
  });

  it('keeps reviewers’ decisions through a re-scan and turns them into training examples', async () => {
    await scanDocuments(db, ['r0', 'new-rumour'], { logger, now });
    expect((await listCandidates(db, { status: 'sai sự thật' })).map((c) => c.doc_id).sort()).toEqual([
      'new-rumour',
      'r0',
    ]);
    expect((await reviewTrainingExamples(db)).map((e) => [e.id, e.label])).toEqual([
      ['new-rumour', 'unreliable'],
      ['r0', 'unreliable'],
    ]);
  });

  it('exports reviewed verdicts as ClaimReview JSON-LD, public ones only', async () => {
    const reviews = await exportClaimReviews(db, {
      baseUrl: 'https://dlxh.example/',
      author: { name: 'Ban Tuyên giáo', url: 'https://btg.example' },
    });
    expect(reviews).toHaveLength(2);
    const [water] = reviews.filter(
      (r) =>
        r.claimReviewed ===
        'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống.',
    );
    expect(water).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://syt.daklak.gov.vn/nuoc-may-bmt-dat-chuan',
      claimReviewed: 'Nước máy ở TP. Buôn Ma Thuột bị nhiễm độc, người dân không được dùng để ăn uống.',
      datePublished: '2025-04-02',
      inLanguage: 'vi',
      author: { '@type': 'Organization', name: 'Ban Tuyên giáo', url: 'https://btg.example' },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Sai sự thật',
      },
      itemReviewed: {
        '@type': 'Claim',
        appearance: [
          {
            '@type': 'CreativeWork',
            url: 'https://zalo.example/r0',
            publisher: { '@type': 'Organization', name: 'nhom-zalo' },
            datePublished: '2025-04-01T08:00:00+07:00',
          },
        ],
        firstAppearance: {
          '@type': 'CreativeWork',
          url: 'https://zalo.example/r0',
          publisher: { '@type': 'Organization', name: 'nhom-zalo' },
          datePublished: '2025-04-01T08:00:00+07:00',
        },
        datePublished: '2025-04-01T08:00:00+07:00',
      },
      reviewBody: expect.stringMatching(/^Kết quả kiểm nghiệm/),
    });
    const other = reviews.find((r) => r !== water)!;
    expect(other.url).toMatch(/^https:\/\/dlxh\.example\/claims\/cc-/);
    expect(other.claimReviewed).toMatch(/^Rộ tin đồn/);
    const secret = candidateId('secret', 's04');
    await reviewCandidate(db, secret, { status: 'đang xác minh', reviewer: 'phantich' }, { now });
    await reviewCandidate(db, secret, { status: 'sai sự thật', reviewer: 'phantich' }, { now });
    expect(await exportClaimReviews(db)).toHaveLength(2);
    expect(await exportClaimReviews(db, { maxClassification: 1 })).toHaveLength(3);
  });

  it('drops an unreviewed candidate the registry no longer supports', async () => {
    await db.run("DELETE FROM official_statements WHERE id = 's03'");
    await scanDocuments(db, ['single'], { logger, now });
    expect(await listCandidates(db, { docId: 'single' })).toEqual([]);
  });

  it('with an empty registry queues only hedged rumours', async () => {
    const empty = await openDb(':memory:');
    await migrate(empty);
    for (const doc of DOCS) await insert(empty, doc);
    const report = await scanDocuments(
      empty,
      DOCS.map((d) => d.id),
      { logger, now },
    );
    expect(report.failed).toBe(0);
    const queue = await listCandidates(empty);
    expect(queue.every((c) => c.tier === 'new' && c.statement_id === null)).toBe(true);
    expect(queue.map((c) => c.doc_id)).toContain('new-rumour');
    empty.close();
  });

  it('stores the same queue when the matching runs on worker threads', async () => {
    const copies = await Promise.all([openDb(':memory:'), openDb(':memory:')]);
    const pool = createScorePool(1);
    try {
      const queues = [];
      for (const [i, copy] of copies.entries()) {
        await migrate(copy);
        await importStatements(copy, path.join(FIXTURES, 'statements.jsonl'), { logger, now });
        await copy.run(
          `INSERT INTO sources (name, kind, credibility) VALUES ('nhom-zalo', 'jsonl', 0.1), ('baodaklak', 'rss', 0.95)`,
        );
        for (const doc of DOCS) await insert(copy, doc);
        const ids = DOCS.map((d) => d.id);
        const report = await scanDocuments(copy, ids, { logger, now, pool: i === 1 ? pool : undefined });
        expect(report).toEqual({ documents: DOCS.length, copies: 5, candidates: 4, failed: 0 });
        queues.push(await copy.all('SELECT * FROM claim_candidates ORDER BY id'));
      }
      expect(queues[0]).toHaveLength(4);
      expect(queues[1]).toEqual(queues[0]);
    } finally {
      await pool.close();
      for (const copy of copies) copy.close();
    }
  });
});
