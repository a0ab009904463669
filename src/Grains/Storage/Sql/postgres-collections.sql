-- =============================================================================
-- Lector: per-owner collections (a user's library, shared-with-me list and
-- notifications; the failure log) as one row per item, in the cluster's
-- PostgreSQL database (see Grains/Collections). Same shape as
-- sqlite-collections.sql. Idempotent: IF NOT EXISTS DDL only.
-- =============================================================================

CREATE TABLE IF NOT EXISTS CollectionItem
(
    ServiceId varchar(150) NOT NULL,  -- ClusterOptions.ServiceId, as for OrleansStorage rows
    Kind      varchar(64)  NOT NULL,  -- which collection: library, sharedWithMe, notifications, failures
    OwnerKey  varchar(512) NOT NULL,  -- the owning grain's key
    ItemId    varchar(512) COLLATE "C" NOT NULL,  -- byte order: ties sort by ordinal id, as in the grains
    SortKey   bigint       NOT NULL,  -- listings are newest (largest) first
    Payload   text         NOT NULL,  -- the item as JSON
    CONSTRAINT PK_CollectionItem PRIMARY KEY (ServiceId, Kind, OwnerKey, ItemId)
);

CREATE INDEX IF NOT EXISTS CollectionItem_Order ON CollectionItem (ServiceId, Kind, OwnerKey, SortKey DESC, ItemId);
