-- name: documents
-- Visible documents for an export, with their latest scores; runs on a scoped connection. locality_uid is the
-- document's own locality, else the one scoring found in its text (as on the documents page).
WITH latest AS (
  SELECT doc_id, arg_max(sentiment, scored_at) AS sentiment, arg_max(sentiment_score, scored_at) AS sentiment_score,
         arg_max(topics, scored_at) AS topics, arg_max(locality_uid, scored_at) AS scored_locality
  FROM doc_scores GROUP BY doc_id
)
SELECT d.id, d.published_at, d.import_source, d.outlet, d.kind, d.title, d.text, d.url,
       coalesce(d.locality_uid, l.scored_locality) AS locality_uid,
       d.lang, d.classification, l.sentiment, l.sentiment_score, coalesce(l.topics, []::VARCHAR[]) AS topics
FROM documents d
LEFT JOIN latest l ON l.doc_id = d.id
WHERE ($from IS NULL OR d.published_at >= $from)
  AND ($to IS NULL OR d.published_at < $to)
  AND ($topic IS NULL OR list_contains(l.topics, $topic))
  AND ($unit IS NULL OR coalesce(d.locality_uid, l.scored_locality) = $unit)
  AND ($q IS NULL OR d.text ILIKE '%' || $q || '%' OR d.title ILIKE '%' || $q || '%')
ORDER BY d.published_at, d.id
LIMIT $limit OFFSET $offset
