-- =============================================================================
-- Lector: connection settings (synchronous, busy timeout) are applied as each
-- connection opens (SqliteDatabase.PrepareConnection), Orleans' connections
-- included. An earlier script (sqlite-durability.sql) prefixed the state-writing queries with
-- the synchronous pragma instead; that prefix is taken off again.
-- =============================================================================

UPDATE OrleansQuery
   SET QueryText = substr(QueryText, length('PRAGMA synchronous = NORMAL;') + 1)
 WHERE QueryKey IN ('WriteToStorageKey', 'ClearStorageKey')
   AND QueryText LIKE 'PRAGMA synchronous = NORMAL;%';
