-- name: list
SELECT a.* REPLACE (CAST(a.explanation AS VARCHAR) AS explanation),
       tp.name_vi AS topic_name, u.name AS unit_name, c.name AS current_name
FROM alerts a
LEFT JOIN topics tp ON tp.id = a.topic
LEFT JOIN units u ON u.uid = a.unit_uid
LEFT JOIN units c ON c.uid = a.current_uid
WHERE ($status IS NULL OR a.status = $status)
  AND ($severity IS NULL OR a.severity = $severity)
  AND ($topic IS NULL OR a.topic = $topic)
  AND ($unit IS NULL OR a.current_uid = $unit OR a.unit_uid = $unit)
ORDER BY CASE a.severity WHEN 'khẩn' THEN 0 WHEN 'cao' THEN 1 WHEN 'trung bình' THEN 2 ELSE 3 END,
         a.score DESC, a.last_seen DESC
LIMIT $limit;

-- name: one
SELECT a.* REPLACE (CAST(a.explanation AS VARCHAR) AS explanation),
       tp.name_vi AS topic_name, u.name AS unit_name, c.name AS current_name
FROM alerts a
LEFT JOIN topics tp ON tp.id = a.topic
LEFT JOIN units u ON u.uid = a.unit_uid
LEFT JOIN units c ON c.uid = a.current_uid
WHERE a.id = $id;

-- name: evidence
SELECT id, title, outlet, url, published_at, classification, left(text, 280) AS snippet
FROM documents
WHERE id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY published_at, id;

-- name: case_of_alert
SELECT * FROM cases WHERE alert_id = $id;

-- name: case_events
SELECT occurred_at, actor, action, from_status, to_status, note
FROM case_events WHERE case_id = $id ORDER BY occurred_at, id;

-- name: area_reports
-- Collaborators' reports about the alert's area (their locality, which is their unit when they name none) in the
-- months the alert spans and the month before: on its topic, named by the collaborator or found by the NLP, or, for a
-- watch topic's alert, answering that watch topic's question. The latest first; `total` counts them all.
SELECT r.id, r.period, coalesce(l.name, r.locality_text, r.unit_text) AS unit_name, r.summary, r.mood,
  r.classification, a.answer, count(*) OVER ()::INTEGER AS total
FROM reports r
LEFT JOIN units l ON l.uid = r.locality_uid
LEFT JOIN report_scores s ON s.report_id = r.id AND s.model_version = $version
LEFT JOIN report_watch_answers a ON a.report_id = r.id AND a.watch_topic_id = $watch
WHERE list_contains($area::VARCHAR[], r.locality_uid)
  AND r.period BETWEEN $from AND $to
  AND CASE WHEN $watch::VARCHAR IS NULL
        THEN list_contains(r.topics, $topic) OR coalesce(list_contains(s.topics, $topic), false)
        ELSE a.answer IS NOT NULL END
ORDER BY r.period DESC, r.submitted_at DESC NULLS LAST, r.id
LIMIT $limit;
