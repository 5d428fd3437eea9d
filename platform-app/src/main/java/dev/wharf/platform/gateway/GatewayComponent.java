package dev.wharf.platform.gateway;

import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.wasi.http.HttpExchange;
import dev.wharf.wasi.http.WasiHttpHost;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

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

    /** Told about guest calls that end in a trap (metrics); called on the guest's thread, must not block. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = reason -> {};

        void trapped(TrapReason reason);
    }

    private final String name;
    private final PreparedComponent prepared;
    private final WasiHttpHost host;
    private final Limits limits;
    private final CoreLimits coreLimits;
    private final Semaphore slots;
    private final UnaryOperator<InstanceOptions> instancePreparer;
    private final Observer observer;

    private GatewayComponent(String name, PreparedComponent prepared, WasiHttpHost host, Limits limits,
            UnaryOperator<InstanceOptions> instancePreparer, Observer observer) {
        this.name = name;
        this.prepared = prepared;
        this.host = host;
        this.limits = limits;
        this.coreLimits = CoreLimits.of(limits.memoryBytes(), MemoryBudget.unlimited());
        this.slots = new Semaphore(limits.maxConcurrency(), true);
        this.instancePreparer = Objects.requireNonNull(instancePreparer);
        this.observer = Objects.requireNonNull(observer);
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
        return of(name, prepared, config, limits, UnaryOperator.identity(), Observer.NONE);
    }

    /**
     * A component already prepared on a linker that may hold more than wasi:http (the platform's host plugins).
     *
     * @param instancePreparer adds the per-instance state of the app's plugins to each new instance's options
     *     (its {@code AppBinding}s), given options that carry this component's memory limits
     * @throws IllegalArgumentException it does not export {@code wasi:http/incoming-handler@0.2.x}
     */
    public static GatewayComponent of(String name, PreparedComponent prepared, WasiHttpHost.Config config,
            Limits limits, UnaryOperator<InstanceOptions> instancePreparer, Observer observer) {
        boolean handler = prepared.plan().component().exports().stream()
                .anyMatch(e -> e.name().startsWith("wasi:http/incoming-handler@0.2."));
        if (!handler) {
            throw new IllegalArgumentException("the component does not export wasi:http/incoming-handler@0.2.x");
        }
        return new GatewayComponent(name, prepared, new WasiHttpHost(config), limits, instancePreparer, observer);
    }

    /** Runs the guest for one exchange on the calling thread (see {@link WasiHttpHost#handle}). */
    void serve(HttpExchange exchange) {
        InstanceOptions options = instancePreparer.apply(InstanceOptions.defaults().withLimits(coreLimits));
        try {
            host.handle(prepared, exchange, options, limits.timeout());
        } catch (Trap t) {
            observer.trapped(t.reason());
            throw t;
        }
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
