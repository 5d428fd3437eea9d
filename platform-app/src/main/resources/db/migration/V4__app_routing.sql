-- Routing requests to apps: whether a revision is public, and the host plugins' settings of each revision.

-- public: anyone may call the app; otherwise callers need the tenant's API key as a Bearer token.
ALTER TABLE app_revisions ADD COLUMN public boolean NOT NULL DEFAULT true;
-- One JSON object per host plugin, under the plugin's settings key, e.g. {"keyvalue": {"buckets": ["default"]}}.
ALTER TABLE app_revisions ADD COLUMN plugin_settings jsonb NOT NULL DEFAULT '{}'::jsonb;

