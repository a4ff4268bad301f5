/**
 * A small, fixed dataset for briefing and notebook tests: two weeks of scored documents (16–22/11/2026 and the
 * week before), alerts with cases, misinformation reviews, a survey, collaborator reports and job runs.
 * Everything is computed from indices: the same database every time.
 */
import type { Db, SqlValue } from '../../../data/db.ts';
import { migrate } from '../../../data/migrate.ts';
import { seedReference } from '../../../data/seed-reference.ts';

/** The clock of every fixture test: Wednesday 25/11/2026 08:00 in Đắk Lắk. */
export const FIXTURE_NOW = new Date('2026-11-25T08:00:00+07:00');

/** Localities used, of both eras: a 2025 ward, an old ward merged whole into it, an old ward split in two. */
export const LOCALITIES = [
  '24133/2025',
  '24136/pre2025',
  '22024/pre2025',
  '24169/2025',
  '66/2025',
  null,
] as const;
const TOPICS = ['moi-truong', 'gia-ca', 'dat-dai', 'y-te', 'giao-duc'] as const;
const OUTLETS = ['Báo Đắk Lắk', 'Báo Phú Yên', 'Góc phản ánh Đắk Lắk', 'Cộng đồng Buôn Ma Thuột', 'VTV8'];
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export interface FixtureDocument {
  id: string;
  day: string;
  outlet: string;
  kind: 'news' | 'social';
  locality: string | null;
  topics: string[];
  sentiment: (typeof SENTIMENTS)[number];
  classification: number;
  duplicateOf: string | null;
  nearDuplicateOf: string | null;
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 10, 9 + offset)).toISOString().slice(0, 10);
}

/** The documents, as the tests can count them independently of SQL. */
export function fixtureDocuments(): FixtureDocument[] {
  const docs: FixtureDocument[] = [];
  for (let d = 0; d < 14; d++) {
    const currentWeek = d >= 7;
    const count = 5 + (d % 3) + (currentWeek ? 2 : 0);
    for (let i = 0; i < count; i++) {
      const k = d * 11 + i;
      const id = `doc-${day(d)}-${String(i).padStart(2, '0')}`;
      const topics = [TOPICS[k % TOPICS.length]!];
      // The current week brings a pollution story: more "moi-truong", mostly negative.
      if (currentWeek && i % 2 === 0) topics.splice(0, 1, 'moi-truong');
      if (k % 4 === 0) topics.push('y-te');
      const sentiment =
        currentWeek && topics[0] === 'moi-truong' && i % 4 !== 2 ? 'negative' : SENTIMENTS[k % 3]!;
      docs.push({
        id,
        day: day(d),
        outlet: OUTLETS[k % OUTLETS.length]!,
        kind: k % 3 === 0 ? 'news' : 'social',
        locality: LOCALITIES[k % LOCALITIES.length]!,
        topics: [...new Set(topics)],
        sentiment,
        classification: id === 'doc-2026-11-18-03' ? 1 : 0,
        duplicateOf: null,
        nearDuplicateOf: i === 4 ? `doc-${day(d)}-00` : null,
      });
    }
  }
  const copy = docs.find((x) => x.id === 'doc-2026-11-17-01')!;
  docs.push({ ...copy, id: 'doc-2026-11-17-dup', duplicateOf: copy.id, nearDuplicateOf: null });
  return docs;
}

async function insert(db: Db, table: string, row: Record<string, SqlValue>): Promise<void> {
  const names = Object.keys(row);
  await db.run(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `$${n}`).join(', ')})`,
    row,
  );
}

const at = (iso: string) => new Date(iso);

/** Migrate, seed the gazetteer and taxonomy, and fill every table a briefing reads. */
export async function buildBriefingFixture(db: Db, options: { only?: 'documents' } = {}): Promise<void> {
  await migrate(db);
  await seedReference(db);
  await db.transaction(async () => {
    for (const doc of fixtureDocuments()) {
      const hour = 7 + (Number(doc.id.slice(-2)) || 0);
      const published = at(`${doc.day}T${String(hour % 24).padStart(2, '0')}:15:00+07:00`);
      await insert(db, 'documents', {
        id: doc.id,
        import_source: doc.kind === 'news' ? 'rss-bao-chi' : 'mxh-nhom',
        outlet: doc.outlet,
        kind: doc.kind,
        url: `https://example.vn/${doc.id}`,
        title: `Tin ${doc.id}`,
        text: `Nội dung ${doc.id} về ${doc.topics.join(', ')}`,
        published_at: published,
        ingested_at: new Date(published.getTime() + 3_600_000),
        locality_uid: doc.locality,
        lang: 'vi',
        content_hash: `hash-${doc.id}`,
        duplicate_of: doc.duplicateOf,
        near_duplicate_of: doc.nearDuplicateOf,
        classification: doc.classification,
      });
      await insert(db, 'doc_scores', {
        doc_id: doc.id,
        model_version: 'nlp-1',
        sentiment: doc.sentiment,
        sentiment_score: doc.sentiment === 'negative' ? -0.6 : doc.sentiment === 'positive' ? 0.5 : 0,
        topics: doc.topics,
        places: doc.locality ? [doc.locality] : [],
        locality_uid: doc.locality,
        scored_at: FIXTURE_NOW,
      });
    }
    if (options.only === 'documents') return;
    await fillAlertsAndCases(db);
    await fillMisinformation(db);
    await fillSurvey(db);
    await fillReports(db);
    await fillOperations(db);
  });
}

async function fillAlertsAndCases(db: Db): Promise<void> {
  const alert = (
    id: string,
    topic: string,
    label: string,
    unit: string,
    first: string,
    last: string,
    severity: string,
    score: number,
    count: number,
  ) =>
    insert(db, 'alerts', {
      id,
      detector: 'topic',
      granularity: 'day',
      topic,
      label,
      unit_uid: unit,
      series_uid: unit,
      current_uid: unit,
      unit_level: 3,
      first_seen: at(first),
      last_seen: at(last),
      detected_at: at(last),
      severity,
      score,
      p_value: 0.0001,
      count,
      expected: 1.5,
      neg_share: 0.72,
      outlets: ['Báo Đắk Lắk', 'Góc phản ánh Đắk Lắk', 'VTV8'],
      top_terms: ['ô nhiễm', 'mùi hôi'],
      doc_ids: ['doc-2026-11-18-00'],
      explanation: '{}',
      classification: 0,
      status: 'open',
      created_at: at(last),
      updated_at: at(last),
    });
  await alert(
    'hs-moi-truong',
    'moi-truong',
    'Môi trường',
    '24133/2025',
    '2026-11-17T08:00:00+07:00',
    '2026-11-21T20:00:00+07:00',
    'cao',
    78.4,
    24,
  );
  await alert(
    'hs-y-te',
    'y-te',
    'Y tế',
    '24169/2025',
    '2026-11-19T08:00:00+07:00',
    '2026-11-20T20:00:00+07:00',
    'trung bình',
    51.2,
    7,
  );
  await alert(
    'hs-old',
    'gia-ca',
    'Giá cả và đời sống',
    '24133/2025',
    '2026-10-01T08:00:00+07:00',
    '2026-10-03T20:00:00+07:00',
    'cao',
    70,
    12,
  );
  const kase = (id: string, alertId: string, status: string, deadline: string, created: string) =>
    insert(db, 'cases', {
      id,
      alert_id: alertId,
      status,
      assignee: 'UBND Phường Buôn Ma Thuột',
      recipients: ['UBND Phường Buôn Ma Thuột'],
      escalated: false,
      severity: 'cao',
      deadline: at(deadline),
      classification: 0,
      created_at: at(created),
      updated_at: at(created),
    });
  await kase(
    'case-moi-truong',
    'hs-moi-truong',
    'verifying',
    '2026-11-24T17:00:00+07:00',
    '2026-11-18T09:00:00+07:00',
  );
  await kase('case-y-te', 'hs-y-te', 'resolved', '2026-11-27T17:00:00+07:00', '2026-11-20T09:00:00+07:00');
  await insert(db, 'case_events', {
    case_id: 'case-y-te',
    occurred_at: at('2026-11-21T10:00:00+07:00'),
    actor: 'officer-1',
    action: 'resolve',
    from_status: 'verifying',
    to_status: 'resolved',
    note: 'Đã kiểm tra, gửi trả lời chính thức',
  });
}

async function fillMisinformation(db: Db): Promise<void> {
  await insert(db, 'official_statements', {
    id: 'st-1',
    claim: 'Nước máy phường Buôn Ma Thuột nhiễm độc',
    verdict: 'false',
    official_text: 'Kết quả xét nghiệm nước máy đạt quy chuẩn.',
    issuing_body: 'Sở Y tế',
    issued_at: at('2026-11-18T15:00:00+07:00'),
    topics: ['y-te'],
    places: ['24133/2025'],
    locality_uid: '24133/2025',
    classification: 0,
    content_hash: 'st-1',
    created_at: at('2026-11-18T15:00:00+07:00'),
    updated_at: at('2026-11-18T15:00:00+07:00'),
  });
  const claim = (
    id: string,
    doc: string,
    statement: string | null,
    status: string,
    reviewed: string | null,
    response: string | null,
  ) =>
    insert(db, 'claim_candidates', {
      id,
      doc_id: doc,
      statement_id: statement,
      sentence: `Câu trích từ ${doc}`,
      claim_score: 0.8,
      similarity: statement ? 0.9 : null,
      tier: statement ? 'auto' : 'new',
      contradiction: false,
      cues: [],
      risk: 0.7,
      status,
      response,
      reviewed_at: reviewed ? at(reviewed) : null,
      locality_uid: '24133/2025',
      topics: ['y-te'],
      classification: 0,
      created_at: at('2026-11-18T16:00:00+07:00'),
      updated_at: at('2026-11-19T16:00:00+07:00'),
    });
  await claim(
    'cc-1',
    'doc-2026-11-18-00',
    'st-1',
    'sai sự thật',
    '2026-11-19T10:00:00+07:00',
    'Nước máy đạt quy chuẩn.',
  );
  await claim('cc-2', 'doc-2026-11-18-01', 'st-1', 'sai sự thật', '2026-11-19T11:00:00+07:00', null);
  await claim('cc-3', 'doc-2026-11-19-02', null, 'chưa xác định', null, null);
  await claim('cc-4', 'doc-2026-11-20-01', null, 'không áp dụng', '2026-11-21T09:00:00+07:00', null);
}

async function fillSurvey(db: Db): Promise<void> {
  const created = at('2026-10-12T09:00:00+07:00');
  await insert(db, 'surveys', {
    name: 'ks-moi-truong-2026',
    title: 'Khảo sát ý kiến về rác và khói bụi khu phố 2026',
    sponsor: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    conducted_by: 'Tổ điều tra xã hội học của Ban',
    population: 'Người từ 18 tuổi trở lên tại phường Buôn Ma Thuột',
    mode: 'Phỏng vấn trực tiếp (CAPI)',
    weight_column: 'mau/trong_so',
    strata_column: 'mau/tang',
    cluster_column: 'mau/cum',
    classification: 0,
    created_at: created,
    updated_at: created,
  });
  const questions: [string, string, string, string[]][] = [
    ['thong_tin/gioi_tinh', 'Giới tính', 'select_one', ['nam', 'nu']],
    ['danh_gia/hai_long', 'Đánh giá cách xử lý ô nhiễm (1–5)', 'integer', []],
    ['danh_gia/thong_tin', 'Người dân biết gì về chất lượng không khí (1–5)', 'integer', []],
    [
      'y_kien/ung_ho',
      'Ông/bà có ủng hộ di dời cơ sở gây ô nhiễm không?',
      'select_one',
      ['co', 'khong', 'khong_biet'],
    ],
  ];
  let position = 0;
  for (const [name, label, type, choices] of questions) {
    await insert(db, 'survey_questions', {
      survey: 'ks-moi-truong-2026',
      name,
      label,
      wordings: [label],
      type,
      type_source: 'form',
      list_name: choices.length ? name : null,
      choices,
      versions: [''],
      position: position++,
    });
    const labels: Record<string, string> = {
      nam: 'Nam',
      nu: 'Nữ',
      co: 'Có',
      khong: 'Không',
      khong_biet: 'Không biết',
    };
    for (const [i, value] of choices.entries()) {
      await insert(db, 'survey_choices', {
        survey: 'ks-moi-truong-2026',
        question: name,
        value,
        label: labels[value]!,
        position: i,
      });
    }
  }
  for (let r = 0; r < 40; r++) {
    const respondent = `R-${String(r).padStart(3, '0')}`;
    const submitted = at(
      `2026-10-${String(1 + (r % 10)).padStart(2, '0')}T09:${String(r % 60).padStart(2, '0')}:00+07:00`,
    );
    await insert(db, 'survey_respondents', {
      survey: 'ks-moi-truong-2026',
      respondent,
      submitted_at: submitted,
      validation_status: 'approved',
      weight: r % 2 === 0 ? 120 : 80,
      stratum: r < 20 ? 'noi_thanh' : 'ngoai_thanh',
      cluster: `cum-${r % 8}`,
      source_file: 'ks.csv',
      source_row: r + 2,
      ingested_at: created,
    });
    const answers: [string, string, number | null][] = [
      ['thong_tin/gioi_tinh', r % 2 ? 'nu' : 'nam', null],
      ['danh_gia/hai_long', String(1 + ((r * 7) % 5)), 1 + ((r * 7) % 5)],
      ['danh_gia/thong_tin', String(1 + ((r * 3) % 4)), 1 + ((r * 3) % 4)],
      ['y_kien/ung_ho', r % 13 === 0 ? 'khong_biet' : r % 3 === 0 ? 'khong' : 'co', null],
    ];
    for (const [question, value, num] of answers) {
      await insert(db, 'survey_responses', {
        survey: 'ks-moi-truong-2026',
        respondent,
        question,
        value,
        value_num: num,
      });
    }
  }
}

async function fillReports(db: Db): Promise<void> {
  const moods = ['ổn định', 'ổn định', 'quan tâm', 'lo lắng', 'ổn định', 'quan tâm', 'bức xúc'];
  for (let r = 0; r < 16; r++) {
    const current = r >= 4;
    const submitted = at(`2026-11-${current ? 16 + (r % 7) : 10 + (r % 5)}T10:00:00+07:00`);
    await insert(db, 'reports', {
      id: `BC-${r}`,
      import_source: 'bao-cao-ctv',
      reporter: `P-ctv-${r % 9}`,
      organisation: r % 3 === 0 ? 'Mặt trận Tổ quốc' : 'cộng tác viên',
      unit_uid: r % 2 ? '24133/2025' : '24169/2025',
      unit_text: null,
      period: '2026-11',
      locality_uid: r % 2 ? '24133/2025' : '24169/2025',
      topics: r % 4 === 0 ? ['moi-truong', 'y-te'] : ['moi-truong'],
      summary: `Tóm tắt báo cáo ${r}`,
      mood: moods[r % moods.length]!,
      mood_score: 0,
      submitted_at: submitted,
      ingested_at: submitted,
      classification: 0,
      content_hash: `report-${r}`,
      source_file: 'bao-cao.jsonl',
      source_row: r + 1,
    });
  }
}

async function fillOperations(db: Db): Promise<void> {
  await insert(db, 'job_runs', {
    job: 'rss:bao-dak-lak',
    started_at: at('2026-11-18T06:00:00+07:00'),
    finished_at: at('2026-11-18T06:01:00+07:00'),
    status: 'ok',
    items_in: 20,
    items_new: 18,
  });
  await insert(db, 'job_runs', {
    job: 'html:cong-thong-tin',
    started_at: at('2026-11-19T06:00:00+07:00'),
    finished_at: at('2026-11-19T06:00:30+07:00'),
    status: 'failed',
    items_failed: 3,
    error: 'https://example.vn/tin: timeout after 20000 ms',
  });
  for (const [i, outcome] of ['ok', 'ok', 'not_modified', 'timeout', 'http_error'].entries()) {
    await insert(db, 'fetch_log', {
      source: 'cong-thong-tin',
      url: `https://example.vn/${i}`,
      started_at: at(`2026-11-${16 + i}T06:00:00+07:00`),
      status: outcome === 'http_error' ? 503 : 200,
      outcome,
    });
  }
  await insert(db, 'sources', {
    name: 'cong-thong-tin',
    kind: 'html',
    url: 'https://example.vn',
    failures: 2,
    last_error: 'timeout after 20000 ms',
  });
}
