-- Misinformation candidates: the registry of official statements, the review queue of claims and its history.
CREATE TABLE official_statements (
  id              VARCHAR PRIMARY KEY,
  claim           VARCHAR NOT NULL,     -- the claim as it circulates
  verdict         VARCHAR NOT NULL,     -- true | false | misleading | unverified
  official_text   VARCHAR,              -- the official information that answers it
  link            VARCHAR,
  issuing_body    VARCHAR,
  issued_at       TIMESTAMPTZ,
  topics          VARCHAR[] NOT NULL DEFAULT [],
  places          VARCHAR[] NOT NULL DEFAULT [],  -- unit uids named by the claim
  locality_uid    VARCHAR,              -- the most specific of them, for need-to-know scoping
  classification  TINYINT NOT NULL DEFAULT 0,
  content_hash    VARCHAR NOT NULL,     -- sha256 of the fields above: a re-import that changes nothing is skipped
  imported_from   VARCHAR,              -- file name, or 'dashboard'
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE claim_candidates (
  id              VARCHAR PRIMARY KEY,  -- 'cc-' + sha256 of doc id and statement id, so a re-scan finds its row
  doc_id          VARCHAR NOT NULL,
  statement_id    VARCHAR,              -- null: a check-worthy rumour that matches no statement
  sentence        VARCHAR NOT NULL,     -- the passage that matched, or the claim extracted
  sentence_start  INTEGER,              -- offsets into documents.text
  sentence_end    INTEGER,
  claim_score     DOUBLE NOT NULL,      -- check-worthiness 0..1
  similarity      DOUBLE,               -- 0..1; null for a claim without statement
  tier            VARCHAR NOT NULL,     -- auto | suggest | new
  contradiction   BOOLEAN NOT NULL DEFAULT false,
  cues            VARCHAR[] NOT NULL DEFAULT [],
  risk            DOUBLE NOT NULL,      -- 0..1, the queue's order
  risk_signals    JSON,
  status          VARCHAR NOT NULL DEFAULT 'chưa xác định',  -- chưa xác định | đang xác minh | sai sự thật | đúng sự thật | không áp dụng
  reviewer        VARCHAR,
  notes           VARCHAR,
  response        VARCHAR,              -- the official response to publish (required for sai sự thật)
  reviewed_at     TIMESTAMPTZ,
  locality_uid    VARCHAR,
  topics          VARCHAR[] NOT NULL DEFAULT [],
  classification  TINYINT NOT NULL DEFAULT 0,  -- the higher of the document's and the statement's
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE claim_candidate_events_seq;
CREATE TABLE claim_candidate_events (
  id                  BIGINT PRIMARY KEY DEFAULT nextval('claim_candidate_events_seq'),
  claim_candidate_id  VARCHAR NOT NULL,
  occurred_at         TIMESTAMPTZ NOT NULL,
  actor               VARCHAR NOT NULL,
  from_status         VARCHAR,
  to_status           VARCHAR NOT NULL,
  note                VARCHAR
);
