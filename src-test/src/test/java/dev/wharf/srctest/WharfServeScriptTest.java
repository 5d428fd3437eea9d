package dev.wharf.srctest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.wharf.srctest.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code ./wharf serve} launcher end to end: start the process, wait for its URL line, request it, stop
 * it. Uses the exec jar as built ({@code WHARF_NO_BUILD}). It lives in src-test because the reactor packages
 * platform-app before src-test's tests run, so the jar is always there under {@code ./mvnw verify}.
 */
@Timeout(120)
class WharfServeScriptTest {
    private static final Path ROOT = Fixtures.srcTestDir().getParent();
    private static final Path JAR = ROOT.resolve("platform-app/target/wharf-platform-exec.jar");

    @Test
    void servesAComponentAndPrintsItsUrl() throws Exception {
        assertThat(JAR).as("the exec jar (./mvnw verify packages platform-app before src-test)").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder("sh", ROOT.resolve("wharf").toString(), "serve",
                "src-test/fixtures/hello-c.wasm", "--port", "0").directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("WHARF_NO_BUILD", "1");
        Process process = pb.start();
        try {
            Pattern url = Pattern.compile("Serving src-test/fixtures/hello-c.wasm at (http://127\\.0\\.0\\.1:\\d+/)");
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
            String base = found.get(90, TimeUnit.SECONDS);
            assertThat(base).as("URL line").isNotNull();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "any/path")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from c\n");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void anInvalidFileExitsWithCode2AndOneLine() throws Exception {
        assertThat(JAR).as("the exec jar (./mvnw verify packages platform-app before src-test)").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder("sh", ROOT.resolve("wharf").toString(), "serve", "pom.xml")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("WHARF_NO_BUILD", "1");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines().filter(l -> !l.startsWith("WARNING")).toList())
                .containsExactly("wharf serve: pom.xml is not a usable wasi:http component: expected the magic number \\0asm at offset 0");
    }
}
