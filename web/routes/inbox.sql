-- name: inbox
-- Cases the user may see (their alert is in the user's area or topics), open ones first, by deadline.
SELECT c.*, a.label, u.name AS unit_name
FROM cases c
JOIN alerts a ON a.id = c.alert_id
LEFT JOIN units u ON u.uid = coalesce(a.current_uid, a.unit_uid)
WHERE ($status IS NULL OR c.status = $status)
ORDER BY CASE WHEN c.status IN ('received', 'verifying') THEN 0 WHEN c.status = 'resolved' THEN 1 ELSE 2 END,
         c.deadline, c.id
LIMIT 500;
