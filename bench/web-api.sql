-- Synthetic data for the web API benchmark: $n documents over 180 days before $end, at communes of both eras
-- (one in twenty with no place), 85% Thường / 10% Mật / 4% Tối mật / 1% Tuyệt mật, one score each, 500 alerts.

-- name: documents
INSERT INTO documents (id, import_source, outlet, kind, url, title, text, published_at, ingested_at, locality_uid,
  lang, content_hash, classification)
WITH places AS (SELECT list(uid ORDER BY uid) AS uids FROM units WHERE level = 3),
words AS (
  SELECT string_split('giá cà phê tăng mạnh người dân bức xúc đường sá xuống cấp nước sinh hoạt thiếu hụt đất đai '
    || 'bồi thường giải phóng mặt bằng dự án chậm tiến độ trường học bệnh viện quá tải cán bộ xã phường', ' ') AS w
)
SELECT 'b' || i, 'bench', 'outlet-' || (hash(i, 'o') % 200), 'news', 'https://example.vn/' || i,
  'Tin ' || i,
  array_to_string(list_transform(range(40), k -> w[1 + (hash(i, k) % len(w))::INTEGER]), ' '),
  $end::TIMESTAMPTZ - to_seconds((hash(i, 't') % (180 * 86400))::BIGINT),
  $end::TIMESTAMPTZ,
  CASE WHEN hash(i, 'n') % 20 = 0 THEN NULL ELSE uids[1 + (hash(i, 'u') % len(uids))::INTEGER] END,
  'vi', md5(i::VARCHAR),
  CASE WHEN hash(i, 'c') % 100 < 85 THEN 0 WHEN hash(i, 'c') % 100 < 95 THEN 1 WHEN hash(i, 'c') % 100 < 99 THEN 2 ELSE 3 END
FROM range($n) r(i), places, words;

-- name: scores
INSERT INTO doc_scores
SELECT d.id, 'bench-1',
  CASE hash(d.id, 's') % 3 WHEN 0 THEN 'negative' WHEN 1 THEN 'neutral' ELSE 'positive' END,
  0, [t.ids[1 + (hash(d.id, 'k') % len(t.ids))::INTEGER]], NULL, [], d.locality_uid, d.ingested_at
FROM documents d, (SELECT list(id ORDER BY id) AS ids FROM topics) t;

-- name: alerts
INSERT INTO alerts (id, detector, granularity, topic, label, unit_uid, series_uid, current_uid, unit_level,
  first_seen, last_seen, detected_at, severity, score, p_value, count, expected, neg_share, outlets, top_terms,
  doc_ids, explanation, classification, status, created_at, updated_at)
SELECT 'hs-' || i, 'topic', 'day', t.ids[1 + (i % len(t.ids))::INTEGER], 'Điểm nóng ' || i,
  p.uids[1 + (hash(i, 'u') % len(p.uids))::INTEGER], NULL, NULL, 3,
  $end::TIMESTAMPTZ - INTERVAL 3 DAY, $end::TIMESTAMPTZ - INTERVAL 1 DAY, $end::TIMESTAMPTZ - INTERVAL 1 DAY,
  CASE i % 4 WHEN 0 THEN 'khẩn' WHEN 1 THEN 'cao' WHEN 2 THEN 'trung bình' ELSE 'thấp' END,
  (hash(i, 's') % 100)::DOUBLE, 0.001, 10, 2.5, 0.5, ['outlet-1'], ['giá', 'cà phê'],
  ['b' || (i * 7), 'b' || (i * 7 + 1)], '{}', (i % 3)::TINYINT, 'open',
  $end::TIMESTAMPTZ, $end::TIMESTAMPTZ
FROM range(500) r(i), (SELECT list(id ORDER BY id) AS ids FROM topics) t,
  (SELECT list(uid ORDER BY uid) AS uids FROM units WHERE level = 3 AND valid_to IS NULL) p;
