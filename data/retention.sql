-- Statements of the retention rules for personal data (data/retention.ts).

-- Each pseudonym's link to an identity, who it stands for and when that person was last seen in an import. A
-- collaborator pseudonym seen only in petition registers (reports with a kind) is a petitioner.
-- name: identities
CREATE OR REPLACE TEMP TABLE retention_identities AS
WITH seen AS (
  SELECT respondent AS pseudonym, max(ingested_at) AS at, false AS petition
  FROM survey_respondents GROUP BY respondent
  UNION ALL
  SELECT enumerator, max(ingested_at), false
  FROM survey_respondents WHERE enumerator IS NOT NULL GROUP BY enumerator
  UNION ALL
  SELECT reporter, max(ingested_at), bool_and(kind IS NOT NULL)
  FROM reports WHERE reporter IS NOT NULL GROUP BY reporter
)
SELECT m.pseudonym,
  CASE WHEN m.kind = 'collaborator' AND coalesce(bool_and(s.petition), false) THEN 'petitioner' ELSE m.kind END AS who,
  greatest(m.created_at, coalesce(max(s.at), m.created_at)) AS last_seen
FROM pseudonym_map m LEFT JOIN seen s USING (pseudonym)
GROUP BY m.pseudonym, m.kind, m.created_at;

-- Links past their rule: $cutoffs maps who → the time before which a last sighting expires (absent: kept).
-- name: expired_identities
CREATE OR REPLACE TEMP TABLE retention_expired AS
SELECT i.pseudonym, i.who
FROM retention_identities i
JOIN (SELECT unnest(map_keys(m)) AS who, unnest(map_values(m)) AS cutoff
      FROM (SELECT CAST($cutoffs::JSON AS MAP(VARCHAR, TIMESTAMPTZ)) AS m)) c USING (who)
WHERE i.last_seen < c.cutoff;

-- name: expired_identity_counts
SELECT who, count(*) AS n FROM retention_expired GROUP BY who ORDER BY who;

-- name: delete_identities
DELETE FROM pseudonym_map WHERE pseudonym IN (SELECT pseudonym FROM retention_expired);

-- name: drop_identities
DROP TABLE IF EXISTS retention_identities;
DROP TABLE IF EXISTS retention_expired;

-- name: raw_items_count
SELECT count(*) AS n FROM raw_items WHERE fetched_at < $cutoff;

-- name: delete_raw_items
DELETE FROM raw_items WHERE fetched_at < $cutoff;

-- A lock-out still in force is kept whatever its age.
-- name: login_failures_count
SELECT count(*) AS n FROM login_failures
WHERE last_failed_at < $cutoff AND (locked_until IS NULL OR locked_until <= $now);

-- name: delete_login_failures
DELETE FROM login_failures
WHERE last_failed_at < $cutoff AND (locked_until IS NULL OR locked_until <= $now);
