-- name: known_links
SELECT id, link FROM official_statements WHERE list_contains($links, link) OR list_contains($ids, id);

-- name: insert_raw_item
-- raw_items has no key (migration 103): an item already stored is skipped here.
INSERT INTO raw_items (id, source, locator, fetched_at, content_type, headers, body, content_hash, job_run_id)
SELECT $id, $source, $locator, $fetched_at, 'application/xml', NULL, $body, $content_hash, $job_run_id
WHERE NOT EXISTS (SELECT 1 FROM raw_items WHERE id = $id);

-- name: recent_documents
SELECT id FROM documents
WHERE published_at >= $since
ORDER BY published_at DESC, id
LIMIT $limit;
