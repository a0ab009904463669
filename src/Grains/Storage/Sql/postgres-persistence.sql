-- =============================================================================
-- Lector: PostgreSQL (15+) schema + OrleansQuery rows for
--         Microsoft.Orleans.Persistence.AdoNet 10.4.x
--   Invariant: "Npgsql"
-- Idempotent: run at every start-up (IF NOT EXISTS DDL, upserted query rows).
--
-- Parameters bound by the provider:
--   @GrainIdHash int4, @GrainIdN0 int8, @GrainIdN1 int8, @GrainTypeHash int4,
--   @GrainTypeString text, @GrainIdExtensionString text (may be NULL), @ServiceId text,
--   @GrainStateVersion int4 (NULL = no ETag yet), write only: @PayloadBinary bytea
-- Unquoted identifiers fold to lower case; Npgsql's GetOrdinal falls back to a
-- case-insensitive match, so the provider still finds "PayloadBinary", "Version", ...
-- =============================================================================

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,  -- hash of grain key bytes (Orleans side)
    GrainIdN0              bigint       NOT NULL,  -- Guid first half / 0
    GrainIdN1              bigint       NOT NULL,  -- Guid second half / integer key / 0
    GrainTypeHash          integer      NOT NULL,  -- hash of GrainTypeString
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,      -- string key or key extension
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,      -- NULL after ClearState
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),  -- informational only
    Version                integer      NOT NULL   -- the ETag
);

-- One row per grain identity (PG15: NULLS NOT DISTINCT makes a NULL extension count
-- as a value). Hash columns lead so the index also serves every lookup; it is the
-- arbiter index of the ON CONFLICT clause in WriteToStorageKey.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_GrainIdentity ON OrleansStorage
    (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- WriteToStorageKey: always returns exactly ONE row, column NewGrainStateVersion:
--   the new version on success, NULL on any conflict (-> InconsistentStateException).
--   @GrainStateVersion NULL     -> insert version 1 unless the identity already exists
--   @GrainStateVersion not NULL -> update only when the stored Version matches
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
WITH updated AS (
    UPDATE OrleansStorage AS s
       SET PayloadBinary = @PayloadBinary,
           ModifiedOn    = now(),
           Version       = s.Version + 1
     WHERE @GrainStateVersion IS NOT NULL
       AND s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.ServiceId     = @ServiceId
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdN0 = @GrainIdN0
       AND s.GrainIdN1 = @GrainIdN1
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.Version = @GrainStateVersion
    RETURNING s.Version
), inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    DO NOTHING
    RETURNING Version
)
SELECT (SELECT Version FROM updated
        UNION ALL
        SELECT Version FROM inserted
        LIMIT 1) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ReadFromStorageKey: columns read by name: PayloadBinary, Version. 0 or 1 row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT s.PayloadBinary,
       s.Version
  FROM OrleansStorage AS s
 WHERE s.GrainIdHash   = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.ServiceId     = @ServiceId
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
 LIMIT 1;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- ClearStorageKey (DeleteStateOnClear = false): keep the row, NULL the payload, bump
-- the version. One row; column 0 = new version, NULL on conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
WITH cleared AS (
    UPDATE OrleansStorage AS s
       SET PayloadBinary = NULL,
           ModifiedOn    = now(),
           Version       = s.Version + 1
     WHERE @GrainStateVersion IS NOT NULL
       AND s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.ServiceId     = @ServiceId
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdN0 = @GrainIdN0
       AND s.GrainIdN1 = @GrainIdN1
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.Version = @GrainStateVersion
    RETURNING s.Version
)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- DeleteStorageKey (DeleteStateOnClear = true): remove the row when the version
-- matches. One row; non-NULL (old version + 1) = success, NULL = conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
WITH removed AS (
    DELETE FROM OrleansStorage AS s
     WHERE @GrainStateVersion IS NOT NULL
       AND s.GrainIdHash   = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.ServiceId     = @ServiceId
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdN0 = @GrainIdN0
       AND s.GrainIdN1 = @GrainIdN1
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND s.Version = @GrainStateVersion
    RETURNING s.Version + 1 AS NextVersion
)
SELECT (SELECT NextVersion FROM removed) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
