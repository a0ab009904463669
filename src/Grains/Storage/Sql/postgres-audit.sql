-- =============================================================================
-- Lector: the audit log in the cluster's PostgreSQL database (see Grains/Audit).
-- Same shape as sqlite-audit.sql. Idempotent: IF NOT EXISTS / OR REPLACE DDL.
-- Append-only: a trigger function refuses UPDATE, DELETE and TRUNCATE; the hash
-- chain exposes any change made with the triggers disabled.
-- Appends from every silo are ordered by a transaction-scoped advisory lock
-- (PostgresAuditStore), not by anything in this schema.
-- =============================================================================

CREATE TABLE IF NOT EXISTS AuditLog
(
    Seq          bigint NOT NULL,
    AtMs         bigint NOT NULL,  -- Unix milliseconds, the precision the hash covers
    ActorId      text   NOT NULL,
    Action       text   NOT NULL,
    TargetType   text   NOT NULL,
    TargetId     text   NOT NULL,
    Ip           text   NOT NULL,
    UserAgent    text   NOT NULL,
    Outcome      text   NOT NULL,
    PreviousHash text   NOT NULL,
    Hash         text   NOT NULL,
    CONSTRAINT PK_AuditLog PRIMARY KEY (Seq)
);

CREATE INDEX IF NOT EXISTS AuditLog_At ON AuditLog (AtMs);
CREATE INDEX IF NOT EXISTS AuditLog_Actor ON AuditLog (ActorId, AtMs);

CREATE OR REPLACE FUNCTION AuditLog_RefuseChange() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only (% refused).', TG_OP;
END;
$$;

CREATE OR REPLACE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
    FOR EACH ROW EXECUTE FUNCTION AuditLog_RefuseChange();
CREATE OR REPLACE TRIGGER AuditLog_NoDelete BEFORE DELETE ON AuditLog
    FOR EACH ROW EXECUTE FUNCTION AuditLog_RefuseChange();
CREATE OR REPLACE TRIGGER AuditLog_NoTruncate BEFORE TRUNCATE ON AuditLog
    FOR EACH STATEMENT EXECUTE FUNCTION AuditLog_RefuseChange();
