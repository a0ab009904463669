-- =============================================================================
-- Lector: grain state writes commit with synchronous=NORMAL (WAL mode).
--
-- Microsoft.Data.Sqlite has no connection-string keyword for it and Orleans opens its
-- own connections, so the statements that write state set it on their connection first
-- (outside any transaction, where SQLite allows it; a no-op when already set).
-- In WAL mode, NORMAL syncs the WAL at checkpoints instead of at every commit:
--   * a process crash loses nothing: every commit is in the WAL file already;
--   * a power loss or OS crash can lose the commits since the last checkpoint (the
--     database stays consistent). README ("Durability") says why that is acceptable.
-- =============================================================================

UPDATE OrleansQuery
   SET QueryText = 'PRAGMA synchronous = NORMAL;' || QueryText
 WHERE QueryKey IN ('WriteToStorageKey', 'ClearStorageKey')
   AND QueryText NOT LIKE 'PRAGMA synchronous%';
