-- A tenant's own wasi:keyvalue quota, set by an admin (PUT /v1/tenants/{name}/limits): NULL means the platform's
-- wharf.keyvalue.max-tenant-bytes. It lives on the tenant's usage row, which every write locks and reads anyway, so
-- the check costs nothing more and a change applies to the next write on every replica.
ALTER TABLE kv_usage ADD COLUMN max_bytes bigint CHECK (max_bytes IS NULL OR max_bytes >= 0);
