package dev.wharf.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.Test;

/** Admin routes: tenants and API keys. */
class TenantApiTest extends ApiTest {

    @Test
    void createListAndDeleteTenants() {
        Response created = api.postJson("/v1/tenants", ADMIN, "{\"name\":\"acme\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(created.json().get("name").asString()).isEqualTo("acme");
        String key = created.json().get("apiKey").asString();
        assertThat(key).startsWith("wk_").hasSize(63);
        api.createTenant(ADMIN, "beta-2");

        Response list = api.get("/v1/tenants", ADMIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).contains("acme", "beta-2").isSorted();
        assertThat(list.body()).doesNotContain(key).doesNotContain("apiKey");

        assertThat(api.get("/v1/components", key).status()).isEqualTo(200);
        assertThat(api.delete("/v1/tenants/acme", ADMIN).status()).isEqualTo(204);
        assertThat(api.get("/v1/components", key).status()).as("a deleted tenant's key stops working").isEqualTo(401);
        assertThat(api.get("/v1/tenants", ADMIN).json().findValuesAsString("name")).contains("beta-2")
                .doesNotContain("acme");

        Response again = api.delete("/v1/tenants/acme", ADMIN);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.detail()).isEqualTo("no tenant named 'acme'");
    }

    @Test
    void duplicateTenantIsAConflict() {
        api.createTenant(ADMIN, "dup");
        Response r = api.postJson("/v1/tenants", ADMIN, "{\"name\":\"dup\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).isEqualTo("tenant 'dup' already exists");
    }

    @Test
    void tenantNamesAreValidated() {
        for (String bad : new String[] {"Acme", "1acme", "-a", "a_b", "", "a".repeat(64), "a b"}) {
            Response r = api.postJson("/v1/tenants", ADMIN, "{\"name\":\"" + bad + "\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.detail()).as(bad).contains("invalid tenant name");
        }
        assertThat(api.postJson("/v1/tenants", ADMIN, "{\"name\":\"" + "a".repeat(63) + "\"}").status()).isEqualTo(201);
        Response missing = api.postJson("/v1/tenants", ADMIN, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail()).isEqualTo("field 'name' is required");
        Response number = api.postJson("/v1/tenants", ADMIN, "{\"name\":5}");
        assertThat(number.detail()).isEqualTo("field 'name' must be a string");
        Response extra = api.postJson("/v1/tenants", ADMIN, "{\"name\":\"x\",\"plan\":\"gold\"}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.detail()).contains("unknown field(s) [plan]");
    }

    @Test
    void rotatingAKeyRevokesTheOldOne() {
        String old = api.createTenant(ADMIN, "rotor");
        assertThat(api.get("/v1/apps", old).status()).isEqualTo(200);
        Response rotated = api.send("POST", "/v1/tenants/rotor/keys", ADMIN, null, null);
        assertThat(rotated.status()).isEqualTo(201);
        String fresh = rotated.json().get("apiKey").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.json().get("name").asString()).isEqualTo("rotor");
        assertThat(api.get("/v1/apps", old).status()).isEqualTo(401);
        assertThat(api.get("/v1/apps", fresh).status()).isEqualTo(200);

        Response unknown = api.send("POST", "/v1/tenants/nobody-here/keys", ADMIN, null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("no tenant named 'nobody-here'");
    }

    @Test
    void adminRoutesNeedTheAdminToken() {
        String tenantKey = api.createTenant(ADMIN, "sneaky");
        String[][] routes = {
            {"POST", "/v1/tenants"}, {"GET", "/v1/tenants"}, {"DELETE", "/v1/tenants/sneaky"},
            {"POST", "/v1/tenants/sneaky/keys"}};
        for (String[] route : routes) {
            String body = route[0].equals("POST") && route[1].equals("/v1/tenants") ? "{\"name\":\"x\"}" : null;
            String type = body == null ? null : "application/json";
            byte[] bytes = body == null ? null : body.getBytes();
            Response none = api.send(route[0], route[1], null, type, bytes);
            assertThat(none.status()).as("no token: %s", (Object) route).isEqualTo(401);
            assertThat(none.detail()).contains("missing 'Authorization: Bearer <token>' header");
            assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            Response wrong = api.send(route[0], route[1], "not-the-token", type, bytes);
            assertThat(wrong.status()).as("wrong token: %s", (Object) route).isEqualTo(401);
            assertThat(wrong.detail()).isEqualTo("the bearer token is not the admin token");
            Response tenant = api.send(route[0], route[1], tenantKey, type, bytes);
            assertThat(tenant.status()).as("tenant key: %s", (Object) route).isEqualTo(403);
            assertThat(tenant.detail()).isEqualTo("this route needs the admin token, not a tenant API key");
        }
        assertThat(api.get("/v1/tenants", ADMIN).json().findValuesAsString("name")).contains("sneaky")
                .doesNotContain("x");
    }
}
