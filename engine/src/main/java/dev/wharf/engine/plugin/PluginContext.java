package dev.wharf.engine.plugin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the platform offers plugins at {@link HostPlugin#init}: services by type (e.g. a
 * {@code javax.sql.DataSource}) and string settings by key (e.g. {@code wharf.keyvalue.type}).
 */
public interface PluginContext {

    /** The platform's service of exactly this type, if it offers one. */
    <T> Optional<T> service(Class<T> type);

    /** A setting, if set (relaxed names are the platform's business; plugins use dotted lower-case keys). */
    Optional<String> property(String key);

    /** A context with no services and no settings. */
    static PluginContext empty() {
        return of(Map.of(), key -> null);
    }

    /** A context over fixed services and a settings lookup returning {@code null} for unset keys. */
    static PluginContext of(Map<Class<?>, Object> services, Function<String, String> properties) {
        Map<Class<?>, Object> copy = Map.copyOf(services);
        Objects.requireNonNull(properties, "properties");
        copy.forEach((type, service) -> {
            if (!type.isInstance(service)) {
                throw new IllegalArgumentException(service + " is not a " + type.getName());
            }
        });
        return new PluginContext() {
            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.ofNullable(type.cast(copy.get(type)));
            }

            @Override
            public Optional<String> property(String key) {
                return Optional.ofNullable(properties.apply(key));
            }
        };
    }
}
