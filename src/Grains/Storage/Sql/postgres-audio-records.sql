-- =============================================================================
-- Lector: a queryable copy of every audio record ("audio" grain state), kept by a trigger
-- in the same transaction as the state write, so it costs no durable write of its own.
-- It answers what would otherwise need an index grain rewritten on every change, or a
-- pass that activates every audio grain: the voices of a page, unfinished work after a
-- crash, audio due for retention, and which blobs are referenced.
-- Flags are 0/1 integers, as in SQLite, so both databases answer the same queries.
-- =============================================================================

CREATE TABLE IF NOT EXISTS LectorAudio
(
    ServiceId    varchar(150)             NOT NULL,
    GrainKey     varchar(512) COLLATE "C" NOT NULL,  -- "{document}/{page}/{voice}"; byte order for prefix ranges
    Status       varchar(16)              NOT NULL,  -- Pending | Generating | Completed | Failed
    Deleted      integer                  NOT NULL,  -- 1: soft-deleted (deletedAt set)
    BlobKey      text                     NULL,
    MarksBlobKey text                     NULL,
    ClockStartMs bigint                   NOT NULL,  -- retention clock: lastPlayedAt, else createdAt, in Unix milliseconds
    Warned       integer                  NOT NULL,  -- 1: the owner was warned of the coming expiry
    Expired      integer                  NOT NULL,  -- 1: past retention, kept because auto-delete is off
    Unfinished   integer                  NOT NULL,  -- 1: a synthesis to finish, or a soft delete whose blobs are not gone yet
    CONSTRAINT PK_LectorAudio PRIMARY KEY (ServiceId, GrainKey)
);

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

CREATE OR REPLACE FUNCTION LectorAudioCopy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM LectorAudio WHERE ServiceId = OLD.ServiceId AND GrainKey = OLD.GrainIdExtensionString;
    END IF;
    IF TG_OP = 'DELETE' OR NEW.PayloadBinary IS NULL THEN
        RETURN NULL;
    END IF;
    payload := convert_from(NEW.PayloadBinary, 'UTF8')::jsonb;
    INSERT INTO LectorAudio (ServiceId, GrainKey, Status, Deleted, BlobKey, MarksBlobKey, ClockStartMs, Warned, Expired, Unfinished)
    SELECT ServiceId, GrainKey, Status, Deleted, BlobKey, MarksBlobKey, ClockStartMs, Warned, Expired,
           CASE WHEN (Deleted = 0 AND Status IN ('Pending', 'Generating')) OR (Deleted = 1 AND (BlobKey IS NOT NULL OR MarksBlobKey IS NOT NULL)) THEN 1 ELSE 0 END
      FROM (SELECT NEW.ServiceId AS ServiceId,
                   NEW.GrainIdExtensionString AS GrainKey,
                   payload ->> 'status' AS Status,
                   CASE WHEN jsonb_typeof(payload -> 'deletedAt') = 'string' THEN 1 ELSE 0 END AS Deleted,
                   payload ->> 'blobKey' AS BlobKey,
                   payload ->> 'marksBlobKey' AS MarksBlobKey,
                   round(extract(epoch FROM COALESCE(payload ->> 'lastPlayedAt', payload ->> 'createdAt')::timestamptz) * 1000)::bigint AS ClockStartMs,
                   CASE WHEN jsonb_typeof(payload -> 'warnedForExpiry') = 'string' THEN 1 ELSE 0 END AS Warned,
                   CASE WHEN (payload ->> 'expired')::boolean THEN 1 ELSE 0 END AS Expired) AS audio;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER TR_LectorAudio_Write AFTER INSERT OR UPDATE OF PayloadBinary ON OrleansStorage
    FOR EACH ROW WHEN (NEW.GrainTypeString = 'audio') EXECUTE FUNCTION LectorAudioCopy();

CREATE OR REPLACE TRIGGER TR_LectorAudio_Delete AFTER DELETE ON OrleansStorage
    FOR EACH ROW WHEN (OLD.GrainTypeString = 'audio') EXECUTE FUNCTION LectorAudioCopy();

-- Audio written before this script.
UPDATE OrleansStorage SET PayloadBinary = PayloadBinary WHERE GrainTypeString = 'audio';
