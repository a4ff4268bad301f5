-- name: latest_day
-- The day of the latest document published by $now: the last day with a document at or before $now.
SELECT strftime(max(day), '%Y-%m-%d') AS day FROM daily_counts WHERE first_published <= $now;

-- name: overview
-- Everything the overview shows for one window ($from, $to: local days, $to excluded), unit and topic, in one
-- statement on a scoped connection, from the daily counts (data/daily-counts.ts): documents counted once (exact
-- duplicates left out) with their latest scores; a document is placed in the 2025 commune(s) its own commune
-- became, or counted as not placed when it names a larger unit.
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
f AS (
  SELECT day, locality_uid, sentiment, topics, outlets, documents AS n
  FROM daily_counts
  WHERE day >= $from::DATE AND day < $to::DATE
    AND ($unit IS NULL OR locality_uid = $unit
         OR locality_uid IN (SELECT uid FROM unit_current WHERE current_uid = $unit))
    AND ($topic IS NULL OR list_contains(topics, $topic))
),
series AS (
  SELECT strftime(day, '%Y-%m-%d') AS day, sentiment, sum(n)::BIGINT AS n FROM f GROUP BY ALL
),
topic_rows AS (
  SELECT t.id, t.name_vi, t.name_en, sum(x.n)::BIGINT AS n,
         coalesce(sum(x.n) FILTER (WHERE x.sentiment = 'negative'), 0) / sum(x.n) AS negative_share
  FROM (SELECT unnest(topics) AS topic, sentiment, n FROM f) x JOIN topics t ON t.id = x.topic
  GROUP BY ALL
),
by_place AS (
  SELECT locality_uid, sum(n) AS n, sum(n) FILTER (WHERE sentiment = 'negative') AS negative
  FROM f GROUP BY locality_uid
),
province_rows AS (
  SELECT c.current_uid AS uid, any_value(u.name) AS name, sum(p.n)::BIGINT AS n,
         coalesce(sum(p.negative), 0) / sum(p.n) AS negative_share
  FROM by_place p LEFT JOIN unit_current c ON c.uid = p.locality_uid LEFT JOIN units u ON u.uid = c.current_uid
  GROUP BY c.current_uid
),
within_rows AS (
  SELECT p.locality_uid AS uid, any_value(u.name) AS name, sum(p.n)::BIGINT AS n,
         coalesce(sum(p.negative), 0) / sum(p.n) AS negative_share
  FROM by_place p LEFT JOIN units u ON u.uid = p.locality_uid
  GROUP BY p.locality_uid
)
SELECT
  (SELECT {'documents': coalesce(sum(n), 0)::BIGINT,
           'negative': coalesce(sum(n) FILTER (WHERE sentiment = 'negative'), 0)::BIGINT,
           'positive': coalesce(sum(n) FILTER (WHERE sentiment = 'positive'), 0)::BIGINT,
           'outlets': (SELECT count(DISTINCT o) FROM (SELECT unnest(outlets) AS o FROM f))} FROM f) AS totals,
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
SELECT import_source AS source, sum(documents)::BIGINT AS documents, max(last_published) AS latest_published,
       max(last_ingested) AS latest_ingested
FROM daily_counts
GROUP BY import_source
ORDER BY latest_ingested DESC NULLS LAST, source;

-- name: open_alerts
SELECT id, label, severity, score, topic, unit_uid, current_uid, first_seen, last_seen, count, classification
FROM alerts
WHERE status = 'open'
ORDER BY score DESC, last_seen DESC
LIMIT 10;
