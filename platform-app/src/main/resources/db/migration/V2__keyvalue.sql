-- wasi:keyvalue buckets, shared by all replicas and kept apart by tenant (see docs/keyvalue.md).

-- Positions (list-keys order) and versions (compare-and-swap) both come from this one sequence, so a key that is
-- deleted and written again never gets an old position or version back.
CREATE SEQUENCE kv_sequence;

CREATE TABLE kv_entries (
    tenant   text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    bucket   text NOT NULL,
    key      text NOT NULL,
    value    bytea NOT NULL,
    position bigint NOT NULL DEFAULT nextval('kv_sequence'),
    version  bigint NOT NULL DEFAULT nextval('kv_sequence'),
    PRIMARY KEY (tenant, bucket, key)
);
CREATE UNIQUE INDEX kv_entries_position ON kv_entries (tenant, bucket, position);

-- Bytes (UTF-8 key + value) each tenant stores. Every write locks its tenant's row first, which serialises a
-- tenant's writes (atomic increment and swap) and keeps the count exact.
CREATE TABLE kv_usage (
    tenant text PRIMARY KEY REFERENCES tenants (name) ON DELETE CASCADE,
    bytes  bigint NOT NULL CHECK (bytes >= 0)
);
