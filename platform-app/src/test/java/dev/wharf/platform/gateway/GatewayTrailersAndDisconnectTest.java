package dev.wharf.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.serve.ServeApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Trailers both ways and client disconnects, over real loopback HTTP/1.1 written and read byte for byte on a raw
 * socket (so the test sees exactly what is on the wire: chunked framing, trailer sections, a closed connection).
 */
@Timeout(180)
class GatewayTrailersAndDisconnectTest {
    private static final Path FIXTURES = Path.of("..", "src-test", "fixtures");
    private static final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    private static synchronized ConfigurableApplicationContext serve(String fixture, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(FIXTURES.resolve(fixture + ".wasm").toString(), "--port=0"));
        args.addAll(List.of(options));
        ConfigurableApplicationContext context = ServeApplication.start(args.toArray(String[]::new));
        servers.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopAll() {
        servers.forEach(ConfigurableApplicationContext::close);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Sends {@code request} as is and reads the whole answer (the request says Connection: close). */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The body of a raw response, de-chunked when it is chunked (the tests' bodies are small and ASCII). */
    private static String body(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        String head = response.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = response.substring(headEnd + 4);
        if (!head.contains("transfer-encoding: chunked")) {
            return rest;
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            int lineEnd = rest.indexOf("\r\n");
            int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            rest = rest.substring(lineEnd + 2 + size + 2);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void requestTrailersReachTheGuestsFutureTrailers(boolean h2c) throws Exception {
        // with h2c on, the HTTP/1.1 pipeline differs (Netty's upgrade handlers): the trailers must still arrive
        int port = port(serve("request-trailers-c", "--wharf.gateway.h2c=" + h2c));
        String answer = exchange(port, "POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\nTrailer: x-checksum, x-count\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: abc123\r\nx-count: 2\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        assertThat(body(answer)).isEqualTo("x-checksum: abc123\nx-count: 2\n");
    }

    @Test
    void noTrailersWhenTheClientSendsNone() throws Exception {
        int port = port(serve("request-trailers-c"));
        String chunked = exchange(port, "POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 200 ");
        assertThat(body(chunked)).isEqualTo("no trailers\n");
        String sized = exchange(port, "POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Length: 3\r\n\r\nabc");
        assertThat(sized).startsWith("HTTP/1.1 200 ");
        assertThat(body(sized)).isEqualTo("no trailers\n");
    }

    @Test
    void responseTrailersFollowTheChunkedBodyWhenTheClientAcceptsThem() throws Exception {
        int port = port(serve("trailers-c"));
        String answer = exchange(port, "GET / HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\nConnection: close, TE\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("\r\ntransfer-encoding: chunked\r\n");
        // the last chunk, then the trailer section, then the empty line that ends the message
        assertThat(answer).contains("body with trailers\n").endsWith("\r\n0\r\nx-trailer: done\r\n\r\n");
    }

    @Test
    void noResponseTrailersForAClientThatDidNotAskForThem() throws Exception {
        int port = port(serve("trailers-c"));
        String answer = exchange(port, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("body with trailers\n").endsWith("\r\n0\r\n\r\n")
                .doesNotContain("x-trailer");
    }

    @Test
    void aClientThatGoesAwayStopsItsGuestAndThePlatformKeepsServing() throws Exception {
        // One slot and a long deadline: only the disconnect can stop the spinning guest, and a second request gets
        // the slot only if the first guest really ended.
        ConfigurableApplicationContext context = serve("loop-c", "--wharf.serve.timeout=300s", "--wharf.serve.max-concurrency=1");
        GatewayHandler handler = context.getBean(GatewayHandler.class);
        int port = port(context);
        for (int round = 1; round <= 2; round++) {
            try (Socket socket = connect(port)) {
                socket.getOutputStream().write("GET /spin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                await("the guest is running", () -> handler.guestsRunning() == 1);
            } // closed mid-request: the guest has not answered
            long expected = round;
            await("the guest was stopped", () -> handler.guestsStoppedOnDisconnect() == expected && handler.guestsRunning() == 0);
        }
    }
}
