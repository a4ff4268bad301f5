-- Near-duplicate lookup without a join to documents, bounded to a window of dates: each LSH row carries what the
-- lookup needs of its document, and rows are kept in date order so that DuckDB's zone maps skip old row groups.
CREATE TABLE doc_lsh_windowed (
  band_key      BIGINT NOT NULL,       -- band * 2^32 + hash of the band's MinHash rows
  doc_id        VARCHAR NOT NULL,
  root_id       VARCHAR NOT NULL,      -- the document's near_duplicate_of, or its own id
  published_at  TIMESTAMPTZ,           -- the document's (which of two candidates is earlier)
  window_at     TIMESTAMPTZ NOT NULL   -- published_at, or ingested_at when unknown (what the window compares)
);

INSERT INTO doc_lsh_windowed
SELECT l.band_key, l.doc_id, coalesce(d.near_duplicate_of, d.id), d.published_at,
  coalesce(d.published_at, d.ingested_at) AS window_at
FROM doc_lsh l JOIN documents d ON d.id = l.doc_id
ORDER BY window_at, l.doc_id, l.band_key;

DROP TABLE doc_lsh;
ALTER TABLE doc_lsh_windowed RENAME TO doc_lsh;

-- Exact duplicates are found by a hash join over content_hash, which never uses this index; it only cost time on
-- every insert and memory (an ART of 64-character keys, one per document).
DROP INDEX IF EXISTS documents_hash_idx;
