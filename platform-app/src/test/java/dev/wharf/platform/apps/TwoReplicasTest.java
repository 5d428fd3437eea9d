package dev.wharf.platform.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiClient;
import dev.wharf.platform.testing.ApiClient.Response;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.platform.testing.Replica;
import dev.wharf.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two platform processes on one database: a change made through one (deploy, roll back, delete) is served by the
 * other once its route TTL has passed; each compiles the component for its own cache; an app's logs, written on
 * both, read the same through either.
 */
class TwoReplicasTest {
    private final Path dirA = TestDatabase.newDataDir("wharf-replica-a");
    private final Path dirB = TestDatabase.newDataDir("wharf-replica-b");

    @AfterEach
    void cleanUp() {
        TestDatabase.deleteTree(dirA);
        TestDatabase.deleteTree(dirB);
    }

    @Test
    void changesThroughOneReplicaReachTheOther() throws Exception {
        String database = Replica.newDatabase();
        try (Replica a = Replica.start(database, dirA, "--wharf.gateway.route-ttl=200ms");
                Replica b = Replica.start(database, dirB, "--wharf.gateway.route-ttl=200ms")) {
            String key = a.api.createTenant(ApiTest.ADMIN, "shared");
            String hello = a.api.uploadReady(key, "hello-c.wasm");
            String echo = a.api.uploadReady(key, "echo-c.wasm");
            assertThat(a.api.putJson("/v1/apps/web", key, "{\"component\":\"" + hello + "\"}").status()).isEqualTo(201);
            assertThat(await(b.api, "/t/shared/web/", r -> r.status() == 200).body()).isEqualTo("hello from c\n");

            assertThat(a.api.putJson("/v1/apps/web", key, "{\"component\":\"" + echo + "\"}").status()).isEqualTo(200);
            assertThat(a.api.get("/t/shared/web/x", null).raw().headers().firstValue("x-echo-path-with-query"))
                    .as("at once on the replica that made the change").hasValue("/x");
            await(b.api, "/t/shared/web/x", r -> r.raw().headers().firstValue("x-echo-path-with-query").isPresent());

            assertThat(b.api.postJson("/v1/apps/web/rollback", key, "{\"revision\":1}").status()).isEqualTo(200);
            assertThat(await(a.api, "/t/shared/web/", r -> r.body().equals("hello from c\n")).status()).isEqualTo(200);

            // app logs: lines a guest wrote on each replica, read through either
            String stdio = a.api.uploadReady(key, "stdio-c.wasm");
            assertThat(a.api.putJson("/v1/apps/talk", key, "{\"component\":\"" + stdio + "\"}").status()).isEqualTo(201);
            assertThat(a.api.get("/t/shared/talk/", null).status()).isEqualTo(200);
            assertThat(await(b.api, "/t/shared/talk/", r -> r.status() == 200).body()).isEqualTo("stdio ok\n");
            long deadline = System.nanoTime() + 10_000_000_000L;
            Response logs = a.api.get("/v1/apps/talk/logs", key);
            while (logs.json().get("lines").size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                logs = a.api.get("/v1/apps/talk/logs", key);
            }
            assertThat(logs.json().get("lines")).as("three lines from each replica").hasSize(6);
            assertThat(b.api.get("/v1/apps/talk/logs", key).json().get("lines")).hasSize(6);

            assertThat(a.api.delete("/v1/apps/web", key).status()).isEqualTo(204);
            await(b.api, "/t/shared/web/", r -> r.status() == 404);
            assertThat(Replica.sample(b.scrape(), "wharf_compile_cache_total", "result=\"miss\""))
                    .as("replica b compiled for its own cache").isPositive();
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
