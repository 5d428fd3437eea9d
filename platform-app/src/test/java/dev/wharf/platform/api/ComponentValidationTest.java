package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads the platform cannot run are refused up front: a component that does not serve wasi:http (no handler, or a
 * pre-release one), or that imports something no host plugin provides, is a 422 naming the problem; nothing is stored.
 */
class ComponentValidationTest extends ApiTest {
    private String key;

    @BeforeEach
    void tenant() {
        key = api.createTenant(ADMIN, "t-" + Long.toHexString(System.nanoTime()));
    }

    @Test
    void aComponentWithoutAnIncomingHandlerIs422() {
        Response r = api.upload(key, ApiClient.fixture("abi-scalars.wasm"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.detail()).isEqualTo("the component does not export wasi:http/incoming-handler@0.2.x (the wasi:http/proxy "
                + "world's incoming handler), so it cannot serve requests");
        assertThat(api.get("/v1/components", key).json().size()).isZero();
    }

    @Test
    void aStable02HandlerOtherThanTheHostsIsAcceptedAndCompiles() {
        // wasi:http/incoming-handler@0.2.3 (the host defines 0.2.12): the engine's semver rule serves any 0.2.x
        Response r = api.upload(key, handlerFixture("handler-0.2.3"));
        assertThat(r.status()).isEqualTo(201);
        String digest = r.json().get("digest").asString();
        assertThat(api.awaitCompiled(key, digest).get("status").asString()).isEqualTo("ready");
    }

    @Test
    void aPreReleaseHandlerIs422NamingWhatWasFoundAndWhatIsServed() {
        Response r = api.upload(key, handlerFixture("handler-rc"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.detail()).startsWith("the component does not export wasi:http/incoming-handler@0.2.x")
                .contains("it exports wasi:http/incoming-handler@0.2.0-rc-2023-12-05")
                .contains("Wharf serves wasi:http/incoming-handler@0.2.x");
        assertThat(api.get("/v1/components", key).json().size()).isZero();
    }

    @Test
    void anImportNoPluginProvidesIs422NamingIt() {
        // hello-c with every "wasi:io/poll" renamed to "wasi:io/pull" (same length: the binary stays valid)
        byte[] bytes = ApiClient.fixture("hello-c.wasm");
        byte[] from = "wasi:io/poll@".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "wasi:io/pull@".getBytes(StandardCharsets.US_ASCII);
        int replaced = 0;
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, bytes, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).isPositive();
        Response r = api.upload(key, bytes);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.detail()).startsWith("missing import wasi:io/pull@0.2.10");
        assertThat(api.get("/v1/components", key).json().size()).isZero();
    }

    /** The smallest handler components, shared with wasi-http-host's HandlerExportTest (their WAT is next to them). */
    private static byte[] handlerFixture(String name) {
        try {
            return Files.readAllBytes(Path.of("../wasi-http-host/src/test/resources/handlers", name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aValidComponentCompilesInTheBackground() {
        String digest = api.uploadFixture(key, "echo-c.wasm");
        assertThat(api.awaitCompiled(key, digest).get("status").asString()).isEqualTo("ready");
    }
}
