package dev.wharf.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.wharf.platform.serve.ServeApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Developer mode over real loopback HTTP: {@link ServeApplication} on a random port (no database), real fixtures,
 * {@link HttpClient} as the client.
 */
@Timeout(180)
class ServeModeHttpTest {
    static final Path FIXTURES = Path.of("..", "src-test", "fixtures");

    private static final Map<String, ConfigurableApplicationContext> servers = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One server per fixture and options, started on first use and shared by the class's tests. */
    private static synchronized URI serve(Path file, String... options) throws Exception {
        String key = file + " " + String.join(" ", options);
        ConfigurableApplicationContext context = servers.get(key);
        if (context == null) {
            List<String> args = new ArrayList<>(List.of(file.toString(), "--port=0"));
            args.addAll(Arrays.asList(options));
            context = ServeApplication.start(args.toArray(String[]::new));
            servers.put(key, context);
        }
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
    }

    private static URI serve(String fixture, String... options) throws Exception {
        return serve(FIXTURES.resolve(fixture + ".wasm"), options);
    }

    @AfterAll
    static void stopAll() {
        servers.values().forEach(ConfigurableApplicationContext::close);
        servers.clear();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void helloAnswersOnEveryPathAndMethod() throws Exception {
        URI base = serve("hello-c");
        for (String path : List.of("", "a/b?c=d", "t/x/y")) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
            assertThat(text(response)).isEqualTo("hello from c\n");
        }
        HttpResponse<byte[]> delete = send(HttpRequest.newBuilder(base.resolve("x")).DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(200);
    }

    @Test
    void echoSeesAnEmptyHeaderValue() throws Exception {
        // An empty value is lowered as an empty list<u8>: the guest's realloc(size 0) and free() must agree on it.
        URI base = serve("echo-c");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("empty"))
                .header("x-empty", "").header("x-full", "v").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("x-echo-h-x-empty")).containsExactly("");
        assertThat(response.headers().allValues("x-echo-h-x-full")).containsExactly("v");
    }

    @Test
    void echoSeesMethodPathRepeatedHeadersAndABinaryBody() throws Exception {
        URI base = serve("echo-c");
        byte[] binary = new byte[300_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("echo/%20x?q=1&r=%C3%A9"))
                .header("x-a", "1").header("x-b", "two").header("x-a", "again")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-method")).hasValue("POST");
        assertThat(response.headers().firstValue("x-echo-path-with-query")).hasValue("/echo/%20x?q=1&r=%C3%A9");
        assertThat(response.headers().allValues("x-echo-h-x-a")).containsExactly("1", "again");
        assertThat(response.headers().allValues("x-echo-h-x-b")).containsExactly("two");
        assertThat(response.headers().firstValue("x-echo-h-host")).as("host is the authority, not a header (as in wasmtime)")
                .isEmpty();
        assertThat(response.body()).isEqualTo(binary);
    }

    @Test
    void streamResponseSendsEightMebibytesChunked() throws Exception {
        URI base = serve("stream-response-c");
        int size = 8 << 20;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base).header("x-size", Integer.toString(size))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).isEmpty();
        long count = 0;
        byte[] buffer = new byte[65536];
        try (InputStream in = response.body()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != (byte) ((count + i) % 251)) {
                        throw new AssertionError("byte " + (count + i) + " is " + buffer[i]);
                    }
                }
                count += n;
            }
        }
        assertThat(count).isEqualTo(size);
    }

    @Test
    void readBodyStreamsAnEightMebibyteRequestAndTooLargeIs413() throws Exception {
        URI base = serve("read-body-c", "--wharf.serve.max-request-body=9MB");
        byte[] chunk = new byte[65536];
        long sum = 0;
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 7 + 3);
            sum += chunk[i] & 0xff;
        }
        List<byte[]> chunks = java.util.Collections.nCopies(128, chunk);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build()); // chunked: no content-length
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("bytes=8388608 sum=" + ((sum * 128) & 0xffff_ffffL));

        HttpResponse<byte[]> declared = send(HttpRequest.newBuilder(base)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 << 20])).build());
        assertThat(declared.statusCode()).isEqualTo(413);

        HttpResponse<byte[]> streamed = send(HttpRequest.newBuilder(base)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(160, chunk))).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(text(streamed)).startsWith("request body larger than");
    }

    @Test
    void aTrapIs500WithAShortReasonAndNoStackTrace() throws Exception {
        URI base = serve("trap-c");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base).GET().build());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text(response)).isEqualTo("the component failed: unreachable\n")
                .doesNotContain("at dev.wharf").doesNotContain("Exception");
        // the server keeps serving
        assertThat(send(HttpRequest.newBuilder(base).GET().build()).statusCode()).isEqualTo(500);
    }

    @Test
    void anEndlessLoopIs504WithinTheDeadlineAndExcessRequestsGet503() throws Exception {
        URI base = serve("loop-c", "--wharf.serve.timeout=1s", "--wharf.serve.max-concurrency=1",
                "--wharf.serve.queue-timeout=200ms");
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> first = http.sendAsync(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(300);
        HttpResponse<byte[]> excess = send(HttpRequest.newBuilder(base).GET().build());
        assertThat(excess.statusCode()).isEqualTo(503);
        assertThat(excess.headers().firstValue("retry-after")).hasValue("1");
        HttpResponse<byte[]> timedOut = first.get();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(text(timedOut)).contains("did not answer within 1000 ms");
        assertThat(elapsedMs).isLessThan(10_000);
    }

    @Test
    void aStartFunctionThatNeverReturnsIsStoppedAtTheDeadline() throws Exception {
        // its core module's start function loops forever: each cold start is cut off at the request timeout
        URI base = serve(Path.of("src/test/resources/components/start-loops.wasm"), "--wharf.serve.timeout=1s",
                "--wharf.serve.max-concurrency=1");
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base).GET().build());
            assertThat(r.statusCode()).as(text(r)).isEqualTo(504);
        }
    }

    @Test
    void aClientLeavingWhileItWaitsForASlotDoesNotLeakTheSlot() throws Exception {
        URI base = serve("loop-c", "--wharf.serve.timeout=1s", "--wharf.serve.max-concurrency=1",
                "--wharf.serve.queue-timeout=3s");
        CompletableFuture<HttpResponse<byte[]>> first = http.sendAsync(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(200);
        CompletableFuture<HttpResponse<byte[]>> leaving = http.sendAsync(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(200);
        leaving.cancel(true); // closes its connection while it waits for the slot
        assertThat(first.get().statusCode()).isEqualTo(504);
        // the slot went to the departed request and came back: the next ones still run (and time out), no 503
        assertThat(send(HttpRequest.newBuilder(base).GET().build()).statusCode()).isEqualTo(504);
        assertThat(send(HttpRequest.newBuilder(base).GET().build()).statusCode()).isEqualTo(504);
    }

    @Test
    void anInvalidFileIsAUsageError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeApplication.start("../pom.xml", "--port=0"))
                .hasMessageContaining("is not a usable wasi:http component").hasNoCause();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeApplication.start("no-such.wasm"))
                .hasMessage("no-such.wasm: no such file");
    }

    @Test
    void helloJsWhenTheLargeFixtureExists() throws Exception {
        Path js = largeFixture("hello-js");
        assumeThat(js).as("hello-js.wasm (built by src-test/guests/build.sh)").isNotNull();
        URI base = serve(js);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isNotEmpty();
    }

    @Test
    void echoJsWhenTheLargeFixtureExists() throws Exception {
        Path js = largeFixture("echo-js");
        assumeThat(js).as("echo-js.wasm (built by src-test/guests/build.sh)").isNotNull();
        URI base = serve(js);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("js?x=1"))
                .POST(HttpRequest.BodyPublishers.ofString("from the client")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo-path-with-query")).hasValue("/js?x=1");
        assertThat(text(response)).isEqualTo("from the client");
    }

    /** {@code src-test/fixtures/large/<name>.wasm}, else the newest {@code <name>-*.wasm} in the fixture cache. */
    static Path largeFixture(String name) throws IOException {
        Path local = FIXTURES.resolve("large").resolve(name + ".wasm");
        if (Files.isRegularFile(local)) {
            return local;
        }
        String env = System.getenv("WHARF_FIXTURE_CACHE");
        Path cache = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "wharf", "fixtures");
        if (!Files.isDirectory(cache)) {
            return null;
        }
        Path found = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cache, name + "-*.wasm")) {
            for (Path p : files) {
                if (found == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(found)) > 0) {
                    found = p;
                }
            }
        }
        return found;
    }
}
