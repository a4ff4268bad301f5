-- name: existing_ids
SELECT id FROM documents WHERE id IN (SELECT unnest(string_split($ids, chr(31))))
UNION
SELECT id FROM archived_documents WHERE id IN (SELECT unnest(string_split($ids, chr(31))));

-- name: existing_ids_list
SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]))
UNION
SELECT id FROM archived_documents WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: existing_hashes
WITH live AS (
  SELECT content_hash, arg_min(id, ingested_at) AS id
  FROM documents
  WHERE duplicate_of IS NULL AND content_hash IN (SELECT unnest(string_split($hashes, ',')))
  GROUP BY content_hash
)
SELECT content_hash, id FROM live
UNION ALL
SELECT content_hash, min(id) AS id
FROM archived_documents
WHERE content_hash IN (SELECT unnest(string_split($hashes, ',')))
  AND content_hash NOT IN (SELECT content_hash FROM live)
GROUP BY content_hash;

-- name: lsh_candidates
SELECT band_key, doc_id, root_id, published_at, window_at
FROM doc_lsh
WHERE window_at BETWEEN $from AND $to
  AND band_key IN (SELECT unnest(string_split($keys, ','))::BIGINT);

-- name: stored_ids
SELECT id FROM documents WHERE id IN (SELECT unnest(string_split($ids, chr(31))));

-- name: stored_ids_list
SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: create_stage
CREATE TEMP TABLE IF NOT EXISTS stage_documents (
  id VARCHAR, outlet VARCHAR, kind VARCHAR, url VARCHAR, canonical_url VARCHAR, title VARCHAR, text VARCHAR,
  published_at TIMESTAMPTZ, locality_uid VARCHAR, lang VARCHAR, content_hash VARCHAR, simhash UBIGINT,
  duplicate_of VARCHAR, near_duplicate_of VARCHAR, classification TINYINT, raw_item_id VARCHAR, extra JSON,
  bands DOUBLE[]
);
CREATE TEMP TABLE IF NOT EXISTS stage_raw_items (
  id VARCHAR, locator VARCHAR, fetched_at TIMESTAMPTZ, content_type VARCHAR, headers JSON, body VARCHAR,
  content_hash VARCHAR
);

-- name: insert_raw_items
INSERT OR IGNORE INTO raw_items (id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id)
SELECT id, $source, locator, coalesce(fetched_at, $now::TIMESTAMPTZ), content_type, headers, body, content_hash, $job_run_id::BIGINT
FROM stage_raw_items;

-- name: insert_documents
INSERT INTO documents (id, import_source, outlet, kind, url, canonical_url, title, text, published_at, ingested_at,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra)
SELECT id, $source, outlet, kind, url, canonical_url, title, text, published_at, $now::TIMESTAMPTZ,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra
FROM stage_documents;

-- name: insert_lsh
INSERT INTO doc_lsh (band_key, doc_id, root_id, published_at, window_at)
SELECT unnest(bands)::BIGINT, id, coalesce(near_duplicate_of, id), published_at, coalesce(published_at, $now::TIMESTAMPTZ)
FROM stage_documents
WHERE len(bands) > 0;

-- name: drop_stage
DROP TABLE stage_documents;
DROP TABLE stage_raw_items;
