-- name: list
-- The briefings delivered to a recipient's dashboard inbox (deliver-briefing.ts), newest first.
SELECT id, payload->>'briefing_id' AS briefing_id, payload->>'subject' AS subject,
       payload->>'period' AS period, (payload->>'classification')::INTEGER AS classification, created_at, read_at
FROM notifications_outbox
WHERE channel = 'inbox' AND recipient = $recipient AND starts_with(reason, $prefix)
ORDER BY created_at DESC, id
LIMIT $limit;
