-- =============================================================================
-- Lector: PostgreSQL (15+) schema + OrleansQuery rows for
--         Microsoft.Orleans.Reminders.AdoNet 10.4.x      Invariant: "Npgsql"
-- Idempotent. Plain SQL only (no stored functions).
--
-- All 7 keys are required: ReadReminderRowsKey, ReadReminderRowKey, ReadRangeRows1Key,
-- ReadRangeRows2Key, UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey.
--
-- Parameters: @ServiceId text, @GrainId text (GrainId.ToString(), e.g. "type/key"),
--   @ReminderName text, @StartTime DateTime(UTC)->timestamptz,
--   @Period int4 (ms; int8 only if > int.MaxValue), @GrainHash int4 (uniform hash, uint
--   reinterpreted as signed), @BeginHash/@EndHash int4 (same signed reinterpretation),
--   @Version int4 (ETag).
-- Result columns, read by name: GrainId, ReminderName, StartTime, Period, Version.
-- 10.4.2 binds no CronExpression/NextDueUtc/Priority/Action parameters (those belong
-- to newer/advanced reminder scripts) - do not reference them here.
-- =============================================================================

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,   -- milliseconds
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Range scans by the reminder service (ring ranges).
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- UpsertReminderRowKey: insert with Version 0 or overwrite and bump Version.
-- One row; column "Version" (read by name) becomes the reminder ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = EXCLUDED.StartTime,
       Period    = EXCLUDED.Period,
       GrainHash = EXCLUDED.GrainHash,
       Version   = r.Version + 1
RETURNING r.Version AS Version;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ReadReminderRowsKey: every reminder of one grain.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
  FROM OrleansRemindersTable AS r
 WHERE r.ServiceId = @ServiceId AND @ServiceId IS NOT NULL
   AND r.GrainId = @GrainId AND @GrainId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ReadReminderRowKey: one reminder (0 or 1 row).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
  FROM OrleansRemindersTable AS r
 WHERE r.ServiceId = @ServiceId AND @ServiceId IS NOT NULL
   AND r.GrainId = @GrainId AND @GrainId IS NOT NULL
   AND r.ReminderName = @ReminderName AND @ReminderName IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ReadRangeRows1Key: used when (int)BeginHash < (int)EndHash -> (Begin, End].
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
  FROM OrleansRemindersTable AS r
 WHERE r.ServiceId = @ServiceId AND @ServiceId IS NOT NULL
   AND r.GrainHash > @BeginHash AND @BeginHash IS NOT NULL
   AND r.GrainHash <= @EndHash AND @EndHash IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ReadRangeRows2Key: wrapping range -> (Begin, +inf) union (-inf, End].
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
  FROM OrleansRemindersTable AS r
 WHERE r.ServiceId = @ServiceId AND @ServiceId IS NOT NULL
   AND ((r.GrainHash > @BeginHash AND @BeginHash IS NOT NULL)
     OR (r.GrainHash <= @EndHash AND @EndHash IS NOT NULL));
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- DeleteReminderRowKey: delete when the ETag matches. One row, one column: 1/0.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
WITH removed AS (
    DELETE FROM OrleansRemindersTable AS r
     WHERE r.ServiceId = @ServiceId AND @ServiceId IS NOT NULL
       AND r.GrainId = @GrainId AND @GrainId IS NOT NULL
       AND r.ReminderName = @ReminderName AND @ReminderName IS NOT NULL
       AND r.Version = @Version AND @Version IS NOT NULL
    RETURNING 1
)
SELECT count(*)::int AS Deleted FROM removed;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- DeleteReminderRowsKey: wipe all reminders of the service (tests/maintenance).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
