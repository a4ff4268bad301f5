-- Statements of the daily document counts (data/daily-counts.ts). {documents} and {doc_scores} stand for every
-- row of those tables across the storage tiers (data/storage.ts); a day of DATE '0001-01-01' stands for
-- documents without a date. Exact duplicates are not counted, as the overview never counted them.

-- name: stage
-- For each day (of $days, or every day when $all): its documents and a signature of every column the counts
-- depend on, of the documents and all their scores.
CREATE OR REPLACE TEMP TABLE daily_counts_stage AS
WITH docs AS (
  SELECT id, coalesce(DATE '1970-01-01' + ((epoch_ms(published_at) + 25200000) // 86400000)::INTEGER, DATE '0001-01-01') AS day,
         hash(id, published_at, classification, outlet, import_source, locality_uid, ingested_at, duplicate_of) AS h
  FROM {documents}
),
picked AS (
  SELECT * FROM docs WHERE $all OR day IN (SELECT unnest($days::DATE[]))
),
scores AS (
  SELECT doc_id, bit_xor(hash(model_version, sentiment, topics, locality_uid, scored_at)) AS h
  FROM {doc_scores}
  WHERE doc_id IN (SELECT id FROM picked)
  GROUP BY doc_id
)
SELECT p.day, count(*) AS documents, bit_xor(hash(p.h, s.h)) AS signature
FROM picked p LEFT JOIN scores s ON s.doc_id = p.id
GROUP BY p.day;

-- name: changed_days
-- Days (of $days, or all when $all) whose documents or scores differ from what their counts were made from.
SELECT list(strftime(day, '%Y-%m-%d') ORDER BY day) AS days
FROM (SELECT day, documents, signature FROM daily_counts_stage) c
FULL JOIN daily_counts_days r USING (day)
WHERE ($all OR day IN (SELECT unnest($days::DATE[])))
  AND (c.signature IS DISTINCT FROM r.signature OR c.documents IS DISTINCT FROM r.documents);

-- name: day_sizes
-- The documents of each of $days, duplicates included, as staged: what one count statement reads.
SELECT strftime(day, '%Y-%m-%d') AS day, documents
FROM daily_counts_stage
WHERE day IN (SELECT unnest($days::DATE[]));

-- name: days_of
SELECT list(DISTINCT strftime(coalesce(DATE '1970-01-01' + ((epoch_ms(published_at) + 25200000) // 86400000)::INTEGER, DATE '0001-01-01'), '%Y-%m-%d')) AS days
FROM {documents}
WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: delete_counts
DELETE FROM daily_counts WHERE coalesce(day, DATE '0001-01-01') IN (SELECT unnest($days::DATE[]));

-- name: delete_days
DELETE FROM daily_counts_days WHERE day IN (SELECT unnest($days::DATE[]));

-- name: count_days
-- The counts of $days. A document is placed at its own locality, else at its latest score's; the access
-- columns follow the rule of data/access.ts for documents: its own locality, else any locality a score
-- found, or any topic of any score.
INSERT INTO daily_counts
WITH docs AS (
  SELECT id, published_at, DATE '1970-01-01' + ((epoch_ms(published_at) + 25200000) // 86400000)::INTEGER AS day, classification, import_source,
         coalesce(outlet, import_source) AS outlet, locality_uid, ingested_at
  FROM {documents}
  WHERE duplicate_of IS NULL AND coalesce(DATE '1970-01-01' + ((epoch_ms(published_at) + 25200000) // 86400000)::INTEGER, DATE '0001-01-01') IN (SELECT unnest($days::DATE[]))
),
scores AS (
  SELECT doc_id,
         arg_max(sentiment, scored_at) AS sentiment,
         arg_max(topics, scored_at) AS topics,
         arg_max(locality_uid, scored_at) AS locality_uid,
         list_sort(list_distinct(list(locality_uid))) AS localities,
         list_sort(list_distinct(flatten(list(topics)))) AS all_topics
  FROM {doc_scores}
  WHERE doc_id IN (SELECT id FROM docs)
  GROUP BY doc_id
)
SELECT d.day, d.classification, d.import_source,
       coalesce(d.locality_uid, s.locality_uid) AS locality_uid,
       coalesce(s.sentiment, 'unscored') AS sentiment,
       coalesce(s.topics, []::VARCHAR[]) AS topics,
       CASE WHEN d.locality_uid IS NOT NULL THEN [d.locality_uid] ELSE coalesce(s.localities, []::VARCHAR[]) END
         AS scope_localities,
       coalesce(s.all_topics, []::VARCHAR[]) AS scope_topics,
       list_sort(list_distinct(list(d.outlet))) AS outlets,
       count(*) AS documents,
       min(d.published_at) AS first_published,
       max(d.published_at) AS last_published,
       max(d.ingested_at) AS last_ingested
FROM docs d LEFT JOIN scores s ON s.doc_id = d.id
GROUP BY ALL
ORDER BY d.day;

-- name: record_days
INSERT INTO daily_counts_days
SELECT day, documents, signature FROM daily_counts_stage WHERE day IN (SELECT unnest($days::DATE[]));

-- name: drop_stage
DROP TABLE IF EXISTS daily_counts_stage;

-- name: bump
UPDATE daily_counts_state SET version = version + 1;

-- name: version
SELECT version FROM daily_counts_state;
