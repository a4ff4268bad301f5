-- name: list
SELECT s.unit_uid, coalesce(u.name, a.name, s.unit_uid) AS unit_name, a.uid IS NOT NULL AS agency, s.period,
       s.clearance, s.email, s.created_at, s.created_by
FROM briefing_subscriptions s
LEFT JOIN units u ON u.uid = s.unit_uid
LEFT JOIN agencies a ON a.uid = s.unit_uid
WHERE ($period IS NULL OR s.period = $period)
ORDER BY s.period DESC, unit_name, s.unit_uid;

-- name: upsert
INSERT INTO briefing_subscriptions (unit_uid, period, clearance, email, created_at, created_by)
VALUES ($unit_uid, $period, $clearance, $email, $now, $by)
ON CONFLICT (unit_uid, period) DO UPDATE SET clearance = excluded.clearance, email = excluded.email;

-- name: upsert_from_config
INSERT INTO briefing_subscriptions (unit_uid, period, clearance, email, created_at, created_by)
VALUES ($unit_uid, $period, $clearance, $email, $now, $by)
ON CONFLICT (unit_uid, period) DO UPDATE SET clearance = excluded.clearance, email = excluded.email,
  created_by = excluded.created_by;

-- name: from_config
SELECT unit_uid, period FROM briefing_subscriptions WHERE created_by = $by ORDER BY unit_uid, period;

-- name: delete
DELETE FROM briefing_subscriptions WHERE unit_uid = $unit_uid AND period = $period;
