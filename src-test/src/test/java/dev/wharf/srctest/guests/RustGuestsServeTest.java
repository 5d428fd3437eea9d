package dev.wharf.srctest.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.serve.ServeApplication;
import dev.wharf.srctest.fixtures.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Components built by the Rust toolchain served by Wharf's developer mode over real loopback HTTP, each handler from
 * both of Rust's paths (see src-test/guests/README.md): {@code hello-rust}/{@code echo-rust} are rustc's wasm32-wasi
 * std made a component with jco's preview1 reactor adapter, where {@code println!}/{@code eprintln!} go through the
 * adapter's {@code fd_write}; {@code -p2} is the same source built for wasm32-wasip2, the component made by rustc's
 * own wasm-component-ld (with wit-component's {@code _initialize} start shim), printing straight to wasi:cli/stdout
 * and stderr. The developer mode logs each line as {@code [stdout] ...} / {@code [stderr] ...} on the console.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class RustGuestsServeTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static ConfigurableApplicationContext serve(String fixture) throws Exception {
        return ServeApplication.start(Fixtures.path(fixture).toString(), "--port=0");
    }

    private static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
    }

    /** Guest lines are logged as the guest writes them; waits (bounded) until the log has them all. */
    private static void awaitLogged(CapturedOutput output, List<String> lines) throws InterruptedException {
        for (int i = 0; i < 100 && !lines.stream().allMatch(output.getAll()::contains); i++) {
            Thread.sleep(50);
        }
        assertThat(output.getAll()).contains(lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-rust", "hello-rust-p2"})
    void helloRustAnswersAndItsStdioReachesTheLog(String fixture, CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext wharf = serve(fixture)) {
            for (String path : List.of("", "a/b?c=d")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base(wharf).resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
                assertThat(response.body()).isEqualTo("hello from rust\n");
            }
            awaitLogged(output, List.of("[stdout] hello-rust: to stdout", "[stderr] hello-rust: to stderr"));
            // one line per request and stream, none lost or merged
            assertThat(output.getAll().split("\\[stdout\\] hello-rust: to stdout", -1)).hasSize(3);
            assertThat(output.getAll().split("\\[stderr\\] hello-rust: to stderr", -1)).hasSize(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo-rust", "echo-rust-p2"})
    void echoRustReflectsTheRequestAndLogsIt(String fixture, CapturedOutput output) throws Exception {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + i / 256);
        }
        try (ConfigurableApplicationContext wharf = serve(fixture)) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base(wharf).resolve("echo/%20x?q=1&r=%C3%A9"))
                    .header("x-a", "1").header("x-b", "two").header("x-a", "3")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("x-echo-method")).containsExactly("POST");
            assertThat(response.headers().allValues("x-echo-path-with-query")).containsExactly("/echo/%20x?q=1&r=%C3%A9");
            assertThat(response.headers().allValues("x-echo-h-x-a")).containsExactly("1", "3");
            assertThat(response.headers().allValues("x-echo-h-x-b")).containsExactly("two");
            assertThat(response.headers().allValues("x-echo-h-content-length")).containsExactly("200000");
            assertThat(response.body()).isEqualTo(body);

            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(base(wharf).resolve("empty")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().allValues("x-echo-method")).containsExactly("GET");
            assertThat(get.body()).isEmpty();

            // the header count is what the guest saw: the client's own headers come on top of x-a, x-a, x-b
            awaitLogged(output, List.of("[stdout] echo-rust: POST /echo/%20x?q=1&r=%C3%A9", "[stdout] echo-rust: GET /empty",
                    "body byte(s)"));
            assertThat(output.getAll()).containsPattern("\\[stderr\\] echo-rust: \\d+ header\\(s\\), 200000 body byte\\(s\\)")
                    .contains("[stderr] echo-rust: " + (get.headers().map().keySet().stream()
                            .filter(h -> h.startsWith("x-echo-h-")).count()) + " header(s), 0 body byte(s)");
        }
    }
}
