-- Reading and writing the alerts table.

-- name: by_ids
SELECT * FROM alerts WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- An alert of an earlier run on the same detector, topic and series whose days touch the new one's.
-- name: overlapping
SELECT * FROM alerts
WHERE detector = $detector AND topic IS NOT DISTINCT FROM $topic AND series_uid IS NOT DISTINCT FROM $series_uid
  AND first_seen <= $last_seen::TIMESTAMPTZ + to_days($gap::INTEGER)
  AND last_seen >= $first_seen::TIMESTAMPTZ - to_days($gap::INTEGER)
  AND id <> $id
ORDER BY first_seen, id
LIMIT 1;

-- name: upsert
INSERT INTO alerts (id, detector, granularity, topic, label, unit_uid, series_uid, current_uid, unit_level, first_seen,
  last_seen, detected_at, severity, score, p_value, count, expected, neg_share, outlets, top_terms, doc_ids,
  explanation, classification, status, created_at, updated_at)
VALUES ($id, $detector, $granularity, $topic, $label, $unit_uid, $series_uid, $current_uid, $unit_level, $first_seen,
  $last_seen, $detected_at, $severity, $score, $p_value, $count, $expected, $neg_share, $outlets, $top_terms,
  $doc_ids, $explanation::JSON, $classification, $status, $created_at, $updated_at)
ON CONFLICT (id) DO UPDATE SET
  granularity = excluded.granularity, topic = excluded.topic, label = excluded.label, unit_uid = excluded.unit_uid,
  current_uid = excluded.current_uid, unit_level = excluded.unit_level, first_seen = excluded.first_seen,
  last_seen = excluded.last_seen, detected_at = excluded.detected_at, severity = excluded.severity,
  score = excluded.score, p_value = excluded.p_value, count = excluded.count, expected = excluded.expected,
  neg_share = excluded.neg_share, outlets = excluded.outlets, top_terms = excluded.top_terms,
  doc_ids = excluded.doc_ids, explanation = excluded.explanation, classification = excluded.classification,
  updated_at = excluded.updated_at;
