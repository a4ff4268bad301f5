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
