-- raw_items without its PRIMARY KEY. The key's index (an ART over 64-character sha256 ids, about 117 bytes a row,
-- held in memory) grew with every raw item: 140 MB for the 1.2M lines of a 1 GB JSONL import, more than the memory
-- limit a bounded import runs under. Ids stay unique: a raw item is inserted only when no row has its id
-- (pipeline/store-documents.sql insert_raw_items, pipeline/statements/ingest-statements.sql insert_raw_item), and
-- documents, whose ids are short, keep their key.
CREATE TABLE raw_items_unkeyed (
  id            VARCHAR NOT NULL,     -- sha256 of source + locator + content; unique (see above)
  source        VARCHAR NOT NULL,
  locator       VARCHAR NOT NULL,     -- URL, or file:line
  fetched_at    TIMESTAMPTZ NOT NULL,
  content_type  VARCHAR,
  headers       JSON,
  body          VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,
  job_run_id    BIGINT
);

INSERT INTO raw_items_unkeyed
SELECT id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id
FROM raw_items
ORDER BY fetched_at, id;

DROP TABLE raw_items;
ALTER TABLE raw_items_unkeyed RENAME TO raw_items;
