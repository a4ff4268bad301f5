-- Core schema: administrative units, taxonomy, users, sources, raw and normalised documents, scores, jobs, audit.
CREATE TABLE units (
  uid         VARCHAR PRIMARY KEY,   -- '<GSO code>/pre2025' or '<GSO code>/2025': codes are reused across eras
  code        VARCHAR NOT NULL,      -- GSO code as published
  name        VARCHAR NOT NULL,
  short_name  VARCHAR NOT NULL,
  type        VARCHAR NOT NULL,
  level       TINYINT NOT NULL,      -- 1 province, 2 district, 3 commune
  parent_uid  VARCHAR,
  valid_from  DATE,
  valid_to    DATE,
  aliases     VARCHAR[] NOT NULL DEFAULT []
);

CREATE TABLE unit_successors (
  uid            VARCHAR NOT NULL,
  successor_uid  VARCHAR NOT NULL,
  portion        VARCHAR NOT NULL,   -- whole | part | remainder
  PRIMARY KEY (uid, successor_uid)
);

CREATE TABLE topics (
  id              VARCHAR PRIMARY KEY,
  name_vi         VARCHAR NOT NULL,
  name_en         VARCHAR NOT NULL,
  keywords        VARCHAR[] NOT NULL DEFAULT [],
  sensitive       BOOLEAN NOT NULL DEFAULT false,
  description_vi  VARCHAR
);

CREATE TABLE users (
  id             VARCHAR PRIMARY KEY,
  username       VARCHAR NOT NULL UNIQUE,
  display_name   VARCHAR NOT NULL,
  role           VARCHAR NOT NULL,   -- admin | analyst | leader | officer | contributor
  unit_uid       VARCHAR,
  clearance      TINYINT NOT NULL DEFAULT 0,
  password_hash  VARCHAR,
  disabled       BOOLEAN NOT NULL DEFAULT false,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE sources (
  name            VARCHAR PRIMARY KEY,
  kind            VARCHAR NOT NULL,  -- rss | html | jsonl | survey | report
  url             VARCHAR,
  schedule        VARCHAR,
  config          JSON,
  credibility     DOUBLE,
  classification  TINYINT NOT NULL DEFAULT 0,
  default_locality VARCHAR,
  failures        INTEGER NOT NULL DEFAULT 0,
  backoff_until   TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ,
  last_error      VARCHAR,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE fetch_log_seq;
CREATE TABLE fetch_log (
  id             BIGINT PRIMARY KEY DEFAULT nextval('fetch_log_seq'),
  source         VARCHAR,
  url            VARCHAR NOT NULL,
  started_at     TIMESTAMPTZ NOT NULL,
  duration_ms    INTEGER,
  status         INTEGER,
  bytes          BIGINT,
  outcome        VARCHAR NOT NULL,   -- ok | not_modified | http_error | timeout | refused | too_large | error
  error          VARCHAR,
  etag           VARCHAR,
  last_modified  VARCHAR
);

CREATE TABLE raw_items (
  id            VARCHAR PRIMARY KEY,  -- sha256 of source + locator + content
  source        VARCHAR NOT NULL,
  locator       VARCHAR NOT NULL,     -- URL, or file:line
  fetched_at    TIMESTAMPTZ NOT NULL,
  content_type  VARCHAR,
  headers       JSON,
  body          VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,
  job_run_id    BIGINT
);

CREATE TABLE documents (
  id              VARCHAR PRIMARY KEY,  -- the input id, verbatim
  import_source   VARCHAR NOT NULL,     -- --source NAME of the import or the configured source
  outlet          VARCHAR,              -- the document's own source field
  kind            VARCHAR,              -- news | social | report | ...
  url             VARCHAR,
  canonical_url   VARCHAR,
  title           VARCHAR,
  text            VARCHAR NOT NULL,
  published_at    TIMESTAMPTZ,
  ingested_at     TIMESTAMPTZ NOT NULL,
  locality_uid    VARCHAR,              -- given by the input or the source's default
  lang            VARCHAR,
  content_hash    VARCHAR NOT NULL,
  simhash         UBIGINT,
  duplicate_of    VARCHAR,              -- exact duplicate of an earlier document
  near_duplicate_of VARCHAR,            -- syndicated copy of an earlier document
  classification  TINYINT NOT NULL DEFAULT 0,
  raw_item_id     VARCHAR,
  extra           JSON
);
CREATE INDEX documents_hash_idx ON documents (content_hash);

CREATE TABLE doc_scores (
  doc_id           VARCHAR NOT NULL,
  model_version    VARCHAR NOT NULL,
  sentiment        VARCHAR NOT NULL,   -- positive | negative | neutral
  sentiment_score  DOUBLE NOT NULL,    -- -1 .. 1
  topics           VARCHAR[] NOT NULL DEFAULT [],
  topic_scores     JSON,
  places           VARCHAR[] NOT NULL DEFAULT [],
  locality_uid     VARCHAR,            -- most specific place: the input's locality, else extracted
  scored_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (doc_id, model_version)
);

CREATE SEQUENCE job_runs_seq;
CREATE TABLE job_runs (
  id            BIGINT PRIMARY KEY DEFAULT nextval('job_runs_seq'),
  job           VARCHAR NOT NULL,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  status        VARCHAR NOT NULL,    -- running | ok | partial | failed | interrupted
  items_in      INTEGER NOT NULL DEFAULT 0,
  items_new     INTEGER NOT NULL DEFAULT 0,
  items_dup     INTEGER NOT NULL DEFAULT 0,
  items_failed  INTEGER NOT NULL DEFAULT 0,
  error         VARCHAR,
  details       JSON
);

CREATE TABLE audit_log (
  seq        BIGINT PRIMARY KEY,
  logged_at  TIMESTAMPTZ NOT NULL,
  actor      VARCHAR NOT NULL,
  action     VARCHAR NOT NULL,
  object     VARCHAR,
  details    JSON,
  prev_hash  VARCHAR NOT NULL,
  hash       VARCHAR NOT NULL
);
