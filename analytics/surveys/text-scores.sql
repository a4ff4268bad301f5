-- name: pending_answers
SELECT r.survey, r.respondent, r.question, r.value AS text
FROM survey_responses r
JOIN survey_questions q ON q.survey = r.survey AND q.name = r.question
WHERE q.type = 'text'
  AND ($all_surveys OR r.survey = $survey)
  AND ($all_respondents OR list_contains($respondents, r.respondent))
  AND NOT EXISTS (
    SELECT 1 FROM survey_text_scores s
    WHERE s.survey = r.survey AND s.respondent = r.respondent AND s.question = r.question
      AND s.model_version = $version)
ORDER BY r.survey, r.respondent, r.question;

-- name: clear_answers
DELETE FROM survey_text_scores WHERE model_version = $version AND ($all_surveys OR survey = $survey);

-- name: pending_reports
SELECT r.id, r.period, concat_ws(chr(10), r.summary, r.proposals) AS text
FROM reports r
WHERE ($all_reports OR list_contains($ids, r.id))
  AND NOT EXISTS (SELECT 1 FROM report_scores s WHERE s.report_id = r.id AND s.model_version = $version)
ORDER BY r.id;

-- name: clear_reports
DELETE FROM report_scores WHERE model_version = $version AND ($all_reports OR list_contains($ids, report_id));

-- name: answer_scores
SELECT respondent, sentiment, sentiment_score, topics, CAST(topic_scores AS VARCHAR) AS topic_scores
FROM survey_text_scores
WHERE survey = $survey AND question = $question AND model_version = $version;

-- name: report_rows
SELECT r.id, r.period, r.unit_uid, r.unit_text, r.topics AS declared, r.mood_score, r.summary, r.kind, r.people,
  s.sentiment, s.sentiment_score, s.topics AS found, CAST(s.topic_scores AS VARCHAR) AS topic_scores
FROM reports r
LEFT JOIN report_scores s ON s.report_id = r.id AND s.model_version = $version
WHERE r.period >= $from AND r.period <= $to
  AND ($all_units OR r.unit_uid = $unit OR r.locality_uid = $unit)
ORDER BY r.period, r.id;

-- name: pending_watch_answers
SELECT a.report_id, a.watch_topic_id, r.period, a.answer AS text
FROM report_watch_answers a JOIN reports r ON r.id = a.report_id
WHERE ($all_reports OR list_contains($ids, a.report_id))
  AND NOT EXISTS (
    SELECT 1 FROM watch_answer_scores s
    WHERE s.report_id = a.report_id AND s.watch_topic_id = a.watch_topic_id AND s.model_version = $version)
ORDER BY a.report_id, a.watch_topic_id;

-- name: clear_watch_answers
DELETE FROM watch_answer_scores
WHERE model_version = $version AND ($all_reports OR list_contains($ids, report_id));
