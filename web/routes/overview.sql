-- name: doc_facts
-- One row per visible document (exact duplicates left out) with its latest scores; runs on a scoped connection.
CREATE OR REPLACE TEMP VIEW doc_facts AS
WITH latest AS (
  SELECT doc_id,
         arg_max(sentiment, scored_at) AS sentiment,
         arg_max(sentiment_score, scored_at) AS sentiment_score,
         arg_max(topics, scored_at) AS topics,
         arg_max(locality_uid, scored_at) AS scored_locality
  FROM doc_scores
  GROUP BY doc_id
)
SELECT d.id, d.published_at, d.ingested_at, d.classification, d.import_source,
       coalesce(d.outlet, d.import_source) AS outlet,
       coalesce(d.locality_uid, l.scored_locality) AS locality_uid,
       coalesce(l.sentiment, 'unscored') AS sentiment,
       l.sentiment_score,
       coalesce(l.topics, []::VARCHAR[]) AS topics
FROM documents d LEFT JOIN latest l ON l.doc_id = d.id
WHERE d.duplicate_of IS NULL;

-- name: unit_current
-- Each commune-level unit of either era and the 2025 commune(s) it is part of today.
CREATE OR REPLACE TEMP VIEW unit_current AS
WITH RECURSIVE walk(uid, cur) AS (
  SELECT uid, uid FROM units WHERE level = 3
  UNION
  SELECT w.uid, s.successor_uid FROM walk w JOIN unit_successors s ON s.uid = w.cur
)
SELECT w.uid, w.cur AS current_uid
FROM walk w JOIN units u ON u.uid = w.cur
WHERE u.valid_to IS NULL AND u.level = 3;

-- name: filtered
-- The visible documents in the window, narrowed to a unit (2025 commune or any unit) and a topic.
CREATE OR REPLACE TEMP TABLE facts_in_window AS
SELECT f.* FROM doc_facts f
WHERE f.published_at >= $from AND f.published_at < $to
  AND ($unit IS NULL
       OR f.locality_uid = $unit
       OR f.locality_uid IN (SELECT uid FROM unit_current WHERE current_uid = $unit))
  AND ($topic IS NULL OR list_contains(f.topics, $topic));

-- name: latest_day
SELECT max(published_at) AS latest FROM doc_facts WHERE published_at <= $now;

-- name: totals
SELECT count(*) AS documents,
       count(*) FILTER (WHERE sentiment = 'negative') AS negative,
       count(*) FILTER (WHERE sentiment = 'positive') AS positive,
       count(DISTINCT outlet) AS outlets
FROM facts_in_window;

-- name: series
SELECT strftime(published_at::DATE, '%Y-%m-%d') AS day, sentiment, count(*) AS n
FROM facts_in_window
GROUP BY ALL
ORDER BY day, sentiment;

-- name: topics
SELECT t.id, t.name_vi, t.name_en, count(*) AS n,
       avg(CASE WHEN f.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative_share
FROM (SELECT unnest(topics) AS topic, sentiment FROM facts_in_window) f
JOIN topics t ON t.id = f.topic
GROUP BY ALL
ORDER BY n DESC, t.id;

-- name: units_province
-- Drill-down from the province: one row per 2025 commune/ward, plus documents no commune can be given to.
WITH placed AS (
  SELECT f.id, f.sentiment, c.current_uid
  FROM facts_in_window f LEFT JOIN unit_current c ON c.uid = f.locality_uid
)
SELECT p.current_uid AS uid, u.name, count(DISTINCT p.id) AS n,
       count(DISTINCT p.id) FILTER (WHERE p.sentiment = 'negative') / count(DISTINCT p.id) AS negative_share
FROM placed p LEFT JOIN units u ON u.uid = p.current_uid
GROUP BY ALL
ORDER BY (p.current_uid IS NULL), n DESC, u.name;

-- name: units_within
-- Inside one unit: the units (of either era) the documents name.
SELECT f.locality_uid AS uid, u.name, count(*) AS n,
       avg(CASE WHEN f.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative_share
FROM facts_in_window f LEFT JOIN units u ON u.uid = f.locality_uid
GROUP BY ALL
ORDER BY n DESC, u.name;

-- name: freshness
SELECT import_source AS source, count(*) AS documents, max(published_at) AS latest_published,
       max(ingested_at) AS latest_ingested
FROM doc_facts
GROUP BY import_source
ORDER BY latest_ingested DESC NULLS LAST;

-- name: open_alerts
SELECT id, label, severity, score, topic, unit_uid, current_uid, first_seen, last_seen, count, classification
FROM alerts
WHERE status = 'open'
ORDER BY score DESC, last_seen DESC
LIMIT 10;
