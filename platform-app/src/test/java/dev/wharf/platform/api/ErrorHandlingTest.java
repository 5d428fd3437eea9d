package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.Test;

/** Every error under /v1 is problem+json with a useful detail and no stack trace. */
class ErrorHandlingTest extends ApiTest {

    private static void assertProblem(Response r, int status, String detailPart) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("title").asString()).isNotBlank();
        assertThat(r.detail()).contains(detailPart);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.wharf").doesNotContain("trace");
    }

    @Test
    void unknownRouteIs404() {
        assertProblem(api.get("/v1/nothing/here", ADMIN), 404, "no such route: GET /v1/nothing/here");
        assertProblem(api.get("/v1", null), 404, "no such route");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Response r = api.send("PATCH", "/v1/tenants", ADMIN, null, null);
        assertProblem(r, 405, "method PATCH is not allowed on /v1/tenants");
        assertThat(r.raw().headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
        assertProblem(api.send("DELETE", "/v1/components", null, null, null), 405, "not allowed");
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(api.send("POST", "/v1/tenants", ADMIN, "text/plain", "{\"name\":\"a\"}".getBytes()), 415,
                "content type text/plain is not supported here; use [application/json]");
        assertProblem(api.send("POST", "/v1/tenants", ADMIN, null, "{\"name\":\"a\"}".getBytes()), 415,
                "not supported here");
    }

    @Test
    void malformedJsonIs400WithTheParsersReason() {
        assertProblem(api.postJson("/v1/tenants", ADMIN, "{\"name\": \"a\""), 400, "the request body is not valid JSON: ");
        assertProblem(api.postJson("/v1/tenants", ADMIN, "not json"), 400, "the request body is not valid JSON: ");
        assertProblem(api.postJson("/v1/tenants", ADMIN, "\"acme\""), 400, "the request body must be a JSON object");
        assertProblem(api.postJson("/v1/tenants", ADMIN, ""), 400, "the request body is empty");
    }

    @Test
    void errorsOutsideTheApiKeepSpringBootsHandling() {
        Response r = api.get("/not-the-api", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("at dev.wharf");
    }
}
