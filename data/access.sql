-- name: unit_root
-- The administrative unit whose area a unit or agency covers (an agency's area may be none).
SELECT u.uid, u.level, u.valid_to IS NULL AS current
FROM units u
WHERE u.uid = coalesce((SELECT area_uid FROM agencies WHERE uid = $unit), $unit);

-- name: area
-- Every unit whose records fall in the area of $root: the unit, the units below it, and (through the
-- successor links of the 2025 reform) the older units that became part of any of them.
WITH RECURSIVE below(uid) AS (
  SELECT uid FROM units WHERE uid = $root
  UNION
  SELECT u.uid FROM units u JOIN below b ON u.parent_uid = b.uid
),
mapped(uid) AS (
  SELECT uid FROM below
  UNION
  SELECT s.uid FROM unit_successors s JOIN mapped m ON s.successor_uid = m.uid
)
SELECT uid FROM mapped ORDER BY uid;

-- name: unit_topics
SELECT topic_id FROM unit_topics WHERE unit_uid = $unit ORDER BY topic_id;

-- name: catalog_columns
SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
ORDER BY table_name, column_index;

-- name: catalog_views
SELECT view_name FROM duckdb_views()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal;

-- name: acl_tables
CREATE TEMP TABLE acl_viewer (id VARCHAR, clearance INTEGER, province BOOLEAN, own_only BOOLEAN, unit_uid VARCHAR);
CREATE TEMP TABLE acl_areas (uid VARCHAR PRIMARY KEY);
CREATE TEMP TABLE acl_topics (id VARCHAR PRIMARY KEY);
-- The fenced views' LIMIT: a value the optimiser cannot know in advance.
CREATE TEMP TABLE acl_fence AS SELECT 4611686018427387904::BIGINT AS fence;

-- name: acl_viewer
INSERT INTO acl_viewer VALUES ($id, $clearance, $province, $own_only, $unit);

-- name: acl_areas
INSERT INTO acl_areas SELECT DISTINCT unnest($uids::VARCHAR[]);

-- name: acl_topics
INSERT INTO acl_topics SELECT DISTINCT unnest($ids::VARCHAR[]);

-- name: user_macros
SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions() WHERE NOT internal;

-- name: object_names
SELECT lower(table_name) AS name FROM duckdb_tables()
UNION SELECT lower(view_name) FROM duckdb_views();

-- name: fingerprint
-- Changes whenever a table, view or column is added or removed, or a view is redefined (an archive run).
SELECT (SELECT count(*) || '/' || coalesce(sum(column_count), 0) FROM duckdb_tables())
       || '/' || (SELECT count(*) || '/' || coalesce(sum(hash(sql)), 0) FROM duckdb_views() WHERE NOT internal)
       AS fingerprint;
