package dev.wharf.wasi.config.internal;

import dev.wharf.engine.StateKey;
import dev.wharf.wasi.config.ConfigObserver;
import dev.wharf.wasi.config.ConfigSnapshot;
import dev.wharf.wasi.config.ConfigSource;
import java.util.Objects;

/**
 * One instance's view of wasi:config: which app it belongs to and, from its first call on, the snapshot it reads.
 * Kept in the instance's host state, so a pooled instance that is prepared again for the next request starts
 * with a fresh state and sees the values of that moment.
 */
public final class ConfigState {
    public static final StateKey<ConfigState> KEY = StateKey.of("wasi:config");

    private final ConfigSource source;
    private final String tenant;
    private final String app;
    private final ConfigObserver observer;
    private ConfigSnapshot snapshot;

    public ConfigState(ConfigSource source, String tenant, String app) {
        this(source, tenant, app, ConfigObserver.NONE);
    }

    public ConfigState(ConfigSource source, String tenant, String app, ConfigObserver observer) {
        this.source = Objects.requireNonNull(source, "source");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.app = Objects.requireNonNull(app, "app");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Reports one guest call ({@link ConfigObserver#read}). */
    void observed(String function, String result) {
        observer.read(tenant, function, result);
    }

    /**
     * The snapshot taken at the first call, so every call of one request sees the same values. A failed read is
     * not remembered: the next call tries again.
     *
     * @throws dev.wharf.wasi.config.ConfigSourceException the source cannot answer
     */
    public ConfigSnapshot snapshot() {
        // an instance runs one guest call at a time, so no lock is needed
        ConfigSnapshot s = snapshot;
        if (s == null) {
            s = Objects.requireNonNull(source.snapshot(tenant, app), "the config source returned no snapshot");
            snapshot = s;
        }
        return s;
    }
}
