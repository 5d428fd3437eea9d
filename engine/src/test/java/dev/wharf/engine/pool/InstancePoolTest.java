package dev.wharf.engine.pool;

import static dev.wharf.engine.pool.ResetComponent.CELL;
import static dev.wharf.engine.pool.ResetComponent.CONSTRUCTED;
import static dev.wharf.engine.pool.ResetComponent.REQUEST;
import static dev.wharf.engine.pool.ResetComponent.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.DropReason;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.pool.ResetComponent.Destroyed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link InstancePool} over the reset component: reuse, isolation, every discard reason, concurrency. */
class InstancePoolTest {
    private static Engine engine;

    private ResetComponent component;
    private InstanceOptions options;

    @BeforeAll
    static void startEngine() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void link() {
        component = new ResetComponent(engine);
        options = InstanceOptions.defaults().withFactory(CONSTRUCTED, AtomicInteger::new);
    }

    @Test
    void aReturnedInstanceIsResetAndReusedWithNothingOfTheLastRequestLeft() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(1))) {
            ComponentInstance first;
            long handle;
            try (InstancePool.Lease lease = pool.acquire()) {
                first = lease.instance();
                first.setState(REQUEST, "request 1");
                call(first, "poke", 64, 1234);
                call(first, "bump");
                call(first, "table-set");
                handle = call(first, "make-cell", 5);
            }
            try (InstancePool.Lease lease = pool.acquire()) {
                ComponentInstance second = lease.instance();
                assertThat(second).as("the same instance, reused").isSameAs(first);
                assertThat(lease.uses()).isEqualTo(2);
                assertThat(call(second, "peek", 64)).isZero();
                assertThat(call(second, "bump")).isEqualTo(1);
                assertThat(call(second, "table-is-set")).isZero();
                assertThat(second.resources(CELL).size()).isZero();
                assertThatThrownBy(() -> call(second, "read-cell", handle)).isInstanceOf(Trap.class);
                lease.discard(); // the trap above poisoned it anyway
                assertThat(second.state(CONSTRUCTED)).hasValue(0);
                assertThatThrownBy(() -> second.state(REQUEST)).isInstanceOf(IllegalStateException.class);
            }
            assertThat(component.destroyed).containsExactly(new Destroyed(5, DropReason.TEARDOWN));
            PoolStats stats = pool.stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.acquired()).isEqualTo(2);
            assertThat(stats.resets()).isEqualTo(1);
            assertThat(stats.discarded()).containsEntry(DiscardReason.REQUESTED, 1L);
            assertThat(stats.size()).isZero();
            assertThat(stats.instantiateNanos()).isPositive();
            assertThat(stats.resetNanos()).isPositive();
        }
    }

    @Test
    void aTrappedInstanceIsDiscarded() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(2))) {
            ComponentInstance trapped;
            try (InstancePool.Lease lease = pool.acquire()) {
                trapped = lease.instance();
                assertThatThrownBy(() -> call(trapped, "fail")).isInstanceOf(Trap.class);
            }
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
            assertThat(pool.stats().size()).isZero();
            try (InstancePool.Lease lease = pool.acquire()) {
                assertThat(lease.instance()).isNotSameAs(trapped);
                assertThat(call(lease.instance(), "bump")).isEqualTo(1);
            }
        }
    }

    @Test
    void anInterruptedInstanceIsDiscarded() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(2))) {
            try (InstancePool.Lease lease = pool.acquire()) {
                ComponentInstance instance = lease.instance();
                try (CallDeadline d = Watchdog.shared().arm(instance, Duration.ofMillis(50))) {
                    assertThatThrownBy(() -> call(instance, "spin")).isInstanceOf(Trap.class)
                            .extracting(t -> ((Trap) t).reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED);
                }
            }
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.INTERRUPTED, 1L);
        }
    }

    @Test
    void memoryGrowthBeyondTheThresholdDiscardsAndBelowItResets() throws Exception {
        PoolConfig config = PoolConfig.ofSize(2).withMaxMemoryGrowthBytes(2L * CoreMemory.PAGE_SIZE);
        try (InstancePool pool = InstancePool.create(component.prepared, options, config)) {
            ComponentInstance kept;
            try (InstancePool.Lease lease = pool.acquire()) {
                kept = lease.instance();
                call(kept, "grow", 2); // at the threshold: reset shrinks it back
            }
            try (InstancePool.Lease lease = pool.acquire()) {
                assertThat(lease.instance()).isSameAs(kept);
                assertThat(call(kept, "pages")).isEqualTo(1);
                call(kept, "grow", 3); // beyond it
            }
            PoolStats stats = pool.stats();
            assertThat(stats.resets()).isEqualTo(1);
            assertThat(stats.discarded()).containsEntry(DiscardReason.MEMORY_GREW, 1L);
        }
    }

    @Test
    void anInstanceIsDiscardedAfterMaxUses() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(1).withMaxUsesPerInstance(3))) {
            List<ComponentInstance> seen = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                try (InstancePool.Lease lease = pool.acquire()) {
                    seen.add(lease.instance());
                }
            }
            assertThat(seen.stream().distinct().count()).isEqualTo(3);
            assertThat(pool.stats().created()).isEqualTo(3);
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.MAX_USES, 2L);
        }
    }

    @Test
    void aFailingResetDiscards() throws Exception {
        AtomicInteger made = new AtomicInteger();
        InstanceOptions failingOnReset = InstanceOptions.defaults().withFactory(CONSTRUCTED, () -> {
            if (made.incrementAndGet() == 2) {
                throw new IllegalStateException("no more counters");
            }
            return new AtomicInteger();
        });
        try (InstancePool pool = InstancePool.create(component.prepared, failingOnReset, PoolConfig.ofSize(1))) {
            pool.acquire().close();
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.RESET_FAILED, 1L);
            assertThat(pool.stats().idle()).isZero();
        }
    }

    @Test
    void instancesBeyondMaxIdleAreClosed() throws Exception {
        PoolConfig config = PoolConfig.DEFAULTS.withMaxTotal(3).withMaxIdle(1);
        try (InstancePool pool = InstancePool.create(component.prepared, options, config)) {
            InstancePool.Lease a = pool.acquire();
            InstancePool.Lease b = pool.acquire();
            InstancePool.Lease c = pool.acquire();
            a.close();
            b.close();
            c.close();
            PoolStats stats = pool.stats();
            assertThat(stats.idle()).isEqualTo(1);
            assertThat(stats.size()).isEqualTo(1);
            assertThat(stats.discarded()).containsEntry(DiscardReason.IDLE_FULL, 2L);
        }
    }

    @Test
    void prewarmCreatesInstancesUpFront() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(4).withPrewarm(3))) {
            assertThat(pool.stats().idle()).isEqualTo(3);
            assertThat(pool.stats().created()).isEqualTo(3);
            pool.acquire().close();
            assertThat(pool.stats().created()).isEqualTo(3);
        }
    }

    @Test
    void acquireWaitsForAFreeInstanceAndTimesOut() throws Exception {
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(1))) {
            InstancePool.Lease held = pool.acquire();
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolExhaustedException.class)
                    .hasMessageContaining("all 1 are in use");
            ExecutorService waiter = Executors.newVirtualThreadPerTaskExecutor();
            try {
                Future<ComponentInstance> next = waiter.submit(() -> {
                    try (InstancePool.Lease lease = pool.acquire(Duration.ofSeconds(30))) {
                        return lease.instance();
                    }
                });
                ComponentInstance instance = held.instance();
                held.close();
                assertThat(next.get(30, TimeUnit.SECONDS)).isSameAs(instance);
            } finally {
                waiter.shutdownNow();
            }
        }
    }

    @Test
    void closingThePoolClosesIdleInstancesAndDiscardsLeasedOnesOnReturn() throws Exception {
        InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(3).withPrewarm(1));
        InstancePool.Lease leased = pool.acquire();
        InstancePool.Lease leased2 = pool.acquire();
        call(leased2.instance(), "make-cell", 9);
        leased.close(); // back to idle (the prewarmed one), the only idle one
        pool.close();
        assertThat(pool.stats().discarded()).containsEntry(DiscardReason.POOL_CLOSED, 1L);
        assertThat(pool.stats().inUse()).isEqualTo(1);
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        leased2.close();
        assertThat(pool.stats().discarded()).containsEntry(DiscardReason.POOL_CLOSED, 2L);
        assertThat(pool.stats().size()).isZero();
        assertThat(component.destroyed).containsExactly(new Destroyed(9, DropReason.TEARDOWN));
        assertThatThrownBy(leased2::instance).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyThreadsShareAPoolAndTheCountsAddUp() throws Exception {
        int threads = 8;
        int rounds = 200;
        Map<DiscardReason, AtomicLong> heard = new ConcurrentHashMap<>();
        AtomicLong instantiated = new AtomicLong();
        AtomicLong resets = new AtomicLong();
        PoolListener listener = new PoolListener() {
            @Override
            public void instantiated(long nanos) {
                instantiated.incrementAndGet();
            }

            @Override
            public void reset(long nanos) {
                resets.incrementAndGet();
            }

            @Override
            public void discarded(DiscardReason reason) {
                heard.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
            }
        };
        AtomicInteger trapsCaused = new AtomicInteger();
        try (InstancePool pool = InstancePool.create(component.prepared, options, PoolConfig.ofSize(3), listener)) {
            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(workers.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        try (InstancePool.Lease lease = pool.acquire()) {
                            ComponentInstance instance = lease.instance();
                            // isolation: each lease starts from the initial state, whoever used the instance before
                            assertThat(call(instance, "peek", 8)).isZero();
                            assertThat(call(instance, "bump")).isEqualTo(1);
                            assertThat(instance.state(CONSTRUCTED)).hasValue(0);
                            call(instance, "poke", 8, thread * 1000 + i);
                            call(instance, "make-cell", i);
                            if (i % 50 == 49) {
                                trapsCaused.incrementAndGet();
                                assertThatThrownBy(() -> call(instance, "fail")).isInstanceOf(Trap.class);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            workers.shutdown();
            PoolStats stats = pool.stats();
            long leases = (long) threads * rounds;
            assertThat(stats.acquired()).isEqualTo(leases);
            assertThat(stats.inUse()).isZero();
            assertThat(stats.size()).isEqualTo(stats.idle()).isLessThanOrEqualTo(3);
            assertThat(stats.discarded()).containsEntry(DiscardReason.TRAPPED, (long) trapsCaused.get());
            assertThat(stats.created()).isEqualTo(stats.size() + stats.discardedTotal());
            assertThat(stats.resets() + stats.discardedTotal()).isEqualTo(leases);
            assertThat(instantiated.get()).isEqualTo(stats.created());
            assertThat(resets.get()).isEqualTo(stats.resets());
            assertThat(heard.get(DiscardReason.TRAPPED)).hasValue(trapsCaused.get());
            // every cell went to its destructor exactly once: reset teardown, or close of a trapped instance
            assertThat(component.destroyed).hasSize((int) leases);
        }
    }

    @Test
    void aFailedInstantiationGivesItsSlotBack() throws Exception {
        InstanceOptions tooSmall = options.withLimits(CoreLimits.of(CoreMemory.PAGE_SIZE / 2, MemoryBudget.unlimited()));
        try (InstancePool pool = InstancePool.create(component.prepared, tooSmall, PoolConfig.ofSize(1))) {
            for (int i = 0; i < 2; i++) { // the second attempt would wait forever if the first kept the only slot
                assertThatThrownBy(pool::acquire).isInstanceOf(RuntimeException.class).hasMessageContaining("memory");
            }
            assertThat(pool.stats().size()).isZero();
            assertThat(pool.stats().inUse()).isZero();
        }
        assertThatThrownBy(() -> InstancePool.create(component.prepared, tooSmall, PoolConfig.ofSize(2).withPrewarm(1)))
                .hasMessageContaining("memory");
    }

    @Test
    void configRejectsInconsistentBounds() {
        assertThatThrownBy(() -> new PoolConfig(0, 0, 0, 0, 0)).hasMessageContaining("maxTotal");
        assertThatThrownBy(() -> new PoolConfig(2, 3, 0, 0, 0)).hasMessageContaining("maxIdle");
        assertThatThrownBy(() -> new PoolConfig(2, 1, 2, 0, 0)).hasMessageContaining("prewarm");
    }
}
