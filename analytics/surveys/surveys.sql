-- name: survey
SELECT name, title, sponsor, conducted_by, population, mode, weight_column, strata_column, cluster_column,
  classification
FROM surveys WHERE name = $survey;

-- name: question_names
SELECT name FROM survey_questions WHERE survey = $survey ORDER BY position;

-- name: question
SELECT name, label, wordings, type, choices FROM survey_questions WHERE survey = $survey AND name = $question;

-- name: choices
SELECT value, label FROM survey_choices WHERE survey = $survey AND question = $question ORDER BY position;

-- name: respondents
SELECT respondent, weight, stratum, cluster, validation_status, submitted_at
FROM survey_respondents WHERE survey = $survey ORDER BY respondent;

-- name: answers
SELECT respondent, value, value_num FROM survey_responses WHERE survey = $survey AND question = $question;

-- name: weighting
SELECT name, method, variables, margins, iterations, converged, max_error
FROM survey_weightings WHERE survey = $survey AND name = $weighting;

-- name: weighting_weights
SELECT respondent, weight FROM survey_weights WHERE survey = $survey AND weighting = $weighting;

-- name: delete_weights
DELETE FROM survey_weights WHERE survey = $survey AND weighting = $weighting;

-- name: put_weighting
INSERT OR REPLACE INTO survey_weightings
  (survey, name, method, variables, margins, iterations, converged, max_error, created_at)
VALUES ($survey, $name, $method, CAST($variables::JSON AS VARCHAR[]), $margins, $iterations, $converged,
  $max_error, $now);

-- name: set_info
UPDATE surveys SET
  title = coalesce($title, title),
  sponsor = coalesce($sponsor, sponsor),
  conducted_by = coalesce($conducted_by, conducted_by),
  population = coalesce($population, population),
  mode = coalesce($mode, mode),
  classification = coalesce($classification, classification),
  updated_at = $now
WHERE name = $survey
RETURNING name;
