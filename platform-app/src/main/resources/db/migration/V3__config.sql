-- wasi:config values, tenant-wide (app = '') and per app; an app's value overrides its tenant's.
-- A secret keeps no plaintext: AES-256-GCM ciphertext (with its tag), the random 96-bit nonce, and the id of the
-- key that sealed it. The associated data binds the ciphertext to (tenant id, app, key), so a ciphertext copied
-- into another row does not decrypt. The app name is not a reference to apps: configuration can be set before
-- the first deployment.
CREATE TABLE config_values (
    tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    app        text NOT NULL CHECK (app = '' OR app ~ '^[a-z][a-z0-9-]{0,62}$'),
    key        text NOT NULL CHECK (key ~ '^[A-Za-z0-9_.-]+$'),
    secret     boolean NOT NULL,
    value      text,
    ciphertext bytea,
    nonce      bytea,
    key_id     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, app, key),
    CHECK (CASE WHEN secret
                THEN value IS NULL AND ciphertext IS NOT NULL AND octet_length(nonce) = 12 AND key_id IS NOT NULL
                ELSE value IS NOT NULL AND ciphertext IS NULL AND nonce IS NULL AND key_id IS NULL END)
);

-- Every change notifies the replicas (channel wharf_config, payload: the tenant id) so their caches drop that
-- tenant's views. NOTIFY is delivered at commit, and duplicates within one transaction are folded.
CREATE FUNCTION config_values_notify() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('wharf_config', OLD.tenant_id::text);
    ELSE
        PERFORM pg_notify('wharf_config', NEW.tenant_id::text);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER config_values_changed AFTER INSERT OR UPDATE OR DELETE ON config_values
    FOR EACH ROW EXECUTE FUNCTION config_values_notify();
