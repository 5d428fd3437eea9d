package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every tenant route refuses a missing key, a wrong key, a revoked key and the admin token. */
class AuthMatrixTest extends ApiTest {

    record Route(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Route> tenantRoutes() {
        String digest = "sha256:" + "0".repeat(64);
        return Stream.of(
                new Route("POST", "/v1/components", "application/wasm", "x"),
                new Route("GET", "/v1/components", null, null),
                new Route("GET", "/v1/components/" + digest, null, null),
                new Route("PUT", "/v1/apps/web", "application/json", "{\"component\":\"" + digest + "\"}"),
                new Route("GET", "/v1/apps", null, null),
                new Route("GET", "/v1/apps/web", null, null),
                new Route("GET", "/v1/apps/web/revisions", null, null),
                new Route("POST", "/v1/apps/web/rollback", "application/json", "{\"revision\":1}"),
                new Route("DELETE", "/v1/apps/web", null, null));
    }

    private Response call(Route route, String token) {
        return api.send(route.method(), route.path(), token, route.contentType(),
                route.body() == null ? null : route.body().getBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantRoutes")
    void tenantRoutesNeedAValidTenantKey(Route route) {
        Response none = call(route, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.detail()).isEqualTo("missing 'Authorization: Bearer <token>' header");

        Response wrong = call(route, "wk_0000000000000000_" + "A".repeat(43));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.detail()).isEqualTo("the bearer token is not a valid tenant API key");

        Response garbage = call(route, "garbage");
        assertThat(garbage.status()).isEqualTo(401);

        String key = api.createTenant(ADMIN, "m-" + Long.toHexString(System.nanoTime()));
        // A key with the right id but a different secret fails the constant-time hash comparison.
        Response tampered = call(route, key.substring(0, key.length() - 4) + "AAAA");
        assertThat(tampered.status()).isEqualTo(401);

        Response basic = api.send(route.method(), route.path(), null, route.contentType(),
                route.body() == null ? null : route.body().getBytes());
        assertThat(basic.status()).isEqualTo(401);

        Response admin = call(route, ADMIN);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.detail()).isEqualTo("this route needs a tenant API key, not the admin token");

        Response ok = call(route, key);
        assertThat(ok.status()).as("a valid key gets past authentication").isNotIn(401, 403);
    }
}
