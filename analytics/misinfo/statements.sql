-- name: existing
SELECT id, claim, content_hash FROM official_statements;

-- name: upsert
INSERT INTO official_statements (id, claim, verdict, official_text, link, issuing_body, issued_at, topics, places,
  locality_uid, classification, content_hash, imported_from, created_at, updated_at)
VALUES ($id, $claim, $verdict, $official_text, $link, $issuing_body, $issued_at, CAST($topics::JSON AS VARCHAR[]), CAST($places::JSON AS VARCHAR[]),
  $locality_uid, $classification, $content_hash, $imported_from, $now, $now)
ON CONFLICT (id) DO UPDATE SET
  claim = excluded.claim, verdict = excluded.verdict, official_text = excluded.official_text, link = excluded.link,
  issuing_body = excluded.issuing_body, issued_at = excluded.issued_at, topics = excluded.topics,
  places = excluded.places, locality_uid = excluded.locality_uid, classification = excluded.classification,
  content_hash = excluded.content_hash, imported_from = excluded.imported_from, updated_at = excluded.updated_at;

-- name: list
SELECT id, claim, verdict, official_text, link, issuing_body, issued_at, topics, places, locality_uid,
  classification, imported_from, created_at, updated_at
FROM official_statements
ORDER BY issued_at DESC NULLS LAST, id;

-- name: for_matching
SELECT id, claim, verdict, issued_at, topics, locality_uid, classification FROM official_statements ORDER BY id;
