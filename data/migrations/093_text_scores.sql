-- NLP scores of free text outside documents: open-ended survey answers and collaborator/organisation reports.
-- One row per text and model version, like doc_scores; a rescore replaces the rows of its version.
CREATE TABLE survey_text_scores (
  survey           VARCHAR NOT NULL,
  respondent       VARCHAR NOT NULL,
  question         VARCHAR NOT NULL,   -- a free-text question (type text), '_other' texts included
  model_version    VARCHAR NOT NULL,
  sentiment        VARCHAR NOT NULL,   -- positive | negative | neutral
  sentiment_score  DOUBLE NOT NULL,    -- -1 .. 1
  topics           VARCHAR[] NOT NULL, -- topic ids, most confident first
  topic_scores     JSON,
  places           VARCHAR[] NOT NULL, -- unit uids named in the answer
  scored_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (survey, respondent, question, model_version)
);

CREATE TABLE report_scores (
  report_id        VARCHAR NOT NULL,   -- reports.id
  model_version    VARCHAR NOT NULL,
  sentiment        VARCHAR NOT NULL,
  sentiment_score  DOUBLE NOT NULL,
  topics           VARCHAR[] NOT NULL, -- found by the NLP in the summary and proposals
  topic_scores     JSON,
  places           VARCHAR[] NOT NULL,
  scored_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (report_id, model_version)
);
