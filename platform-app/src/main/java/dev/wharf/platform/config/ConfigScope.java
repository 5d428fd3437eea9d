package dev.wharf.platform.config;

import java.util.Objects;

/**
 * One level of configuration: a tenant's tenant-wide values ({@code app} empty) or one app's own values.
 *
 * @param tenantId the tenant's row id
 * @param app the app's name, or {@code ""} for the tenant-wide level
 */
public record ConfigScope(long tenantId, String app) {
    public ConfigScope {
        Objects.requireNonNull(app, "app");
    }

    public static ConfigScope tenant(long tenantId) {
        return new ConfigScope(tenantId, "");
    }

    public static ConfigScope app(long tenantId, String app) {
        if (app.isEmpty()) {
            throw new IllegalArgumentException("an app name is needed");
        }
        return new ConfigScope(tenantId, app);
    }

    public boolean tenantWide() {
        return app.isEmpty();
    }
}
