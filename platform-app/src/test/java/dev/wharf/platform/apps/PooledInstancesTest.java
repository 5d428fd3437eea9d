package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Deployed apps serve from pooled instances: instances are reset and reused between requests (few instantiations for
 * many requests), no request sees another's data, and a trapped instance is discarded while the app keeps serving.
 */
@TestPropertySource(properties = "wharf.gateway.route-ttl=0s")
class PooledInstancesTest extends ApiTest {
    @Autowired
    MeterRegistry registry;

    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        tenant = "p-" + Long.toHexString(System.nanoTime());
        key = api.createTenant(ADMIN, tenant);
    }

    private void deploy(String app, String fixture, int maxConcurrency) {
        String digest = api.uploadReady(key, fixture);
        Response r = api.putJson("/v1/apps/" + app, key,
                "{\"component\":\"" + digest + "\",\"limits\":{\"maxConcurrency\":" + maxConcurrency + "}}");
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }

    private Response post(String app, String body) {
        return api.send(HttpRequest.newBuilder(api.uri("/t/" + tenant + "/" + app + "/x"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private long instantiations(String app) {
        Timer t = registry.find("wharf.pool.instantiate").tag("tenant", tenant).tag("app", app).timer();
        return t == null ? 0 : t.count();
    }

    private long resets(String app) {
        Timer t = registry.find("wharf.pool.reset").tag("tenant", tenant).tag("app", app).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void manyRequestsReuseAFewResetInstancesAndEachSeesOnlyItsOwnBody() throws Exception {
        deploy("echo", "echo-c.wasm", 2);
        for (int i = 0; i < 20; i++) {
            Response r = post("echo", "sequential " + i);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("sequential " + i);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "parallel " + i + " " + "x".repeat(i * 97);
                answers.add(pool.submit(() -> post("echo", body)));
            }
            for (int i = 0; i < answers.size(); i++) {
                Response r = answers.get(i).get();
                if (r.status() == 503) {
                    continue; // more clients than the app's concurrency: some are told to retry
                }
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("parallel " + i + " " + "x".repeat(i * 97));
            }
        }
        assertThat(instantiations("echo")).isBetween(1L, 2L);
        assertThat(resets("echo")).isGreaterThanOrEqualTo(19L);
        Gauge idle = registry.find("wharf.pool.instances").tag("tenant", tenant).tag("app", "echo").tag("state", "idle")
                .gauge();
        assertThat(idle).isNotNull();
        assertThat(idle.value()).isBetween(1.0, 2.0);
    }

    @Test
    void aTrappedInstanceIsDiscardedAndTheAppKeepsServing() {
        deploy("trap", "trap-c.wasm", 1);
        assertThat(post("trap", "").status()).isEqualTo(500);
        assertThat(post("trap", "").status()).isEqualTo(500);
        Counter trapped = registry.find("wharf.pool.discarded").tag("tenant", tenant).tag("app", "trap")
                .tag("reason", "trapped").counter();
        assertThat(trapped).isNotNull();
        assertThat(trapped.count()).isEqualTo(2.0);
        assertThat(instantiations("trap")).isEqualTo(2);
        assertThat(resets("trap")).isZero();
    }
}
