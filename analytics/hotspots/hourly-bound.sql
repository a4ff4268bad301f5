-- Documents (and negative documents) per topic × series × local hour from $from_day on, the counts behind the
-- hourly pre-filter (hourly-bound.ts): one 'hour,documents,negative;…' string per series, hours numbered from
-- $start_day and in order, grouped on one packed key like `daily`'s (topic number < 512, series number < 1024,
-- hour < 2^24).
-- name: series_hours
SELECT $topics[p.k // 1024] AS topic, u.series_uid, p.cells
FROM (
  SELECT k // 16777216 AS k, string_agg(concat_ws(',', k % 16777216, n, neg), ';' ORDER BY k) AS cells
  FROM (
    SELECT (list_position($topics, x.topic)::BIGINT * 1024 + m.series_no) * 16777216 + x.hour - $start_day * 24 AS k,
      count(*) AS n, count(*) FILTER (x.negative) AS neg
    FROM (SELECT hour, negative, locality_uid, unnest(topics) AS topic FROM hs_docs WHERE day >= $from_day) x
    JOIN hs_unit_map m USING (locality_uid)
    WHERE list_position($topics, x.topic) IS NOT NULL
    GROUP BY k
  )
  GROUP BY k // 16777216
) p
JOIN (SELECT DISTINCT series_no, series_uid FROM hs_unit_map) u ON u.series_no = p.k % 1024;
