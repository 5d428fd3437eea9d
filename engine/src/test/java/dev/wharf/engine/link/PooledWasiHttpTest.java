package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.pool.DiscardReason;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolConfig;
import dev.wharf.engine.pool.PoolStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real C fixtures served from an {@link InstancePool} against {@link FakeWasiHttp}: each request's
 * exchange is set on the leased instance, and what one request did is gone for the next.
 */
class PooledWasiHttpTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static InstancePool pool(String fixture, CoreLimits limits, PoolConfig config) {
        PreparedComponent prepared = FakeWasiHttp.prepare(engine, engine.plan(LinkTesting.fixture(fixture)));
        return InstancePool.create(prepared, InstanceOptions.defaults().withLimits(limits), config);
    }

    @Test
    void helloServesManyRequestsFromOneInstance() throws Exception {
        try (InstancePool pool = pool("hello-c", CoreLimits.UNLIMITED, PoolConfig.ofSize(1))) {
            for (int i = 0; i < 20; i++) {
                FakeWasiHttp http = new FakeWasiHttp();
                try (InstancePool.Lease lease = pool.acquire()) {
                    http.handleOn(lease.instance());
                }
                assertThat(http.responseStatus()).isEqualTo(200);
                assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("hello from c\n");
            }
            PoolStats stats = pool.stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.resets()).isEqualTo(20);
            assertThat(stats.discardedTotal()).isZero();
        }
    }

    @Test
    void echoOnPooledInstancesSeesOnlyItsOwnRequest() throws Exception {
        try (InstancePool pool = pool("echo-c", CoreLimits.UNLIMITED, PoolConfig.ofSize(2))) {
            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("alice", "bob", "carol")) {
                done.add(workers.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        FakeWasiHttp http = new FakeWasiHttp();
                        http.method = 2;
                        http.pathWithQuery = "/" + who + "/" + i;
                        http.requestHeaders.add(new String[] {"x-who", who});
                        http.requestBody.add((who + " body " + i).getBytes(StandardCharsets.UTF_8));
                        try (InstancePool.Lease lease = pool.acquire()) {
                            http.handleOn(lease.instance());
                        }
                        assertThat(http.responseHeaders()).containsExactly(
                                "x-echo-method: POST", "x-echo-path-with-query: /" + who + "/" + i, "x-echo-h-x-who: " + who);
                        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo(who + " body " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            workers.shutdown();
            assertThat(pool.stats().created()).isLessThanOrEqualTo(2);
            assertThat(pool.stats().acquired()).isEqualTo(45);
        }
    }

    @Test
    void aTrappingGuestIsDiscardedAndTheNextRequestGetsAFreshInstance() throws Exception {
        try (InstancePool pool = pool("trap-c", CoreLimits.UNLIMITED, PoolConfig.ofSize(1))) {
            ComponentInstance first;
            try (InstancePool.Lease lease = pool.acquire()) {
                first = lease.instance();
                assertThatThrownBy(() -> new FakeWasiHttp().handleOn(first)).isInstanceOf(Trap.class);
            }
            try (InstancePool.Lease lease = pool.acquire()) {
                assertThat(lease.instance()).isNotSameAs(first);
                assertThat(lease.instance().isPoisoned()).isFalse();
            }
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
        }
    }

    @Test
    void memhogRunsOutOfItsCapAndIsDiscarded() throws Exception {
        CoreLimits cap = CoreLimits.of(8L << 20, dev.wharf.engine.core.MemoryBudget.unlimited());
        try (InstancePool pool = pool("memhog-c", cap, PoolConfig.ofSize(1))) {
            try (InstancePool.Lease lease = pool.acquire()) {
                ComponentInstance instance = lease.instance();
                assertThatThrownBy(() -> new FakeWasiHttp().handleOn(instance)).isInstanceOf(Trap.class);
                assertThat(instance.memoryBytes()).isGreaterThan(instance.initialMemoryBytes());
            }
            assertThat(pool.stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
            assertThat(pool.stats().size()).isZero();
        }
    }
}
