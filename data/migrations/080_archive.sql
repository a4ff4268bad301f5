-- Archive tier: rows moved out of the database into Hive-partitioned Parquet files, with their checksums.
CREATE TABLE archive_state (
  root  VARCHAR NOT NULL          -- absolute folder holding the archive's Parquet files
);

CREATE TABLE archive_files (
  path         VARCHAR PRIMARY KEY, -- relative to the root: <table>/month=yyyy-mm/source_kind=<kind>/part-<uuid>.parquet
  table_name   VARCHAR NOT NULL,    -- documents | doc_scores | raw_items
  month        VARCHAR NOT NULL,    -- local month of the documents' published_at
  source_kind  VARCHAR NOT NULL,    -- the documents' kind (news, social, report, …; unknown when none)
  row_count    BIGINT NOT NULL,
  bytes        BIGINT NOT NULL,
  sha256       VARCHAR NOT NULL,
  archived_at  TIMESTAMPTZ NOT NULL
);

-- Ids and content hashes of archived documents stay here, so a re-import can recognise them.
CREATE TABLE archived_documents (
  id            VARCHAR PRIMARY KEY,
  content_hash  VARCHAR NOT NULL,
  month         VARCHAR NOT NULL,
  source_kind   VARCHAR NOT NULL
);

-- Every row, in the database or archived; redefined by each archive run (data/archive.ts).
CREATE VIEW documents_all AS SELECT * FROM documents;
CREATE VIEW doc_scores_all AS SELECT * FROM doc_scores;
CREATE VIEW raw_items_all AS SELECT * FROM raw_items;
