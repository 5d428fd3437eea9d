package dev.wharf.wasi.keyvalue;

import dev.wharf.engine.plugin.PluginContext;

/**
 * Makes a {@link KeyValueBackend} of one type ({@code wharf.keyvalue.type}), registered with
 * {@link java.util.ServiceLoader} (META-INF/services/dev.wharf.wasi.keyvalue.KeyValueBackendFactory).
 */
public interface KeyValueBackendFactory {

    /** The type key, e.g. {@code postgres} or {@code memory}. */
    String type();

    /** @throws IllegalStateException the context lacks what this backend needs */
    KeyValueBackend create(PluginContext context, KeyValueLimits limits);
}
