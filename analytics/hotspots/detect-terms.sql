-- The terms detector: syllable bigrams of each document's title and opening, their stories per day, and bursts
-- against each bigram's own trailing history. Runs on hs_docs staged by count-series.sql.

-- name: day_volume
SELECT day, count(*)::INTEGER AS n FROM hs_docs GROUP BY day ORDER BY day;

-- Stories per day carrying each topic: a season lifts every phrase of its topic.
-- name: topic_volume
SELECT day, topic, count(DISTINCT story)::INTEGER AS n
FROM (SELECT day, story, unnest(topics) AS topic FROM hs_docs)
GROUP BY day, topic;

-- Punctuation becomes a '|' token so bigrams never span a phrase break.
-- One document per story and day (copies share their text), tokenised.
-- name: term_docs
CREATE OR REPLACE TEMP TABLE hs_term_docs AS
WITH texts AS (
  SELECT x.id, coalesce(x.title, '') || ' . ' || left(x.text, $chars) AS body
  FROM documents x
  WHERE x.published_at >= to_timestamp($day_from * 86400 - 25200)
    AND x.published_at < to_timestamp(($day_to + 1) * 86400 - 25200)
    AND (x.published_at >= to_timestamp($test_from * 86400 - 25200) OR hash(x.id) % 10000 < $sample_per_10000)
)
SELECT d.id, d.day, d.story,
  list_filter(string_split(replace(translate(lower(t.body), $breaks, $bars), '|', ' | '), ' '), s -> s <> '')
    AS tokens
FROM texts t
JOIN hs_docs d ON d.id = t.id
QUALIFY row_number() OVER (PARTITION BY d.story, d.day ORDER BY d.id) = 1;

-- Bigram occurrences per day (a phrase repeated inside one text counts each time: cheaper than distinct, and
-- the clusters built from the bursts count documents exactly).
-- name: term_counts
CREATE OR REPLACE TEMP TABLE hs_term_counts AS
SELECT term, day, count(*)::INTEGER AS docs
FROM (
  SELECT day,
    unnest([tokens[i] || ' ' || tokens[i + 1] FOR i IN range(1, len(tokens))
      IF tokens[i] <> '|' AND tokens[i + 1] <> '|']) AS term
  FROM hs_term_docs
)
GROUP BY term, day;

-- name: terms_per_day
SELECT day, count(*)::INTEGER AS n FROM hs_term_counts GROUP BY day;

-- Bigrams with at least $min_docs stories on a tested day, with their stories over the 28 days before.
-- name: term_bursts
WITH candidates AS (
  SELECT DISTINCT term FROM hs_term_counts WHERE day >= $test_from AND docs >= $min_docs
),
history AS (
  SELECT c.term, c.day, c.docs,
    coalesce(sum(c.docs) OVER (PARTITION BY c.term ORDER BY c.day RANGE BETWEEN 28 PRECEDING AND 1 PRECEDING), 0)
      ::INTEGER AS past
  FROM hs_term_counts c
  SEMI JOIN candidates USING (term)
)
SELECT term, day, docs, past FROM history
WHERE day >= $test_from AND docs >= $min_docs
ORDER BY day, term;

-- name: burst_table
CREATE OR REPLACE TEMP TABLE hs_term_bursts (term VARCHAR NOT NULL, day INTEGER NOT NULL);

-- name: burst_docs
WITH grams AS (
  SELECT id, day,
    unnest(list_distinct([tokens[i] || ' ' || tokens[i + 1] FOR i IN range(1, len(tokens))
      IF tokens[i] <> '|' AND tokens[i + 1] <> '|'])) AS term
  FROM hs_term_docs
  WHERE day IN (SELECT DISTINCT day FROM hs_term_bursts)
)
SELECT g.term, g.day, list(g.id ORDER BY g.id) AS ids
FROM grams g
JOIN hs_term_bursts b ON b.term = g.term AND b.day = g.day
GROUP BY g.term, g.day
ORDER BY g.day, g.term;

-- Copies of one story carried by unusually many outlets in a day (a text pasted across pages and groups).
-- name: story_bursts
WITH per_story AS (
  SELECT story, day, count(DISTINCT outlet)::INTEGER AS outlets
  FROM hs_docs
  WHERE day BETWEEN $test_from AND $day_to
  GROUP BY story, day
),
usual AS (
  SELECT coalesce(quantile_cont(outlets, 0.995), 0) AS p995 FROM per_story
),
bursts AS (
  SELECT p.story, p.day, p.outlets, usual.p995 AS usual FROM per_story p, usual
  WHERE p.outlets >= $min_outlets AND p.outlets > usual.p995 + 1
)
SELECT b.day, b.outlets, b.usual, list(d.id ORDER BY d.published_at, d.id) AS ids
FROM bursts b
JOIN hs_docs d ON d.story = b.story AND d.day = b.day
GROUP BY b.day, b.outlets, b.usual, b.story
ORDER BY b.day, b.outlets DESC;

-- name: ids_table
CREATE OR REPLACE TEMP TABLE hs_term_ids (id VARCHAR NOT NULL);

-- The documents of the clusters with their copies (same story, same day); `key` is the clustered document.
-- name: id_docs
SELECT c.id AS key, d.id, d.outlet, epoch_ms(d.published_at) AS ms, d.hour, d.day, d.story::VARCHAR AS story,
  d.negative, d.locality_uid, d.topics, d.classification
FROM hs_term_ids i
JOIN hs_docs c ON c.id = i.id
JOIN hs_docs d ON d.story = c.story AND d.day = c.day
ORDER BY d.published_at, d.id;

-- name: drop
DROP TABLE IF EXISTS hs_term_docs;
DROP TABLE IF EXISTS hs_term_counts;
DROP TABLE IF EXISTS hs_term_bursts;
DROP TABLE IF EXISTS hs_term_ids;
