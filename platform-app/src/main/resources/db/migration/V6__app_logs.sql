-- What apps write to stdout and stderr, for their tenant to read (GET /v1/apps/{app}/logs). Every replica appends
-- its guests' lines in batches; ids order them (per replica in write order, across replicas by commit). Old lines
-- go: beyond wharf.logs.max-lines-per-app per app, and after wharf.logs.retention.
CREATE TABLE app_logs (
    id     bigserial PRIMARY KEY,
    tenant text NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
    app    text NOT NULL,
    at     timestamptz NOT NULL,
    stream text NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    line   text NOT NULL
);
CREATE INDEX app_logs_by_app ON app_logs (tenant, app, id);
CREATE INDEX app_logs_by_time ON app_logs (at);
