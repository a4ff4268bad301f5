-- Synthetic scored documents for the hot-spot benchmark: $n documents spread over $days local days from $start,
-- located at the communes (both eras), districts or nowhere, one or two topics each, 400 outlets; plus 20 injected
-- events of 60 negative documents each (a new phrase, 12 outlets, two days) so that alerts are built too.
-- Parameters: $n, $days, $start (epoch seconds), $prefix.

-- name: generate
CREATE OR REPLACE TEMP TABLE bench_gen AS
WITH
  places AS (SELECT list(uid ORDER BY level DESC, uid) AS uids FROM units WHERE level >= 2),
  topics AS (SELECT list(id ORDER BY id) AS ids FROM topics),
  vocab AS (
    SELECT string_split('giá cà phê tăng mạnh người dân bức xúc đường sá xuống cấp nước sinh hoạt thiếu hụt '
      || 'đất đai bồi thường giải phóng mặt bằng dự án chậm tiến độ trường học bệnh viện quá tải cán bộ '
      || 'xã huyện tỉnh hội nghị triển khai kế hoạch năm học mới mưa lũ sạt lở tuyến đường an ninh trật tự '
      || 'lễ hội văn hóa nông sản sầu riêng hồ tiêu thu hoạch mùa vụ chăn nuôi dịch bệnh tiêm chủng', ' ') AS words
  ),
  rows AS (
    SELECT
      i,
      (hash(i, 'u') % 1000000) / 1000000.0 AS u_place,
      (hash(i, 't') % 1000000) / 1000000.0 AS u_time,
      (hash(i, 'o') % 400)::BIGINT AS outlet_no,
      (hash(i, 'k') % 15)::BIGINT AS topic_a,
      (hash(i, 'l') % 15)::BIGINT AS topic_b,
      (hash(i, 's') % 10)::BIGINT AS tone,
      (hash(i, 'w') >> 1)::BIGINT AS words_seed
    FROM range($n) r(i)
  )
SELECT
  $prefix || i AS id,
  'outlet-' || outlet_no AS outlet,
  to_timestamp($start + floor(u_time * $days * 86400)) AS published_at,
  CASE WHEN u_place < 0.08 THEN NULL
       ELSE places.uids[1 + floor(len(places.uids) * pow((u_place - 0.08) / 0.92, 2))::BIGINT] END AS locality_uid,
  CASE WHEN (hash(i, 'm') % 3)::BIGINT = 0 THEN [topics.ids[1 + topic_a], topics.ids[1 + topic_b]]
       ELSE [topics.ids[1 + topic_a]] END AS topics,
  CASE WHEN tone < 3 THEN 'negative' WHEN tone < 8 THEN 'neutral' ELSE 'positive' END AS sentiment,
  list_aggregate([vocab.words[1 + ((words_seed >> (4 * j)) % len(vocab.words))::BIGINT] FOR j IN range(12)], 'string_agg', ' ')
    AS text
FROM rows, places, topics, vocab;

-- name: events
INSERT INTO bench_gen
WITH
  communes AS (SELECT list(uid ORDER BY uid) AS uids FROM units WHERE level = 3 AND uid LIKE '%/2025'),
  topics AS (SELECT list(id ORDER BY id) AS ids FROM topics)
SELECT
  $prefix || 'event-' || e || '-' || k AS id,
  'event-outlet-' || (k % 12) AS outlet,
  to_timestamp($start + (20 + e * 8) * 86400 + k * 2400) AS published_at,
  communes.uids[1 + e * 5] AS locality_uid,
  [topics.ids[1 + e % len(topics.ids)]] AS topics,
  'negative' AS sentiment,
  'người dân bức xúc vì sự cố lạ số ' || e || ' gây thiệt hại nặng nề, bài ' || k AS text
FROM range(20) a(e), range(60) b(k), communes, topics;

-- name: insert_documents
INSERT INTO documents (id, import_source, outlet, kind, title, text, published_at, ingested_at, locality_uid,
  content_hash, classification)
SELECT id, 'bench', outlet, 'news', NULL, text, published_at, published_at, locality_uid, md5(id), 0
FROM bench_gen;

-- name: insert_scores
INSERT INTO doc_scores (doc_id, model_version, sentiment, sentiment_score, topics, places, locality_uid, scored_at)
SELECT id, 'bench', sentiment, CASE sentiment WHEN 'negative' THEN -0.6 WHEN 'positive' THEN 0.6 ELSE 0 END,
  topics, [], locality_uid, published_at
FROM bench_gen;

-- name: drop
DROP TABLE bench_gen;
