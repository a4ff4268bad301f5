-- Ingestion: MinHash LSH band keys for near-duplicate lookup, HTTP validators per URL, source state.
CREATE TABLE doc_lsh (
  band_key  BIGINT NOT NULL,   -- band * 2^32 + hash of the band's MinHash rows
  doc_id    VARCHAR NOT NULL
);

CREATE TABLE http_cache (
  url            VARCHAR PRIMARY KEY,
  etag           VARCHAR,
  last_modified  VARCHAR,
  status         INTEGER,
  checked_at     TIMESTAMPTZ NOT NULL
);
