-- name: existing
SELECT r.id, r.content_hash FROM (SELECT unnest(CAST($ids::JSON AS VARCHAR[])) AS id) AS given
JOIN reports AS r USING (id);

-- name: insert
INSERT INTO reports (id, import_source, reporter, organisation, unit_uid, unit_text, period, locality_uid,
  locality_text, topics, topics_text, summary, mood, mood_score, proposals, submitted_at, ingested_at,
  classification, submitted_by, content_hash, source_file, source_row, kind, people)
VALUES ($id, $import_source, $reporter, $organisation, $unit_uid, $unit_text, $period, $locality_uid,
  $locality_text, CAST($topics::JSON AS VARCHAR[]), $topics_text, $summary, $mood, $mood_score, $proposals,
  $submitted_at, $ingested_at, $classification, $submitted_by, $content_hash, $source_file, $source_row, $kind,
  $people);
