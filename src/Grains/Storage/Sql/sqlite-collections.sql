-- =============================================================================
-- Lector: per-owner collections (a user's library, shared-with-me list and
-- notifications; the failure log) as one row per item, in the embedded SQLite
-- database (see Grains/Collections). A change writes one row, so no write grows
-- with the collection. Idempotent: IF NOT EXISTS DDL only.
-- =============================================================================

CREATE TABLE IF NOT EXISTS CollectionItem (
    ServiceId TEXT    NOT NULL,  -- ClusterOptions.ServiceId, as for OrleansStorage rows
    Kind      TEXT    NOT NULL,  -- which collection: library, sharedWithMe, notifications, failures
    OwnerKey  TEXT    NOT NULL,  -- the owning grain's key
    ItemId    TEXT    NOT NULL,  -- BINARY collation: ties sort by ordinal id, as in the grains
    SortKey   INTEGER NOT NULL,  -- listings are newest (largest) first
    Payload   TEXT    NOT NULL,  -- the item as JSON
    PRIMARY KEY (ServiceId, Kind, OwnerKey, ItemId));

CREATE INDEX IF NOT EXISTS CollectionItem_Order ON CollectionItem (ServiceId, Kind, OwnerKey, SortKey DESC, ItemId);
