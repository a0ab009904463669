-- =============================================================================
-- Lector: a queryable copy of every audio record ("audio" grain state), kept by triggers
-- in the same transaction as the state write, so it costs no durable write of its own.
-- It answers what would otherwise need an index grain rewritten on every change, or a
-- pass that activates every audio grain: the voices of a page, unfinished work after a
-- crash, audio due for retention, and which blobs are referenced.
-- =============================================================================

CREATE TABLE IF NOT EXISTS LectorAudio
(
    ServiceId    TEXT    NOT NULL,
    GrainKey     TEXT    NOT NULL,   -- "{document}/{page}/{voice}"
    Status       TEXT    NOT NULL,   -- Pending | Generating | Completed | Failed
    Deleted      INTEGER NOT NULL,   -- 1: soft-deleted (deletedAt set)
    BlobKey      TEXT    NULL,
    MarksBlobKey TEXT    NULL,
    ClockStartMs INTEGER NOT NULL,   -- retention clock: lastPlayedAt, else createdAt, in Unix milliseconds
    Warned       INTEGER NOT NULL,   -- 1: the owner was warned of the coming expiry
    Expired      INTEGER NOT NULL,   -- 1: past retention, kept because auto-delete is off
    Unfinished   INTEGER NOT NULL,   -- 1: a synthesis to finish, or a soft delete whose blobs are not gone yet
    PRIMARY KEY (ServiceId, GrainKey)
) WITHOUT ROWID;

-- Work a crash may have interrupted. The flag leads the key (after the service) so that a query on it
-- uses this index rather than the primary key, which lists the same keys in the same order.
CREATE INDEX IF NOT EXISTS IX_LectorAudio_Unfinished ON LectorAudio (ServiceId, Unfinished, GrainKey) WHERE Unfinished = 1;

-- Retention reads completed audio in clock order, apart for warned and not yet warned, so a pass
-- reads only what is due: the oldest clocks, and not one row more.
CREATE INDEX IF NOT EXISTS IX_LectorAudio_Clock ON LectorAudio (ServiceId, Warned, ClockStartMs, GrainKey)
    WHERE Status = 'Completed' AND Deleted = 0 AND Expired = 0;

-- Covering (the status columns too), or a planner without statistics walks the primary key instead.
CREATE INDEX IF NOT EXISTS IX_LectorAudio_Expired ON LectorAudio (ServiceId, Expired, GrainKey, ClockStartMs, Status, Deleted)
    WHERE Status = 'Completed' AND Deleted = 0 AND Expired = 1;

CREATE INDEX IF NOT EXISTS IX_LectorAudio_Blob ON LectorAudio (BlobKey) WHERE BlobKey IS NOT NULL;

CREATE INDEX IF NOT EXISTS IX_LectorAudio_Marks ON LectorAudio (MarksBlobKey) WHERE MarksBlobKey IS NOT NULL;

-- The update trigger is the one place that reads the state; inserts (and the rows written before
-- this script) reach it by rewriting their payload unchanged, which changes nothing else.
CREATE TRIGGER IF NOT EXISTS TR_LectorAudio_Update AFTER UPDATE OF PayloadBinary ON OrleansStorage
WHEN NEW.GrainTypeString = 'audio'
BEGIN
    DELETE FROM LectorAudio WHERE ServiceId = NEW.ServiceId AND GrainKey = NEW.GrainIdExtensionString;
    INSERT INTO LectorAudio
    SELECT ServiceId, GrainKey, Status, Deleted, BlobKey, MarksBlobKey, ClockStartMs, Warned, Expired,
           (Deleted = 0 AND Status IN ('Pending', 'Generating')) OR (Deleted = 1 AND (BlobKey IS NOT NULL OR MarksBlobKey IS NOT NULL))
      FROM (SELECT ServiceId,
                   GrainKey,
                   json_extract(Payload, '$.status') AS Status,
                   json_extract(Payload, '$.deletedAt') IS NOT NULL AS Deleted,
                   json_extract(Payload, '$.blobKey') AS BlobKey,
                   json_extract(Payload, '$.marksBlobKey') AS MarksBlobKey,
                   CAST(round((julianday(COALESCE(json_extract(Payload, '$.lastPlayedAt'), json_extract(Payload, '$.createdAt'))) - 2440587.5) * 86400000) AS INTEGER) AS ClockStartMs,
                   json_extract(Payload, '$.warnedForExpiry') IS NOT NULL AS Warned,
                   COALESCE(json_extract(Payload, '$.expired'), 0) AS Expired
              FROM (SELECT NEW.ServiceId AS ServiceId, NEW.GrainIdExtensionString AS GrainKey, CAST(NEW.PayloadBinary AS TEXT) AS Payload)
             WHERE Payload IS NOT NULL);
END;

CREATE TRIGGER IF NOT EXISTS TR_LectorAudio_Insert AFTER INSERT ON OrleansStorage
WHEN NEW.GrainTypeString = 'audio'
BEGIN
    UPDATE OrleansStorage SET PayloadBinary = NEW.PayloadBinary WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER IF NOT EXISTS TR_LectorAudio_Delete AFTER DELETE ON OrleansStorage
WHEN OLD.GrainTypeString = 'audio'
BEGIN
    DELETE FROM LectorAudio WHERE ServiceId = OLD.ServiceId AND GrainKey = OLD.GrainIdExtensionString;
END;

-- Audio written before this script.
UPDATE OrleansStorage SET PayloadBinary = PayloadBinary WHERE GrainTypeString = 'audio';
