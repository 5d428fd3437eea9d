package dev.wharf.platform.gateway;

import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.wasi.http.WasiHttpHost;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * One component ready to serve: planned and prepared once (imports type-checked once), instantiated per request
 * (pooling comes later), with its limits and its concurrency bound.
 */
public final class GatewayComponent {

    /**
     * @param memoryBytes linear memory limit per instance
     * @param timeout time limit of one request's guest call (504 beyond)
     * @param maxConcurrency requests running the guest at once
     * @param queueTimeout how long an excess request waits for a slot before 503
     * @param maxRequestBodyBytes request body limit (413 beyond), or -1 for none
     */
    public record Limits(long memoryBytes, Duration timeout, int maxConcurrency, Duration queueTimeout,
            long maxRequestBodyBytes) {
        public Limits {
            Objects.requireNonNull(timeout);
            Objects.requireNonNull(queueTimeout);
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1");
            }
        }
    }

    private final String name;
    private final PreparedComponent prepared;
    private final WasiHttpHost host;
    private final Limits limits;
    private final CoreLimits coreLimits;
    private final Semaphore slots;

    private GatewayComponent(String name, PreparedComponent prepared, WasiHttpHost host, Limits limits) {
        this.name = name;
        this.prepared = prepared;
        this.host = host;
        this.limits = limits;
        this.coreLimits = CoreLimits.of(limits.memoryBytes(), MemoryBudget.unlimited());
        this.slots = new Semaphore(limits.maxConcurrency(), true);
    }

    /**
     * Plans and prepares {@code bytes} on {@code engine}.
     *
     * @throws dev.wharf.engine.ComponentException the bytes are not a valid component, or it does not link
     * @throws IllegalArgumentException it does not export {@code wasi:http/incoming-handler@0.2.x}
     */
    public static GatewayComponent prepare(Engine engine, String name, byte[] bytes, WasiHttpHost.Config config,
            Limits limits) {
        PreparedComponent prepared = WasiHttpHost.register(new Linker(engine)).prepare(engine.plan(bytes));
        boolean handler = prepared.plan().component().exports().stream()
                .anyMatch(e -> e.name().startsWith("wasi:http/incoming-handler@0.2."));
        if (!handler) {
            throw new IllegalArgumentException("the component does not export wasi:http/incoming-handler@0.2.x");
        }
        return new GatewayComponent(name, prepared, new WasiHttpHost(config), limits);
    }

    public String name() {
        return name;
    }

    public Limits limits() {
        return limits;
    }

    PreparedComponent prepared() {
        return prepared;
    }

    WasiHttpHost host() {
        return host;
    }

    CoreLimits coreLimits() {
        return coreLimits;
    }

    Semaphore slots() {
        return slots;
    }
}
