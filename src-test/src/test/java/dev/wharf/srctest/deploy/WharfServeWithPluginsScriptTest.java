package dev.wharf.srctest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.srctest.fixtures.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./wharf serve} launcher with the host plugins (the exec jar as built, {@code WHARF_NO_BUILD}):
 * {@code --config FILE} feeds wasi:config, wasi:keyvalue counts in memory; a missing file is a usage error.
 */
@Timeout(120)
class WharfServeWithPluginsScriptTest {
    private static final Path ROOT = Fixtures.srcTestDir().getParent();
    private static final Path JAR = ROOT.resolve("platform-app/target/wharf-platform-exec.jar");

    @TempDir
    Path dir;

    private static Process start(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", ROOT.resolve("wharf").toString(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("WHARF_NO_BUILD", "1");
        return pb.start();
    }

    /** Waits for the URL line of the served file and returns the base URL (null when the process ended). */
    private static String baseUrl(Process process, String file) throws Exception {
        Pattern url = Pattern.compile("Serving " + Pattern.quote(file) + " at (http://127\\.0\\.0\\.1:\\d+/)");
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> { // drains the output until the process ends
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = url.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                // the process is gone
            } finally {
                found.complete(null);
            }
        });
        return found.get(90, TimeUnit.SECONDS);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void configFileAndKeyvalue() throws Exception {
        assertThat(JAR).as("the exec jar (./mvnw verify packages platform-app before src-test)").isRegularFile();
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "region=eu-west\n");
        Process configC = start("src-test/fixtures/config-c.wasm", "--port", "0", "--config", config.toString());
        try {
            String base = baseUrl(configC, "src-test/fixtures/config-c.wasm");
            assertThat(base).as("URL line").isNotNull();
            assertThat(get(base + "?key=region")).isEqualTo("200 eu-west");
        } finally {
            stop(configC);
        }
        Process counter = start("src-test/fixtures/kv-counter-c.wasm", "--port=0");
        try {
            String base = baseUrl(counter, "src-test/fixtures/kv-counter-c.wasm");
            assertThat(base).as("URL line").isNotNull();
            assertThat(get(base + "n")).isEqualTo("200 1");
            assertThat(get(base + "n")).isEqualTo("200 2");
        } finally {
            stop(counter);
        }
    }

    @Test
    void aMissingConfigFileExitsWithCode2() throws Exception {
        Process process = start("src-test/fixtures/config-c.wasm", "--config", "no/such.properties");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines().filter(l -> !l.startsWith("WARNING")).toList()).containsExactly(
                "wharf serve: --config no/such.properties: no such readable file (a Java properties file, UTF-8)");
    }
}
