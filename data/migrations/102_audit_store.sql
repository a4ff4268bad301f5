-- The audit log moves to a DuckDB file of its own, attached as dlxh_audit (data/audit-store.ts): its commits then
-- never wait for this database's checkpoints. Its entries were copied there before this migration ran.
DROP TABLE IF EXISTS audit_log;

-- The id of the audit file this database writes to; the same id is in dlxh_audit.store_info.
CREATE TABLE audit_store (
  store_id   VARCHAR NOT NULL,
  linked_at  TIMESTAMPTZ NOT NULL
);
