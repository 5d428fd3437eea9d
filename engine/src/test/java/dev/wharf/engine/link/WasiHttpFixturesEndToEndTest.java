package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.MemoryBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every C fixture (wasi-sdk + wit-component output, the preview1 adapter where libc needs it)
 * handles one request end to end against {@link FakeWasiHttp}: imports of several interfaces and
 * versions, host resources, strings, lists, variants, options and nested results cross the boundary
 * in both directions. trap-c and loop-c are in {@link GuestFailuresLinkingTest}.
 */
class WasiHttpFixturesEndToEndTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @Test
    void helloRespondsWithText() {
        FakeWasiHttp http = new FakeWasiHttp();
        http.handle(engine, engine.plan(LinkTesting.fixture("hello-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        assertThat(http.responseHeaders()).containsExactly("content-type: text/plain");
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("hello from c\n");
        assertThat(http.events).containsExactly("finish");
        assertThat(http.leftInTables).as("the guest dropped or gave back every handle it got").isEmpty();
    }

    @Test
    void twoInstancesServingConcurrentlyDoNotSeeEachOthersObjects() throws Exception {
        // FakeWasiHttp keeps each exchange in the instance's host state and every resource in the
        // instance's resource tables: nothing is shared between instances but the stateless host functions
        PreparedComponent prepared = FakeWasiHttp.prepare(engine, engine.plan(LinkTesting.fixture("echo-c")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("alice", "bob")) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 30; i++) {
                        FakeWasiHttp http = new FakeWasiHttp();
                        http.method = 2;
                        http.pathWithQuery = "/" + who + "/" + i;
                        http.requestHeaders.add(new String[] {"x-who", who});
                        http.requestBody.add((who + " body " + i).getBytes(StandardCharsets.UTF_8));
                        http.handle(prepared, CoreLimits.UNLIMITED);
                        assertThat(http.responseHeaders()).containsExactly(
                                "x-echo-method: POST", "x-echo-path-with-query: /" + who + "/" + i, "x-echo-h-x-who: " + who);
                        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo(who + " body " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void echoReturnsMethodPathHeadersAndBody() {
        FakeWasiHttp http = new FakeWasiHttp();
        http.method = 2; // post
        http.pathWithQuery = "/echo?x=1";
        http.requestHeaders.add(new String[] {"a", "1"});
        http.requestHeaders.add(new String[] {"b", "two"});
        http.requestHeaders.add(new String[] {"a", "again"});
        http.requestBody.add("hello, ".getBytes(StandardCharsets.UTF_8));
        http.requestBody.add("wörld".getBytes(StandardCharsets.UTF_8));
        http.handle(engine, engine.plan(LinkTesting.fixture("echo-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        assertThat(http.responseHeaders()).containsExactly(
                "x-echo-method: POST", "x-echo-path-with-query: /echo?x=1",
                "x-echo-h-a: 1", "x-echo-h-b: two", "x-echo-h-a: again");
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("hello, wörld");
        assertThat(http.leftInTables).as("the guest dropped or gave back every handle it got").isEmpty();
        assertThat(http.events).containsExactly("finish");
    }

    @Test
    void readBodyStreamsAMegabyte() {
        FakeWasiHttp http = new FakeWasiHttp();
        byte[] chunk = new byte[65536];
        long sum = 0;
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 7);
            sum += chunk[i] & 0xff;
        }
        for (int i = 0; i < 16; i++) {
            http.requestBody.add(chunk);
        }
        http.handle(engine, engine.plan(LinkTesting.fixture("read-body-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("bytes=1048576 sum=" + ((sum * 16) & 0xffff_ffffL));
    }

    @Test
    void memoryLimitsReachTheGuest() {
        FakeWasiHttp http = new FakeWasiHttp();
        CoreLimits eightMiB = CoreLimits.of(8L << 20, MemoryBudget.unlimited());
        // memhog grows memory until memory.grow fails, then traps (unreachable)
        assertThatThrownBy(() -> http.handle(engine, engine.plan(LinkTesting.fixture("memhog-c")), eightMiB))
                .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.UNREACHABLE));
    }

    @Test
    void trailersArePassedAsAnOptionalOwnedHandle() {
        FakeWasiHttp http = new FakeWasiHttp();
        http.handle(engine, engine.plan(LinkTesting.fixture("trailers-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("body with trailers\n");
        assertThat(http.events).containsExactly("finish with trailers [x-trailer: done]");
    }

    @Test
    void streamResponseWritesTheRequestedSizeInChunks() {
        FakeWasiHttp http = new FakeWasiHttp();
        int size = 300_000; // not a multiple of the guest's 64 KiB chunks
        http.requestHeaders.add(new String[] {"x-size", Integer.toString(size)});
        http.handle(engine, engine.plan(LinkTesting.fixture("stream-response-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        byte[] body = http.body.toByteArray();
        assertThat(body).hasSize(size);
        for (int i = 0; i < size; i++) {
            if (body[i] != (byte) (i % 251)) {
                throw new AssertionError("byte " + i + " is " + body[i]);
            }
        }
        assertThat(http.responseHeaders()).containsExactly("content-type: application/octet-stream");
    }

    @Test
    void configComponentUsesAPreReleaseInterface() {
        ComponentPlan plan = engine.plan(LinkTesting.fixture("config-c"));
        FakeWasiHttp all = new FakeWasiHttp();
        all.config.put("greeting", "hello");
        all.config.put("mode", "test");
        all.pathWithQuery = "/all";
        all.handle(engine, plan);
        assertThat(all.responseStatus()).isEqualTo(200);
        assertThat(all.body.toString(StandardCharsets.UTF_8)).isEqualTo("greeting=hello\nmode=test\n");

        FakeWasiHttp one = new FakeWasiHttp();
        one.config.put("greeting", "hello");
        one.pathWithQuery = "/?key=greeting";
        one.handle(engine, plan);
        assertThat(one.responseStatus()).isEqualTo(200);
        assertThat(one.body.toString(StandardCharsets.UTF_8)).isEqualTo("hello");

        FakeWasiHttp missing = new FakeWasiHttp();
        missing.pathWithQuery = "/?key=nope";
        missing.handle(engine, plan);
        assertThat(missing.responseStatus()).isEqualTo(404);

        FakeWasiHttp failing = new FakeWasiHttp();
        failing.config = null;
        failing.pathWithQuery = "/?key=greeting";
        failing.handle(engine, plan);
        assertThat(failing.responseStatus()).isEqualTo(500);
        assertThat(failing.body.toString(StandardCharsets.UTF_8)).isEqualTo("config error 0: config unavailable\n");
    }

    @Test
    void kvCounterIncrementsThroughAHostBucket() {
        ComponentPlan plan = engine.plan(LinkTesting.fixture("kv-counter-c"));
        FakeWasiHttp first = new FakeWasiHttp();
        first.pathWithQuery = "/visits?x=1";
        first.keyValues.put("visits", "41".getBytes(StandardCharsets.UTF_8));
        first.handle(engine, plan);
        assertThat(first.responseStatus()).isEqualTo(200);
        assertThat(first.body.toString(StandardCharsets.UTF_8)).isEqualTo("42");
        assertThat(first.responseHeaders()).contains("x-kv-previous: 41");
        assertThat(new String(first.keyValues.get("visits"), StandardCharsets.UTF_8)).isEqualTo("42");

        FakeWasiHttp fresh = new FakeWasiHttp();
        fresh.handle(engine, plan);
        assertThat(fresh.body.toString(StandardCharsets.UTF_8)).isEqualTo("1");
        assertThat(fresh.responseHeaders()).contains("x-kv-previous: none");
    }

    @Test
    void stdioGoesThroughThePreview1AdapterToWasiCli() {
        // stdio-c links wasi-libc's fd_write to the preview1 adapter module, which calls wasi:cli/stdout@0.2.12
        FakeWasiHttp http = new FakeWasiHttp();
        http.handle(engine, engine.plan(LinkTesting.fixture("stdio-c")));
        assertThat(http.responseStatus()).isEqualTo(200);
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("stdio ok\n");
        assertThat(http.stdout.toString(StandardCharsets.UTF_8)).isEqualTo("stdio-c: line 1 to stdout\nstdio-c: line 2 to stdout\n");
        assertThat(http.stderr.toString(StandardCharsets.UTF_8)).isEqualTo("stdio-c: line 1 to stderr\n");
    }

    @Test
    void outboundCallsTheOutgoingHandlerAndStreamsTheUpstreamBody() {
        FakeWasiHttp http = new FakeWasiHttp();
        http.requestHeaders.add(new String[] {"x-target-url", "https://example.com/a/b?c=d"});
        http.upstreamStatus = 203;
        http.requestBody.add("upstream body".getBytes(StandardCharsets.UTF_8)); // read back as the upstream response body
        http.handle(engine, engine.plan(LinkTesting.fixture("outbound-c")));
        assertThat(http.outgoing).containsExactly(
                "method=0 scheme=some(case#1) authority=some(\"example.com\") path=some(\"/a/b?c=d\")");
        assertThat(http.responseStatus()).isEqualTo(203);
        assertThat(http.responseHeaders()).containsExactly("x-upstream-status: 203");
        assertThat(http.body.toString(StandardCharsets.UTF_8)).isEqualTo("upstream body");
    }
}
