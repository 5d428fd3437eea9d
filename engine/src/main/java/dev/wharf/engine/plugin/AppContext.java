package dev.wharf.engine.plugin;

import java.util.Map;
import java.util.Objects;

/**
 * What a plugin learns about the app revision it is configured for.
 *
 * @param tenant the owning tenant's name: a plugin keeps every tenant's data apart by it
 * @param app the app's name, unique within the tenant
 * @param revision the app revision (1, 2, ...)
 * @param settings this plugin's settings from the app's deployment, JSON-shaped ({@code String}, {@code Number},
 *     {@code Boolean}, {@code List}, {@code Map}); empty when the app gave none
 */
public record AppContext(String tenant, String app, int revision, Map<String, Object> settings) {
    public AppContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(app, "app");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
