-- name: create_stage
CREATE TEMP TABLE stage_docs (
  ord INTEGER, id VARCHAR, outlet VARCHAR, kind VARCHAR, url VARCHAR, canonical_url VARCHAR, title VARCHAR,
  text VARCHAR, published_at TIMESTAMPTZ, locality_uid VARCHAR, lang VARCHAR, content_hash VARCHAR, simhash UBIGINT,
  classification TINYINT, raw_item_id VARCHAR, extra VARCHAR, raw_locator VARCHAR, raw_fetched_at TIMESTAMPTZ,
  raw_content_type VARCHAR, raw_headers VARCHAR, raw_body VARCHAR,
  b0 DOUBLE, b1 DOUBLE, b2 DOUBLE, b3 DOUBLE, b4 DOUBLE, b5 DOUBLE, b6 DOUBLE, b7 DOUBLE,
  b8 DOUBLE, b9 DOUBLE, b10 DOUBLE, b11 DOUBLE, b12 DOUBLE, b13 DOUBLE, b14 DOUBLE, b15 DOUBLE
);
-- The staged documents to store (by ord, in order) and what deduplication decided for each.
CREATE TEMP TABLE stage_decisions (
  ord INTEGER, duplicate_of VARCHAR, near_duplicate_of VARCHAR, store_raw BOOLEAN
);

-- name: known_ids
SELECT id FROM documents WHERE id IN (SELECT id FROM stage_docs)
UNION
SELECT id FROM archived_documents WHERE id IN (SELECT id FROM stage_docs);

-- name: known_hashes
WITH live AS (
  SELECT content_hash, arg_min(id, ingested_at) AS id
  FROM documents
  WHERE duplicate_of IS NULL AND content_hash IN (SELECT content_hash FROM stage_docs)
  GROUP BY content_hash
)
SELECT content_hash, id FROM live
UNION ALL
SELECT content_hash, min(id) AS id
FROM archived_documents
WHERE content_hash IN (SELECT content_hash FROM stage_docs)
  AND content_hash NOT IN (SELECT content_hash FROM live)
GROUP BY content_hash;

-- name: lsh_candidates
SELECT band_key, doc_id, root_id, published_at, window_at
FROM doc_lsh
WHERE window_at BETWEEN $from AND $to
  AND band_key IN (
    SELECT unnest([b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15])::BIGINT
    FROM stage_docs
    WHERE b0 IS NOT NULL
  );

-- name: stored_ids
SELECT id FROM documents WHERE id IN (SELECT unnest(string_split($ids, chr(31))));

-- name: stored_ids_list
SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: insert_raw_items
-- raw_items has no key (migration 103): a raw item already stored (the same source, locator and content) is skipped
-- here. The inner IN keeps the anti-join's build side to the batch's ids rather than every stored raw item.
INSERT INTO raw_items (id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id)
SELECT s.raw_item_id, $source, s.raw_locator, coalesce(s.raw_fetched_at, $now::TIMESTAMPTZ), s.raw_content_type,
  s.raw_headers::JSON, s.raw_body, sha256(s.raw_body), $job_run_id::BIGINT
FROM stage_decisions d JOIN stage_docs s USING (ord)
WHERE d.store_raw
  AND s.raw_item_id NOT IN (SELECT id FROM raw_items WHERE id IN (SELECT raw_item_id FROM stage_docs))
ORDER BY ord;

-- name: insert_documents
INSERT INTO documents (id, import_source, outlet, kind, url, canonical_url, title, text, published_at, ingested_at,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra)
SELECT s.id, $source, s.outlet, s.kind, s.url, s.canonical_url, s.title, s.text, s.published_at, $now::TIMESTAMPTZ,
  s.locality_uid, s.lang, s.content_hash, s.simhash, d.duplicate_of, d.near_duplicate_of, s.classification,
  s.raw_item_id, s.extra::JSON
FROM stage_decisions d JOIN stage_docs s USING (ord)
ORDER BY ord;

-- name: insert_lsh
INSERT INTO doc_lsh (band_key, doc_id, root_id, published_at, window_at)
SELECT unnest([b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15])::BIGINT, id,
  coalesce(near_duplicate_of, id), published_at, coalesce(published_at, $now::TIMESTAMPTZ)
FROM (
  SELECT s.*, d.near_duplicate_of
  FROM stage_decisions d JOIN stage_docs s USING (ord)
  WHERE s.b0 IS NOT NULL AND d.duplicate_of IS NULL
  ORDER BY ord
);

-- name: drop_stage
DROP TABLE stage_docs;
DROP TABLE stage_decisions;
