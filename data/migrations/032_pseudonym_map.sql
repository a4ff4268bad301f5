-- Pseudonym → original id, sealed with AES-256-GCM under a key derived from the pseudonym secret.
-- Only an admin can resolve an entry (data/pseudonym.ts), and every resolution is audited.
CREATE TABLE pseudonym_map (
  pseudonym   VARCHAR PRIMARY KEY,
  kind        VARCHAR NOT NULL,         -- respondent | collaborator | enumerator
  sealed      VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL
);
