package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests for an app that does not exist cost one database lookup per route TTL, not one each; deploying the app
 * through this process makes it serve at once.
 */
@TestPropertySource(properties = "wharf.gateway.route-ttl=1h")
class NotFoundCacheTest extends ApiTest {
    @Autowired
    MeterRegistry registry;

    private double lookups(String result) {
        return registry.find("wharf.routes.lookups").tag("result", result).counter().count();
    }

    @Test
    void unknownAppsAreLookedUpOncePerTtlAndADeploymentEndsThat() {
        String key = api.createTenant(ADMIN, "ghosts");
        double before = lookups("not-found");
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/t/ghosts/later/x", null).status()).isEqualTo(404);
        }
        assertThat(lookups("not-found") - before).isEqualTo(1.0);
        assertThat(api.get("/t/ghosts/other/x", null).status()).isEqualTo(404);
        assertThat(lookups("not-found") - before).as("each name is looked up once").isEqualTo(2.0);

        String digest = api.uploadReady(key, "hello-c.wasm");
        assertThat(api.putJson("/v1/apps/later", key, "{\"component\":\"" + digest + "\"}").status()).isEqualTo(201);
        assertThat(api.get("/t/ghosts/later/x", null).status()).as("served at once after the deployment").isEqualTo(200);
    }
}
