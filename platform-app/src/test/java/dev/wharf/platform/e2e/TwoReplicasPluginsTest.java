package dev.wharf.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.platform.testing.Replica;
import dev.wharf.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Wharf processes on one PostgreSQL, each with its own data directory: a component uploaded and deployed
 * through one is served by the other; a config change through one is seen by the other's guest; keyvalue writes
 * through one are read through the other. Each process compiles a core module at most once (Prometheus
 * {@code wharf_compile_cache_total}), and a restarted process serves from its persisted compile cache.
 */
class TwoReplicasPluginsTest {
    private static final String SECRETS_KEY = "--wharf.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String TTL = "--wharf.gateway.route-ttl=200ms";
    private static final String MISS = "result=\"miss\"";

    private final Path dirA = TestDatabase.newDataDir("wharf-plugins-a");
    private final Path dirB = TestDatabase.newDataDir("wharf-plugins-b");

    @AfterEach
    void cleanUp() {
        TestDatabase.deleteTree(dirA);
        TestDatabase.deleteTree(dirB);
    }

    @Test
    void pluginsShareStateAcrossReplicasAndEachCompilesOnce() throws Exception {
        String database = Replica.newDatabase();
        String key;
        double missesOnB;
        try (Replica a = Replica.start(database, dirA, TTL, SECRETS_KEY);
                Replica b = Replica.start(database, dirB, TTL, SECRETS_KEY)) {
            key = a.api.createTenant(ApiTest.ADMIN, "acme");
            String counter = a.api.uploadReady(key, "kv-counter-c.wasm");
            String config = a.api.uploadReady(key, "config-c.wasm");
            double missesOnA = Replica.sample(a.scrape(), "wharf_compile_cache_total", MISS);
            assertThat(missesOnA).as("replica a compiled both uploads").isPositive();
            assertThat(Replica.sample(b.scrape(), "wharf_compile_cache_total", MISS)).as("b compiled nothing yet")
                    .isZero();

            assertThat(a.api.putJson("/v1/apps/count", key, "{\"component\":\"" + counter + "\"}").status())
                    .isEqualTo(201);
            assertThat(a.api.putJson("/v1/apps/conf", key, "{\"component\":\"" + config + "\"}").status())
                    .isEqualTo(201);
            for (String twin : List.of("twin1", "twin2", "twin3")) {
                assertThat(a.api.putJson("/v1/apps/" + twin, key, "{\"component\":\"" + counter + "\"}").status())
                        .isEqualTo(201);
            }

            // deployed through a, served by b: the first requests to apps of one component, all at once on b,
            // still compile its modules once
            List<CompletableFuture<Response>> firsts = new ArrayList<>();
            for (String app : List.of("twin1", "twin2", "twin3", "conf")) {
                firsts.add(CompletableFuture.supplyAsync(() -> b.api.get("/t/acme/" + app + "/twin?key=x", null)));
            }
            for (CompletableFuture<Response> first : firsts) {
                assertThat(first.get().status()).as(first.get().toString()).isIn(200, 404);
            }
            assertThat(await(b.api, "/t/acme/count/", r -> r.status() == 200).body()).isEqualTo("1");
            assertThat(a.api.get("/t/acme/count/", null).body()).isEqualTo("2");
            assertThat(b.api.get("/t/acme/count/", null).body()).isEqualTo("3");
            assertThat(b.api.get("/v1/kv/default/counter", key).body()).isEqualTo("3");
            assertThat(a.api.send("PUT", "/v1/kv/default/counter", key, "text/plain",
                    "100".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
            Response afterPut = b.api.get("/t/acme/count/", null);
            assertThat(afterPut.raw().headers().firstValue("x-kv-previous")).hasValue("100");
            assertThat(afterPut.body()).isEqualTo("101");

            // a config change through a is seen by b's guest (b's cache follows PostgreSQL's notification)
            assertThat(await(b.api, "/t/acme/conf/?key=region", r -> r.status() == 404).body()).isEqualTo("not found\n");
            assertThat(a.api.putJson("/v1/config/region", key, "{\"value\":\"eu-west\"}").status()).isEqualTo(201);
            await(b.api, "/t/acme/conf/?key=region", r -> r.body().equals("eu-west"));
            assertThat(a.api.putJson("/v1/apps/conf/config/token", key, "{\"value\":\"t0k3n\",\"secret\":true}")
                    .status()).isEqualTo(201);
            await(b.api, "/t/acme/conf/all", r -> r.body().equals("region=eu-west\ntoken=t0k3n\n"));
            assertThat(b.api.putJson("/v1/apps/conf/config/region", key, "{\"value\":\"us-east\"}").status())
                    .isEqualTo(201);
            await(a.api, "/t/acme/conf/?key=region", r -> r.body().equals("us-east"));

            // a redeployment with other settings re-plans the same component: no compile on either replica
            assertThat(a.api.putJson("/v1/apps/count", key,
                    "{\"component\":\"" + counter + "\",\"keyvalue\":{\"buckets\":[\"default\",\"extra\"]}}").status())
                    .isEqualTo(200);
            await(b.api, "/t/acme/count/", r -> r.status() == 200 && r.body().equals("102"));
            for (int i = 0; i < 5; i++) {
                assertThat(a.api.get("/t/acme/conf/?key=region", null).status()).isEqualTo(200);
                assertThat(b.api.get("/t/acme/count/", null).status()).isEqualTo(200);
            }
            assertThat(Replica.sample(a.scrape(), "wharf_compile_cache_total", MISS))
                    .as("a compiled each core module once, at upload").isEqualTo(missesOnA);
            missesOnB = Replica.sample(b.scrape(), "wharf_compile_cache_total", MISS);
            assertThat(missesOnB).as("b compiled the same modules once each, for its own cache").isEqualTo(missesOnA);
            assertThat(Replica.sample(b.scrape(), "wharf_compile_seconds_count", "outcome=\"ready\""))
                    .as("uploads are compiled in the background only where they arrived").isZero();
        }

        // b again on its data directory: the persisted compile cache serves both apps without compiling
        try (Replica b = Replica.start(database, dirB, TTL, SECRETS_KEY)) {
            assertThat(b.api.get("/t/acme/count/", null).body()).as("after 102 and five more").isEqualTo("108");
            assertThat(b.api.get("/t/acme/conf/?key=token", null).body()).isEqualTo("t0k3n");
            String scrape = b.scrape();
            assertThat(Replica.sample(scrape, "wharf_compile_cache_total", MISS)).as("nothing compiled").isZero();
            assertThat(Replica.sample(scrape, "wharf_compile_cache_total", "result=\"disk-hit\""))
                    .isEqualTo(missesOnB);
        }

        // a replica started with another secrets key cannot read the secret: the guest gets upstream for it (and for
        // get-all), not a trap, while the app's other values still read
        try (Replica wrongKey = Replica.start(database, dirB, TTL,
                "--wharf.secrets.key=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=")) {
            Response r = wrongKey.api.get("/t/acme/conf/?key=token", null);
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.body()).startsWith("config error 0: secret 'token' cannot be decrypted: ")
                    .doesNotContain("t0k3n");
            Response all = wrongKey.api.get("/t/acme/conf/all", null);
            assertThat(all.status()).isEqualTo(500);
            assertThat(all.body()).startsWith("config error 0: secret 'token' cannot be decrypted: ");
            assertThat(wrongKey.api.get("/t/acme/conf/?key=region", null).body()).isEqualTo("us-east");
            String scrape = wrongKey.scrape();
            assertThat(Replica.sample(scrape, "wharf_config_reads_total", "function=\"get\",result=\"error\""))
                    .isEqualTo(1);
            assertThat(Replica.sample(scrape, "wharf_config_reads_total", "function=\"get-all\",result=\"error\""))
                    .isEqualTo(1);
            assertThat(wrongKey.api.get("/t/acme/count/", null).body()).as("keyvalue does not need the key")
                    .isEqualTo("109");
        }
    }

    /** Polls (up to 10 s) until the answer passes {@code done}. */
    private static Response await(ApiClient api, String path, Predicate<Response> done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Response r = api.get(path, null);
            if (done.test(r) || System.nanoTime() > deadline) {
                assertThat(done.test(r)).as("%s answered %s", path, r).isTrue();
                return r;
            }
            Thread.sleep(50);
        }
    }
}
