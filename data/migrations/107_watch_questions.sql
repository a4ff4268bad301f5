-- Watch topics go out to collaborators as questions of their next monthly report (analytics/hotspots/watch-topics.ts),
-- and the answers come back tagged with the watch topic they answer.
ALTER TABLE watch_topics ADD COLUMN question VARCHAR;   -- the wording put to collaborators; NULL: one made from the name
CREATE TABLE report_watch_answers (
  report_id       VARCHAR NOT NULL,    -- reports.id: the answer is read with its report's access rule
  watch_topic_id  VARCHAR NOT NULL,
  answer          VARCHAR NOT NULL,    -- scrubbed of personal data
  answered_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (report_id, watch_topic_id)
);
