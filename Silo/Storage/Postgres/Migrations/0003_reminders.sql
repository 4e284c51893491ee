-- Reminders for Microsoft.Orleans.Reminders.AdoNet. Silos own slices of the grain-hash ring and read
-- their slice by hash range, so (service_id, grain_hash) is indexed. The version column is the etag a
-- delete must present, so a stale delete cannot remove a newer registration.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    varchar(150)   NOT NULL,
    grain_id      varchar(400)   NOT NULL,
    reminder_name varchar(150)   NOT NULL,
    start_time    timestamptz(3) NOT NULL,
    period        bigint         NOT NULL,
    grain_hash    integer        NOT NULL,
    version       integer        NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminder_hash ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (CAST(@ServiceId AS varchar), CAST(@GrainId AS varchar), CAST(@ReminderName AS varchar),
        CAST(@StartTime AS timestamptz), CAST(@Period AS bigint), CAST(@GrainHash AS integer), 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    grain_hash = EXCLUDED.grain_hash,
    version = orleans_reminder.version + 1
RETURNING version AS Version;
$sql$),
('ReadReminderRowsKey', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_id = CAST(@GrainId AS varchar);
$sql$),
('ReadReminderRowKey', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_id = CAST(@GrainId AS varchar)
  AND reminder_name = CAST(@ReminderName AS varchar);
$sql$),
-- The provider picks this statement when the range does not wrap around the end of the ring...
('ReadRangeRows1Key', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_hash > CAST(@BeginHash AS integer)
  AND grain_hash <= CAST(@EndHash AS integer);
$sql$),
-- ...and this one when it does, so the range is the two ends of the ring.
('ReadRangeRows2Key', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = CAST(@ServiceId AS varchar)
  AND (grain_hash > CAST(@BeginHash AS integer) OR grain_hash <= CAST(@EndHash AS integer));
$sql$),
('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminder
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_id = CAST(@GrainId AS varchar)
      AND reminder_name = CAST(@ReminderName AS varchar)
      AND version = CAST(@Version AS integer)
    RETURNING 1
)
SELECT count(*)::integer FROM removed;
$sql$),
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder WHERE service_id = CAST(@ServiceId AS varchar);
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
