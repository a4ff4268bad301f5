-- name: sources
SELECT name, kind, url, schedule, classification, failures, backoff_until, last_success_at, last_error
FROM sources
ORDER BY name;

-- name: document_counts
-- On a scoped connection: the documents of each source the user may see.
SELECT import_source, count(*) AS n FROM documents GROUP BY import_source;

-- name: runs
SELECT id, job, started_at, finished_at, status, items_in, items_new, items_dup, items_failed, error
FROM job_runs
ORDER BY started_at DESC, id DESC
LIMIT 50;

-- name: fetch_failures
SELECT source, url, started_at, status, outcome, error
FROM fetch_log
WHERE outcome NOT IN ('ok', 'not_modified')
ORDER BY started_at DESC, id DESC
LIMIT 50;
