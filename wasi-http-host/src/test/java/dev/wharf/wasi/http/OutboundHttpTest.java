package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.engine.Engine;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wasi:http/outgoing-handler} end to end: the outbound-c fixture (GET of its {@code x-target-url}, upstream
 * status and body streamed back) against a real JDK {@link HttpServer} on loopback.
 */
@Timeout(120)
class OutboundHttpTest {
    private static Engine engine;
    private static PreparedComponent outbound;
    private static HttpServer server;
    private static final AtomicReference<Map<String, List<String>>> seenHeaders = new AtomicReference<>();
    private static final CountDownLatch release = new CountDownLatch(1);

    private static final Outbound PERMISSIVE = Outbound.DEFAULT.withPolicy(OutboundPolicy.ALLOW_ALL).withIdentity("test/outbound");

    @BeforeAll
    static void setUp() throws IOException {
        engine = Engine.create();
        outbound = GuestServer.prepare(engine, "outbound-c");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hello", ex -> {
            seenHeaders.set(Map.copyOf(ex.getRequestHeaders()));
            ex.getResponseHeaders().add("x-upstream", "yes");
            send(ex, 201, "upstream says hi\n".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/large", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 512; i++) {
                    out.write(pattern(i));
                }
            }
        });
        server.createContext("/slow-head", ex -> {
            await(release);
            send(ex, 200, new byte[0]);
        });
        server.start();
    }

    @AfterAll
    static void tearDown() {
        release.countDown();
        server.stop(0);
        engine.close();
    }

    static byte[] pattern(int i) {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) ('a' + i % 26));
        return chunk;
    }

    static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Answer(int status, List<String> headers, String body) {}

    private static Answer get(Outbound config, String target) throws Exception {
        WasiHttpHost host = new WasiHttpHost(WasiHttpHost.Config.DEFAULT.withOutbound(config));
        GuestServer.Call call = new GuestServer.Call(host, outbound, "GET", "/",
                List.of(Map.entry("x-target-url", target.getBytes(StandardCharsets.UTF_8))), GuestServer.chunks(),
                Duration.ofSeconds(60));
        dev.wharf.wasi.http.HttpExchange.Response response = call.response();
        TestSubscriber body = call.readAll();
        call.awaitGuest();
        assertThat(body.completed).as("response body completed").isTrue();
        List<String> headers = new ArrayList<>();
        response.headers().forEach(h -> headers.add(h.getKey() + ": " + new String(h.getValue(), StandardCharsets.ISO_8859_1)));
        return new Answer(response.status(), headers, new String(body.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void forwardsTheUpstreamStatusAndBody() throws Exception {
        Answer answer = get(PERMISSIVE, base() + "/hello?x=1");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).contains("x-upstream-status: 201");
        assertThat(answer.body()).isEqualTo("upstream says hi\n");
        assertThat(seenHeaders.get()).containsKey("Host").doesNotContainKey("Upgrade").doesNotContainKey("Http2-settings");
    }

    @Test
    void streamsALargeUpstreamBodyThrough() throws Exception {
        Answer answer = get(PERMISSIVE, base() + "/large");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(512 * 16 * 1024);
        for (int i = 0; i < 512; i += 97) {
            assertThat(answer.body().charAt(i * 16 * 1024 + 5)).isEqualTo((char) ('a' + i % 26));
        }
    }

    @Test
    void theDefaultPolicyDeniesLoopback() throws Exception {
        Answer answer = get(Outbound.DEFAULT, base() + "/hello");
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).isEqualTo("outbound error 15\n"); // HTTP-request-denied
    }

    @Test
    void aPolicyDecidesOnTheIdentityAndEveryResolvedAddress() throws Exception {
        List<OutboundPolicy.Target> asked = new ArrayList<>();
        OutboundPolicy onlyTenantA = target -> {
            asked.add(target);
            return target.identity().equals("a/app") ? OutboundPolicy.Decision.ALLOW : OutboundPolicy.Decision.deny("not a");
        };
        String url = "http://localhost:" + server.getAddress().getPort() + "/hello";
        assertThat(get(PERMISSIVE.withPolicy(onlyTenantA).withIdentity("b/app"), url).body()).isEqualTo("outbound error 15\n");
        assertThat(get(PERMISSIVE.withPolicy(onlyTenantA).withIdentity("a/app"), url).status()).isEqualTo(201);
        assertThat(asked.getFirst().host()).isEqualTo("localhost");
        assertThat(asked.getFirst().port()).isEqualTo(server.getAddress().getPort());
        assertThat(asked.getFirst().scheme()).isEqualTo("http");
        assertThat(asked.getFirst().addresses()).containsExactlyInAnyOrder(InetAddress.getAllByName("localhost"));
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Answer answer = get(PERMISSIVE, "http://127.0.0.1:" + port + "/");
        assertThat(answer.body()).isEqualTo("outbound error 6\n"); // connection-refused
    }

    @Test
    void firstByteTimeout() throws Exception {
        Outbound quick = PERMISSIVE.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5));
        Answer answer = get(quick, base() + "/slow-head");
        assertThat(answer.body()).isEqualTo("outbound error 9\n"); // connection-read-timeout
    }

    @Test
    void aServerThatDoesNotSpeakHttpIsAProtocolError() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = garbage.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the client gave up first: the assertion below tells
                }
            });
            Answer answer = get(PERMISSIVE, "http://127.0.0.1:" + garbage.getLocalPort() + "/");
            assertThat(answer.body()).isEqualTo("outbound error 35\n"); // HTTP-protocol-error
            server.join();
        }
    }

    @Test
    void connectTimeout() throws Exception {
        // A listener that never accepts, with its accept queue filled: the kernel drops further SYNs, so the next
        // connect neither succeeds nor is refused.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (IOException e) {
                        s.close();
                        break; // the queue is full
                    }
                }
                Outbound quick = PERMISSIVE.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(5));
                Answer answer = get(quick, "http://127.0.0.1:" + full.getLocalPort() + "/");
                assertThat(answer.body()).isEqualTo("outbound error 8\n"); // connection-timeout
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
