-- Routing of alerts to responsible bodies, the cases they become, and the notifications outbox.
CREATE TABLE routing_rules (
  id           VARCHAR PRIMARY KEY,
  priority     INTEGER NOT NULL DEFAULT 100,   -- lower first; every matching rule adds its recipients
  topics       VARCHAR[] NOT NULL DEFAULT [],  -- empty: any topic
  unit_uid     VARCHAR,                        -- null: anywhere; else this unit and the units below it
  min_severity VARCHAR,                        -- null: any severity
  recipients   VARCHAR[] NOT NULL,             -- bodies; '{unit}' is the People's Committee of the alert's current unit
  escalate     BOOLEAN NOT NULL DEFAULT false, -- also the unit above and the board's standing office
  notify       BOOLEAN NOT NULL DEFAULT false  -- notify at once by webhook and e-mail
);

-- How each responsible body is reached besides the dashboard inbox.
CREATE TABLE notification_targets (
  recipient       VARCHAR PRIMARY KEY,
  webhook_url     VARCHAR,
  webhook_secret  VARCHAR,
  email           VARCHAR,
  active          BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE cases (
  id                 VARCHAR PRIMARY KEY,      -- 'case-' + alert id suffix
  alert_id           VARCHAR NOT NULL,
  status             VARCHAR NOT NULL,         -- received | verifying | resolved | closed | dismissed | merged
  assignee           VARCHAR NOT NULL,         -- the lead responsible body
  recipients         VARCHAR[] NOT NULL DEFAULT [],
  escalated          BOOLEAN NOT NULL DEFAULT false,
  severity           VARCHAR NOT NULL,
  deadline           TIMESTAMPTZ NOT NULL,
  resolution_report  VARCHAR,
  dismiss_reason     VARCHAR,
  merged_into        VARCHAR,
  classification     TINYINT NOT NULL DEFAULT 0,
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX cases_alert_idx ON cases (alert_id);

CREATE SEQUENCE case_events_seq;
CREATE TABLE case_events (
  id           BIGINT PRIMARY KEY DEFAULT nextval('case_events_seq'),
  case_id      VARCHAR NOT NULL,
  occurred_at  TIMESTAMPTZ NOT NULL,
  actor        VARCHAR NOT NULL,
  action       VARCHAR NOT NULL,   -- open | verify | resolve | close | dismiss | reopen | assign | merge | escalate | overdue
  from_status  VARCHAR,
  to_status    VARCHAR,
  note         VARCHAR
);

CREATE TABLE notifications_outbox (
  id               VARCHAR PRIMARY KEY,  -- the idempotency key: hash of alert, recipient, channel and reason
  channel          VARCHAR NOT NULL,     -- inbox | webhook | email
  recipient        VARCHAR NOT NULL,
  address          VARCHAR,              -- URL or e-mail address; null for the inbox
  alert_id         VARCHAR,
  case_id          VARCHAR,
  reason           VARCHAR NOT NULL,     -- new | escalated | overdue
  payload          JSON NOT NULL,
  status           VARCHAR NOT NULL,     -- pending | sent | failed (gave up) | delivered (inbox)
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL,
  last_error       VARCHAR,
  created_at       TIMESTAMPTZ NOT NULL,
  sent_at          TIMESTAMPTZ,
  read_at          TIMESTAMPTZ
);
