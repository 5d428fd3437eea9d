package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import org.junit.jupiter.api.Test;

/** With no secrets key the platform stores plain values but refuses secrets, and says why. */
class ConfigWithoutSecretsKeyTest extends ApiTest {

    @Test
    void secretsAreRefusedWithAReasonAndNothingIsStored() {
        String key = api.createTenant(ADMIN, "nokey");
        Response refused = api.putJson("/v1/config/password", key, "{\"value\":\"pw\",\"secret\":true}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).startsWith("this platform has no secrets key, so it stores no secrets")
                .contains("wharf.secrets.key");
        assertThat(api.get("/v1/config/password", key).status()).isEqualTo(404);
        assertThat(api.putJson("/v1/config/region", key, "{\"value\":\"eu\"}").status()).isEqualTo(201);
    }

    @Test
    void theSecretsAdminRoutesSayThereIsNoKey() {
        for (Response r : new Response[] {api.get("/v1/admin/secrets", ADMIN), api.postJson("/v1/admin/secrets/rotate", ADMIN, "")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.detail()).startsWith("this platform has no secrets key");
        }
    }
}
