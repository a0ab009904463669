-- =============================================================================
-- Lector: document state rows by document id (a Guid, which Orleans stores as
-- GrainIdN0/GrainIdN1), so the blob reconciler asks which originals are in use
-- with one query per batch of blobs instead of activating a document grain per
-- blob. Partial: only document rows are indexed.
-- =============================================================================

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Document ON OrleansStorage (ServiceId, GrainIdN0)
    WHERE GrainTypeString = 'document';
