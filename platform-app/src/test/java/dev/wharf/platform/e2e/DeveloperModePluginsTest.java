package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.platform.serve.ServeApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Developer mode ({@code ./wharf serve}, no database) with the host plugins, over loopback HTTP: wasi:keyvalue on
 * the memory backend, wasi:config from the {@code --config} properties file (edits reach the next request).
 */
@Timeout(120)
class DeveloperModePluginsTest {
    private static final Path FIXTURES = Path.of("..", "src-test", "fixtures");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.forEach(ConfigurableApplicationContext::close);
    }

    private URI serve(String fixture, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(FIXTURES.resolve(fixture).toString(), "--port", "0"));
        args.addAll(List.of(options));
        ConfigurableApplicationContext context = ServeApplication.start(args.toArray(String[]::new));
        servers.add(context);
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keyvalueCountsInMemory() throws Exception {
        URI base = serve("kv-counter-c.wasm");
        HttpResponse<String> first = get(base.resolve("visits"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("1");
        assertThat(get(base.resolve("visits")).headers().firstValue("x-kv-previous")).hasValue("1");

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> get(base.resolve("visits"))));
            }
        }
        List<Long> values = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            assertThat(f.get().statusCode()).isEqualTo(200);
            values.add(Long.parseLong(f.get().body()));
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(3, 32).boxed().toList());
        assertThat(get(base.resolve("other")).body()).as("another key").isEqualTo("1");
    }

    @Test
    void configComesFromTheConfigFileAndFollowsItsEdits() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "region=eu-west\ngreeting=h\\u00e9llo\n", StandardCharsets.UTF_8);
        URI base = serve("config-c.wasm", "--config", file.toString());
        assertThat(get(base.resolve("?key=region")).body()).isEqualTo("eu-west");
        assertThat(get(base.resolve("/all")).body()).isEqualTo("greeting=h\u00e9llo\nregion=eu-west\n");
        HttpResponse<String> unset = get(base.resolve("?key=nothing"));
        assertThat(unset.statusCode()).isEqualTo(404);

        Files.writeString(file, "region=us-east\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(get(base.resolve("/all")).body()).as("no restart").isEqualTo("region=us-east\n");
    }

    @Test
    void theConfigFileCanBeGivenAsAProperty() throws Exception {
        Path file = dir.resolve("dev.properties");
        Files.writeString(file, "mode=dev\n");
        URI base = serve("config-c.wasm", "--wharf.config.file=" + file);
        assertThat(get(base.resolve("?key=mode")).body()).isEqualTo("dev");
    }

    @Test
    void withoutAConfigFileThereAreNoValues() throws Exception {
        URI base = serve("config-c.wasm");
        HttpResponse<String> all = get(base.resolve("/all"));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEmpty();
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        assertThatThrownBy(() -> serve("config-c.wasm", "--config", dir.resolve("nope.properties").toString()))
                .hasMessageContaining("--config").hasMessageContaining("nope.properties: no such readable file");
        assertThatThrownBy(() -> serve("config-c.wasm", "--config")).hasMessage("--config needs a properties file");
    }

    @Test
    void anUnknownKeyvalueBackendIsAUsageError() {
        assertThatThrownBy(() -> serve("kv-counter-c.wasm", "--wharf.keyvalue.type=redis"))
                .hasMessageStartingWith("a host plugin cannot start: wharf.keyvalue.type=redis is not a keyvalue backend");
    }
}
