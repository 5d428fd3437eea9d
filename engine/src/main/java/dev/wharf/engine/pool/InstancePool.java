package dev.wharf.engine.pool;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.TrapReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Instances of one {@link PreparedComponent}, all made with the same {@link InstanceOptions}, kept
 * for reuse so a request does not pay for instantiation: an instance returned by its lease is
 * {@link ComponentInstance#reset reset} to its just-instantiated state (memories, globals,
 * tables, handles, host state) and handed to the next request.
 *
 * <pre>{@code
 * InstancePool pool = InstancePool.create(prepared, options, PoolConfig.ofSize(8).withPrewarm(2));
 * try (InstancePool.Lease lease = pool.acquire(Duration.ofSeconds(1))) {
 *     ComponentInstance instance = lease.instance();
 *     instance.setState(REQUEST, request);              // per-request state
 *     instance.function(HANDLER, "handle").call(...);
 * }                                                     // reset and kept, or discarded
 * }</pre>
 *
 * <p>An instance is discarded (closed) instead of reset when it trapped or was interrupted, when
 * its memories grew more than {@link PoolConfig#maxMemoryGrowthBytes}, when it served {@link
 * PoolConfig#maxUsesPerInstance} leases, when its reset fails, when the holder asks ({@link
 * Lease#discard}), when {@link PoolConfig#maxIdle} are idle already, or when the pool is closed.
 *
 * <p>Thread-safe. Blocking is through a {@link ReentrantLock}, so waiting virtual threads do not
 * pin their carrier; the lock is never held while instantiating, resetting or closing an instance.
 * Idle instances are reused last-in first-out (the most recently used is the warmest).
 */
public final class InstancePool implements AutoCloseable {
    private final PreparedComponent prepared;
    private final InstanceOptions options;
    private final PoolConfig config;
    private final PoolListener listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final ArrayDeque<Pooled> idle = new ArrayDeque<>();
    /** Instances alive or being created (guarded by {@link #lock}). */
    private int total;
    private int inUse;
    private volatile boolean closed;

    private final LongAdder created = new LongAdder();
    private final LongAdder acquired = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder instantiateNanos = new LongAdder();
    private final LongAdder resetNanos = new LongAdder();
    private final Map<DiscardReason, LongAdder> discarded = new EnumMap<>(DiscardReason.class);

    private static final class Pooled {
        final ComponentInstance instance;
        long uses;

        Pooled(ComponentInstance instance) {
            this.instance = instance;
        }
    }

    private InstancePool(PreparedComponent prepared, InstanceOptions options, PoolConfig config, PoolListener listener) {
        this.prepared = Objects.requireNonNull(prepared, "prepared");
        this.options = Objects.requireNonNull(options, "options");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        for (DiscardReason r : DiscardReason.values()) {
            discarded.put(r, new LongAdder());
        }
    }

    /** A pool with no listener; see {@link #create(PreparedComponent, InstanceOptions, PoolConfig, PoolListener)}. */
    public static InstancePool create(PreparedComponent prepared, InstanceOptions options, PoolConfig config) {
        return create(prepared, options, config, PoolListener.NONE);
    }

    /**
     * A pool of instances of {@code prepared} made with {@code options}. Creates {@link
     * PoolConfig#prewarm} instances before returning.
     *
     * @throws dev.wharf.engine.Trap if a prewarmed instance cannot be created (nothing is left open)
     */
    public static InstancePool create(PreparedComponent prepared, InstanceOptions options, PoolConfig config, PoolListener listener) {
        InstancePool pool = new InstancePool(prepared, options, config, listener);
        try {
            for (int i = 0; i < config.prewarm(); i++) {
                pool.idle.addFirst(pool.instantiate());
                pool.total++;
            }
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    public PoolConfig config() {
        return config;
    }

    /**
     * Leases an instance: an idle one if there is one, else a new one while fewer than {@link
     * PoolConfig#maxTotal} are alive, else waits until one comes back.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalStateException if the pool is closed
     * @throws dev.wharf.engine.Trap if a new instance cannot be created
     */
    public Lease acquire() throws InterruptedException {
        return acquire(-1);
    }

    /**
     * Like {@link #acquire()}, waiting at most {@code timeout} for a free instance.
     *
     * @throws PoolExhaustedException if none became free in time
     */
    public Lease acquire(Duration timeout) throws InterruptedException {
        return acquire(Math.max(0, timeout.toNanos()));
    }

    private Lease acquire(long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        Pooled pooled;
        lock.lockInterruptibly();
        try {
            long remaining = timeoutNanos;
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the instance pool is closed");
                }
                pooled = idle.pollFirst();
                if (pooled != null || total < config.maxTotal()) {
                    break;
                }
                if (timeoutNanos < 0) {
                    released.await();
                } else if (remaining <= 0) {
                    throw new PoolExhaustedException("no instance became free within " + Duration.ofNanos(timeoutNanos).toMillis()
                            + " ms: all " + config.maxTotal() + " are in use");
                } else {
                    remaining = released.awaitNanos(remaining);
                }
            }
            if (pooled == null) {
                total++; // a slot for the instance created below, outside the lock
            }
            inUse++;
        } finally {
            lock.unlock();
        }
        long waited = System.nanoTime() - start;
        if (pooled == null) {
            try {
                pooled = instantiate();
            } catch (RuntimeException | Error e) {
                giveBackSlot();
                throw e;
            }
        }
        pooled.uses++;
        acquired.increment();
        notify(l -> l.acquired(waited));
        return new Lease(pooled);
    }

    private Pooled instantiate() {
        long t0 = System.nanoTime();
        ComponentInstance instance = prepared.instantiateResettable(options);
        long nanos = System.nanoTime() - t0;
        created.increment();
        instantiateNanos.add(nanos);
        notify(l -> l.instantiated(nanos));
        return new Pooled(instance);
    }

    private void giveBackSlot() {
        lock.lock();
        try {
            total--;
            inUse--;
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Resets and keeps, or discards, an instance coming back from its lease. */
    private void release(Pooled pooled, boolean discardRequested) {
        DiscardReason reason = discardRequested ? DiscardReason.REQUESTED : reasonToDiscard(pooled);
        if (reason == null && closed) {
            reason = DiscardReason.POOL_CLOSED;
        }
        if (reason == null) {
            long t0 = System.nanoTime();
            try {
                pooled.instance.reset();
                long nanos = System.nanoTime() - t0;
                resets.increment();
                resetNanos.add(nanos);
                notify(l -> l.reset(nanos));
            } catch (RuntimeException e) {
                resetNanos.add(System.nanoTime() - t0);
                reason = DiscardReason.RESET_FAILED;
            }
        }
        lock.lock();
        try {
            inUse--;
            if (reason == null) {
                if (closed) {
                    reason = DiscardReason.POOL_CLOSED;
                } else if (idle.size() >= config.maxIdle()) {
                    reason = DiscardReason.IDLE_FULL;
                } else {
                    idle.addFirst(pooled);
                }
            }
            if (reason != null) {
                total--;
            }
            released.signal();
        } finally {
            lock.unlock();
        }
        if (reason != null) {
            discard(pooled, reason);
        }
    }

    private DiscardReason reasonToDiscard(Pooled pooled) {
        ComponentInstance instance = pooled.instance;
        if (instance.isPoisoned()) {
            TrapReason trap = instance.trapReason().orElse(null);
            if (trap == TrapReason.EXIT) {
                return DiscardReason.EXITED;
            }
            return trap == TrapReason.INTERRUPTED || trap == TrapReason.DEADLINE_EXCEEDED ? DiscardReason.INTERRUPTED : DiscardReason.TRAPPED;
        }
        if (instance.memoryBytes() - instance.initialMemoryBytes() > config.maxMemoryGrowthBytes()) {
            return DiscardReason.MEMORY_GREW;
        }
        if (config.maxUsesPerInstance() > 0 && pooled.uses >= config.maxUsesPerInstance()) {
            return DiscardReason.MAX_USES;
        }
        return null;
    }

    private void discard(Pooled pooled, DiscardReason reason) {
        discarded.get(reason).increment();
        try {
            pooled.instance.close();
        } catch (RuntimeException e) {
            // a host destructor failed while tearing down an instance nobody will use again:
            // its memories are released before destructors run, so nothing of the guest leaks
        }
        notify(l -> l.discarded(reason));
    }

    private void notify(java.util.function.Consumer<PoolListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            // a listener must not break the pool (documented on PoolListener)
        }
    }

    /** The counters now. */
    public PoolStats stats() {
        int size;
        int idleNow;
        int inUseNow;
        lock.lock();
        try {
            size = total;
            idleNow = idle.size();
            inUseNow = inUse;
        } finally {
            lock.unlock();
        }
        Map<DiscardReason, Long> byReason = new EnumMap<>(DiscardReason.class);
        discarded.forEach((r, n) -> byReason.put(r, n.sum()));
        return new PoolStats(size, idleNow, inUseNow, created.sum(), acquired.sum(), resets.sum(), byReason, instantiateNanos.sum(),
                resetNanos.sum());
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the idle instances; leased ones are discarded when their lease closes. Threads
     * waiting in {@link #acquire} fail with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        List<Pooled> toClose;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            total -= toClose.size();
            released.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pooled p : toClose) {
            discard(p, DiscardReason.POOL_CLOSED);
        }
    }

    /**
     * One instance lent to one holder. Close it once the calls into the instance have returned
     * (not while one still runs on another thread): the instance is then reset and kept, or
     * discarded. Not thread-safe; closing twice does nothing.
     */
    public final class Lease implements AutoCloseable {
        private final Pooled pooled;
        private boolean discard;
        private boolean returned;

        private Lease(Pooled pooled) {
            this.pooled = pooled;
        }

        /** The leased instance; set per-request state on it with {@link ComponentInstance#setState}. */
        public ComponentInstance instance() {
            if (returned) {
                throw new IllegalStateException("the lease was closed: its instance went back to the pool");
            }
            return pooled.instance;
        }

        /** How many leases this instance has served, this one included. */
        public long uses() {
            return pooled.uses;
        }

        /**
         * Marks the instance to be closed instead of reused when the lease closes (e.g. the request
         * timed out and the instance's state is in doubt).
         */
        public void discard() {
            discard = true;
        }

        @Override
        public void close() {
            if (returned) {
                return;
            }
            returned = true;
            release(pooled, discard);
        }
    }
}
