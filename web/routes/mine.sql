-- name: own_reports
-- The reports the contributor submitted (the scoped connection keeps only theirs), newest first, with the
-- sentiment the NLP gave the latest time it scored each.
SELECT r.id, r.period, r.organisation, r.unit_uid, coalesce(u.name, r.unit_text) AS unit_name, r.topics,
  r.summary, r.mood, r.proposals, r.submitted_at, r.classification, s.sentiment, s.sentiment_score
FROM reports r
LEFT JOIN units u ON u.uid = r.unit_uid
LEFT JOIN (
  SELECT report_id, arg_max(sentiment, scored_at) AS sentiment, arg_max(sentiment_score, scored_at) AS sentiment_score
  FROM report_scores GROUP BY report_id
) s ON s.report_id = r.id
ORDER BY r.submitted_at DESC NULLS LAST, r.id
LIMIT 500;

-- name: unit_choices
-- Units a contributor may report for: their own unit or agency, and the current units of its area.
SELECT uid, name FROM (
  SELECT uid, name, 0 AS level FROM agencies WHERE uid = $unit
  UNION ALL
  SELECT uid, name, level FROM units
  WHERE uid IN (SELECT unnest(CAST($area::JSON AS VARCHAR[]))) AND (valid_to IS NULL OR uid = $unit)
)
ORDER BY uid <> $unit, level, name;

-- name: topic_choices
SELECT id, CASE WHEN $lang = 'en' THEN name_en ELSE name_vi END AS name FROM topics ORDER BY id;
