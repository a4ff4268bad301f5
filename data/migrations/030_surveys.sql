-- Surveys: questionnaires (merged over form versions), respondents with design variables, long-format answers,
-- calibrated weight sets. Respondents are keyed pseudonyms; the submission uuid is only in pseudonym_map, sealed.
CREATE TABLE surveys (
  name            VARCHAR PRIMARY KEY,
  title           VARCHAR,
  sponsor         VARCHAR,             -- who commissioned it
  conducted_by    VARCHAR,
  population      VARCHAR,             -- target population, in words
  mode            VARCHAR,             -- face-to-face (CAPI), phone, web, ...
  weight_column   VARCHAR,             -- export column names given at import
  strata_column   VARCHAR,
  cluster_column  VARCHAR,
  classification  TINYINT NOT NULL DEFAULT 0,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE survey_forms (
  survey     VARCHAR NOT NULL,
  version    VARCHAR NOT NULL,         -- XLSForm settings.version ('' when none)
  form_id    VARCHAR,
  title      VARCHAR,
  file       VARCHAR NOT NULL,
  loaded_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (survey, version)
);

CREATE TABLE survey_questions (
  survey       VARCHAR NOT NULL,
  name         VARCHAR NOT NULL,       -- full path as the form names it: 'group/question'
  label        VARCHAR NOT NULL,       -- wording of the latest version
  wordings     VARCHAR[] NOT NULL,     -- every distinct wording seen, oldest first
  type         VARCHAR NOT NULL,       -- select_one | select_multiple | integer | decimal | text | date | datetime | geopoint | calculate
  type_source  VARCHAR NOT NULL,       -- form | inferred
  list_name    VARCHAR,
  choices      VARCHAR[] NOT NULL,     -- choice codes in form order
  other_of     VARCHAR,                -- for '<q>_other' text: the question it completes
  versions     VARCHAR[] NOT NULL,     -- form versions that ask it
  position     INTEGER NOT NULL,
  PRIMARY KEY (survey, name)
);

CREATE TABLE survey_choices (
  survey    VARCHAR NOT NULL,
  question  VARCHAR NOT NULL,
  value     VARCHAR NOT NULL,          -- XML value (choice name)
  label     VARCHAR NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (survey, question, value)
);

CREATE TABLE survey_respondents (
  survey             VARCHAR NOT NULL,
  respondent         VARCHAR NOT NULL, -- pseudonym of the submission uuid
  submitted_at       TIMESTAMPTZ,
  form_version       VARCHAR,
  validation_status  VARCHAR,          -- approved | not_approved | on_hold | rejected | has_issues | other text
  enumerator         VARCHAR,          -- pseudonym of the submitting account
  weight             DOUBLE NOT NULL,  -- 1 when the survey has no weight column
  stratum            VARCHAR,          -- NULL: one stratum
  cluster            VARCHAR,          -- NULL: the respondent is its own PSU
  source_file        VARCHAR NOT NULL,
  source_row         INTEGER NOT NULL,
  ingested_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (survey, respondent)
);

CREATE TABLE survey_responses (
  survey      VARCHAR NOT NULL,
  respondent  VARCHAR NOT NULL,
  question    VARCHAR NOT NULL,
  value       VARCHAR NOT NULL,        -- choice code(s), space-separated for select_multiple; scrubbed free text
  value_num   DOUBLE                   -- numeric questions
);
-- No primary key: answers are written only with their new respondent, in the same transaction, and an index
-- over every answer would dominate bulk imports. (survey, respondent, question) is unique by construction.

CREATE TABLE survey_weightings (
  survey      VARCHAR NOT NULL,
  name        VARCHAR NOT NULL,
  method      VARCHAR NOT NULL,        -- rake | poststratify
  variables   VARCHAR[] NOT NULL,
  margins     JSON NOT NULL,
  iterations  INTEGER NOT NULL,
  converged   BOOLEAN NOT NULL,
  max_error   DOUBLE NOT NULL,         -- largest relative gap between a weighted margin and its target
  created_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (survey, name)
);

CREATE TABLE survey_weights (
  survey      VARCHAR NOT NULL,
  weighting   VARCHAR NOT NULL,
  respondent  VARCHAR NOT NULL,
  weight      DOUBLE NOT NULL,
  PRIMARY KEY (survey, weighting, respondent)
);
