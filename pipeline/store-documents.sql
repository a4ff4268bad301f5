-- name: create_stage
CREATE TEMP TABLE stage_keys (
  id VARCHAR, content_hash VARCHAR,
  b0 DOUBLE, b1 DOUBLE, b2 DOUBLE, b3 DOUBLE, b4 DOUBLE, b5 DOUBLE, b6 DOUBLE, b7 DOUBLE,
  b8 DOUBLE, b9 DOUBLE, b10 DOUBLE, b11 DOUBLE, b12 DOUBLE, b13 DOUBLE, b14 DOUBLE, b15 DOUBLE
);
CREATE TEMP TABLE stage_rows (
  id VARCHAR, outlet VARCHAR, kind VARCHAR, url VARCHAR, canonical_url VARCHAR, title VARCHAR, text VARCHAR,
  published_at TIMESTAMPTZ, locality_uid VARCHAR, lang VARCHAR, content_hash VARCHAR, simhash UBIGINT,
  duplicate_of VARCHAR, near_duplicate_of VARCHAR, classification TINYINT, raw_item_id VARCHAR, extra JSON,
  store_raw BOOLEAN, raw_locator VARCHAR, raw_fetched_at TIMESTAMPTZ, raw_content_type VARCHAR, raw_headers JSON,
  raw_body VARCHAR,
  b0 DOUBLE, b1 DOUBLE, b2 DOUBLE, b3 DOUBLE, b4 DOUBLE, b5 DOUBLE, b6 DOUBLE, b7 DOUBLE,
  b8 DOUBLE, b9 DOUBLE, b10 DOUBLE, b11 DOUBLE, b12 DOUBLE, b13 DOUBLE, b14 DOUBLE, b15 DOUBLE
);

-- name: known_ids
SELECT id FROM documents WHERE id IN (SELECT id FROM stage_keys)
UNION
SELECT id FROM archived_documents WHERE id IN (SELECT id FROM stage_keys);

-- name: known_hashes
WITH live AS (
  SELECT content_hash, arg_min(id, ingested_at) AS id
  FROM documents
  WHERE duplicate_of IS NULL AND content_hash IN (SELECT content_hash FROM stage_keys)
  GROUP BY content_hash
)
SELECT content_hash, id FROM live
UNION ALL
SELECT content_hash, min(id) AS id
FROM archived_documents
WHERE content_hash IN (SELECT content_hash FROM stage_keys)
  AND content_hash NOT IN (SELECT content_hash FROM live)
GROUP BY content_hash;

-- name: lsh_candidates
SELECT band_key, doc_id, root_id, published_at, window_at
FROM doc_lsh
WHERE window_at BETWEEN $from AND $to
  AND band_key IN (
    SELECT unnest([b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15])::BIGINT
    FROM stage_keys
    WHERE b0 IS NOT NULL
  );

-- name: stored_ids
SELECT id FROM documents WHERE id IN (SELECT unnest(string_split($ids, chr(31))));

-- name: stored_ids_list
SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: insert_raw_items
INSERT OR IGNORE INTO raw_items (id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id)
SELECT raw_item_id, $source, raw_locator, coalesce(raw_fetched_at, $now::TIMESTAMPTZ), raw_content_type, raw_headers,
  raw_body, sha256(raw_body), $job_run_id::BIGINT
FROM stage_rows
WHERE store_raw;

-- name: insert_documents
INSERT INTO documents (id, import_source, outlet, kind, url, canonical_url, title, text, published_at, ingested_at,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra)
SELECT id, $source, outlet, kind, url, canonical_url, title, text, published_at, $now::TIMESTAMPTZ,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra
FROM stage_rows;

-- name: insert_lsh
INSERT INTO doc_lsh (band_key, doc_id, root_id, published_at, window_at)
SELECT unnest([b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15])::BIGINT, id,
  coalesce(near_duplicate_of, id), published_at, coalesce(published_at, $now::TIMESTAMPTZ)
FROM stage_rows
WHERE b0 IS NOT NULL;

-- name: drop_stage
DROP TABLE stage_keys;
DROP TABLE stage_rows;
