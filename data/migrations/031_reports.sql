-- Collaborator and organisation reports: one row per report, reporter pseudonymised, free text scrubbed.
CREATE TABLE reports (
  id              VARCHAR PRIMARY KEY,  -- the input id verbatim, else 'R-' + content hash
  import_source   VARCHAR NOT NULL,
  reporter        VARCHAR,              -- pseudonym of the collaborator
  organisation    VARCHAR,              -- reporting body: cộng tác viên, MTTQ, Hội Nông dân, ...
  unit_uid        VARCHAR,              -- reporting unit, when found in units
  unit_text       VARCHAR,              -- as given
  period          VARCHAR NOT NULL,     -- 'YYYY-MM'
  locality_uid    VARCHAR,
  locality_text   VARCHAR,
  topics          VARCHAR[] NOT NULL,   -- topic ids
  topics_text     VARCHAR,              -- as given
  summary         VARCHAR NOT NULL,     -- free-text opinion summary (scrubbed)
  mood            VARCHAR,              -- assessed mood as given (normalised text)
  mood_score      DOUBLE,               -- -2 (bức xúc) .. 2 (phấn khởi) when recognised
  proposals       VARCHAR,              -- kiến nghị, đề xuất (scrubbed)
  submitted_at    TIMESTAMPTZ,
  ingested_at     TIMESTAMPTZ NOT NULL,
  classification  TINYINT NOT NULL DEFAULT 0,
  submitted_by    VARCHAR,              -- dlxh user who submitted or imported it (contributors see their own)
  content_hash    VARCHAR NOT NULL,
  source_file     VARCHAR NOT NULL,
  source_row      INTEGER NOT NULL
);
CREATE INDEX reports_period_idx ON reports (period);
