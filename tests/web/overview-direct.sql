-- The overview as it was counted before the daily counts (data/daily-counts.ts): straight from the documents
-- and their scores. Kept as the reference the counted overview must equal (tests/web/daily-counts.test.ts).

-- name: latest_day
SELECT max(published_at) AS latest FROM documents WHERE published_at <= $now AND duplicate_of IS NULL;

-- name: overview
-- Everything the overview shows for one window, unit and topic, in one statement on a scoped connection.
-- Documents are counted once (exact duplicates left out) with their latest scores; a document is placed
-- in the 2025 commune(s) its own commune became, or counted as not placed when it names a larger unit.
WITH RECURSIVE walk(uid, cur) AS (
  SELECT uid, uid FROM units WHERE level = 3
  UNION
  SELECT w.uid, s.successor_uid FROM walk w JOIN unit_successors s ON s.uid = w.cur
),
unit_current AS (
  SELECT w.uid, w.cur AS current_uid
  FROM walk w JOIN units u ON u.uid = w.cur
  WHERE u.valid_to IS NULL AND u.level = 3
),
docs AS (
  SELECT id, published_at, coalesce(outlet, import_source) AS outlet, locality_uid
  FROM documents
  WHERE duplicate_of IS NULL AND published_at >= $from AND published_at < $to
),
latest AS (
  SELECT doc_id, arg_max(sentiment, scored_at) AS sentiment, arg_max(topics, scored_at) AS topics,
         arg_max(locality_uid, scored_at) AS scored_locality
  FROM doc_scores
  WHERE doc_id IN (SELECT id FROM docs)
  GROUP BY doc_id
),
facts AS (
  SELECT d.id, d.published_at, d.outlet, coalesce(d.locality_uid, l.scored_locality) AS locality_uid,
         coalesce(l.sentiment, 'unscored') AS sentiment, coalesce(l.topics, []::VARCHAR[]) AS topics
  FROM docs d LEFT JOIN latest l ON l.doc_id = d.id
),
f AS (
  SELECT * FROM facts
  WHERE ($unit IS NULL OR locality_uid = $unit
         OR locality_uid IN (SELECT uid FROM unit_current WHERE current_uid = $unit))
    AND ($topic IS NULL OR list_contains(topics, $topic))
),
series AS (
  SELECT strftime(published_at::DATE, '%Y-%m-%d') AS day, sentiment, count(*) AS n FROM f GROUP BY ALL
),
topic_rows AS (
  SELECT t.id, t.name_vi, t.name_en, count(*) AS n,
         avg(CASE WHEN x.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative_share
  FROM (SELECT unnest(topics) AS topic, sentiment FROM f) x JOIN topics t ON t.id = x.topic
  GROUP BY ALL
),
placed AS (
  SELECT f.id, f.sentiment, c.current_uid FROM f LEFT JOIN unit_current c ON c.uid = f.locality_uid
),
province_rows AS (
  SELECT p.current_uid AS uid, any_value(u.name) AS name, count(DISTINCT p.id) AS n,
         count(DISTINCT p.id) FILTER (WHERE p.sentiment = 'negative') / count(DISTINCT p.id) AS negative_share
  FROM placed p LEFT JOIN units u ON u.uid = p.current_uid
  GROUP BY p.current_uid
),
within_rows AS (
  SELECT f.locality_uid AS uid, any_value(u.name) AS name, count(*) AS n,
         avg(CASE WHEN f.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative_share
  FROM f LEFT JOIN units u ON u.uid = f.locality_uid
  GROUP BY f.locality_uid
)
SELECT
  (SELECT {'documents': count(*),
           'negative': count(*) FILTER (WHERE sentiment = 'negative'),
           'positive': count(*) FILTER (WHERE sentiment = 'positive'),
           'outlets': count(DISTINCT outlet)} FROM f) AS totals,
  (SELECT coalesce(list({'day': day, 'sentiment': sentiment, 'n': n} ORDER BY day, sentiment), [])
   FROM series) AS series,
  (SELECT coalesce(list({'id': id, 'name_vi': name_vi, 'name_en': name_en, 'n': n, 'negative_share': negative_share}
                        ORDER BY n DESC, id), [])
   FROM topic_rows) AS topics,
  CASE WHEN $unit IS NULL
    THEN (SELECT coalesce(list({'uid': uid, 'name': name, 'n': n, 'negative_share': negative_share}
                               ORDER BY uid IS NULL, n DESC, name), []) FROM province_rows)
    ELSE (SELECT coalesce(list({'uid': uid, 'name': name, 'n': n, 'negative_share': negative_share}
                               ORDER BY n DESC, name), []) FROM within_rows)
  END AS units;

-- name: freshness
SELECT import_source AS source, count(*) AS documents, max(published_at) AS latest_published,
       max(ingested_at) AS latest_ingested
FROM documents
WHERE duplicate_of IS NULL
GROUP BY import_source
ORDER BY latest_ingested DESC NULLS LAST, source;

