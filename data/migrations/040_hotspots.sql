-- Hot-spot alerts of both detectors, per-topic sensitivity and the watch topics agencies propose.
CREATE TABLE alerts (
  id              VARCHAR PRIMARY KEY,   -- 'hs-' + hash of detector, topic, series unit and first day: stable across re-runs
  detector        VARCHAR NOT NULL,      -- topic | terms
  granularity     VARCHAR NOT NULL,      -- day | hour
  topic           VARCHAR,               -- taxonomy id, 'watch:<id>' for a watch topic, null for an unlabelled cluster
  label           VARCHAR NOT NULL,      -- what the alert is about, in Vietnamese
  unit_uid        VARCHAR,               -- the unit as the documents name it (old units keep their uid)
  series_uid      VARCHAR,               -- the unit of the series that fired
  current_uid     VARCHAR,               -- the named unit's successor today
  unit_level      TINYINT,
  first_seen      TIMESTAMPTZ NOT NULL,  -- earliest document of the flagged buckets
  last_seen       TIMESTAMPTZ NOT NULL,  -- latest document of the flagged buckets
  detected_at     TIMESTAMPTZ NOT NULL,  -- close of the bucket that first made it significant
  severity        VARCHAR NOT NULL,      -- thấp | trung bình | cao | khẩn
  score           DOUBLE NOT NULL,       -- 0..100
  p_value         DOUBLE NOT NULL,
  count           INTEGER NOT NULL,      -- independent stories in the flagged buckets
  expected        DOUBLE NOT NULL,
  neg_share       DOUBLE NOT NULL,
  outlets         VARCHAR[] NOT NULL DEFAULT [],
  top_terms       VARCHAR[] NOT NULL DEFAULT [],
  doc_ids         VARCHAR[] NOT NULL DEFAULT [],
  explanation     JSON NOT NULL,
  classification  TINYINT NOT NULL DEFAULT 0,
  status          VARCHAR NOT NULL DEFAULT 'open',  -- open | closed | dismissed
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);

-- A multiplier on significance per topic: 2 makes the topic twice as easy to flag, 0.5 half as easy.
CREATE TABLE topic_settings (
  topic_id     VARCHAR PRIMARY KEY,
  sensitivity  DOUBLE NOT NULL DEFAULT 1
);

CREATE TABLE watch_topics (
  id                VARCHAR PRIMARY KEY,
  name              VARCHAR NOT NULL,
  query             VARCHAR,            -- boolean keyword query: AND, OR, NOT, "quoted phrases", parentheses
  topic_id          VARCHAR,            -- or a taxonomy topic to watch more closely
  unit_uid          VARCHAR,            -- limited to this unit and the units below it
  threshold_factor  DOUBLE NOT NULL DEFAULT 0.5,  -- < 1 lowers the bar: minimum count and significance scaled by it
  proposed_by       VARCHAR,
  active            BOOLEAN NOT NULL DEFAULT true,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
