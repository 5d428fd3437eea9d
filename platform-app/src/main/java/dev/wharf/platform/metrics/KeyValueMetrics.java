package dev.wharf.platform.metrics;

import dev.wharf.wasi.keyvalue.KeyValueObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Guests' wasi:keyvalue operations as {@code wharf.keyvalue.operations} [{@code wharf_keyvalue_operations_seconds_*}]:
 * a timer by tenant, operation ({@code get}, {@code increment}, ...) and outcome ({@code ok}, {@code access-denied},
 * {@code unavailable}, ...), so its count is the operations, its sum their time, and outcomes other than {@code ok}
 * the errors. The plugin finds this bean as its {@link KeyValueObserver} service.
 */
public final class KeyValueMetrics implements KeyValueObserver {
    private record Tags(String tenant, String operation, String outcome) {}

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Tags, Timer> timers = new ConcurrentHashMap<>();

    public KeyValueMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void operation(String tenant, String operation, String outcome, long nanos) {
        timers.computeIfAbsent(new Tags(tenant, operation, outcome), t -> Timer.builder("wharf.keyvalue.operations")
                .description("wasi:keyvalue operations of guests")
                .tag("tenant", t.tenant()).tag("op", t.operation()).tag("outcome", t.outcome())
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
