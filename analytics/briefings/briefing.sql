-- Statements behind every number of a briefing. Each is self-contained so that the appendix can list it and
-- anyone can re-run it with `dlxh sql`. Windows are half-open [$from, $to) in local time; a document's time is
-- its publication time, else its intake time; exact duplicates are left out.

-- name: model_version
SELECT model_version
FROM doc_scores
GROUP BY model_version
ORDER BY max(scored_at) DESC, model_version
LIMIT 1;

-- name: doc_totals
WITH docs AS (
  SELECT d.id, d.kind, coalesce(d.outlet, d.import_source) AS outlet, d.near_duplicate_of, d.classification,
         coalesce(d.published_at, d.ingested_at) AS seen_at, s.sentiment
  FROM documents d
  LEFT JOIN doc_scores s ON s.doc_id = d.id AND s.model_version = $model
  WHERE d.duplicate_of IS NULL
    AND coalesce(d.published_at, d.ingested_at) >= $prev_from::TIMESTAMPTZ
    AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
)
SELECT p.period,
       count(d.id) AS documents,
       count(d.id) FILTER (WHERE d.near_duplicate_of IS NULL) AS originals,
       count(d.sentiment) AS scored,
       count(d.id) FILTER (WHERE d.sentiment = 'negative') AS negative,
       count(d.id) FILTER (WHERE d.sentiment = 'positive') AS positive,
       count(DISTINCT d.outlet) AS outlets,
       count(d.id) FILTER (WHERE d.kind = 'news') AS news,
       count(d.id) FILTER (WHERE d.kind = 'social') AS social,
       coalesce(max(d.classification), 0) AS classification
FROM (VALUES ('current'), ('previous')) p(period)
LEFT JOIN docs d ON p.period = CASE WHEN d.seen_at >= $from::TIMESTAMPTZ THEN 'current' ELSE 'previous' END
GROUP BY p.period
ORDER BY p.period;

-- name: daily_counts
WITH days AS (
  SELECT strftime(g.d, '%Y-%m-%d') AS day
  FROM generate_series($first_day::DATE, $last_day::DATE, INTERVAL 1 DAY) g(d)
),
docs AS (
  SELECT d.id, s.sentiment,
         strftime(timezone('Asia/Ho_Chi_Minh', coalesce(d.published_at, d.ingested_at)), '%Y-%m-%d') AS day
  FROM documents d
  LEFT JOIN doc_scores s ON s.doc_id = d.id AND s.model_version = $model
  WHERE d.duplicate_of IS NULL
    AND coalesce(d.published_at, d.ingested_at) >= $from::TIMESTAMPTZ
    AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
)
SELECT days.day,
       count(docs.id) AS documents,
       count(docs.id) FILTER (WHERE docs.sentiment = 'negative') AS negative
FROM days
LEFT JOIN docs ON docs.day = days.day
GROUP BY days.day
ORDER BY days.day;

-- name: topic_counts
WITH docs AS (
  SELECT CASE WHEN coalesce(d.published_at, d.ingested_at) >= $from::TIMESTAMPTZ THEN 'current' ELSE 'previous' END
           AS period,
         s.sentiment, s.topics
  FROM documents d
  JOIN doc_scores s ON s.doc_id = d.id AND s.model_version = $model
  WHERE d.duplicate_of IS NULL
    AND coalesce(d.published_at, d.ingested_at) >= $prev_from::TIMESTAMPTZ
    AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
),
mentions AS (
  SELECT period, sentiment, unnest(topics) AS topic FROM docs
)
SELECT t.id AS topic, t.name_vi, t.name_en,
       count(m.topic) FILTER (WHERE m.period = 'current') AS current,
       count(m.topic) FILTER (WHERE m.period = 'current' AND m.sentiment = 'negative') AS negative,
       count(m.topic) FILTER (WHERE m.period = 'current' AND m.sentiment = 'positive') AS positive,
       count(m.topic) FILTER (WHERE m.period = 'previous') AS previous,
       count(m.topic) FILTER (WHERE m.period = 'previous' AND m.sentiment = 'negative') AS previous_negative
FROM topics t
LEFT JOIN mentions m ON m.topic = t.id
GROUP BY t.id, t.name_vi, t.name_en
ORDER BY current DESC, t.id;

-- name: unit_counts
-- Localities of both eras counted in today's communes and wards: an old commune through its successors (a split
-- one in each part), a current one as itself. Documents naming only a district or the province are not counted.
WITH docs AS (
  SELECT d.id, s.sentiment, coalesce(s.locality_uid, d.locality_uid) AS locality_uid
  FROM documents d
  LEFT JOIN doc_scores s ON s.doc_id = d.id AND s.model_version = $model
  WHERE d.duplicate_of IS NULL
    AND coalesce(d.published_at, d.ingested_at) >= $from::TIMESTAMPTZ
    AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
),
unit_map AS (
  SELECT uid, uid AS current_uid FROM units WHERE level = 3 AND valid_to IS NULL
  UNION ALL
  SELECT s.uid, s.successor_uid
  FROM unit_successors s
  JOIN units o ON o.uid = s.uid
  JOIN units n ON n.uid = s.successor_uid
  WHERE o.level = 3 AND n.level = 3 AND o.valid_to IS NOT NULL
)
SELECT m.current_uid AS unit_uid, u.name,
       count(DISTINCT d.id) AS documents,
       count(DISTINCT d.id) FILTER (WHERE d.sentiment IS NOT NULL) AS scored,
       count(DISTINCT d.id) FILTER (WHERE d.sentiment = 'negative') AS negative,
       count(DISTINCT d.id) FILTER (WHERE d.sentiment = 'positive') AS positive
FROM docs d
JOIN unit_map m ON m.uid = d.locality_uid
JOIN units u ON u.uid = m.current_uid
GROUP BY m.current_uid, u.name
ORDER BY documents DESC, unit_uid
LIMIT $limit;

-- name: alerts_period
SELECT a.id, a.topic, a.label, tp.name_en AS label_en, coalesce(cu.name, nu.name) AS unit_name, a.severity, a.score, a.count,
       a.expected, a.neg_share, len(a.outlets) AS outlets, a.first_seen, a.last_seen, a.detected_at, a.status,
       a.detected_at >= $from::TIMESTAMPTZ AS is_new, a.classification
FROM alerts a
LEFT JOIN units cu ON cu.uid = a.current_uid
LEFT JOIN units nu ON nu.uid = a.unit_uid
LEFT JOIN topics tp ON tp.id = a.topic AND a.label = tp.name_vi
WHERE a.first_seen < $to::TIMESTAMPTZ AND a.last_seen >= $from::TIMESTAMPTZ AND a.status <> 'dismissed'
ORDER BY CASE a.severity WHEN 'khẩn' THEN 0 WHEN 'cao' THEN 1 WHEN 'trung bình' THEN 2 ELSE 3 END,
         a.score DESC, a.id;

-- name: alerts_period_cases
SELECT a.id, a.topic, a.label, tp.name_en AS label_en, coalesce(cu.name, nu.name) AS unit_name, a.severity, a.score, a.count,
       a.expected, a.neg_share, len(a.outlets) AS outlets, a.first_seen, a.last_seen, a.detected_at, a.status,
       a.detected_at >= $from::TIMESTAMPTZ AS is_new, greatest(a.classification, coalesce(c.classification, 0))
         AS classification,
       c.id AS case_id, c.status AS case_status, c.assignee, c.deadline,
       c.status IN ('received', 'verifying') AND c.deadline < $now::TIMESTAMPTZ AS overdue
FROM alerts a
LEFT JOIN cases c ON c.alert_id = a.id
LEFT JOIN units cu ON cu.uid = a.current_uid
LEFT JOIN units nu ON nu.uid = a.unit_uid
LEFT JOIN topics tp ON tp.id = a.topic AND a.label = tp.name_vi
WHERE a.first_seen < $to::TIMESTAMPTZ AND a.last_seen >= $from::TIMESTAMPTZ AND a.status <> 'dismissed'
ORDER BY CASE a.severity WHEN 'khẩn' THEN 0 WHEN 'cao' THEN 1 WHEN 'trung bình' THEN 2 ELSE 3 END,
         a.score DESC, a.id;

-- name: case_summary
SELECT count(*) FILTER (WHERE status IN ('received', 'verifying')) AS open,
       count(*) FILTER (WHERE status IN ('received', 'verifying') AND deadline < $now::TIMESTAMPTZ) AS overdue,
       count(*) FILTER (WHERE created_at >= $from::TIMESTAMPTZ AND created_at < $to::TIMESTAMPTZ) AS opened,
       (SELECT count(DISTINCT e.case_id)
          FROM case_events e
         WHERE e.to_status = 'resolved'
           AND e.occurred_at >= $from::TIMESTAMPTZ AND e.occurred_at < $to::TIMESTAMPTZ) AS resolved,
       coalesce(max(classification), 0) AS classification
FROM cases
WHERE created_at < $now::TIMESTAMPTZ;

-- name: claims_summary
-- A candidate counts in the period its document appeared in (published, else ingested; the scan time when the
-- document is not visible), so that data loaded late still counts where it belongs; reviews count when made.
WITH c AS (
  SELECT c.status, c.statement_id, c.reviewed_at, c.response, c.classification,
         coalesce(d.published_at, d.ingested_at, c.created_at) AS seen_at
  FROM claim_candidates c
  LEFT JOIN documents d ON d.id = c.doc_id
)
SELECT count(*) FILTER (WHERE seen_at >= $from::TIMESTAMPTZ AND seen_at < $to::TIMESTAMPTZ) AS detected,
       count(*) FILTER (WHERE seen_at >= $from::TIMESTAMPTZ AND seen_at < $to::TIMESTAMPTZ
                          AND statement_id IS NOT NULL) AS matched,
       count(*) FILTER (WHERE reviewed_at >= $from::TIMESTAMPTZ AND reviewed_at < $to::TIMESTAMPTZ
                          AND status NOT IN ('chưa xác định', 'đang xác minh')) AS reviewed,
       count(*) FILTER (WHERE reviewed_at >= $from::TIMESTAMPTZ AND reviewed_at < $to::TIMESTAMPTZ
                          AND status = 'sai sự thật') AS false_claims,
       count(*) FILTER (WHERE reviewed_at >= $from::TIMESTAMPTZ AND reviewed_at < $to::TIMESTAMPTZ
                          AND status = 'sai sự thật' AND response IS NOT NULL AND response <> '') AS answered,
       count(*) FILTER (WHERE reviewed_at >= $from::TIMESTAMPTZ AND reviewed_at < $to::TIMESTAMPTZ
                          AND status = 'đúng sự thật') AS true_claims,
       count(*) FILTER (WHERE reviewed_at >= $from::TIMESTAMPTZ AND reviewed_at < $to::TIMESTAMPTZ
                          AND status = 'không áp dụng') AS not_applicable,
       count(*) FILTER (WHERE seen_at < $to::TIMESTAMPTZ
                          AND status IN ('chưa xác định', 'đang xác minh')) AS pending,
       coalesce(max(classification) FILTER (WHERE seen_at < $to::TIMESTAMPTZ
                          AND (seen_at >= $from::TIMESTAMPTZ OR reviewed_at >= $from::TIMESTAMPTZ)), 0)
         AS classification
FROM c;

-- name: claims_handled
SELECT coalesce(s.claim, any_value(c.sentence)) AS claim, c.status,
       count(DISTINCT c.doc_id) AS documents,
       max(c.response) AS response,
       max(c.classification) AS classification
FROM claim_candidates c
LEFT JOIN official_statements s ON s.id = c.statement_id
WHERE c.reviewed_at >= $from::TIMESTAMPTZ AND c.reviewed_at < $to::TIMESTAMPTZ
  AND c.status IN ('sai sự thật', 'đúng sự thật')
GROUP BY coalesce(c.statement_id, c.id), s.claim, c.status
ORDER BY documents DESC, claim
LIMIT 5;

-- name: surveys_recent
-- Surveys whose fieldwork ended within the look-back before the end of the window.
SELECT s.name, s.title, s.classification, count(r.respondent) AS respondents,
       strftime(timezone('Asia/Ho_Chi_Minh', min(r.submitted_at)), '%Y-%m-%d') AS first_day,
       strftime(timezone('Asia/Ho_Chi_Minh', max(r.submitted_at)), '%Y-%m-%d') AS last_day
FROM surveys s
JOIN survey_respondents r ON r.survey = s.name
GROUP BY s.name, s.title, s.classification
HAVING max(r.submitted_at) < $to::TIMESTAMPTZ AND max(r.submitted_at) >= $since::TIMESTAMPTZ
ORDER BY max(r.submitted_at) DESC, s.name
LIMIT 2;

-- name: survey_questions
-- Questions that have an estimate (choices and numbers), without the design columns.
SELECT q.name, q.label, q.type
FROM survey_questions q
JOIN surveys s ON s.name = q.survey
WHERE q.survey = $survey
  AND q.type IN ('select_one', 'select_multiple', 'integer', 'decimal')
  AND q.other_of IS NULL
  AND q.name IS DISTINCT FROM s.weight_column
  AND q.name IS DISTINCT FROM s.strata_column
  AND q.name IS DISTINCT FROM s.cluster_column
ORDER BY q.position, q.name;

-- name: survey_answers
-- The rows an estimate is computed from (design variables and the answer of each respondent).
SELECT r.respondent, r.weight, r.stratum, r.cluster, a.value, a.value_num
FROM survey_respondents r
LEFT JOIN survey_responses a ON a.survey = r.survey AND a.respondent = r.respondent AND a.question = $question
WHERE r.survey = $survey
ORDER BY r.respondent;

-- name: reports_summary
WITH r AS (
  SELECT CASE WHEN coalesce(submitted_at, ingested_at) >= $from::TIMESTAMPTZ THEN 'current' ELSE 'previous' END
           AS period,
         coalesce(unit_uid, unit_text) AS unit, organisation, classification
  FROM reports
  WHERE coalesce(submitted_at, ingested_at) >= $prev_from::TIMESTAMPTZ
    AND coalesce(submitted_at, ingested_at) < $to::TIMESTAMPTZ
)
SELECT p.period, count(r.period) AS reports, count(DISTINCT r.unit) AS units,
       count(DISTINCT r.organisation) AS organisations, coalesce(max(r.classification), 0) AS classification
FROM (VALUES ('current'), ('previous')) p(period)
LEFT JOIN r ON r.period = p.period
GROUP BY p.period
ORDER BY p.period;

-- name: reports_mood
SELECT coalesce(mood, '') AS mood, count(*) AS reports, avg(mood_score) AS mood_score
FROM reports
WHERE coalesce(submitted_at, ingested_at) >= $from::TIMESTAMPTZ
  AND coalesce(submitted_at, ingested_at) < $to::TIMESTAMPTZ
GROUP BY 1
ORDER BY reports DESC, mood;

-- name: reports_topics
WITH mentions AS (
  SELECT unnest(topics) AS topic
  FROM reports
  WHERE coalesce(submitted_at, ingested_at) >= $from::TIMESTAMPTZ
    AND coalesce(submitted_at, ingested_at) < $to::TIMESTAMPTZ
)
SELECT m.topic, coalesce(t.name_vi, m.topic) AS name_vi, coalesce(t.name_en, m.topic) AS name_en,
       count(*) AS reports
FROM mentions m
LEFT JOIN topics t ON t.id = m.topic
GROUP BY ALL
ORDER BY reports DESC, m.topic;

-- name: reports_missing
-- Units that reported for the month before but not (yet) for this month.
SELECT coalesce(u.name, p.unit) AS unit
FROM (
  SELECT DISTINCT coalesce(unit_uid, unit_text) AS unit FROM reports WHERE period = $previous_month
  EXCEPT
  SELECT DISTINCT coalesce(unit_uid, unit_text) FROM reports WHERE period = $month
) p
LEFT JOIN units u ON u.uid = p.unit
ORDER BY unit;

-- name: coverage_sources
WITH docs AS (
  SELECT d.import_source, coalesce(d.outlet, d.import_source) AS outlet,
         coalesce(d.published_at, d.ingested_at) AS seen_at
  FROM documents d
  WHERE d.duplicate_of IS NULL AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
)
SELECT import_source AS source,
       count(*) FILTER (WHERE seen_at >= $from::TIMESTAMPTZ) AS documents,
       count(*) FILTER (WHERE seen_at >= $prev_from::TIMESTAMPTZ AND seen_at < $from::TIMESTAMPTZ) AS previous,
       count(DISTINCT outlet) FILTER (WHERE seen_at >= $from::TIMESTAMPTZ) AS outlets,
       max(seen_at) AS last_document
FROM docs
GROUP BY import_source
ORDER BY documents DESC, source;

-- name: coverage_quality
WITH docs AS (
  SELECT d.id, s.doc_id AS scored_id, coalesce(s.locality_uid, d.locality_uid) AS locality_uid
  FROM documents d
  LEFT JOIN doc_scores s ON s.doc_id = d.id AND s.model_version = $model
  WHERE d.duplicate_of IS NULL
    AND coalesce(d.published_at, d.ingested_at) >= $from::TIMESTAMPTZ
    AND coalesce(d.published_at, d.ingested_at) < $to::TIMESTAMPTZ
)
SELECT count(*) AS documents,
       count(*) FILTER (WHERE scored_id IS NULL) AS unscored,
       count(*) FILTER (WHERE locality_uid IS NULL) AS unplaced,
       count(*) FILTER (WHERE u.level = 3) AS commune,
       count(*) FILTER (WHERE u.level IN (1, 2)) AS district_or_province
FROM docs
LEFT JOIN units u ON u.uid = docs.locality_uid;

-- name: coverage_jobs
SELECT count(*) AS runs,
       count(*) FILTER (WHERE status = 'ok') AS ok,
       count(*) FILTER (WHERE status IN ('failed', 'partial', 'interrupted')) AS failed,
       coalesce(sum(items_failed), 0) AS items_failed
FROM job_runs
WHERE started_at >= $from::TIMESTAMPTZ AND started_at < $now::TIMESTAMPTZ;

-- name: coverage_failed_jobs
SELECT job, started_at, status, items_failed, error
FROM job_runs
WHERE started_at >= $from::TIMESTAMPTZ AND started_at < $now::TIMESTAMPTZ
  AND status IN ('failed', 'partial', 'interrupted')
ORDER BY started_at, id
LIMIT 10;

-- name: coverage_fetch
SELECT outcome, count(*) AS fetches
FROM fetch_log
WHERE started_at >= $from::TIMESTAMPTZ AND started_at < $to::TIMESTAMPTZ
GROUP BY outcome
ORDER BY fetches DESC, outcome;

-- name: coverage_source_health
SELECT name, kind, failures, last_error, last_success_at
FROM sources
WHERE failures > 0 OR backoff_until > $now::TIMESTAMPTZ
ORDER BY failures DESC, name
LIMIT 10;

-- name: data_as_of
SELECT max(ingested_at) AS latest FROM documents WHERE ingested_at <= $now::TIMESTAMPTZ;

-- name: data_as_of_reports
SELECT max(ingested_at) AS latest FROM reports WHERE ingested_at <= $now::TIMESTAMPTZ;

-- name: data_as_of_surveys
SELECT max(ingested_at) AS latest FROM survey_respondents WHERE ingested_at <= $now::TIMESTAMPTZ;

-- name: implementation_reports
-- The annual report: per reporting unit, the months of the window its collaborators and organisations reported
-- for, and of those how many came in by day $due_day of the following month (local time). Only months that have
-- ended by $now count (a year in progress is reported on so far). Petitions are not reports a unit owes. A unit
-- that reported in the previous window and in none of these months is listed with 0.
WITH months AS (
  SELECT strftime(m, '%Y-%m') AS period
  FROM range($first_day::DATE, $last_day::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH) AS t(m)
  WHERE m < date_trunc('month', timezone('Asia/Ho_Chi_Minh', $now::TIMESTAMPTZ))
), per_month AS (
  SELECT coalesce(unit_uid, unit_text) AS unit, period,
         min(timezone('Asia/Ho_Chi_Minh', submitted_at))::DATE AS submitted_day, max(classification) AS classification
  FROM reports
  WHERE kind IS NULL AND period IN (SELECT period FROM months) AND coalesce(unit_uid, unit_text) IS NOT NULL
  GROUP BY 1, 2
), earlier AS (
  SELECT DISTINCT coalesce(unit_uid, unit_text) AS unit
  FROM reports
  WHERE kind IS NULL AND coalesce(unit_uid, unit_text) IS NOT NULL
    AND period >= strftime(timezone('Asia/Ho_Chi_Minh', $prev_from::TIMESTAMPTZ), '%Y-%m')
    AND period < (SELECT min(period) FROM months)
), units_seen AS (
  SELECT unit FROM per_month UNION SELECT unit FROM earlier
)
SELECT coalesce(u.name, s.unit) AS unit,
       count(p.period)::INTEGER AS months,
       count(*) FILTER (WHERE p.submitted_day <= CAST(p.period || '-01' AS DATE) + INTERVAL 1 MONTH
                                                 + ($due_day::INTEGER - 1) * INTERVAL 1 DAY)::INTEGER AS on_time,
       count(*) FILTER (WHERE p.submitted_day > CAST(p.period || '-01' AS DATE) + INTERVAL 1 MONTH
                                                + ($due_day::INTEGER - 1) * INTERVAL 1 DAY)::INTEGER AS late,
       count(*) FILTER (WHERE p.period IS NOT NULL AND p.submitted_day IS NULL)::INTEGER AS undated,
       (SELECT count(*) FROM months)::INTEGER AS window_months,
       coalesce(max(p.classification), 0)::INTEGER AS classification
FROM units_seen s
LEFT JOIN per_month p ON p.unit = s.unit
LEFT JOIN units u ON u.uid = s.unit
GROUP BY 1
ORDER BY months, unit;

-- name: implementation_cases
-- The annual report: alerts first seen in the window by severity, the cases they became and where those stand
-- now: resolved or closed (by their deadline or after it), dismissed, merged into another case, or still open
-- (and of those, past their deadline).
WITH a AS (
  SELECT id, severity, classification FROM alerts
  WHERE first_seen >= $from::TIMESTAMPTZ AND first_seen < $to::TIMESTAMPTZ
), resolved AS (
  SELECT case_id, min(occurred_at) AS at FROM case_events WHERE to_status = 'resolved' GROUP BY case_id
)
SELECT a.severity,
       count(*)::INTEGER AS alerts,
       count(c.id)::INTEGER AS cases,
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed') AND coalesce(r.at, c.updated_at) <= c.deadline)::INTEGER
         AS resolved_in_time,
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed') AND coalesce(r.at, c.updated_at) > c.deadline)::INTEGER
         AS resolved_late,
       count(*) FILTER (WHERE c.status = 'dismissed')::INTEGER AS dismissed,
       count(*) FILTER (WHERE c.status = 'merged')::INTEGER AS merged,
       count(*) FILTER (WHERE c.status IN ('received', 'verifying'))::INTEGER AS open,
       count(*) FILTER (WHERE c.status IN ('received', 'verifying') AND c.deadline < $now::TIMESTAMPTZ)::INTEGER
         AS overdue,
       max(a.classification)::INTEGER AS classification
FROM a
LEFT JOIN cases c ON c.alert_id = a.id
LEFT JOIN resolved r ON r.case_id = c.id
GROUP BY a.severity
ORDER BY CASE a.severity WHEN 'khẩn' THEN 0 WHEN 'cao' THEN 1 WHEN 'trung bình' THEN 2 ELSE 3 END;

-- name: implementation_surveys
-- The annual report: the year's plan of surveys (requests whose plan year is the window's) by requesting unit or
-- agency: how many were filed, answered by a survey by the day its results were wanted or after it, still open (and
-- of those, past that day), declined or withdrawn.
WITH r AS (
  SELECT q.requester_uid, q.status, q.wanted_by, q.classification,
         (SELECT min(timezone('Asia/Ho_Chi_Minh', e.changed_at))::DATE FROM survey_request_events e
          WHERE e.survey_request_id = q.id AND e.to_status = 'reported') AS reported_day
  FROM survey_requests q
  WHERE q.plan_year = year($first_day::DATE)
)
SELECT coalesce(a.name, u.name, r.requester_uid) AS requester,
       count(*)::INTEGER AS requests,
       count(*) FILTER (WHERE r.status = 'reported' AND (r.wanted_by IS NULL OR r.reported_day <= r.wanted_by))::INTEGER
         AS reported_in_time,
       count(*) FILTER (WHERE r.status = 'reported' AND r.reported_day > r.wanted_by)::INTEGER AS reported_late,
       count(*) FILTER (WHERE r.status IN ('received', 'planned', 'in_field'))::INTEGER AS open,
       count(*) FILTER (WHERE r.status IN ('received', 'planned', 'in_field')
                          AND r.wanted_by < timezone('Asia/Ho_Chi_Minh', $now::TIMESTAMPTZ)::DATE)::INTEGER AS overdue,
       count(*) FILTER (WHERE r.status = 'declined')::INTEGER AS declined,
       count(*) FILTER (WHERE r.status = 'withdrawn')::INTEGER AS withdrawn,
       max(r.classification)::INTEGER AS classification
FROM r
LEFT JOIN agencies a ON a.uid = r.requester_uid
LEFT JOIN units u ON u.uid = r.requester_uid
GROUP BY 1
ORDER BY requests DESC, requester;

-- A flash report (báo cáo nhanh) on one hot spot: flash-report.ts. Each runs on the reader's scoped connection.

-- name: flash_alert
SELECT a.* REPLACE (CAST(a.explanation AS VARCHAR) AS explanation),
  coalesce(CASE WHEN $lang = 'en' THEN tp.name_en ELSE tp.name_vi END, a.topic) AS topic_name,
  u.name AS unit_name, c.name AS current_name
FROM alerts a
LEFT JOIN topics tp ON tp.id = a.topic
LEFT JOIN units u ON u.uid = a.unit_uid
LEFT JOIN units c ON c.uid = a.current_uid
WHERE a.id = $alert;

-- name: flash_evidence
SELECT id, title, outlet, published_at, classification, regexp_replace(left(text, 280), '\s+', ' ', 'g') AS snippet
FROM documents
WHERE list_contains($ids::VARCHAR[], id)
ORDER BY published_at, id;

-- name: flash_case
SELECT c.id, c.status, c.assignee, c.recipients, c.escalated, c.deadline, c.resolution_report, c.classification,
  (SELECT count(*)::INTEGER FROM case_events e WHERE e.case_id = c.id) AS events
FROM cases c WHERE c.alert_id = $alert;

-- name: alert_area_reports
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

-- name: flash_claims
-- Misinformation candidates among the hot spot's stories, by the official statement they match (none: a rumour no
-- statement answers yet): how many stories, how the queue judged them, and the official information that answers it.
-- A match is shown once it is certain: linked automatically (tier auto) or confirmed by a reviewer. A suggestion
-- nobody has reviewed, or one reviewed as not applicable, is left to the misinformation queue.
SELECT c.statement_id, s.claim, s.verdict, s.official_text, s.issuing_body,
  any_value(c.sentence ORDER BY c.risk DESC) AS example,
  count(DISTINCT c.doc_id)::INTEGER AS stories,
  count(*) FILTER (WHERE c.status = 'sai sự thật')::INTEGER AS judged_false,
  greatest(max(c.classification), coalesce(max(s.classification), 0))::INTEGER AS classification
FROM claim_candidates c
LEFT JOIN official_statements s ON s.id = c.statement_id
WHERE list_contains($ids::VARCHAR[], c.doc_id)
  AND c.status <> 'không áp dụng'
  AND (c.statement_id IS NULL OR c.tier = 'auto' OR c.status IN ('sai sự thật', 'đúng sự thật'))
GROUP BY c.statement_id, s.claim, s.verdict, s.official_text, s.issuing_body
ORDER BY stories DESC, c.statement_id NULLS LAST
LIMIT 5;
