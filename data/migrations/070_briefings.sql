-- Briefings as issued: the rendered HTML and DOCX kept unchanged, the model (figures, sections, queries) as JSON.
-- unit_uid and classification make need-to-know apply to briefings as to any other record.
CREATE TABLE briefings (
  id              VARCHAR PRIMARY KEY,   -- 'bc-<period>-<first day>-<last day>-<scope>-<lang>': one per window and scope
  period          VARCHAR NOT NULL,      -- week | month
  period_from     TIMESTAMPTZ NOT NULL,  -- first local midnight of the window
  period_to       TIMESTAMPTZ NOT NULL,  -- local midnight after the last day (exclusive)
  unit_uid        VARCHAR,               -- the unit it is about; NULL: the whole province
  lang            VARCHAR NOT NULL,      -- vi | en
  classification  TINYINT NOT NULL DEFAULT 0,  -- highest of the records it was made from
  title           VARCHAR NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  data_as_of      TIMESTAMPTZ,
  created_by      VARCHAR,               -- user id, or NULL for the scheduled job
  summary         JSON NOT NULL,         -- key points and headline figures
  model           JSON NOT NULL,         -- the whole briefing (sections, charts, queries), to re-render
  html            VARCHAR NOT NULL,
  docx            BLOB
);
CREATE INDEX briefings_period_idx ON briefings (period_from);
