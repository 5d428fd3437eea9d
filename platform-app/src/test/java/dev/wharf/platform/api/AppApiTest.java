package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tenant routes for apps: revisions, rollback, validation and isolation. */
class AppApiTest extends ApiTest {
    private String key;
    private String hello;
    private String echo;

    @BeforeEach
    void tenantWithComponents() {
        key = api.createTenant(ADMIN, "t-" + Long.toHexString(System.nanoTime()));
        hello = api.uploadFixture(key, "hello-c.wasm");
        echo = api.uploadFixture(key, "echo-c.wasm");
    }

    @Test
    void deployUpdateRollbackAndDelete() {
        Response created = api.putJson("/v1/apps/web", key, """
                {"component":"%s","env":{"GREETING":"hi","MODE":"x"},
                 "limits":{"memoryMiB":64,"timeoutMs":5000,"maxConcurrency":4}}""".formatted(hello));
        assertThat(created.status()).isEqualTo(201);
        JsonNode app = created.json();
        assertThat(app.get("name").asString()).isEqualTo("web");
        assertThat(app.get("activeRevision").asInt()).isEqualTo(1);
        assertThat(app.get("component").asString()).isEqualTo(hello);
        assertThat(app.get("env").get("GREETING").asString()).isEqualTo("hi");
        assertThat(app.get("limits").get("memoryMiB").asInt()).isEqualTo(64);
        assertThat(app.get("limits").get("timeoutMs").asInt()).isEqualTo(5000);
        assertThat(app.get("limits").get("maxConcurrency").asInt()).isEqualTo(4);

        Response updated = api.putJson("/v1/apps/web", key, "{\"component\":\"" + echo + "\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("activeRevision").asInt()).isEqualTo(2);
        assertThat(updated.json().get("component").asString()).isEqualTo(echo);
        assertThat(updated.json().get("env").size()).isZero();
        assertThat(updated.json().get("limits").get("memoryMiB").asInt()).as("default").isEqualTo(128);
        assertThat(updated.json().get("limits").get("timeoutMs").asInt()).as("default").isEqualTo(30000);
        assertThat(updated.json().get("limits").get("maxConcurrency").asInt()).as("default").isEqualTo(16);

        Response revisions = api.get("/v1/apps/web/revisions", key);
        assertThat(revisions.status()).isEqualTo(200);
        assertThat(revisions.json().findValuesAsString("component")).containsExactly(echo, hello);
        assertThat(revisions.json().get(1).get("revision").asInt()).isEqualTo(1);
        assertThat(revisions.json().get(1).get("env").get("MODE").asString()).isEqualTo("x");

        Response rolledBack = api.postJson("/v1/apps/web/rollback", key, "{\"revision\":1}");
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().get("activeRevision").asInt()).isEqualTo(1);
        assertThat(rolledBack.json().get("component").asString()).isEqualTo(hello);
        assertThat(api.get("/v1/apps/web", key).json()).isEqualTo(rolledBack.json());

        Response third = api.putJson("/v1/apps/web", key, "{\"component\":\"" + hello + "\"}");
        assertThat(third.json().get("activeRevision").asInt()).as("new revisions follow the highest").isEqualTo(3);

        Response badRevision = api.postJson("/v1/apps/web/rollback", key, "{\"revision\":9}");
        assertThat(badRevision.status()).isEqualTo(400);
        assertThat(badRevision.detail()).isEqualTo("app 'web' has no revision 9");
        Response noRevision = api.postJson("/v1/apps/web/rollback", key, "{}");
        assertThat(noRevision.detail()).isEqualTo("field 'revision' is required");
        Response stringRevision = api.postJson("/v1/apps/web/rollback", key, "{\"revision\":\"1\"}");
        assertThat(stringRevision.detail()).isEqualTo("field 'revision' must be an integer");

        api.putJson("/v1/apps/api", key, "{\"component\":\"" + echo + "\"}");
        assertThat(api.get("/v1/apps", key).json().findValuesAsString("name")).containsExactly("api", "web");

        assertThat(api.delete("/v1/apps/web", key).status()).isEqualTo(204);
        Response gone = api.get("/v1/apps/web", key);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.detail()).isEqualTo("no app named 'web'");
        assertThat(api.get("/v1/apps/web/revisions", key).status()).isEqualTo(404);
        assertThat(api.delete("/v1/apps/web", key).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/apps/web/rollback", key, "{\"revision\":1}").status()).isEqualTo(404);
        assertThat(api.get("/v1/apps", key).json().findValuesAsString("name")).containsExactly("api");
    }

    @Test
    void deploymentsAreValidated() {
        assertBad("{}", "field 'component' is required");
        assertBad("{\"component\":\"abc\"}", "field 'component' must be a component digest 'sha256:<64 hex digits>', "
                + "as returned by POST /v1/components");
        assertBad("{\"component\":\"sha256:" + "ab".repeat(32) + "\"}", "component 'sha256:" + "ab".repeat(32)
                + "' is not one of this tenant's components; upload it first with POST /v1/components");
        assertBad("{\"component\":\"" + hello + "\",\"limits\":{\"memoryMiB\":4097}}",
                "limits.memoryMiB must be between 1 and 4096 (the platform maximum); got 4097");
        assertBad("{\"component\":\"" + hello + "\",\"limits\":{\"timeoutMs\":0}}",
                "limits.timeoutMs must be between 1 and 300000 (the platform maximum); got 0");
        assertBad("{\"component\":\"" + hello + "\",\"limits\":{\"maxConcurrency\":100000}}",
                "limits.maxConcurrency must be between 1 and 1024 (the platform maximum); got 100000");
        assertBad("{\"component\":\"" + hello + "\",\"limits\":{\"memoryMiB\":1.5}}",
                "field 'memoryMiB' must be an integer");
        assertBad("{\"component\":\"" + hello + "\",\"limits\":{\"cpu\":1}}", "unknown field(s) [cpu]");
        assertBad("{\"component\":\"" + hello + "\",\"env\":{\"A\":1}}", "env 'A' must be a string");
        assertBad("{\"component\":\"" + hello + "\",\"env\":{\"1A\":\"x\"}}", "env name '1A' is invalid");
        assertBad("{\"component\":\"" + hello + "\",\"env\":[]}", "field 'env' must be an object of string values");
        assertBad("{\"component\":\"" + hello + "\",\"image\":\"x\"}", "unknown field(s) [image]");
        assertBad("[1,2]", "the request body must be a JSON object");
        assertBad("{\"component\":", "the request body is not valid JSON");
        assertBad("", "the request body is empty; a JSON object is expected");

        Response badName = api.putJson("/v1/apps/Bad_Name", key, "{\"component\":\"" + hello + "\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.detail()).startsWith("invalid app name 'Bad_Name'");

        Response wrongType = api.send("PUT", "/v1/apps/web", key, "text/plain", "{}".getBytes());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.detail()).contains("application/json");
        assertThat(api.get("/v1/apps", key).json().size()).as("nothing was deployed").isZero();
    }

    private void assertBad(String body, String detail) {
        Response r = api.putJson("/v1/apps/web", key, body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).as(body).startsWith(detail);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.wharf");
    }

    @Test
    void appsAndComponentsOfAnotherTenantAre404() {
        api.putJson("/v1/apps/mine", key, "{\"component\":\"" + hello + "\"}");
        String other = api.createTenant(ADMIN, "o-" + Long.toHexString(System.nanoTime()));

        assertThat(api.get("/v1/apps/mine", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps/mine/revisions", other).status()).isEqualTo(404);
        assertThat(api.postJson("/v1/apps/mine/rollback", other, "{\"revision\":1}").status()).isEqualTo(404);
        assertThat(api.delete("/v1/apps/mine", other).status()).isEqualTo(404);
        assertThat(api.get("/v1/apps", other).json().size()).isZero();
        Response steal = api.putJson("/v1/apps/x", other, "{\"component\":\"" + hello + "\"}");
        assertThat(steal.status()).as("another tenant's component cannot be deployed").isEqualTo(400);
        assertThat(steal.detail()).contains("is not one of this tenant's components");

        // The same app name in another tenant is a different app.
        String theirs = api.uploadFixture(other, "echo-c.wasm");
        assertThat(api.putJson("/v1/apps/mine", other, "{\"component\":\"" + theirs + "\"}").status()).isEqualTo(201);
        assertThat(api.get("/v1/apps/mine", key).json().get("component").asString()).isEqualTo(hello);
        assertThat(api.get("/v1/apps/mine", other).json().get("component").asString()).isEqualTo(theirs);
    }
}
