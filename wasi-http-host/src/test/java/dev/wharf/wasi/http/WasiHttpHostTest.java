package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Engine;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The C fixtures end to end through {@link WasiHttpHost} and {@link HttpExchange}: real engine, real plumbing. */
@Timeout(120)
class WasiHttpHostTest {
    private static Engine engine;
    private static final WasiHttpHost HOST = new WasiHttpHost();

    @BeforeAll
    static void setUp() {
        engine = Engine.create();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(List<Map.Entry<String, byte[]>> fields) {
        return fields.stream().map(e -> e.getKey() + ": " + new String(e.getValue(), StandardCharsets.UTF_8)).toList();
    }

    private static GuestServer.Call call(String fixture, String method, String path, List<Map.Entry<String, byte[]>> headers,
            byte[]... body) {
        return new GuestServer.Call(HOST, GuestServer.prepare(engine, fixture), method, path, headers, GuestServer.chunks(body),
                Duration.ofSeconds(60));
    }

    @Test
    void helloRespondsWithText() throws Exception {
        GuestServer.Call call = call("hello-c", "GET", "/", List.of());
        HttpExchange.Response response = call.response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(lines(response.headers())).containsExactly("content-type: text/plain");
        TestSubscriber body = call.readAll();
        assertThat(body.completed).isTrue();
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello from c\n");
        call.awaitGuest();
        assertThat(response.trailers().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void echoReturnsMethodPathRepeatedHeadersAndABinaryBody() throws Exception {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        byte[] first = java.util.Arrays.copyOfRange(binary, 0, 1000);
        byte[] second = java.util.Arrays.copyOfRange(binary, 1000, binary.length);
        GuestServer.Call call = call("echo-c", "POST", "/echo?x=1",
                List.of(Map.entry("A", b("1")), Map.entry("b", b("two")), Map.entry("a", b("again"))), first, second);
        HttpExchange.Response response = call.response();
        assertThat(response.status()).isEqualTo(200);
        assertThat(lines(response.headers())).containsExactly(
                "x-echo-method: POST", "x-echo-path-with-query: /echo?x=1",
                "x-echo-h-a: 1", "x-echo-h-b: two", "x-echo-h-a: again");
        TestSubscriber body = call.readAll();
        assertThat(body.completed).isTrue();
        assertThat(body.bytes()).isEqualTo(binary);
        call.awaitGuest();
    }

    @Test
    void streamResponseOfEightMebibytesFollowsASlowReader() throws Exception {
        int size = 8 << 20;
        GuestServer.Call call = call("stream-response-c", "GET", "/", List.of(Map.entry("x-size", b(Integer.toString(size)))));
        HttpExchange.Response response = call.response();
        assertThat(response.status()).isEqualTo(200);
        TestSubscriber body = new TestSubscriber();
        response.body().orElseThrow().subscribe(body);
        // no demand: the guest must wait instead of the host buffering the body
        Thread.sleep(300);
        assertThat(call.guest).as("guest blocked by backpressure").isNotDone();
        assertThat(body.size()).isZero();
        AtomicInteger maxChunk = new AtomicInteger();
        AtomicLong chunks = new AtomicLong();
        body.onNextHook = chunk -> {
            maxChunk.accumulateAndGet(chunk.remaining(), Math::max);
            chunks.incrementAndGet();
        };
        // pull one chunk at a time, checking that the guest stays within the buffer bound
        long lastReceived = -1;
        while (body.done.getCount() > 0) {
            long received = body.size();
            if (received != lastReceived || chunks.get() == 0) {
                lastReceived = received;
                body.request(1);
            }
            if (chunks.get() % 64 == 0) {
                Thread.sleep(1);
            }
            body.done.await(2, TimeUnit.MILLISECONDS);
        }
        assertThat(body.error).isNull();
        byte[] bytes = body.bytes();
        assertThat(bytes).hasSize(size);
        for (int i = 0; i < size; i++) {
            if (bytes[i] != (byte) (i % 251)) {
                throw new AssertionError("byte " + i + " is " + bytes[i]);
            }
        }
        assertThat(maxChunk.get()).isLessThanOrEqualTo(HttpExchange.Limits.DEFAULT.responseChunkBytes());
        call.awaitGuest();
    }

    @Test
    void readBodyStreamsEightMebibytes() throws Exception {
        byte[] chunk = new byte[65536];
        long sum = 0;
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 7 + 3);
            sum += chunk[i] & 0xff;
        }
        int count = 128;
        AtomicInteger sent = new AtomicInteger();
        GuestServer.Call call = new GuestServer.Call(HOST, GuestServer.prepare(engine, "read-body-c"), "POST", "/", List.of(),
                () -> sent.getAndIncrement() < count ? chunk : null, Duration.ofSeconds(60));
        TestSubscriber body = call.readAll();
        assertThat(call.response().status()).isEqualTo(200);
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("bytes=8388608 sum=" + ((sum * count) & 0xffff_ffffL));
        call.awaitGuest();
    }

    @Test
    void trailersFollowTheBody() throws Exception {
        GuestServer.Call call = call("trailers-c", "GET", "/", List.of());
        TestSubscriber body = call.readAll();
        assertThat(body.completed).isTrue();
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("body with trailers\n");
        assertThat(lines(call.response().trailers().get(5, TimeUnit.SECONDS))).containsExactly("x-trailer: done");
        call.awaitGuest();
    }

    @Test
    void aTrapFailsTheResponseAndSurfacesAsATrap() throws Exception {
        GuestServer.Call call = call("trap-c", "GET", "/", List.of());
        assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
        assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
    }

    @Test
    void theDeadlineStopsAnEndlessLoop() throws Exception {
        GuestServer.Call call = new GuestServer.Call(HOST, GuestServer.prepare(engine, "loop-c"), "GET", "/", List.of(),
                GuestServer.chunks(), Duration.ofMillis(300));
        assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
        assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
    }

    @Test
    void stdioIsCapturedPerRequestLineByLine() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        WasiHttpHost host = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> log.add(stream + " " + line), 4096));
        GuestServer.Call call = new GuestServer.Call(host, GuestServer.prepare(engine, "stdio-c"), "GET", "/", List.of(),
                GuestServer.chunks(), Duration.ofSeconds(60));
        TestSubscriber body = call.readAll();
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("stdio ok\n");
        call.awaitGuest();
        assertThat(new ArrayList<>(log)).containsExactlyInAnyOrder(
                "STDOUT stdio-c: line 1 to stdout", "STDOUT stdio-c: line 2 to stdout", "STDERR stdio-c: line 1 to stderr");
    }

    @Test
    void concurrentRequestsOnOnePreparedComponentSeeOnlyTheirOwnObjects() throws Exception {
        PreparedComponent prepared = GuestServer.prepare(engine, "echo-c");
        List<GuestServer.Call> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(new GuestServer.Call(HOST, prepared, "PUT", "/r/" + i, List.of(Map.entry("x-who", b("w" + i))),
                    GuestServer.chunks(b("body " + i)), Duration.ofSeconds(60)));
        }
        for (int i = 0; i < calls.size(); i++) {
            GuestServer.Call call = calls.get(i);
            assertThat(lines(call.response().headers())).containsExactly(
                    "x-echo-method: PUT", "x-echo-path-with-query: /r/" + i, "x-echo-h-x-who: w" + i);
            assertThat(new String(call.readAll().bytes(), StandardCharsets.UTF_8)).isEqualTo("body " + i);
            call.awaitGuest();
        }
    }

    @Test
    void memoryLimitsReachTheGuest() throws Exception {
        GuestServer.Call call = new GuestServer.Call(HOST, GuestServer.prepare(engine, "memhog-c"), "GET", "/", List.of(),
                GuestServer.chunks(), Duration.ofSeconds(60),
                dev.wharf.engine.core.CoreLimits.of(8L << 20, dev.wharf.engine.core.MemoryBudget.unlimited()));
        assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
        assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
    }

    @Test
    void theDeadlineInterruptsAGuestBlockedOnBackpressureAndAbortsTheBody() throws Exception {
        GuestServer.Call call = new GuestServer.Call(HOST, GuestServer.prepare(engine, "stream-response-c"), "GET", "/",
                List.of(Map.entry("x-size", b(Integer.toString(8 << 20)))), GuestServer.chunks(), Duration.ofMillis(500));
        HttpExchange.Response response = call.response();
        TestSubscriber body = new TestSubscriber();
        response.body().orElseThrow().subscribe(body);
        body.request(2); // a little, then the client stalls
        assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
        body.request(Long.MAX_VALUE);
        assertThat(body.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(body.error).as("an incomplete body is aborted, never completed").isInstanceOf(
                dev.wharf.wasi.http.internal.body.ResponseAbortedException.class);
        assertThat(body.size()).isLessThan(8 << 20);
    }

    @Test
    void anExitThrownFromAHostFunctionEndsTheCallWithItsStatus() throws Exception {
        // no fixture calls wasi:cli/exit; its host function throws GuestExitException, as this log sink does,
        // and the engine carries it as the cause of the trap that ends the call
        for (int status : new int[] {3, 0}) {
            WasiHttpHost host = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> {
                throw new GuestExitException(status);
            }, 4096));
            GuestServer.Call call = new GuestServer.Call(host, GuestServer.prepare(engine, "stdio-c"), "GET", "/", List.of(),
                    GuestServer.chunks(), Duration.ofSeconds(60));
            if (status != 0) {
                assertThatThrownBy(call::awaitGuest).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(GuestExitException.class, e -> assertThat(e.status()).isEqualTo(3));
            } else {
                call.awaitGuest(); // exit(ok) is a normal return
            }
            assertThatThrownBy(call::response).cause().isInstanceOf(NoResponseException.class);
        }
    }

    @Test
    void everyCFixtureLinksAgainstTheHost() {
        for (String name : List.of("hello-c", "echo-c", "read-body-c", "stream-response-c", "trailers-c", "trap-c", "loop-c",
                "stdio-c", "memhog-c")) {
            PreparedComponent prepared = GuestServer.prepare(engine, name);
            assertThat(WasiHttpHost.handlerExport(prepared)).startsWith("wasi:http/incoming-handler@0.2.");
        }
    }
}
