package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests to deployed apps over real HTTP: {@code /t/{tenant}/{app}/...} and host-based routing, what the guest
 * sees, the answers for unknown, compiling and failed apps, private apps, and revision switches.
 */
@TestPropertySource(properties = {"wharf.domain=apps.test", "wharf.gateway.route-ttl=0s"})
class AppRoutingTest extends ApiTest {
    @Autowired
    JdbcClient jdbc;

    private String tenant;
    private String key;
    private String hello;
    private String echo;

    @BeforeEach
    void tenantWithComponents() {
        tenant = "t-" + Long.toHexString(System.nanoTime());
        key = api.createTenant(ADMIN, tenant);
        hello = api.uploadReady(key, "hello-c.wasm");
        echo = api.uploadReady(key, "echo-c.wasm");
    }

    private void deploy(String app, String json) {
        Response r = api.putJson("/v1/apps/" + app, key, json);
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    private Response call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return api.send(b.build());
    }

    private static String header(Response r, String name) {
        return r.raw().headers().firstValue(name).orElse(null);
    }

    @Test
    void deployedAppServesAtItsPath() {
        deploy("hello", "{\"component\":\"" + hello + "\"}");
        Response r = call("GET", "/t/" + tenant + "/hello", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello from c\n");
        assertThat(call("GET", "/t/" + tenant + "/hello/any/path?q=1", null, null).body()).isEqualTo("hello from c\n");
    }

    @Test
    void theGuestSeesThePathUnderTheAppTheQueryAndTheBasePath() {
        deploy("echo", "{\"component\":\"" + echo + "\"}");
        Response r = call("POST", "/t/" + tenant + "/echo/a/b%20c?x=1&y=%2F", null, "ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(header(r, "x-echo-method")).isEqualTo("POST");
        assertThat(header(r, "x-echo-path-with-query")).isEqualTo("/a/b%20c?x=1&y=%2F");
        assertThat(header(r, "x-echo-h-x-wharf-base-path")).isEqualTo("/t/" + tenant + "/echo");
        assertThat(r.body()).isEqualTo("ping");
        assertThat(header(call("GET", "/t/" + tenant + "/echo", null, null), "x-echo-path-with-query")).isEqualTo("/");
        assertThat(header(call("GET", "/t/" + tenant + "/echo/", null, null), "x-echo-path-with-query")).isEqualTo("/");
        assertThat(header(call("GET", "/t/" + tenant + "/echo?z", null, null), "x-echo-path-with-query"))
                .isEqualTo("/?z");
        Response spoofed = api.send(HttpRequest.newBuilder(api.uri("/t/" + tenant + "/echo/"))
                .header("x-wharf-base-path", "/evil").build());
        assertThat(header(spoofed, "x-echo-h-x-wharf-base-path")).isEqualTo("/t/" + tenant + "/echo");
    }

    @Test
    void appsAnswerTheirOwnCorsPreflights() {
        deploy("echo", "{\"component\":\"" + echo + "\"}");
        Response r = api.send(HttpRequest.newBuilder(api.uri("/t/" + tenant + "/echo/api"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.com").header("Access-Control-Request-Method", "PUT").build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(header(r, "x-echo-method")).isEqualTo("OPTIONS");
        assertThat(header(r, "x-echo-h-origin")).isEqualTo("https://example.com");
    }

    @Test
    void unknownTenantsAndAppsAre404ProblemJson() {
        deploy("hello", "{\"component\":\"" + hello + "\"}");
        for (String path : new String[] {"/t/" + tenant + "/nope/", "/t/no-such-tenant/hello", "/t/" + tenant,
                "/t/", "/t/UPPER/x", "/t/" + tenant + "/%2e%2e/x"}) {
            Response r = call("GET", path, null, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).isEqualTo("application/problem+json");
        }
        assertThat(call("GET", "/t/" + tenant + "/nope/", null, null).detail())
                .isEqualTo("no app 'nope' in tenant '" + tenant + "'");
    }

    @Test
    void compilingIs503WithRetryAfterAndFailedIs502() {
        deploy("hello", "{\"component\":\"" + hello + "\"}");
        jdbc.sql("UPDATE components SET status = 'compiling' WHERE digest = ?").param(hello).update();
        Response compiling = call("GET", "/t/" + tenant + "/hello", null, null);
        assertThat(compiling.status()).isEqualTo(503);
        assertThat(header(compiling, "Retry-After")).isEqualTo("2");
        assertThat(compiling.detail()).contains("still compiling");

        jdbc.sql("UPDATE components SET status = 'failed', error = 'class too large' WHERE digest = ?").param(hello)
                .update();
        Response failed = call("GET", "/t/" + tenant + "/hello", null, null);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.detail()).isEqualTo("app 'hello' cannot run: its component failed to compile: "
                + "class too large; deploy another component");
        Response redeploy = api.putJson("/v1/apps/other", key, "{\"component\":\"" + hello + "\"}");
        assertThat(redeploy.status()).isEqualTo(422);
        assertThat(redeploy.detail()).contains("failed to compile", "class too large");

        jdbc.sql("UPDATE components SET status = 'ready', error = NULL WHERE digest = ?").param(hello).update();
        assertThat(call("GET", "/t/" + tenant + "/hello", null, null).status()).isEqualTo(200);
    }

    @Test
    void privateAppsNeedTheTenantsKey() {
        deploy("secret", "{\"component\":\"" + echo + "\",\"public\":false}");
        assertThat(api.get("/v1/apps/secret", key).json().get("public").asBoolean()).isFalse();
        String path = "/t/" + tenant + "/secret/";
        Response anonymous = call("GET", path, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(header(anonymous, "WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(call("GET", path, "wk_not-a-key", null).status()).isEqualTo(401);
        assertThat(call("GET", path, ADMIN, null).status()).isEqualTo(403);
        String other = api.createTenant(ADMIN, "o-" + Long.toHexString(System.nanoTime()));
        Response foreign = call("GET", path, other, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.detail()).isEqualTo("no app 'secret' in tenant '" + tenant + "'");

        Response own = call("GET", path, key, null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(header(own, "x-echo-h-authorization")).as("the key is not passed to the guest").isNull();

        deploy("open", "{\"component\":\"" + echo + "\"}");
        Response open = call("GET", "/t/" + tenant + "/open/", "anything", null);
        assertThat(open.status()).as("public by default").isEqualTo(200);
        assertThat(header(open, "x-echo-h-authorization")).isEqualTo("Bearer anything");
    }

    @Test
    void aNewRevisionServesAtOnceAndDeletedAppsAreGone() {
        deploy("web", "{\"component\":\"" + hello + "\"}");
        assertThat(call("GET", "/t/" + tenant + "/web/", null, null).body()).isEqualTo("hello from c\n");
        deploy("web", "{\"component\":\"" + echo + "\"}");
        assertThat(header(call("GET", "/t/" + tenant + "/web/x", null, null), "x-echo-path-with-query")).isEqualTo("/x");
        assertThat(api.postJson("/v1/apps/web/rollback", key, "{\"revision\":1}").status()).isEqualTo(200);
        assertThat(call("GET", "/t/" + tenant + "/web/", null, null).body()).isEqualTo("hello from c\n");
        assertThat(api.delete("/v1/apps/web", key).status()).isEqualTo(204);
        assertThat(call("GET", "/t/" + tenant + "/web/", null, null).status()).isEqualTo(404);
    }

    @Test
    void trapsAnswer500() {
        String trap = api.uploadReady(key, "trap-c.wasm");
        deploy("boom", "{\"component\":\"" + trap + "\"}");
        Response r = call("GET", "/t/" + tenant + "/boom/", null, null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).startsWith("the component failed: ");
    }

    @Test
    void hostBasedRouting() throws Exception {
        deploy("echo", "{\"component\":\"" + echo + "\"}");
        String answer = rawGet("/a/b?c=d", "echo." + tenant + ".apps.test:" + port);
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer.toLowerCase()).contains("x-echo-path-with-query: /a/b?c=d").doesNotContain("x-wharf-base-path");
        assertThat(rawGet("/v1/tenants", "nope." + tenant + ".apps.test")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/", "apps.test")).as("the bare domain is not an app").startsWith("HTTP/1.1 404");
    }

    /** Java's HttpClient cannot set Host: talk HTTP/1.1 over a socket. */
    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

}
