package dev.wharf.wasi.config;

/**
 * Where the values a guest reads through {@code wasi:config} come from: the platform offers one as a service
 * ({@code PluginContext.service(ConfigSource.class)}), e.g. PostgreSQL behind an in-process cache.
 *
 * <p>Called on the guest's thread at its first {@code wasi:config} call in an instance, so it should answer from
 * memory on the hot path. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConfigSource {

    /** A source with no values at all. */
    ConfigSource EMPTY = (tenant, app) -> ConfigSnapshot.EMPTY;

    /**
     * The merged view one app sees: its tenant's values overridden by the app's own. Secrets are already
     * decrypted. Never another app's or tenant's values.
     *
     * @throws ConfigSourceException the values cannot be read now (the guest gets {@code error.upstream})
     */
    ConfigSnapshot snapshot(String tenant, String app);
}
