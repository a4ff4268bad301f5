-- Written requests for a survey or opinion study, filed by units and agencies, and the year's plan they make up
-- (analytics/surveys/requests.ts). Each change of status is kept in survey_request_events with who and when. Who
-- may read a request (data/access.ts): its classification, then the province's staff, users of the requesting unit
-- or agency, of the area it is about, or of an agency answering for one of its topics.
CREATE TABLE survey_requests (
  id              VARCHAR PRIMARY KEY,   -- 'YC-<plan year>-<nnn>'
  requester_uid   VARCHAR NOT NULL,      -- the unit or agency that asks (units.uid or agencies.uid)
  requested_by    VARCHAR NOT NULL,      -- the dlxh user who filed it
  title           VARCHAR NOT NULL,
  purpose         VARCHAR NOT NULL,      -- what the results are to inform
  population      VARCHAR,               -- whom to ask, in words
  locality_uid    VARCHAR,               -- where (a unit and everything below it); NULL: the whole province
  topics          VARCHAR[] NOT NULL,    -- taxonomy ids
  questions       VARCHAR,               -- the questions proposed, free text
  wanted_by       DATE,                  -- when the results are needed
  plan_year       INTEGER NOT NULL,      -- the year's plan it belongs to
  status          VARCHAR NOT NULL,      -- received | planned | in_field | reported | declined | withdrawn
  status_note     VARCHAR,               -- the latest change's note (why declined, when it is planned)
  survey          VARCHAR,               -- surveys.name of the survey that answers it
  classification  TINYINT NOT NULL DEFAULT 0,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL
);
CREATE TABLE survey_request_events (
  survey_request_id VARCHAR NOT NULL,
  step         INTEGER NOT NULL,         -- 1 when filed, then one more per change
  changed_at   TIMESTAMPTZ NOT NULL,
  actor        VARCHAR NOT NULL,         -- user name
  from_status  VARCHAR,                  -- NULL when filed
  to_status    VARCHAR NOT NULL,
  note         VARCHAR
);
