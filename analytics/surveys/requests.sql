-- Statements of the survey requests and the year's plan (analytics/surveys/requests.ts).

-- name: check_references
SELECT
  EXISTS (SELECT 1 FROM units WHERE uid = $requester UNION ALL SELECT 1 FROM agencies WHERE uid = $requester)
    AS requester,
  $locality::VARCHAR IS NOT NULL AND EXISTS (SELECT 1 FROM units WHERE uid = $locality) AS locality,
  (SELECT min(t) FROM unnest($topics::VARCHAR[]) AS x(t) WHERE t NOT IN (SELECT id FROM topics)) AS unknown_topic;

-- The next number of a plan year's requests: one more than the highest given so far.
-- name: next_number
SELECT coalesce(max(TRY_CAST(substr(id, length($prefix) + 1) AS INTEGER)), 0) + 1 AS n
FROM survey_requests WHERE starts_with(id, $prefix);

-- name: insert_request
INSERT INTO survey_requests (id, requester_uid, requested_by, title, purpose, population, locality_uid, topics,
  questions, wanted_by, plan_year, status, status_note, survey, classification, created_at, updated_at)
VALUES ($id, $requester, $requested_by, $title, $purpose, $population, $locality, $topics::VARCHAR[], $questions,
  $wanted_by::DATE, $plan_year, 'received', NULL, NULL, $classification, $now, $now);

-- name: insert_event
INSERT INTO survey_request_events (survey_request_id, step, changed_at, actor, from_status, to_status, note)
SELECT $id, count(*) + 1, $at, $actor, $from_status, $to_status, $note
FROM survey_request_events WHERE survey_request_id = $id;

-- name: status
SELECT status FROM survey_requests WHERE id = $id;

-- name: survey_exists
SELECT 1 AS found FROM surveys WHERE name = $survey;

-- name: update_status
UPDATE survey_requests
SET status = $status, status_note = $note, survey = coalesce($survey, survey), updated_at = $now
WHERE id = $id;

-- name: list_requests
SELECT r.id, r.requester_uid,
  coalesce((SELECT name FROM agencies WHERE uid = r.requester_uid), (SELECT name FROM units WHERE uid = r.requester_uid),
    r.requester_uid) AS requester_name,
  r.requested_by, r.title, r.purpose, r.population, r.locality_uid,
  (SELECT name FROM units WHERE uid = r.locality_uid) AS locality_name,
  r.topics, r.questions, strftime(r.wanted_by, '%Y-%m-%d') AS wanted_by, r.plan_year, r.status, r.status_note,
  r.survey, r.classification, r.created_at, r.updated_at,
  r.status IN ('received', 'planned', 'in_field') AND r.wanted_by IS NOT NULL AND r.wanted_by < $today::DATE
    AS overdue
FROM survey_requests r
WHERE ($year::INTEGER IS NULL OR r.plan_year = $year) AND ($id::VARCHAR IS NULL OR r.id = $id)
ORDER BY r.plan_year DESC, r.wanted_by NULLS LAST, r.id;

-- name: events
SELECT changed_at AS at, actor, from_status, to_status, note
FROM survey_request_events WHERE survey_request_id = $id ORDER BY step;
