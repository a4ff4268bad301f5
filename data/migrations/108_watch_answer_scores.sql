-- NLP scores of collaborators' answers to watch topics' questions (report_watch_answers), like report_scores: one
-- row per answer and model version; a rescore replaces the rows of its version. Read joined to the answer's report,
-- so with the report's access rule.
CREATE TABLE watch_answer_scores (
  report_id        VARCHAR NOT NULL,
  watch_topic_id   VARCHAR NOT NULL,
  model_version    VARCHAR NOT NULL,
  sentiment        VARCHAR NOT NULL,   -- positive | negative | neutral
  sentiment_score  DOUBLE NOT NULL,    -- -1 .. 1
  topics           VARCHAR[] NOT NULL, -- topic ids, most confident first
  topic_scores     JSON,
  places           VARCHAR[] NOT NULL, -- unit uids named in the answer
  scored_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (report_id, watch_topic_id, model_version)
);
