-- Units and agencies that receive the weekly or monthly briefing of their area: an entry in their dashboard
-- inbox and an e-mail through the notifications outbox. One row per unit and period.
CREATE TABLE briefing_subscriptions (
  unit_uid    VARCHAR NOT NULL,            -- a units.uid or an agencies.uid
  period      VARCHAR NOT NULL,            -- week | month
  clearance   TINYINT NOT NULL DEFAULT 0,  -- highest classification the unit's recipients may receive (0 … 3)
  email       VARCHAR,                     -- NULL: the unit's address in notification_targets, if it has one
  created_at  TIMESTAMPTZ NOT NULL,
  created_by  VARCHAR,                     -- user name of the admin who added it, or 'cli'
  PRIMARY KEY (unit_uid, period)
);
