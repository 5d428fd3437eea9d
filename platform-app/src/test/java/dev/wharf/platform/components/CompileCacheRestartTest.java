package dev.wharf.platform.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.testing.ApiTest;
import dev.wharf.platform.testing.Replica;
import dev.wharf.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Uploads are compiled once into the on-disk compile cache under the data directory: after a restart on the same
 * data directory the app serves at once from that cache, without compiling; components a stopped process left
 * {@code compiling} are compiled again at start.
 */
class CompileCacheRestartTest {
    private final Path dataDir = TestDatabase.newDataDir("wharf-cache-restart");

    @AfterEach
    void cleanUp() {
        TestDatabase.deleteTree(dataDir);
    }

    @Test
    void afterARestartTheAppServesFromTheCompileCache() throws Exception {
        String database = Replica.newDatabase();
        String key;
        String echo;
        try (Replica first = Replica.start(database, dataDir)) {
            key = first.api.createTenant(ApiTest.ADMIN, "keeper");
            String hello = first.api.uploadReady(key, "hello-c.wasm");
            assertThat(first.api.putJson("/v1/apps/hello", key, "{\"component\":\"" + hello + "\"}").status())
                    .isEqualTo(201);
            assertThat(first.api.get("/t/keeper/hello/", null).body()).isEqualTo("hello from c\n");
            assertThat(Replica.sample(first.scrape(), "wharf_compile_cache_total", "result=\"miss\"")).isPositive();
            // as if the process had stopped while compiling this one
            echo = first.api.uploadReady(key, "echo-c.wasm");
            first.bean(JdbcClient.class).sql("UPDATE components SET status = 'compiling' WHERE digest = ?").param(echo)
                    .update();
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("compile-cache"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jar")).count()).as("cache entries on disk").isPositive();
        }
        try (Replica second = Replica.start(database, dataDir)) {
            assertThat(second.api.get("/t/keeper/hello/", null).body()).as("the first request").isEqualTo("hello from c\n");
            String scrape = second.scrape();
            assertThat(Replica.sample(scrape, "wharf_compile_cache_total", "result=\"disk-hit\"")).isPositive();
            assertThat(Replica.sample(scrape, "wharf_compile_cache_total", "result=\"miss\"")).as("nothing compiled")
                    .isZero();
            assertThat(Replica.sample(scrape, "wharf_requests_seconds_count", "app=\"hello\"")).isEqualTo(1);
            assertThat(second.api.awaitCompiled(key, echo).get("status").asString())
                    .as("a component left compiling is compiled again at start").isEqualTo("ready");
        }
    }
}
