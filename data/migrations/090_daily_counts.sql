-- Daily counts of documents for the overview, kept by data/daily-counts.ts after every ingest and scoring run.
-- One row per local day and combination of what the overview groups by, with the columns the access rule needs
-- (data/access.ts filters the table as it filters the documents counted in it). Exact duplicates are left out.
CREATE TABLE daily_counts (
  day               DATE,                -- local (Asia/Ho_Chi_Minh) day of published_at; NULL: no date
  classification    TINYINT NOT NULL,
  import_source     VARCHAR NOT NULL,
  locality_uid      VARCHAR,             -- the document's locality, else its latest score's
  sentiment         VARCHAR NOT NULL,    -- of the latest score; 'unscored' when none
  topics            VARCHAR[] NOT NULL,  -- of the latest score
  scope_localities  VARCHAR[] NOT NULL,  -- access: the document's locality, else every locality its scores found
  scope_topics      VARCHAR[] NOT NULL,  -- access: the topics of every score of the document
  outlets           VARCHAR[] NOT NULL,  -- distinct outlets (the import source when a document names none)
  documents         BIGINT NOT NULL,
  first_published   TIMESTAMPTZ,
  last_published    TIMESTAMPTZ,
  last_ingested     TIMESTAMPTZ NOT NULL
);

-- What each day's counts were made from: a signature of its documents and scores, to find the days that changed.
CREATE TABLE daily_counts_days (
  day        DATE PRIMARY KEY,           -- DATE '0001-01-01' stands for documents without a date
  documents  BIGINT NOT NULL,
  signature  UBIGINT NOT NULL
);

-- Bumped by every change to daily_counts, so that cached overviews are recomputed.
CREATE TABLE daily_counts_state (
  version  BIGINT NOT NULL
);
INSERT INTO daily_counts_state VALUES (0);
