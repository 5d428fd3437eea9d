package dev.wharf.wasi.config;

/**
 * Told about every {@code get} and {@code get-all} a guest makes (the platform turns this into metrics, so this
 * module needs no metrics library). The platform offers one as a service
 * ({@code PluginContext.service(ConfigObserver.class)}); without one nothing is observed. Called on the guest's
 * thread: implementations must be thread-safe and must not block. Never given a key or a value.
 */
@FunctionalInterface
public interface ConfigObserver {
    ConfigObserver NONE = (tenant, function, result) -> {};

    /**
     * @param tenant the reading app's tenant
     * @param function {@code get} or {@code get-all}
     * @param result {@code found} or {@code absent} (get), {@code ok} (get-all), or {@code error} (the guest got
     *     {@code upstream})
     */
    void read(String tenant, String function, String result);
}
