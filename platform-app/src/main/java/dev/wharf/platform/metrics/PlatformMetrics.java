package dev.wharf.platform.metrics;

import dev.wharf.engine.Engine;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CompileCacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Wharf's own metrics (Prometheus names in brackets). Tags are bounded: tenant and app names (both limited by the
 * control plane), status classes, trap reasons, outcomes; never paths or digests.
 * <ul>
 *   <li>{@code wharf.requests} [{@code wharf_requests_seconds_*}]: requests routed to apps, by tenant, app and
 *       status class ({@code 2xx}..{@code 5xx}), a latency histogram;</li>
 *   <li>{@code wharf.requests.in.flight}: routed requests not finished yet;</li>
 *   <li>{@code wharf.traps} by reason, and {@code wharf.deadline.kills} (guests stopped at their time limit);</li>
 *   <li>{@code wharf.compile} [{@code wharf_compile_seconds_*}] by outcome; {@code wharf.compile.cache} by
 *       result ({@code memory-hit}, {@code disk-hit}, {@code miss}, {@code corrupt}), read from the engine;</li>
 *   <li>{@code wharf.uploads} by outcome and {@code wharf.upload.size} [{@code wharf_upload_size_bytes_*}].</li>
 * </ul>
 * Instance pool metrics ({@code wharf.pool.*}: idle, in use, created, discarded) belong next to these once the
 * engine's instance pool is wired into the gateway.
 */
public final class PlatformMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<RequestTags, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestTags(String tenant, String app, String status) {}

    public PlatformMetrics(MeterRegistry registry, Engine engine) {
        this.registry = registry;
        Gauge.builder("wharf.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests routed to apps that have not finished").register(registry);
        cacheCounter(engine, "memory-hit", CompileCacheStats::memoryHits);
        cacheCounter(engine, "disk-hit", CompileCacheStats::diskHits);
        cacheCounter(engine, "miss", CompileCacheStats::misses);
        cacheCounter(engine, "corrupt", CompileCacheStats::corruptEntries);
    }

    private void cacheCounter(Engine engine, String result, ToLongFunction<CompileCacheStats> value) {
        FunctionCounter.builder("wharf.compile.cache", engine, e -> value.applyAsLong(e.coreEngine().cacheStats()))
                .description("Core module compile cache lookups of the platform engine")
                .tag("result", result).register(registry);
    }

    /** Call when a routed request starts; then {@link #requestEnded}. */
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded(String tenant, String app, int status, long nanos) {
        inFlight.decrementAndGet();
        // one map lookup per request instead of building and registering the timer's id (sorting its tags) each time
        requestTimers.computeIfAbsent(new RequestTags(tenant, app, statusClass(status)), t -> Timer.builder("wharf.requests")
                .description("Requests routed to apps")
                .tag("tenant", t.tenant()).tag("app", t.app()).tag("status", t.status())
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void trapped(TrapReason reason) {
        Counter.builder("wharf.traps").description("Guest calls that ended in a trap")
                .tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-')).register(registry).increment();
        if (reason == TrapReason.DEADLINE_EXCEEDED) {
            Counter.builder("wharf.deadline.kills").description("Guests stopped at their time limit")
                    .register(registry).increment();
        }
    }

    public void compiled(boolean ok, long nanos) {
        Timer.builder("wharf.compile").description("Compiling uploaded components on the platform engine")
                .tag("outcome", ok ? "ready" : "failed").register(registry).record(Duration.ofNanos(nanos));
    }

    /** @param outcome {@code created}, {@code existing} or {@code rejected} */
    public void uploaded(String outcome, long bytes) {
        Counter.builder("wharf.uploads").description("Component uploads").tag("outcome", outcome)
                .register(registry).increment();
        DistributionSummary.builder("wharf.upload.size").description("Size of uploaded components").baseUnit("bytes")
                .register(registry).record(bytes);
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
