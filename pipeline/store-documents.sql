-- name: stage
CREATE TEMP TABLE IF NOT EXISTS stage_documents (
  id VARCHAR, import_source VARCHAR, outlet VARCHAR, kind VARCHAR, url VARCHAR, canonical_url VARCHAR,
  title VARCHAR, text VARCHAR, published_at TIMESTAMPTZ, ingested_at TIMESTAMPTZ, locality_uid VARCHAR,
  lang VARCHAR, content_hash VARCHAR, simhash UBIGINT, duplicate_of VARCHAR, near_duplicate_of VARCHAR,
  classification TINYINT, raw_item_id VARCHAR, extra JSON
);
CREATE TEMP TABLE IF NOT EXISTS stage_raw_items (
  id VARCHAR, source VARCHAR, locator VARCHAR, fetched_at TIMESTAMPTZ, content_type VARCHAR, headers JSON,
  body VARCHAR, content_hash VARCHAR, job_run_id BIGINT
);

-- name: existing_ids
SELECT id FROM documents WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: existing_hashes
SELECT content_hash, arg_min(id, ingested_at) AS id
FROM documents
WHERE duplicate_of IS NULL AND content_hash IN (SELECT unnest($hashes::VARCHAR[]))
GROUP BY content_hash;

-- name: existing_raw_ids
SELECT id FROM raw_items WHERE id IN (SELECT unnest($ids::VARCHAR[]));

-- name: lsh_candidates
SELECT l.band_key, d.id, d.published_at, d.near_duplicate_of
FROM doc_lsh l JOIN documents d ON d.id = l.doc_id
WHERE l.band_key IN (SELECT unnest($keys::BIGINT[]));

-- name: commit_stage
INSERT INTO raw_items (id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id)
SELECT id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id FROM stage_raw_items;
INSERT INTO documents (id, import_source, outlet, kind, url, canonical_url, title, text, published_at, ingested_at,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra)
SELECT id, import_source, outlet, kind, url, canonical_url, title, text, published_at, ingested_at,
  locality_uid, lang, content_hash, simhash, duplicate_of, near_duplicate_of, classification, raw_item_id, extra
FROM stage_documents;
DELETE FROM stage_raw_items;
DELETE FROM stage_documents;
