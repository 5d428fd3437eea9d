-- Control plane: tenants and their API keys, the admin token, components, apps and app revisions.

-- Platform-wide settings (e.g. the admin token's SHA-256 when it was generated at first start).
CREATE TABLE platform_settings (
    key        text PRIMARY KEY,
    value      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- API keys are 256-bit random secrets; only their SHA-256 is stored. key_id is a public, random prefix of the
-- key used to find the row; the hash is then compared in constant time.
CREATE TABLE tenant_api_keys (
    key_id     text PRIMARY KEY,
    tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key_sha256 bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenant_api_keys_tenant ON tenant_api_keys (tenant_id);

-- Component binaries, content-addressed by SHA-256 and shared by every tenant that uploaded the same bytes, so
-- that any replica can load any app's component.
CREATE TABLE components (
    digest     text PRIMARY KEY CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
    size       bigint NOT NULL,
    bytes      bytea NOT NULL,
    imports    jsonb NOT NULL,
    exports    jsonb NOT NULL,
    status     text NOT NULL CHECK (status IN ('compiling', 'ready', 'failed')),
    error      text,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which tenant may see and deploy which component.
CREATE TABLE tenant_components (
    tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    digest     text NOT NULL REFERENCES components (digest),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, digest)
);
CREATE INDEX tenant_components_digest ON tenant_components (digest);

CREATE TABLE apps (
    id              bigserial PRIMARY KEY,
    tenant_id       bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    active_revision integer NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

-- Every deployment of an app is a new, immutable revision; apps.active_revision points at the live one.
CREATE TABLE app_revisions (
    app_id           bigint NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    revision         integer NOT NULL CHECK (revision > 0),
    component_digest text NOT NULL REFERENCES components (digest),
    env              jsonb NOT NULL,
    memory_mib       integer NOT NULL CHECK (memory_mib > 0),
    timeout_ms       integer NOT NULL CHECK (timeout_ms > 0),
    max_concurrency  integer NOT NULL CHECK (max_concurrency > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app_id, revision)
);
CREATE INDEX app_revisions_component ON app_revisions (component_digest);
