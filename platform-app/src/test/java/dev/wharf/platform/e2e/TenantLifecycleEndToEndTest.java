package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.Test;

/**
 * Deleting a tenant takes its plugin data with it: a tenant created again under the same name starts with no
 * keyvalue data and no configuration, even on a process that had served and cached the old one.
 */
class TenantLifecycleEndToEndTest extends ApiTest {

    @Test
    void aTenantCreatedAgainUnderTheSameNameStartsEmpty() {
        String tenant = "life-" + Long.toHexString(System.nanoTime());
        String key = deployBoth(tenant);
        assertThat(api.get("/t/" + tenant + "/count/", null).body()).isEqualTo("1");
        assertThat(api.get("/t/" + tenant + "/count/", null).body()).isEqualTo("2");
        assertThat(api.putJson("/v1/config/region", key, "{\"value\":\"eu\"}").status()).isEqualTo(201);
        assertThat(api.putJson("/v1/apps/conf/config/token", key, "{\"value\":\"old\"}").status()).isEqualTo(201);
        assertThat(api.get("/t/" + tenant + "/conf/all", null).body()).isEqualTo("region=eu\ntoken=old\n");

        assertThat(api.delete("/v1/tenants/" + tenant, ADMIN).status()).isEqualTo(204);
        Response gone = api.get("/t/" + tenant + "/count/", null);
        assertThat(gone.status()).isEqualTo(404);

        String newKey = deployBoth(tenant);
        assertThat(api.get("/v1/kv/default/counter", newKey).status()).as("keyvalue data deleted").isEqualTo(404);
        assertThat(api.get("/t/" + tenant + "/count/", null).body()).as("counts from 0 again").isEqualTo("1");
        assertThat(api.get("/v1/config", newKey).json().size()).as("config deleted").isZero();
        Response all = api.get("/t/" + tenant + "/conf/all", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).as("no cached view of the old tenant").isEmpty();
    }

    private String deployBoth(String tenant) {
        String key = api.createTenant(ADMIN, tenant);
        String counter = api.uploadReady(key, "kv-counter-c.wasm");
        String config = api.uploadReady(key, "config-c.wasm");
        assertThat(api.putJson("/v1/apps/count", key, "{\"component\":\"" + counter + "\"}").status()).isEqualTo(201);
        assertThat(api.putJson("/v1/apps/conf", key, "{\"component\":\"" + config + "\"}").status()).isEqualTo(201);
        return key;
    }
}
