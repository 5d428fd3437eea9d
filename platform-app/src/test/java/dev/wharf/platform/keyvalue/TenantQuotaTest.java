package dev.wharf.platform.keyvalue;

import static dev.wharf.wasi.keyvalue.KvGuest.b;
import static dev.wharf.wasi.keyvalue.KvGuest.error;
import static dev.wharf.wasi.keyvalue.KvGuest.ok;
import static dev.wharf.wasi.keyvalue.KvGuest.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Engine;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import dev.wharf.wasi.keyvalue.KvGuest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's own wasi:keyvalue quota over the platform's default, set by an admin with
 * {@code PUT /v1/tenants/{name}/limits}, on the embedded PostgreSQL: it holds the tenant's guests and its REST
 * writes, leaves other tenants on the default, and null goes back to the default.
 */
@TestPropertySource(properties = "wharf.keyvalue.max-tenant-bytes=5000")
class TenantQuotaTest extends ApiTest {
    @Autowired
    DataSource dataSource;

    private Response putValue(String token, String key, int bytes) {
        return api.send("PUT", "/v1/kv/default/" + key, token, "text/plain",
                "x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
    }

    private Response setQuota(String tenant, String maxBytes) {
        return api.send("PUT", "/v1/tenants/" + tenant + "/limits", ADMIN, "application/json",
                ("{\"keyvalue\": {\"maxBytes\": " + maxBytes + "}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTenantsOwnQuotaHoldsItsGuestsAndItsRestWritesAndNullRestoresTheDefault() {
        String small = api.createTenant(ADMIN, "quota-small");
        String other = api.createTenant(ADMIN, "quota-other");

        JsonNode initial = api.get("/v1/tenants/quota-small/limits", ADMIN).json().get("keyvalue");
        assertThat(initial.get("maxBytes").isNull()).isTrue();
        assertThat(initial.get("effectiveMaxBytes").asLong()).isEqualTo(5000);
        assertThat(initial.get("usedBytes").asLong()).isZero();

        Response set = setQuota("quota-small", "1000");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("keyvalue").get("maxBytes").asLong()).isEqualTo(1000);
        assertThat(set.json().get("keyvalue").get("effectiveMaxBytes").asLong()).isEqualTo(1000);

        assertThat(putValue(small, "a", 900).status()).isEqualTo(204); // 901 bytes with its key
        Response full = putValue(small, "b", 200);
        assertThat(full.status()).isEqualTo(507);
        assertThat(full.detail()).contains("the limit is 1000");
        assertThat(putValue(other, "b", 2000).status()).as("another tenant keeps the default").isEqualTo(204);

        KeyValuePlugin plugin = new KeyValuePlugin();
        plugin.init(PluginContext.of(Map.of(DataSource.class, dataSource), k -> null));
        try (Engine engine = Engine.create();
                KvGuest guest = new KvGuest(KvGuest.prepare(engine, "kv-draft2", plugin), plugin, "quota-small", Map.of())) {
            WitValue bucket = guest.open("");
            assertThat(error(guest.call("set", bucket, s("guest"), b("y".repeat(200))))).contains("the limit is 1000");
            ok(guest.call("set", bucket, s("g"), b("y".repeat(50))));
            assertThat(api.get("/v1/tenants/quota-small/limits", ADMIN).json().get("keyvalue").get("usedBytes").asLong())
                    .isEqualTo(901 + 51);

            // lowered below what it stores: writes that add bytes fail, deletes still work
            assertThat(setQuota("quota-small", "100").status()).isEqualTo(200);
            assertThat(error(guest.call("set", bucket, s("g2"), b("z")))).contains("the limit is 100");
            assertThat(api.delete("/v1/kv/default/a", small).status()).isEqualTo(204);
            assertThat(api.get("/v1/tenants/quota-small/limits", ADMIN).json().get("keyvalue").get("usedBytes").asLong())
                    .isEqualTo(51);

            // null: back to the platform's 5000
            Response reset = setQuota("quota-small", "null");
            assertThat(reset.status()).isEqualTo(200);
            assertThat(reset.json().get("keyvalue").get("maxBytes").isNull()).isTrue();
            assertThat(reset.json().get("keyvalue").get("effectiveMaxBytes").asLong()).isEqualTo(5000);
            ok(guest.call("set", bucket, s("big"), b("w".repeat(3000))));
        }
    }

    @Test
    void badRequestsGetAReasonAndTheRoutesAreForAdminsOnly() {
        String key = api.createTenant(ADMIN, "quota-bad");
        for (String body : new String[] {"{}", "{\"keyvalue\": 5}", "{\"keyvalue\": {}}", "{\"keyvalue\": {\"maxBytes\": -1}}",
                "{\"keyvalue\": {\"maxBytes\": \"10\"}}", "{\"keyvalue\": {\"maxBytes\": 1}, \"cpu\": 2}"}) {
            Response r = api.send("PUT", "/v1/tenants/quota-bad/limits", ADMIN, "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/v1/tenants/quota-bad/limits", ADMIN).json().get("keyvalue").get("maxBytes").isNull())
                .as("nothing was stored").isTrue();
        assertThat(setQuota("nobody", "10").status()).isEqualTo(404);
        assertThat(api.get("/v1/tenants/nobody/limits", ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/v1/tenants/quota-bad/limits", key).status()).isEqualTo(403);
        assertThat(api.get("/v1/tenants/quota-bad/limits", null).status()).isEqualTo(401);
    }
}
