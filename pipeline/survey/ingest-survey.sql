-- name: survey
SELECT name, title, weight_column, strata_column, cluster_column FROM surveys WHERE name = $survey;

-- name: upsert_survey
INSERT INTO surveys (name, title, weight_column, strata_column, cluster_column, created_at, updated_at)
VALUES ($survey, $title, $weight, $strata, $cluster, $now, $now)
ON CONFLICT (name) DO UPDATE SET
  title = coalesce(surveys.title, excluded.title),
  weight_column = excluded.weight_column,
  strata_column = excluded.strata_column,
  cluster_column = excluded.cluster_column,
  updated_at = excluded.updated_at;

-- name: upsert_form
INSERT OR REPLACE INTO survey_forms (survey, version, form_id, title, file, loaded_at)
VALUES ($survey, $version, $form_id, $title, $file, $now);

-- name: questions
SELECT name, label, wordings, type, type_source, list_name, choices, other_of, versions, position
FROM survey_questions WHERE survey = $survey ORDER BY position;

-- name: choices
SELECT question, value, label FROM survey_choices WHERE survey = $survey ORDER BY question, position;

-- name: put_question
INSERT OR REPLACE INTO survey_questions
  (survey, name, label, wordings, type, type_source, list_name, choices, other_of, versions, position)
VALUES ($survey, $name, $label, CAST($wordings::JSON AS VARCHAR[]), $type, $type_source, $list_name,
  CAST($choices::JSON AS VARCHAR[]), $other_of, CAST($versions::JSON AS VARCHAR[]), $position);

-- name: put_choice
INSERT OR REPLACE INTO survey_choices (survey, question, value, label, position)
VALUES ($survey, $question, $value, $label, $position);

-- name: respondents
SELECT respondent FROM survey_respondents WHERE survey = $survey;

-- name: insert_responses
INSERT INTO survey_responses
SELECT $survey, unnest(CAST($respondents::JSON AS VARCHAR[])), unnest(CAST($questions::JSON AS VARCHAR[])),
  unnest(CAST($answers::JSON AS VARCHAR[])), unnest(CAST($numbers::JSON AS DOUBLE[]));
