-- =============================================================================
-- Lector: the audit log in the embedded SQLite database (see Grains/Audit).
-- Idempotent: a database whose table predates the version record is left as it is.
-- Append-only: triggers refuse updates and deletes; the hash chain exposes any
-- change made with the triggers dropped.
-- =============================================================================

CREATE TABLE IF NOT EXISTS AuditLog (
    Seq          INTEGER PRIMARY KEY,
    AtMs         INTEGER NOT NULL,  -- Unix milliseconds, the precision the hash covers
    ActorId      TEXT    NOT NULL,
    Action       TEXT    NOT NULL,
    TargetType   TEXT    NOT NULL,
    TargetId     TEXT    NOT NULL,
    Ip           TEXT    NOT NULL,
    UserAgent    TEXT    NOT NULL,
    Outcome      TEXT    NOT NULL,
    PreviousHash TEXT    NOT NULL,
    Hash         TEXT    NOT NULL);

CREATE INDEX IF NOT EXISTS AuditLog_At ON AuditLog (AtMs);
CREATE INDEX IF NOT EXISTS AuditLog_Actor ON AuditLog (ActorId, AtMs);

CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
