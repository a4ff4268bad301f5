-- name: list
-- One page of visible documents, newest first; scores are looked up for that page only. A document's unit is its
-- own locality, else the one scoring found in its text (doc_scores.locality_uid holds the first when there is one).
WITH page AS (
  SELECT d.id, d.title, coalesce(d.outlet, d.import_source) AS outlet, d.url, d.published_at, d.locality_uid,
         d.classification
  FROM documents d
  WHERE ($from IS NULL OR d.published_at >= $from)
    AND ($to IS NULL OR d.published_at < $to)
    AND ($topic IS NULL OR d.id IN (SELECT doc_id FROM doc_scores WHERE list_contains(topics, $topic)))
    AND ($unit IS NULL OR d.locality_uid = $unit OR d.id IN (SELECT doc_id FROM doc_scores WHERE locality_uid = $unit))
    AND ($q IS NULL OR d.text ILIKE '%' || $q || '%' OR d.title ILIKE '%' || $q || '%')
  ORDER BY d.published_at DESC NULLS LAST, d.id
  LIMIT $limit OFFSET $offset
),
latest AS (
  SELECT doc_id, arg_max(sentiment, scored_at) AS sentiment, arg_max(topics, scored_at) AS topics,
         arg_max(locality_uid, scored_at) AS scored_locality
  FROM doc_scores WHERE doc_id IN (SELECT id FROM page) GROUP BY doc_id
)
SELECT p.* REPLACE (coalesce(p.locality_uid, l.scored_locality) AS locality_uid), u.name AS locality_name,
       l.sentiment, coalesce(l.topics, []::VARCHAR[]) AS topics
FROM page p
LEFT JOIN latest l ON l.doc_id = p.id
LEFT JOIN units u ON u.uid = coalesce(p.locality_uid, l.scored_locality)
ORDER BY p.published_at DESC NULLS LAST, p.id;

-- name: one
SELECT d.id, d.import_source, d.outlet, d.kind, d.url, d.title, d.text, d.published_at, d.ingested_at,
       d.locality_uid, u.name AS locality_name, d.lang, d.duplicate_of, d.near_duplicate_of, d.classification
FROM documents d LEFT JOIN units u ON u.uid = d.locality_uid
WHERE d.id = $id;

-- name: scores
SELECT model_version, sentiment, sentiment_score, topics, places, locality_uid, scored_at
FROM doc_scores WHERE doc_id = $id ORDER BY scored_at DESC;
