-- Statements of the archive tier (data/archive.ts). Rows move by document: a document, its scores and the raw
-- items only it came from go together, partitioned by the document's local month and kind.

-- name: installed
SELECT count(*) AS n FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'archive_files';

-- name: root
SELECT root FROM archive_state LIMIT 1;

-- name: set_root
DELETE FROM archive_state;
INSERT INTO archive_state VALUES ($root);

-- name: files
SELECT path, table_name, month, source_kind, row_count, bytes, sha256, archived_at
FROM archive_files ORDER BY table_name, path;

-- name: batch
CREATE OR REPLACE TEMP TABLE archive_batch AS
SELECT id, raw_item_id, content_hash,
  strftime(published_at, '%Y-%m') AS month,
  regexp_replace(lower(coalesce(nullif(trim(kind), ''), 'unknown')), '[^a-z0-9_-]+', '_', 'g') AS source_kind
FROM documents
WHERE published_at < $before;

-- Raw items that no document staying in the database still points to.
-- name: batch_raw
CREATE OR REPLACE TEMP TABLE archive_raw AS
SELECT b.raw_item_id AS id, min(b.month) AS month, min(b.source_kind) AS source_kind
FROM archive_batch b
WHERE b.raw_item_id IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM documents d
    WHERE d.raw_item_id = b.raw_item_id AND d.id NOT IN (SELECT id FROM archive_batch))
GROUP BY b.raw_item_id;

-- name: batch_counts
SELECT
  (SELECT count(*) FROM archive_batch) AS documents,
  (SELECT count(*) FROM doc_scores WHERE doc_id IN (SELECT id FROM archive_batch)) AS doc_scores,
  (SELECT count(*) FROM raw_items WHERE id IN (SELECT id FROM archive_raw)) AS raw_items;

-- name: copy_documents
COPY (SELECT d.*, b.month, b.source_kind FROM documents d JOIN archive_batch b ON b.id = d.id)
TO $dir (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month, source_kind), FILENAME_PATTERN 'part-{uuid}');

-- name: copy_doc_scores
COPY (SELECT s.*, b.month, b.source_kind FROM doc_scores s JOIN archive_batch b ON b.id = s.doc_id)
TO $dir (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month, source_kind), FILENAME_PATTERN 'part-{uuid}');

-- name: copy_raw_items
COPY (SELECT r.*, a.month, a.source_kind FROM raw_items r JOIN archive_raw a ON a.id = r.id)
TO $dir (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month, source_kind), FILENAME_PATTERN 'part-{uuid}');

-- name: file_rows
SELECT file_name, num_rows FROM parquet_file_metadata($files);

-- name: remember_documents
INSERT INTO archived_documents SELECT id, content_hash, month, source_kind FROM archive_batch;

-- name: delete_archived
DELETE FROM doc_scores WHERE doc_id IN (SELECT id FROM archive_batch);
DELETE FROM raw_items WHERE id IN (SELECT id FROM archive_raw);
DELETE FROM documents WHERE id IN (SELECT id FROM archive_batch);

-- name: drop_batch
DROP TABLE IF EXISTS archive_batch;
DROP TABLE IF EXISTS archive_raw;

-- name: table_columns
SELECT column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
ORDER BY column_index;

-- name: file_columns
SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($files, union_by_name = true, hive_partitioning = false));

-- name: forget_files
DELETE FROM archive_files WHERE path IN (SELECT unnest($paths::VARCHAR[]));

-- name: forget_documents
DELETE FROM archived_documents WHERE id IN (SELECT id FROM documents);
