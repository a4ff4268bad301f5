-- Counting for the topic detector: the documents that count, their stories, and stories per topic × series × day.

-- name: unit_map
CREATE OR REPLACE TEMP TABLE hs_unit_map (
  locality_uid VARCHAR NOT NULL, series_uid VARCHAR NOT NULL, level TINYINT NOT NULL, named_uid VARCHAR NOT NULL,
  series_no BIGINT NOT NULL
);

-- name: score_versions
SELECT count(DISTINCT model_version)::INTEGER AS n FROM doc_scores;

-- name: scores_single
CREATE OR REPLACE TEMP VIEW hs_scores AS
SELECT doc_id, sentiment, topics, locality_uid FROM doc_scores;

-- name: scores_latest
CREATE OR REPLACE TEMP VIEW hs_scores AS
SELECT doc_id, arg_max(sentiment, scored_at) AS sentiment, arg_max(topics, scored_at) AS topics,
  arg_max(locality_uid, scored_at) AS locality_uid
FROM doc_scores
GROUP BY doc_id;

-- A document's story is the content hash of the document it nearly duplicates, else its own content hash, so
-- exact copies and syndicated near copies of one story count once however many outlets carry them. Day and hour
-- numbers are local (UTC+7) since the epoch. Only near duplicates' originals are joined, which keeps it cheap.
-- name: docs
CREATE OR REPLACE TEMP TABLE hs_docs AS
WITH originals AS (
  SELECT id, content_hash FROM documents
  WHERE id IN (SELECT near_duplicate_of FROM documents WHERE near_duplicate_of IS NOT NULL)
    OR id IN (SELECT duplicate_of FROM documents WHERE duplicate_of IS NOT NULL)
)
SELECT
  d.id,
  coalesce(nullif(trim(d.outlet), ''), '(không rõ nguồn)') AS outlet,
  d.published_at,
  floor((epoch(d.published_at) + 25200) / 86400)::INTEGER AS day,
  floor((epoch(d.published_at) + 25200) / 3600)::INTEGER AS hour,
  coalesce(s.sentiment = 'negative', false) AS negative,
  coalesce(s.topics, []) AS topics,
  coalesce(s.locality_uid, d.locality_uid) AS locality_uid,
  hash(coalesce(r.content_hash, d.content_hash)) AS story,
  d.near_duplicate_of IS NOT NULL OR d.duplicate_of IS NOT NULL OR o.id IS NOT NULL AS copied,
  d.classification
FROM documents d
JOIN hs_scores s ON s.doc_id = d.id
LEFT JOIN originals r ON r.id = d.near_duplicate_of
LEFT JOIN originals o ON o.id = d.id
WHERE d.published_at >= $from AND d.published_at < $to
  AND d.published_at >= TIMESTAMPTZ '2000-01-01 00:00:00+07';

-- Documents left out of every count, for the run's warnings (one pass over documents).
-- name: skipped
SELECT
  count(*) FILTER (published_at IS NULL)::INTEGER AS no_date,
  count(*) FILTER (published_at < TIMESTAMPTZ '2000-01-01 00:00:00+07')::INTEGER AS too_old,
  count(*) FILTER (published_at >= $future)::INTEGER AS future,
  count(*) FILTER (published_at >= $from AND published_at < $to
    AND published_at >= TIMESTAMPTZ '2000-01-01 00:00:00+07')::INTEGER AS in_window
FROM documents;

-- name: unlocated
SELECT count(*) FILTER (m.locality_uid IS NULL)::INTEGER AS unlocated, count(*)::INTEGER AS counted
FROM hs_docs d
LEFT JOIN (SELECT DISTINCT locality_uid FROM hs_unit_map) m ON m.locality_uid = d.locality_uid;

-- name: first_day
SELECT min(day) AS first_day FROM hs_docs;

-- One row per story and place, on the day its first copy appeared: the outlet that carried it first is its
-- origin, and copies in the days after (a syndicated story reposted after midnight) do not count again. Copies
-- more than two days after the one before start the story anew. Only documents that have copies (or are one)
-- need grouping; the rest are their own story.
-- name: stories
CREATE OR REPLACE TEMP TABLE hs_stories AS
SELECT story, day, locality_uid, outlet AS origin, negative, topics
FROM hs_docs
WHERE NOT copied AND locality_uid IN (SELECT locality_uid FROM hs_unit_map)
UNION ALL
SELECT story, min(day) AS day, locality_uid, arg_min(outlet, published_at) AS origin,
  bool_or(negative) AS negative, arg_min(topics, published_at) AS topics
FROM (
  SELECT *, sum(CASE WHEN day - previous_day > 2 THEN 1 ELSE 0 END)
    OVER (PARTITION BY story, locality_uid ORDER BY published_at, id) AS episode
  FROM (
    SELECT story, day, locality_uid, outlet, negative, topics, published_at, id,
      lag(day) OVER (PARTITION BY story, locality_uid ORDER BY published_at, id) AS previous_day
    FROM hs_docs
    WHERE copied AND locality_uid IN (SELECT locality_uid FROM hs_unit_map)
  )
)
GROUP BY story, locality_uid, episode;

-- Stories per topic × series × day, as one 'day,capped,top_capped,origins,stories,neg;…' string per series (reading
-- these strings is several times faster than row objects). One outlet's stories (and negative stories) count at
-- most its level's cap. Topic, series, day and outlet are packed into one BIGINT group key (topic number < 512,
-- series number < 1024, day − $start_day < 65536, 28 bits of the outlet's hash), about a third faster than
-- grouping on the strings.
-- name: daily
WITH per_origin AS (
  SELECT
    ((list_position($topics, t.topic)::BIGINT * 1024 + m.series_no) * 65536 + (t.day - $start_day)) * 268435456
      + (hash(t.origin) % 268435456)::BIGINT AS k,
    any_value(m.level) AS level, count(*) AS n, count(*) FILTER (t.negative) AS neg
  FROM (SELECT day, negative, origin, locality_uid, unnest(topics) AS topic FROM hs_stories) t
  JOIN hs_unit_map m USING (locality_uid)
  WHERE list_position($topics, t.topic) IS NOT NULL
  GROUP BY k
),
per_day AS (
  SELECT k // 268435456 AS g, any_value(level) AS level, sum(n) AS stories, count(*) AS origins,
    sum(least(neg, CASE level WHEN 1 THEN $cap1 WHEN 2 THEN $cap2 ELSE $cap3 END)) AS neg,
    sum(least(n, CASE level WHEN 1 THEN $cap1 WHEN 2 THEN $cap2 ELSE $cap3 END)) AS capped,
    max(least(n, CASE level WHEN 1 THEN $cap1 WHEN 2 THEN $cap2 ELSE $cap3 END)) AS top_capped
  FROM per_origin
  GROUP BY g
)
SELECT (g // 65536 // 1024)::INTEGER AS topic_no, (g // 65536 % 1024)::INTEGER AS series_no,
  string_agg(concat_ws(',', g % 65536 + $start_day, capped, top_capped, origins, stories, neg), ';') AS cells
FROM per_day
GROUP BY g // 65536;

-- Documents per local hour, in all (topic NULL) and per topic: the volume baselines are scaled by.
-- name: hourly_volume
SELECT NULL AS topic, string_agg(hour || ',' || n, ';') AS cells
FROM (SELECT hour, count(*) AS n FROM hs_docs GROUP BY hour)
UNION ALL
SELECT topic, string_agg(hour || ',' || n, ';') AS cells
FROM (SELECT hour, topic, count(*) AS n FROM (SELECT hour, unnest(topics) AS topic FROM hs_docs) GROUP BY ALL)
GROUP BY topic;

-- name: watch_tag
UPDATE hs_docs SET topics = list_append(topics, $topic)
WHERE id IN (SELECT id FROM documents WHERE published_at >= $from AND published_at < $to AND (%PREDICATE%));

-- name: candidates_table
CREATE OR REPLACE TEMP TABLE hs_candidates (
  key INTEGER NOT NULL, topic VARCHAR NOT NULL, series_uid VARCHAR NOT NULL, day INTEGER NOT NULL
);

-- Every document of each candidate (topic, series, day), for windows finer than a day and for alerts.
-- name: candidate_docs
WITH places AS (
  SELECT c.key, c.topic, c.day, m.locality_uid, m.named_uid
  FROM hs_candidates c
  JOIN hs_unit_map m ON m.series_uid = c.series_uid
)
SELECT p.key, d.id, d.outlet, epoch_ms(d.published_at) AS ms, d.hour, d.day, d.story::VARCHAR AS story, d.negative,
  p.named_uid, d.classification, d.topics
FROM places p
JOIN hs_docs d ON d.locality_uid = p.locality_uid AND d.day = p.day
WHERE list_contains(d.topics, p.topic)
ORDER BY p.key, d.published_at, d.id;

-- name: drop
DROP TABLE IF EXISTS hs_candidates;
DROP TABLE IF EXISTS hs_stories;
DROP TABLE IF EXISTS hs_docs;
DROP VIEW IF EXISTS hs_scores;
DROP TABLE IF EXISTS hs_unit_map;
