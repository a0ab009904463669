-- =============================================================================
-- Lector: PostgreSQL (15+) schema + OrleansQuery rows for
--         Microsoft.Orleans.Clustering.AdoNet 10.4.x      Invariant: "Npgsql"
-- Idempotent. Plain SQL only (no stored functions).
--
-- The provider loads ALL rows of OrleansQuery and fails at start-up unless these 9
-- keys exist: GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
-- InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey,
-- UpdateMembershipKey, DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey.
-- 10.4.x additionally USES CleanupDefunctSiloEntryKey when present (per-row cleanup);
-- it is optional and provided below.
--
-- Parameters (name: .NET type -> PG type):
--   @DeploymentId string->text (= ClusterOptions.ClusterId), @Address string->text
--   (IP as text), @Port int, @Generation int, @SiloName text, @HostName text,
--   @Status int (SiloStatus: 3 = Active, 6 = Dead), @ProxyPort int,
--   @StartTime / @IAmAliveTime DateTime (UTC) -> timestamptz, @SuspectTimes text or NULL,
--   @Version int (table version ETag)
-- Timestamps are timestamptz: Npgsql 6+ refuses UTC DateTimes for plain "timestamp"
-- and reads timestamptz back as Kind=Utc, which the membership protocol relies on.
-- =============================================================================

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- One row per cluster; Version is the membership table ETag.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- InsertMembershipVersionKey: create the version row for the cluster if missing.
-- One row, one column: 1 = inserted, 0 = already there.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    SELECT @DeploymentId
     WHERE @DeploymentId IS NOT NULL
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::int AS Inserted FROM created;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- InsertMembershipKey: add a silo row AND bump the table version, but only when
-- @Version is the current table version. The version row is locked by the UPDATE,
-- so concurrent writers holding the same ETag serialize and only one wins.
-- One row, one column: 1 = success, 0 = ETag mismatch / row already present.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable AS v
       SET Version   = v.Version + 1,
           Timestamp = now()
     WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
       AND v.Version = @Version AND @Version IS NOT NULL
       AND v.Version < 2147483647
       AND NOT EXISTS (
            SELECT 1 FROM OrleansMembershipTable AS m
             WHERE m.DeploymentId = @DeploymentId
               AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), added AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM bumped AS b
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
    RETURNING 1
)
SELECT count(*)::int AS Succeeded FROM added;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- UpdateMembershipKey: change status / suspect list / heartbeat of an existing silo
-- row AND bump the table version, only when @Version matches.
-- One row, one column: 1 = success, 0 = failure.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable AS v
       SET Version   = v.Version + 1,
           Timestamp = now()
     WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
       AND v.Version = @Version AND @Version IS NOT NULL
       AND v.Version < 2147483647
       AND EXISTS (
            SELECT 1 FROM OrleansMembershipTable AS m
             WHERE m.DeploymentId = @DeploymentId
               AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), changed AS (
    UPDATE OrleansMembershipTable AS m
       SET Status       = @Status,
           SuspectTimes = @SuspectTimes,
           IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
      FROM bumped AS b
     WHERE m.DeploymentId = b.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1
)
SELECT count(*)::int AS Succeeded FROM changed;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- UpdateIAmAlivetimeKey (note the lower-case "t"): heartbeat, no result expected.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable AS m
   SET IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
 WHERE m.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
   AND m.Address = @Address AND @Address IS NOT NULL
   AND m.Port = @Port AND @Port IS NOT NULL
   AND m.Generation = @Generation AND @Generation IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- MembershipReadRowKey: version row LEFT JOIN the one silo row. Always at least one
-- row (the provider takes the table ETag from row 0); silo columns NULL if absent
-- (StartTime NULL = "no member in this row").
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.DeploymentId,
       m.Address,
       m.Port,
       m.Generation,
       m.SiloName,
       m.HostName,
       m.Status,
       m.ProxyPort,
       m.SuspectTimes,
       m.StartTime,
       m.IAmAliveTime,
       v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND @Address IS NOT NULL
        AND m.Port = @Port AND @Port IS NOT NULL
        AND m.Generation = @Generation AND @Generation IS NOT NULL
 WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- MembershipReadAllKey: same columns, every silo row of the cluster.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.DeploymentId,
       m.Address,
       m.Port,
       m.Generation,
       m.SiloName,
       m.HostName,
       m.Status,
       m.ProxyPort,
       m.SuspectTimes,
       m.StartTime,
       m.IAmAliveTime,
       v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- DeleteMembershipTableEntriesKey: drop the whole cluster (members first, FK).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
DELETE FROM OrleansMembershipVersionTable
 WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- GatewaysQueryKey: active silos with a gateway port (@Status = 3 / Active).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT m.Address,
       m.ProxyPort,
       m.Generation
  FROM OrleansMembershipTable AS m
 WHERE m.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
   AND m.Status = @Status AND @Status IS NOT NULL
   AND m.ProxyPort > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- CleanupDefunctSiloEntriesKey (required, used only if CleanupDefunctSiloEntryKey is
-- absent): @IAmAliveTime is the cutoff; delete Dead (6) rows that are entirely older.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable AS m
 WHERE m.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
   AND m.Status = 6
   AND m.IAmAliveTime < @IAmAliveTime
   AND m.StartTime < @IAmAliveTime
   AND COALESCE(m.SuspectTimes, '''') = '''';
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- CleanupDefunctSiloEntryKey (optional, preferred by 10.4.x): the provider decides in
-- .NET which Dead rows are old enough and deletes each one only if it still holds the
-- exact values it read (timestamps are millisecond-precision, so equality holds).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
DELETE FROM OrleansMembershipTable AS m
 WHERE m.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
   AND m.Status = 6
   AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
   AND m.StartTime = @StartTime
   AND m.IAmAliveTime = @IAmAliveTime
   AND COALESCE(m.SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
