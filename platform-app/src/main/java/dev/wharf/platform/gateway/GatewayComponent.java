package dev.wharf.platform.gateway;

import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolConfig;
import dev.wharf.engine.pool.PoolListener;
import dev.wharf.engine.pool.PoolStats;
import dev.wharf.wasi.http.HttpExchange;
import dev.wharf.wasi.http.WasiHttpHost;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

/**
 * One component ready to serve: planned and prepared once (imports type-checked once), with its limits, its
 * concurrency bound and a pool of instances. A request leases an instance, which is reset to its just-instantiated
 * state afterwards (memory, globals, tables, handles, host state) and kept for the next request, or discarded after
 * a trap, a deadline, a client that went away, or too much memory growth; see docs/engine.md "Pooling and reset".
 * Close it when it stops serving: idle instances are closed and leased ones are discarded when returned.
 */
public final class GatewayComponent implements AutoCloseable {

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
    private final Semaphore slots;
    private final Observer observer;
    private final InstancePool pool;

    private GatewayComponent(String name, PreparedComponent prepared, WasiHttpHost host, Limits limits,
            UnaryOperator<InstanceOptions> instancePreparer, Observer observer, Pooling pooling) {
        this.name = name;
        this.prepared = prepared;
        this.host = host;
        this.limits = limits;
        // a start function gets the app's request timeout too: a cold start runs inside a request
        CoreLimits coreLimits = CoreLimits.of(limits.memoryBytes(), pooling.memoryBudget()).withStartTimeout(limits.timeout());
        this.slots = new Semaphore(limits.maxConcurrency(), true);
        this.observer = Objects.requireNonNull(observer);
        // The plugins prepare the pool's options once; their per-instance state comes from factories that run again
        // at each reset. At most maxConcurrency instances exist, so a request holding a slot never waits for one.
        InstanceOptions options = host.poolOptions(instancePreparer.apply(InstanceOptions.defaults().withLimits(coreLimits)));
        PoolConfig config = PoolConfig.ofSize(limits.maxConcurrency())
                .withMaxIdle(Math.min(limits.maxConcurrency(), pooling.maxIdle()));
        this.pool = InstancePool.create(prepared, options, config, pooling.listener());
    }

    /**
     * How a component pools its instances.
     *
     * @param maxIdle instances kept between requests (at most the component's concurrency)
     * @param memoryBudget shared by every instance of every component in the process: a grow beyond it is refused
     * @param listener told about instantiations, resets and discards (metrics)
     */
    public record Pooling(int maxIdle, MemoryBudget memoryBudget, PoolListener listener) {
        public static final Pooling DEFAULT = new Pooling(4, MemoryBudget.unlimited(), PoolListener.NONE);

        public Pooling {
            if (maxIdle < 0) {
                throw new IllegalArgumentException("maxIdle must not be negative");
            }
            Objects.requireNonNull(memoryBudget);
            Objects.requireNonNull(listener);
        }
    }

    /**
     * A component already prepared on a linker that may hold more than wasi:http (the platform's host plugins).
     *
     * @param instancePreparer adds the per-instance state of the app's plugins to each new instance's options
     *     (its {@code AppBinding}s), given options that carry this component's memory limits
     * @throws IllegalArgumentException it does not export {@code wasi:http/incoming-handler@0.2.x} (see {@link
     *     WasiHttpHost#handlerExport(PreparedComponent)})
     */
    public static GatewayComponent of(String name, PreparedComponent prepared, WasiHttpHost.Config config,
            Limits limits, UnaryOperator<InstanceOptions> instancePreparer, Observer observer) {
        return of(name, prepared, config, limits, instancePreparer, observer, Pooling.DEFAULT);
    }

    /** Like {@link #of(String, PreparedComponent, WasiHttpHost.Config, Limits, UnaryOperator, Observer)}, pooled as told. */
    public static GatewayComponent of(String name, PreparedComponent prepared, WasiHttpHost.Config config,
            Limits limits, UnaryOperator<InstanceOptions> instancePreparer, Observer observer, Pooling pooling) {
        WasiHttpHost.handlerExport(prepared); // refuses what the host would not serve, with the reason
        return new GatewayComponent(name, prepared, new WasiHttpHost(config), limits, instancePreparer, observer, pooling);
    }

    /**
     * Runs the guest for one exchange on the calling thread with a pooled instance (see {@link WasiHttpHost#handle});
     * the caller holds one of {@link #slots()}, so an instance is free or may be created.
     */
    void serve(HttpExchange exchange) {
        try {
            host.handle(prepared, pool, exchange, null, limits.timeout());
        } catch (Trap t) {
            observer.trapped(t.reason());
            throw t;
        }
    }

    public String name() {
        return name;
    }

    /** The instance pool's counters (size, idle, in use, created, resets, discards). */
    public PoolStats poolStats() {
        return pool.stats();
    }

    /** Closes idle instances; instances serving a request are discarded when it ends. */
    @Override
    public void close() {
        pool.close();
    }

    public Limits limits() {
        return limits;
    }

    Semaphore slots() {
        return slots;
    }
}
