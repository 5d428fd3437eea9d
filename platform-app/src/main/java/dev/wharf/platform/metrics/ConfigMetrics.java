package dev.wharf.platform.metrics;

import dev.wharf.wasi.config.ConfigObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guests' wasi:config reads as {@code wharf.config.reads} [{@code wharf_config_reads_total}] by tenant, function
 * ({@code get}, {@code get-all}) and result ({@code found}, {@code absent}, {@code ok}, {@code error}). The plugin
 * finds this bean as its {@link ConfigObserver} service.
 */
public final class ConfigMetrics implements ConfigObserver {
    private record Tags(String tenant, String function, String result) {}

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Tags, Counter> counters = new ConcurrentHashMap<>();

    public ConfigMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void read(String tenant, String function, String result) {
        counters.computeIfAbsent(new Tags(tenant, function, result), t -> Counter.builder("wharf.config.reads")
                .description("wasi:config reads of guests")
                .tag("tenant", t.tenant()).tag("function", t.function()).tag("result", t.result())
                .register(registry)).increment();
    }
}
