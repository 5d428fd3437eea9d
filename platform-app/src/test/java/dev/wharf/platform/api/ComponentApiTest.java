package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.ComponentParser;
import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tenant routes for components: upload (raw and multipart), validation by the engine, limits, isolation. */
class ComponentApiTest extends ApiTest {
    private static final byte[] HELLO = ApiClient.fixture("hello-c.wasm");
    private static final byte[] ECHO = ApiClient.fixture("echo-c.wasm");

    private String key;

    @BeforeEach
    void tenant() {
        key = api.createTenant(ADMIN, "t-" + Long.toHexString(System.nanoTime()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void uploadStoresAValidatedComponent() throws Exception {
        Response r = api.upload(key, HELLO);
        assertThat(r.status()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("digest").asString()).isEqualTo(sha256(HELLO));
        assertThat(c.get("size").asLong()).isEqualTo(HELLO.length);
        assertThat(c.get("status").asString()).as("compiled in the background").isIn("compiling", "ready");
        c = api.awaitCompiled(key, c.get("digest").asString());
        assertThat(c.get("status").asString()).isEqualTo("ready");
        assertThat(c.get("exports").findValuesAsString("name")).contains("wasi:http/incoming-handler@0.2.10");
        assertThat(c.get("imports").findValuesAsString("name")).contains("wasi:http/types@0.2.10");
        assertThat(c.get("exports").get(0).get("type").asString()).startsWith("instance {");

        Response get = api.get("/v1/components/" + sha256(HELLO), key);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(c);
        Response list = api.get("/v1/components", key);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0)).isEqualTo(c);
    }

    @Test
    void uploadingTheSameBytesTwiceIsIdempotent() {
        Response first = api.upload(key, ECHO);
        assertThat(first.status()).isEqualTo(201);
        JsonNode compiled = api.awaitCompiled(key, first.json().get("digest").asString());
        Response second = api.upload(key, ECHO);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(compiled);
        assertThat(api.get("/v1/components", key).json().size()).isEqualTo(1);
    }

    @Test
    void multipartUploadWithAFilePart() throws Exception {
        String boundary = "wharf-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(HELLO);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response r = api.send("POST", "/v1/components", key, "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("digest").asString()).isEqualTo(sha256(HELLO));

        String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--"
                + boundary + "--\r\n";
        Response missing = api.send("POST", "/v1/components", key, "multipart/form-data; boundary=" + boundary,
                noFile.getBytes(StandardCharsets.UTF_8));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail()).contains("no 'file' part");
    }

    /** The engine's own reason for rejecting these bytes. */
    private static String engineReason(byte[] bytes) {
        ComponentException e = catchThrowableOfType(ComponentException.class, () -> ComponentParser.parse(bytes));
        assertThat(e).as("the engine rejects these bytes").isNotNull();
        return "not a valid WebAssembly component: " + e.getMessage();
    }

    @Test
    void garbageIsRejectedWithTheEnginesReason() {
        byte[] garbage = "definitely not wasm".getBytes(StandardCharsets.UTF_8);
        Response r = api.upload(key, garbage);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).isEqualTo(engineReason(garbage)).contains("magic number");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.wharf");
        assertThat(api.get("/v1/components", key).json().size()).isZero();
    }

    @Test
    void truncatedComponentIsRejected() {
        byte[] truncated = Arrays.copyOf(HELLO, HELLO.length / 2);
        Response r = api.upload(key, truncated);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo(engineReason(truncated));
    }

    @Test
    void coreModuleIsNotAComponent() {
        byte[] core = {0, 'a', 's', 'm', 1, 0, 0, 0};
        Response r = api.upload(key, core);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo(engineReason(core)).containsIgnoringCase("core");
    }

    @Test
    void emptyBodyIsRejected() {
        Response r = api.upload(key, new byte[0]);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("the component is empty");
    }

    @Test
    void oversizeUploadIs413WithAContentLength() {
        Response r = api.upload(key, new byte[MAX_SIZE + 1]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.detail()).isEqualTo("the component is larger than the limit of 65536 bytes "
                + "(wharf.components.max-size)");
    }

    @Test
    void oversizeUploadIs413WhileStreamingAChunkedBody() {
        byte[] big = new byte[MAX_SIZE * 2];
        System.arraycopy(HELLO, 0, big, 0, HELLO.length);
        HttpRequest request = HttpRequest.newBuilder(api.uri("/v1/components"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/wasm")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        Response r = api.send(request);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.detail()).contains("larger than the limit of 65536 bytes");
        assertThat(api.upload(key, new byte[MAX_SIZE]).status()).as("exactly the limit is read").isEqualTo(400);
    }

    @Test
    void wrongContentTypeIs415() {
        Response r = api.send("POST", "/v1/components", key, "text/plain", HELLO);
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).contains("text/plain").contains("application/wasm").contains("multipart/form-data");
    }

    @Test
    void componentsAreVisibleOnlyToTheTenantThatUploadedThem() throws Exception {
        String other = api.createTenant(ADMIN, "o-" + Long.toHexString(System.nanoTime()));
        api.upload(key, HELLO);
        Response hidden = api.get("/v1/components/" + sha256(HELLO), other);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.detail()).isEqualTo("no component " + sha256(HELLO) + " for this tenant");
        assertThat(api.get("/v1/components", other).json().size()).isZero();
        // The same bytes uploaded by another tenant link to the shared row: new for that tenant.
        Response theirs = api.upload(other, HELLO);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("digest").asString()).isEqualTo(sha256(HELLO));
        assertThat(api.get("/v1/components/sha256:" + "0".repeat(64), key).status()).isEqualTo(404);
        assertThat(api.get("/v1/components/not-a-digest", key).status()).isEqualTo(404);
    }
}
