package dev.wharf.platform.metrics;

import dev.wharf.engine.pool.DiscardReason;
import dev.wharf.engine.pool.PoolListener;
import dev.wharf.engine.pool.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The gateway's instance pools, per tenant and app (Prometheus names in brackets):
 * <ul>
 *   <li>{@code wharf.pool.instantiate} [{@code wharf_pool_instantiate_seconds_*}]: new instances (cold starts) and
 *       the time each took;</li>
 *   <li>{@code wharf.pool.reset} [{@code wharf_pool_reset_seconds_*}]: instances reset for the next request;</li>
 *   <li>{@code wharf.pool.discarded} by reason ({@code trapped}, {@code interrupted}, {@code memory-grew}, ...);</li>
 *   <li>{@code wharf.pool.instances} by state ({@code idle}, {@code in-use}) of the app's live revision.</li>
 * </ul>
 * A new revision of an app takes over the app's gauges; tags stay bounded by tenant and app names.
 */
public final class PoolMetrics {
    private static final PoolStats EMPTY = new PoolStats(0, 0, 0, 0, 0, 0, Map.of(), 0, 0);

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Supplier<PoolStats>>> live = new ConcurrentHashMap<>();

    public PoolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A listener recording one app's pool events. */
    public PoolListener listener(String tenant, String app) {
        Timer instantiate = Timer.builder("wharf.pool.instantiate")
                .description("Instances created for requests (cold starts), and how long each took")
                .tag("tenant", tenant).tag("app", app).register(registry);
        Timer reset = Timer.builder("wharf.pool.reset")
                .description("Instances reset to their just-instantiated state for the next request")
                .tag("tenant", tenant).tag("app", app).register(registry);
        return new PoolListener() {
            @Override
            public void instantiated(long nanos) {
                instantiate.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reset(long nanos) {
                reset.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void discarded(DiscardReason reason) {
                Counter.builder("wharf.pool.discarded").description("Instances closed instead of being reused")
                        .tag("tenant", tenant).tag("app", app)
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .register(registry).increment();
            }
        };
    }

    /** Points the app's instance gauges at the pool of its live revision. */
    public void serving(String tenant, String app, Supplier<PoolStats> stats) {
        live.computeIfAbsent(tenant + "/" + app, key -> {
            AtomicReference<Supplier<PoolStats>> holder = new AtomicReference<>(() -> EMPTY);
            gauge(tenant, app, "idle", holder, PoolStats::idle);
            gauge(tenant, app, "in-use", holder, PoolStats::inUse);
            return holder;
        }).set(stats);
    }

    private void gauge(String tenant, String app, String state, AtomicReference<Supplier<PoolStats>> holder,
            ToIntFunction<PoolStats> value) {
        Gauge.builder("wharf.pool.instances", holder, h -> value.applyAsInt(h.get().get()))
                .description("Pooled instances of the app's live revision, by state")
                .tag("tenant", tenant).tag("app", app).tag("state", state).register(registry);
    }
}
