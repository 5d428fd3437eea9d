package dev.wharf.srctest.guests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.TestDatabase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Rust-built components through the whole platform: uploaded (their imports beyond wasi:http/proxy, Rust
 * std's wasi:cli/environment, exit and the adapter's wasi:filesystem, pass the upload check), compiled, deployed
 * and called at {@code /t/{tenant}/{app}/...} over loopback, with their stdout/stderr lines in the log under the
 * app's name.
 */
@SpringBootTest(classes = WharfApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-token=" + RustGuestsPlatformTest.ADMIN, "wharf.components.max-size=1MB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RustGuestsPlatformTest {
    static final String ADMIN = "rust-guests-admin-token";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void rustComponentsUploadDeployAndAnswer(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.createTenant(ADMIN, "rusty");
        for (String app : new String[] {"hello-rust", "echo-rust", "hello-rust-p2", "echo-rust-p2"}) {
            String digest = api.uploadReady(key, app + ".wasm");
            Response deployed = api.putJson("/v1/apps/" + app, key, "{\"component\":\"" + digest + "\"}");
            assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        }

        // the preview1 + adapter builds and the native wasm32-wasip2 builds of the same handlers
        for (String suffix : new String[] {"", "-p2"}) {
            String hello = "hello-rust" + suffix;
            String echo = "echo-rust" + suffix;
            Response helloResponse = api.get("/t/rusty/" + hello + "/any/path", null);
            assertThat(helloResponse.status()).as(helloResponse.toString()).isEqualTo(200);
            assertThat(helloResponse.body()).isEqualTo("hello from rust\n");

            Response echoResponse = api.send(HttpRequest.newBuilder(api.uri("/t/rusty/" + echo + "/x?y=1"))
                    .header("x-rust", "yes").PUT(HttpRequest.BodyPublishers.ofString("rust body")).build());
            assertThat(echoResponse.status()).as(echoResponse.toString()).isEqualTo(200);
            assertThat(echoResponse.raw().headers().allValues("x-echo-method")).containsExactly("PUT");
            assertThat(echoResponse.raw().headers().allValues("x-echo-path-with-query")).as("the app's path, below its prefix")
                    .containsExactly("/x?y=1");
            assertThat(echoResponse.raw().headers().allValues("x-echo-h-x-rust")).containsExactly("yes");
            assertThat(echoResponse.body()).isEqualTo("rust body");

            String echoed = "[rusty/" + echo + " stderr] echo-rust: ";
            for (int i = 0; i < 100 && !output.getAll().contains(echoed); i++) {
                Thread.sleep(50);
            }
            assertThat(output.getAll()).contains("[rusty/" + hello + " stdout] hello-rust: to stdout",
                    "[rusty/" + hello + " stderr] hello-rust: to stderr", "[rusty/" + echo + " stdout] echo-rust: PUT /x?y=1")
                    .containsPattern("\\[rusty/" + echo + " stderr\\] echo-rust: \\d+ header\\(s\\), 9 body byte\\(s\\)");
        }
    }
}
