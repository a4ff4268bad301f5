-- name: log
INSERT INTO fetch_log (source, url, started_at, duration_ms, status, bytes, outcome, error, etag, last_modified)
VALUES ($source, $url, $started_at, $duration_ms, $status, $bytes, $outcome, $error, $etag, $last_modified);

-- name: validators
SELECT etag, last_modified FROM http_cache WHERE url = $url;

-- name: save_validators
INSERT INTO http_cache (url, etag, last_modified, status, checked_at)
VALUES ($url, $etag, $last_modified, $status, $checked_at)
ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
  status = excluded.status, checked_at = excluded.checked_at;

-- name: touch_validators
UPDATE http_cache SET status = 304, checked_at = $checked_at WHERE url = $url;
