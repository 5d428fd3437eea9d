package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.engine.pool.DiscardReason;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolConfig;
import dev.wharf.engine.pool.PoolExhaustedException;
import dev.wharf.engine.pool.PoolStats;
import dev.wharf.wasi.http.internal.body.ResponseAbortedException;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The C fixtures served through {@link WasiHttpHost#handle(PreparedComponent, InstancePool, HttpExchange, Duration,
 * Duration)} from real {@link InstancePool}s: each request sees only its own exchange and stdio, and instances that
 * trapped, were interrupted, exited or grew are discarded while the next request is served.
 */
@Timeout(120)
class PooledWasiHttpHostTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = Engine.create();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    /** A fixture's prepared component and a pool of its instances. */
    record Pooled(PreparedComponent prepared, InstancePool pool) implements AutoCloseable {
        static Pooled of(String fixture, CoreLimits limits, PoolConfig config) {
            PreparedComponent prepared = GuestServer.prepare(engine, fixture);
            return new Pooled(prepared, InstancePool.create(prepared, InstanceOptions.defaults().withLimits(limits), config));
        }

        static Pooled of(String fixture, PoolConfig config) {
            return of(fixture, CoreLimits.UNLIMITED, config);
        }

        GuestServer.Call call(WasiHttpHost host, String method, String path, List<Map.Entry<String, byte[]>> headers,
                Supplier<byte[]> body, Duration deadline) {
            return new GuestServer.Call(exchange -> host.handle(prepared, pool, exchange, WAIT, deadline), method, path, headers, body);
        }

        GuestServer.Call get(String path, List<Map.Entry<String, byte[]>> headers, Duration deadline) {
            return call(new WasiHttpHost(), "GET", path, headers, GuestServer.chunks(), deadline);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(List<Map.Entry<String, byte[]>> fields) {
        return fields.stream().map(e -> e.getKey() + ": " + new String(e.getValue(), StandardCharsets.UTF_8)).toList();
    }

    private static String text(TestSubscriber body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }

    /** One echo-c request whose path, header and body name {@code who} and {@code i}. */
    private static void echo(Pooled echo, String who, int i) throws Exception {
        String body = (who + " body " + i + "\n").repeat(1 + (i * 37) % 500);
        GuestServer.Call call = echo.call(new WasiHttpHost(), "POST", "/" + who + "/" + i, List.of(Map.entry("x-who", b(who))),
                GuestServer.chunks(b(body)), WAIT);
        assertThat(lines(call.response().headers())).containsExactly(
                "x-echo-method: POST", "x-echo-path-with-query: /" + who + "/" + i, "x-echo-h-x-who: " + who);
        TestSubscriber received = call.readAll();
        assertThat(received.completed).isTrue();
        assertThat(text(received)).isEqualTo(body);
        call.awaitGuest();
    }

    @Test
    void echoServesSequentialAndConcurrentRequestsFromAPoolOfTwoEachSeeingOnlyItsOwnRequest() throws Exception {
        try (Pooled echo = Pooled.of("echo-c", PoolConfig.ofSize(2))) {
            for (int i = 0; i < 10; i++) {
                echo(echo, "solo", i);
            }
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (String who : List.of("alice", "bob", "carol", "dave")) {
                    done.add(workers.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            echo(echo, who, i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(90, TimeUnit.SECONDS);
                }
            }
            PoolStats stats = echo.pool().stats();
            assertThat(stats.acquired()).isEqualTo(50);
            assertThat(stats.created()).isBetween(1L, 2L);
            assertThat(stats.resets()).isEqualTo(50);
            assertThat(stats.discardedTotal()).isZero();
            assertThat(stats.inUse()).isZero();
        }
    }

    @Test
    void helloServesEveryRequestFromOneInstance() throws Exception {
        try (Pooled hello = Pooled.of("hello-c", PoolConfig.ofSize(1))) {
            for (int i = 0; i < 20; i++) {
                GuestServer.Call call = hello.get("/", List.of(), WAIT);
                assertThat(call.response().status()).isEqualTo(200);
                assertThat(text(call.readAll())).isEqualTo("hello from c\n");
                call.awaitGuest();
            }
            assertThat(hello.pool().stats().created()).isEqualTo(1);
            assertThat(hello.pool().stats().resets()).isEqualTo(20);
        }
    }

    @Test
    void stdioGoesToTheSinkOfTheRequestThatWroteIt() throws Exception {
        try (Pooled stdio = Pooled.of("stdio-c", PoolConfig.ofSize(1))) {
            for (int i = 0; i < 3; i++) {
                List<String> log = new CopyOnWriteArrayList<>();
                WasiHttpHost host = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> log.add(stream + " " + line), 4096));
                GuestServer.Call call = stdio.call(host, "GET", "/", List.of(), GuestServer.chunks(), WAIT);
                assertThat(text(call.readAll())).isEqualTo("stdio ok\n");
                call.awaitGuest();
                assertThat(new ArrayList<>(log)).as("request " + i).containsExactlyInAnyOrder(
                        "STDOUT stdio-c: line 1 to stdout", "STDOUT stdio-c: line 2 to stdout", "STDERR stdio-c: line 1 to stderr");
            }
            assertThat(stdio.pool().stats().created()).isEqualTo(1);
        }
    }

    @Test
    void aTrappedInstanceIsDiscardedAndTheNextRequestGetsAFreshOne() throws Exception {
        try (Pooled trap = Pooled.of("trap-c", PoolConfig.ofSize(1))) {
            for (int i = 0; i < 2; i++) { // the second trap is the guest's own again, not "instance is poisoned"
                GuestServer.Call call = trap.get("/", List.of(), WAIT);
                assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
                assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
            }
            PoolStats stats = trap.pool().stats();
            assertThat(stats.discarded()).containsEntry(DiscardReason.TRAPPED, 2L);
            assertThat(stats.created()).isEqualTo(2);
            assertThat(stats.resets()).isZero();
        }
    }

    @Test
    void aHostFailureTrapsDiscardsTheInstanceAndTheNextRequestSucceeds() throws Exception {
        try (Pooled stdio = Pooled.of("stdio-c", PoolConfig.ofSize(1))) {
            WasiHttpHost failing = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> {
                throw new IllegalStateException("log sink down");
            }, 4096));
            GuestServer.Call broken = stdio.call(failing, "GET", "/", List.of(), GuestServer.chunks(), WAIT);
            assertThatThrownBy(broken::awaitGuest).isInstanceOf(ExecutionException.class).cause().isInstanceOf(Trap.class);

            GuestServer.Call next = stdio.get("/", List.of(), WAIT);
            assertThat(text(next.readAll())).isEqualTo("stdio ok\n");
            next.awaitGuest();
            assertThat(stdio.pool().stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
            assertThat(stdio.pool().stats().created()).isEqualTo(2);
        }
    }

    @Test
    void anExitedGuestIsDiscardedEvenWithExitOk() throws Exception {
        try (Pooled stdio = Pooled.of("stdio-c", PoolConfig.ofSize(1))) {
            WasiHttpHost exiting = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> {
                throw new GuestExitException(0);
            }, 4096));
            GuestServer.Call call = stdio.call(exiting, "GET", "/", List.of(), GuestServer.chunks(), WAIT);
            call.awaitGuest(); // exit(ok) returns normally
            assertThat(stdio.pool().stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
            assertThat(stdio.pool().stats().resets()).isZero();
            assertThat(stdio.pool().stats().size()).isZero();
        }
    }

    @Test
    void anEndlessLoopHitsTheDeadlineAndIsDiscarded() throws Exception {
        try (Pooled loop = Pooled.of("loop-c", PoolConfig.ofSize(1))) {
            for (int i = 0; i < 2; i++) {
                GuestServer.Call call = loop.get("/", List.of(), Duration.ofMillis(300));
                assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            }
            assertThat(loop.pool().stats().discarded()).containsEntry(DiscardReason.INTERRUPTED, 2L);
            assertThat(loop.pool().stats().created()).isEqualTo(2);
        }
    }

    /** stream-response-c of {@code size} bytes, read to the end; checks every byte. */
    private static void streamFully(Pooled stream, int size) throws Exception {
        GuestServer.Call call = stream.get("/", List.of(Map.entry("x-size", b(Integer.toString(size)))), WAIT);
        TestSubscriber body = call.readAll();
        assertThat(body.completed).isTrue();
        byte[] bytes = body.bytes();
        assertThat(bytes).hasSize(size);
        for (int i = 0; i < size; i++) {
            assertThat(bytes[i]).isEqualTo((byte) (i % 251));
        }
        call.awaitGuest();
    }

    @Test
    void aDeadlineInTheMiddleOfAResponseDiscardsTheInstanceAndTheNextRequestSucceeds() throws Exception {
        try (Pooled stream = Pooled.of("stream-response-c", PoolConfig.ofSize(1))) {
            streamFully(stream, 70_000);
            GuestServer.Call stalled = stream.get("/", List.of(Map.entry("x-size", b(Integer.toString(8 << 20)))), Duration.ofMillis(500));
            TestSubscriber body = new TestSubscriber();
            stalled.response().body().orElseThrow().subscribe(body);
            body.request(1); // then the client stalls: the guest waits on backpressure until the deadline
            assertThatThrownBy(stalled::awaitGuest).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            body.request(Long.MAX_VALUE);
            assertThat(body.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(body.error).isInstanceOf(ResponseAbortedException.class);

            streamFully(stream, 100_000);
            PoolStats stats = stream.pool().stats();
            assertThat(stats.discarded()).containsEntry(DiscardReason.INTERRUPTED, 1L);
            assertThat(stats.created()).isEqualTo(2);
            assertThat(stats.resets()).isEqualTo(2);
        }
    }

    @Test
    void anAbandonedExchangeInterruptsTheGuestAndDiscardsItsInstance() throws Exception {
        try (Pooled stream = Pooled.of("stream-response-c", PoolConfig.ofSize(1))) {
            GuestServer.Call call = stream.get("/", List.of(Map.entry("x-size", b(Integer.toString(8 << 20)))), WAIT);
            TestSubscriber body = new TestSubscriber();
            call.response().body().orElseThrow().subscribe(body); // the guest runs: it set the response head
            call.exchange.abandon(); // the client went away without reading
            assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INTERRUPTED));
            body.request(Long.MAX_VALUE);
            assertThat(body.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(body.error).isInstanceOf(ResponseAbortedException.class);

            streamFully(stream, 1000);
            assertThat(stream.pool().stats().discarded()).containsEntry(DiscardReason.INTERRUPTED, 1L);
            assertThat(stream.pool().stats().created()).isEqualTo(2);
        }
    }

    @Test
    void abandoningAFinishedExchangeDoesNotStopTheNextRequestOnTheSameInstance() throws Exception {
        try (Pooled stream = Pooled.of("stream-response-c", PoolConfig.ofSize(1))) {
            GuestServer.Call first = stream.get("/", List.of(Map.entry("x-size", b("1000"))), WAIT);
            assertThat(first.readAll().size()).isEqualTo(1000);
            first.awaitGuest();

            int size = 1 << 20;
            GuestServer.Call second = stream.get("/", List.of(Map.entry("x-size", b(Integer.toString(size)))), WAIT);
            HttpExchange.Response response = second.response(); // running on the instance the first request used
            first.exchange.abandon(); // the first client goes away late: its call is over, nothing to interrupt
            TestSubscriber body = new TestSubscriber();
            response.body().orElseThrow().subscribe(body);
            body.request(Long.MAX_VALUE);
            assertThat(body.done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(body.error).isNull();
            assertThat(body.size()).isEqualTo(size);
            second.awaitGuest();
            assertThat(stream.pool().stats().created()).isEqualTo(1);
            assertThat(stream.pool().stats().discardedTotal()).isZero();
        }
    }

    @Test
    void anExchangeAbandonedBeforeItsTurnDoesNotRunTheGuest() throws Exception {
        try (Pooled hello = Pooled.of("hello-c", PoolConfig.ofSize(1))) {
            GuestServer.Call call = new GuestServer.Call(exchange -> {
                exchange.abandon();
                new WasiHttpHost().handle(hello.prepared(), hello.pool(), exchange, WAIT, WAIT);
            }, "GET", "/", List.of(), GuestServer.chunks());
            assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.INTERRUPTED));
            assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
            assertThat(hello.pool().stats().acquired()).isZero();
        }
    }

    @Test
    void memhogTrapsAtItsCapAndItsInstanceIsDiscardedWithItsMemory() throws Exception {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        try (Pooled memhog = Pooled.of("memhog-c", CoreLimits.of(8L << 20, budget), PoolConfig.ofSize(1))) {
            GuestServer.Call call = memhog.get("/", List.of(), WAIT);
            assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
            assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
            assertThat(memhog.pool().stats().discarded()).containsEntry(DiscardReason.TRAPPED, 1L);
            assertThat(memhog.pool().stats().size()).isZero();
            assertThat(budget.used()).as("the discarded instance's memory went back to the budget").isZero();
        }
    }

    @Test
    void anInstanceWhoseMemoryGrewPastTheToleranceIsDiscardedAfterAnsweringInFull() throws Exception {
        try (Pooled echo = Pooled.of("echo-c", PoolConfig.ofSize(1).withMaxMemoryGrowthBytes(64 * 1024))) {
            echo(echo, "small", 1); // within the tolerance: reset and kept
            String big = "v".repeat(512 * 1024); // lowered into the guest's heap (and copied there): it grows past 64 KiB
            GuestServer.Call call = echo.call(new WasiHttpHost(), "GET", "/big", List.of(Map.entry("x-big", b(big))),
                    GuestServer.chunks(), WAIT);
            assertThat(lines(call.response().headers())).containsExactly(
                    "x-echo-method: GET", "x-echo-path-with-query: /big", "x-echo-h-x-big: " + big);
            assertThat(call.readAll().completed).isTrue();
            call.awaitGuest();
            echo(echo, "small", 2);
            PoolStats stats = echo.pool().stats();
            assertThat(stats.discarded()).containsEntry(DiscardReason.MEMORY_GREW, 1L);
            assertThat(stats.resets()).isEqualTo(2);
            assertThat(stats.created()).isEqualTo(2);
        }
    }

    @Test
    void anExhaustedPoolFailsFastAndLeavesTheExchangeFinished() throws Exception {
        try (Pooled stream = Pooled.of("stream-response-c", PoolConfig.ofSize(1))) {
            GuestServer.Call holder = stream.get("/", List.of(Map.entry("x-size", b(Integer.toString(1 << 20)))), WAIT);
            HttpExchange.Response held = holder.response(); // the only instance is busy until its body is read

            GuestServer.Call refused = new GuestServer.Call(
                    exchange -> new WasiHttpHost().handle(stream.prepared(), stream.pool(), exchange, Duration.ofMillis(100), WAIT),
                    "GET", "/", List.of(), GuestServer.chunks());
            assertThatThrownBy(refused::awaitGuest).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PoolExhaustedException.class).hasMessageContaining("all 1 are in use");
            assertThatThrownBy(refused::response).cause().isInstanceOf(NoResponseException.class);

            TestSubscriber body = new TestSubscriber();
            held.body().orElseThrow().subscribe(body);
            body.request(Long.MAX_VALUE);
            assertThat(body.done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(body.size()).isEqualTo(1 << 20);
            holder.awaitGuest();
            streamFully(stream, 1000);
            assertThat(stream.pool().stats().created()).isEqualTo(1);
        }
    }
}
