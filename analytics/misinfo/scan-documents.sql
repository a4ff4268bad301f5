-- name: statements
SELECT id, claim, verdict, issued_at, topics, locality_uid, classification FROM official_statements ORDER BY id;

-- name: documents
-- The documents to scan, with their source's credibility (the outlet's rating, else the import's) and topics.
SELECT d.id, d.title, d.text, d.published_at, d.ingested_at, CAST(d.extra AS VARCHAR) AS extra, d.locality_uid,
  d.classification, coalesce(d.duplicate_of, d.near_duplicate_of) AS copy_of,
  coalesce(so.credibility, si.credibility) AS credibility,
  (SELECT s.topics FROM doc_scores s WHERE s.doc_id = d.id ORDER BY s.scored_at DESC LIMIT 1) AS topics
FROM documents d
LEFT JOIN sources so ON so.name = d.outlet
LEFT JOIN sources si ON si.name = d.import_source
WHERE d.id IN (SELECT unnest(CAST($ids::JSON AS VARCHAR[])))
ORDER BY d.id;

-- name: upsert_candidate
-- A re-scan refreshes what the matcher found and keeps what the reviewer decided.
INSERT INTO claim_candidates (id, doc_id, statement_id, sentence, sentence_start, sentence_end, claim_score,
  similarity, tier, contradiction, cues, risk, risk_signals, locality_uid, topics, classification, created_at,
  updated_at)
VALUES ($id, $doc_id, $statement_id, $sentence, $sentence_start, $sentence_end, $claim_score, $similarity, $tier,
  $contradiction, CAST($cues::JSON AS VARCHAR[]), $risk, $risk_signals, $locality_uid,
  CAST($topics::JSON AS VARCHAR[]), $classification, $now, $now)
ON CONFLICT (id) DO UPDATE SET
  sentence = excluded.sentence, sentence_start = excluded.sentence_start, sentence_end = excluded.sentence_end,
  claim_score = excluded.claim_score, similarity = excluded.similarity, tier = excluded.tier,
  contradiction = excluded.contradiction, cues = excluded.cues, risk_signals = excluded.risk_signals,
  locality_uid = excluded.locality_uid, topics = excluded.topics, classification = excluded.classification,
  updated_at = excluded.updated_at;

-- name: delete_stale
-- Unreviewed candidates of the scanned documents that the registry no longer supports.
DELETE FROM claim_candidates
WHERE doc_id IN (SELECT unnest(CAST($docs::JSON AS VARCHAR[])))
  AND id NOT IN (SELECT unnest(CAST($keep::JSON AS VARCHAR[])))
  AND status = 'chưa xác định';

-- name: affected
-- Candidates whose spread may have changed: those of the scanned documents, of the clusters they copy, and of
-- the statements they match.
SELECT c.id FROM claim_candidates c
WHERE c.doc_id IN (SELECT unnest(CAST($docs::JSON AS VARCHAR[])))
   OR c.statement_id IN (SELECT unnest(CAST($statements::JSON AS VARCHAR[])))
ORDER BY c.id;

-- name: spread
-- Per candidate: documents carrying its claim (copies of its document, and documents matching the same statement
-- with their copies) within 72 hours either side of it; how many, from how many outlets, over how many hours.
WITH cand AS (
  SELECT id, doc_id, statement_id FROM claim_candidates
  WHERE id IN (SELECT unnest(CAST($ids::JSON AS VARCHAR[])))
),
docs AS (
  SELECT id, coalesce(duplicate_of, near_duplicate_of, id) AS root, coalesce(outlet, import_source) AS outlet,
    coalesce(published_at, ingested_at) AS seen_at
  FROM documents
),
carriers AS (
  SELECT c.id AS cand_id, x.id AS doc_id, x.outlet, x.seen_at, me.seen_at AS me_at
  FROM cand c JOIN docs me ON me.id = c.doc_id JOIN docs x ON x.root = me.root
  UNION
  SELECT c.id, x.id, x.outlet, x.seen_at, me.seen_at
  FROM cand c JOIN docs me ON me.id = c.doc_id
  JOIN claim_candidates o ON o.statement_id = c.statement_id
  JOIN docs od ON od.id = o.doc_id
  JOIN docs x ON x.root = od.root
)
SELECT c.id, r.risk_signals_text,
  count(DISTINCT k.doc_id) AS documents,
  count(DISTINCT k.outlet) AS outlets,
  coalesce(date_diff('second', min(k.seen_at), max(k.seen_at)) / 3600.0, 0) AS hours
FROM cand c
JOIN (SELECT id, CAST(risk_signals AS VARCHAR) AS risk_signals_text FROM claim_candidates) r ON r.id = c.id
LEFT JOIN carriers k ON k.cand_id = c.id AND k.seen_at BETWEEN k.me_at - INTERVAL 72 HOUR AND k.me_at + INTERVAL 72 HOUR
GROUP BY c.id, r.risk_signals_text
ORDER BY c.id;

-- name: update_risk
UPDATE claim_candidates SET risk = $risk, risk_signals = $risk_signals WHERE id = $id;
