-- =============================================================================
-- Lector: SQLite schema + OrleansQuery rows for Microsoft.Orleans.Persistence.AdoNet 10.4.x
--
--   Driver     : Microsoft.Data.Sqlite (needs SQLite >= 3.35 for RETURNING; the
--                bundled e_sqlite3 is far newer)
--   Invariant  : "System.Data.SQLite"  (Orleans maps it to Microsoft.Data.Sqlite.SqliteFactory)
--
-- Safe to run at every start-up: only IF NOT EXISTS DDL and INSERT OR REPLACE rows.
-- Do NOT wrap in a transaction together with PRAGMA journal_mode (set WAL separately).
--
-- Parameters bound by the provider (all grain-storage operations):
--   @GrainIdHash INT, @GrainIdN0 BIGINT, @GrainIdN1 BIGINT, @GrainTypeHash INT,
--   @GrainTypeString TEXT, @GrainIdExtensionString TEXT (NULL when no string key/extension),
--   @ServiceId TEXT, @GrainStateVersion INT (NULL = "no ETag yet")
--   write only: @PayloadBinary BLOB
-- Microsoft.Data.Sqlite throws if the SQL names a parameter that was not bound, so each
-- query below uses only the parameters the provider supplies for that operation.
-- =============================================================================

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,   -- 32-bit hash of the grain key bytes (computed by Orleans)
    GrainIdN0              INTEGER NOT NULL,   -- Guid key: first 8 bytes; integer key: 0; string key: 0
    GrainIdN1              INTEGER NOT NULL,   -- Guid key: last 8 bytes;  integer key: the key; string key: 0
    GrainTypeHash          INTEGER NOT NULL,   -- 32-bit hash of GrainTypeString
    GrainTypeString        TEXT    NOT NULL,   -- grain type name (generic args normalised by Orleans)
    GrainIdExtensionString TEXT    NULL,       -- string key, or the key extension of compound keys
    ServiceId              TEXT    NOT NULL,   -- ClusterOptions.ServiceId
    PayloadBinary          BLOB    NULL,       -- serialized state; NULL after ClearState
    ModifiedOn             TEXT    NOT NULL,   -- informational only, never read by Orleans
    Version                INTEGER NOT NULL    -- the ETag; 1 on first insert, +1 on every write/clear
);

-- One row per grain identity. SQLite treats NULLs as distinct inside UNIQUE indexes,
-- so the nullable extension column is folded into a non-NULL expression:
--   NULL -> '~'   and   'abc' -> '#abc'   (no value can collide with another)
-- The leading hash columns also make this the lookup index for all queries below.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_GrainIdentity ON OrleansStorage
(
    GrainIdHash,
    GrainTypeHash,
    ServiceId,
    GrainTypeString,
    GrainIdN0,
    GrainIdN1,
    COALESCE('#' || GrainIdExtensionString, '~')
);

-- -----------------------------------------------------------------------------
-- WriteToStorageKey
--   Two statements that are each atomic and mutually exclusive on @GrainStateVersion:
--     * version given  -> UPDATE only when the stored Version equals it
--     * version NULL   -> INSERT only when no row exists (unique index + DO NOTHING)
--   Result: exactly one row "NewGrainStateVersion" on success, no row at all on a
--   conflict (stale version, missing row, or row already present) which makes
--   AdoNetGrainStorage throw InconsistentStateException.
-- -----------------------------------------------------------------------------
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = @PayloadBinary,
       ModifiedOn    = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
       Version       = Version + 1
 WHERE @GrainStateVersion IS NOT NULL
   AND GrainIdHash   = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId     = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;

INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
     GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
       @GrainIdExtensionString, @ServiceId, @PayloadBinary,
       strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
 WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;
');

-- -----------------------------------------------------------------------------
-- ReadFromStorageKey
--   Columns read BY NAME: PayloadBinary (byte[] or NULL), Version (int).
--   No row -> ETag NULL, RecordExists = false. A row with NULL payload (cleared)
--   still hands back its Version as the ETag, but RecordExists = false.
-- -----------------------------------------------------------------------------
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary,
       Version
  FROM OrleansStorage
 WHERE GrainIdHash   = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId     = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS @GrainIdExtensionString
 LIMIT 1;
');

-- -----------------------------------------------------------------------------
-- ClearStorageKey  (used when AdoNetGrainStorageOptions.DeleteStateOnClear = false, the default)
--   Keeps the row, nulls the payload, bumps the version. The provider reads column 0
--   of the single result row as the new ETag; no row -> InconsistentStateException.
-- -----------------------------------------------------------------------------
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       ModifiedOn    = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
       Version       = Version + 1
 WHERE @GrainStateVersion IS NOT NULL
   AND GrainIdHash   = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId     = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- -----------------------------------------------------------------------------
-- DeleteStorageKey  (used only when DeleteStateOnClear = true; optional row)
--   Removes the row when the version matches. Any non-NULL value different from the
--   caller's ETag means success (the provider then sets ETag = null itself).
-- -----------------------------------------------------------------------------
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM OrleansStorage
 WHERE @GrainStateVersion IS NOT NULL
   AND GrainIdHash   = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND ServiceId     = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
');
