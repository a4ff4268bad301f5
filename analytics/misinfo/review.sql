-- name: picked
-- The candidates a queue filter picks (one place for the filter: the list, counts and groups below select from it).
SELECT c.* FROM claim_candidates c
WHERE ($status IS NULL OR c.status = $status)
  AND ($statement_id IS NULL OR c.statement_id = $statement_id)
  AND (NOT $no_statement OR c.statement_id IS NULL)
  AND ($doc_id IS NULL OR c.doc_id = $doc_id)
  AND ($id IS NULL OR c.id = $id)
  AND ($topic IS NULL OR list_contains(c.topics, $topic))
  AND (NOT $by_unit OR list_contains($units, c.locality_uid))
  AND c.risk >= $min_risk
  AND c.classification <= $max_classification

-- name: list
-- The review queue, riskiest first, with the evidence: matched statement and document.
SELECT c.id, c.doc_id, c.statement_id, c.sentence, c.sentence_start, c.sentence_end, c.claim_score, c.similarity,
  c.tier, c.contradiction, c.cues, c.risk, CAST(c.risk_signals AS VARCHAR) AS risk_signals, c.status, c.reviewer,
  c.notes, c.response, c.reviewed_at, c.locality_uid, c.topics, c.classification, c.created_at, c.updated_at,
  s.claim AS statement_claim, s.verdict AS statement_verdict, s.official_text AS statement_official_text,
  s.link AS statement_link, s.issuing_body AS statement_issuing_body,
  d.title AS doc_title, d.url AS doc_url, coalesce(d.outlet, d.import_source) AS doc_outlet,
  d.published_at AS doc_published_at
FROM picked c
LEFT JOIN official_statements s ON s.id = c.statement_id
LEFT JOIN documents d ON d.id = c.doc_id
ORDER BY c.risk DESC, c.similarity DESC NULLS LAST, c.id
LIMIT $limit OFFSET $offset;

-- name: count_by_status
-- How many candidates the filter picks, per status.
SELECT status, count(*)::INTEGER AS n FROM picked GROUP BY status ORDER BY status;

-- name: ids
-- The ids the filter picks, riskiest first, at most $limit (a bulk review reads one more than its bound).
SELECT id FROM picked ORDER BY risk DESC, id LIMIT $limit;

-- name: groups
-- Picked candidates per matched statement (one row with statement_id NULL for those matching none): open ones
-- (not yet given a verdict or dismissed), all, the highest risk among the open ones, the latest document date.
SELECT c.statement_id, any_value(s.claim) AS claim, any_value(s.verdict) AS verdict,
  any_value(s.issuing_body) AS issuing_body,
  count(*) FILTER (WHERE list_contains($open, c.status))::INTEGER AS open,
  count(*)::INTEGER AS total,
  max(c.risk) FILTER (WHERE list_contains($open, c.status)) AS max_open_risk,
  max(coalesce(d.published_at, d.ingested_at)) AS latest_at
FROM picked c
LEFT JOIN official_statements s ON s.id = c.statement_id
LEFT JOIN documents d ON d.id = c.doc_id
GROUP BY c.statement_id
ORDER BY open DESC, total DESC, c.statement_id NULLS FIRST;

-- name: count_ids_by_status
-- The statuses of the candidates a bulk review is about to move.
SELECT status, count(*)::INTEGER AS n FROM claim_candidates WHERE list_contains($ids, id) GROUP BY status ORDER BY status;

-- name: event_bulk
-- One event per candidate of a bulk review, from its status before the move (run before review_bulk).
INSERT INTO claim_candidate_events (claim_candidate_id, occurred_at, actor, from_status, to_status, note)
SELECT id, $now, $actor, status, $to_status, $note FROM claim_candidates WHERE list_contains($ids, id) ORDER BY id;

-- name: review_bulk
-- A bulk review: the same fields as `review`, a response or notes left out keeping the candidate's own.
UPDATE claim_candidates
SET status = $status, reviewer = $reviewer, notes = coalesce($notes, notes), response = coalesce($response, response),
  reviewed_at = $now, updated_at = $now
WHERE list_contains($ids, id);

-- name: review
UPDATE claim_candidates
SET status = $status, reviewer = $reviewer, notes = $notes, response = $response, reviewed_at = $now, updated_at = $now
WHERE id = $id;

-- name: event
INSERT INTO claim_candidate_events (claim_candidate_id, occurred_at, actor, from_status, to_status, note)
VALUES ($id, $now, $actor, $from_status, $to_status, $note);

-- name: events
SELECT id, claim_candidate_id, occurred_at, actor, from_status, to_status, note
FROM claim_candidate_events WHERE claim_candidate_id = $id ORDER BY id;

-- name: spread_series
-- Documents carrying the candidate's claim per hour (its copies and documents matching the same statement).
WITH me AS (SELECT doc_id, statement_id FROM claim_candidates WHERE id = $id),
docs AS (
  SELECT id, coalesce(duplicate_of, near_duplicate_of, id) AS root, coalesce(outlet, import_source) AS outlet,
    coalesce(published_at, ingested_at) AS seen_at
  FROM documents
),
carriers AS (
  SELECT x.id, x.outlet, x.seen_at FROM me JOIN docs d ON d.id = me.doc_id JOIN docs x ON x.root = d.root
  UNION
  SELECT x.id, x.outlet, x.seen_at FROM me
  JOIN claim_candidates o ON o.statement_id = me.statement_id
  JOIN docs od ON od.id = o.doc_id JOIN docs x ON x.root = od.root
)
SELECT date_trunc('hour', seen_at) AS hour, count(DISTINCT id) AS documents, count(DISTINCT outlet) AS outlets
FROM carriers GROUP BY 1 ORDER BY 1;

-- name: training
-- Reviewed claims as labelled examples for the unreliable-post classifier.
SELECT DISTINCT d.id, d.text, c.status
FROM claim_candidates c JOIN documents d ON d.id = c.doc_id
WHERE c.status IN ('sai sự thật', 'đúng sự thật')
ORDER BY d.id;

-- name: reviewed
-- Candidates with a verdict, for ClaimReview export.
SELECT c.id, c.statement_id, c.sentence, c.status, c.response, c.reviewed_at, c.classification,
  s.claim AS statement_claim, s.verdict AS statement_verdict, s.link AS statement_link,
  s.issuing_body AS statement_issuing_body,
  d.id AS doc_id, d.url AS doc_url, d.title AS doc_title, coalesce(d.outlet, d.import_source) AS doc_outlet,
  coalesce(d.published_at, d.ingested_at) AS doc_at
FROM claim_candidates c
LEFT JOIN official_statements s ON s.id = c.statement_id
LEFT JOIN documents d ON d.id = c.doc_id
WHERE c.status IN ('sai sự thật', 'đúng sự thật') AND c.classification <= $max_classification
ORDER BY c.reviewed_at, c.id;
