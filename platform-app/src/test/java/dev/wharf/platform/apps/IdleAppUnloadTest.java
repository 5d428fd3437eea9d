package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Engine;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A deployed app no request used for {@code wharf.gateway.idle-unload} is unloaded (its pooled instances and plugin
 * bindings closed), and the next request loads it again from the compile cache, without compiling.
 */
@TestPropertySource(properties = "wharf.gateway.idle-unload=1s")
class IdleAppUnloadTest extends ApiTest {
    @Autowired
    AppRegistry apps;

    @Autowired
    MeterRegistry registry;

    @Autowired
    Engine engine;

    private double metric(String name) {
        var counter = registry.find(name).counter();
        if (counter != null) {
            return counter.count();
        }
        return registry.find(name).gauge().value();
    }

    @Test
    void anIdleAppIsUnloadedAndTheNextRequestLoadsItAgainWithoutCompiling() throws Exception {
        String key = api.createTenant(ADMIN, "idle");
        String digest = api.uploadReady(key, "hello-c.wasm");
        assertThat(api.putJson("/v1/apps/hello", key, "{\"component\":\"" + digest + "\"}").status()).isEqualTo(201);

        assertThat(api.get("/t/idle/hello/", null).status()).isEqualTo(200);
        assertThat(apps.loadedApps()).isEqualTo(1);
        assertThat(metric("wharf.apps.loaded")).isEqualTo(1.0);

        for (int i = 0; i < 100 && apps.loadedApps() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(apps.loadedApps()).as("unloaded after a second without requests").isZero();
        assertThat(metric("wharf.apps.unloaded")).isEqualTo(1.0);

        long missesBefore = engine.coreEngine().cacheStats().misses();
        Response again = api.get("/t/idle/hello/", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("hello from c\n");
        assertThat(apps.loadedApps()).isEqualTo(1);
        assertThat(engine.coreEngine().cacheStats().misses()).as("loaded from the compile cache").isEqualTo(missesBefore);
    }
}
