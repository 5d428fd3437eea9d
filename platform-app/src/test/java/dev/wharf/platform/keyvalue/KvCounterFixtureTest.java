package dev.wharf.platform.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.wharf.engine.Engine;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kv-counter-c (C, wasi:http + wasi:keyvalue draft2) on PostgreSQL: counting, parallel requests, tenants, bindings. */
@Timeout(180)
class KvCounterFixtureTest {
    private static HikariDataSource dataSource;
    private static Engine engine;
    private static KvCounterHttp counter;

    @BeforeAll
    static void start() {
        dataSource = KeyValueDatabase.create();
        KeyValueDatabase.createTenant(dataSource, "acme");
        KeyValueDatabase.createTenant(dataSource, "globex");
        KeyValuePlugin plugin = new KeyValuePlugin();
        plugin.init(PluginContext.of(Map.of(DataSource.class, dataSource), key -> null));
        engine = Engine.create();
        counter = new KvCounterHttp(engine, plugin);
    }

    @AfterAll
    static void stop() {
        engine.close();
        dataSource.close();
    }

    @Test
    void countsPerKeyAndShowsThePreviousValue() throws Exception {
        assertThat(counter.get("acme", Map.of(), "/visits")).isEqualTo(new KvCounterHttp.Reply(200, "1", "none"));
        assertThat(counter.get("acme", Map.of(), "/visits")).isEqualTo(new KvCounterHttp.Reply(200, "2", "1"));
        assertThat(counter.get("acme", Map.of(), "/")).isEqualTo(new KvCounterHttp.Reply(200, "1", "none"));
        // another tenant's app with the same key and bucket name counts on its own
        assertThat(counter.get("globex", Map.of(), "/visits")).isEqualTo(new KvCounterHttp.Reply(200, "1", "none"));
        assertThat(counter.get("acme", Map.of(), "/visits").body()).isEqualTo("3");
    }

    @Test
    void anAppNotBoundToTheDefaultBucketGetsAccessDenied() throws Exception {
        KvCounterHttp.Reply reply = counter.get("acme", Map.of("buckets", List.of("sessions")), "/denied");
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).isEqualTo("keyvalue error 1"); // case 1 of store.error: access-denied
    }

    @Test
    void parallelRequestsCountExactly() throws Exception {
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<KvCounterHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(pool.submit(() -> counter.get("acme", Map.of(), "/parallel")));
            }
            List<String> values = new ArrayList<>();
            for (Future<KvCounterHttp.Reply> r : replies) {
                assertThat(r.get().status()).isEqualTo(200);
                values.add(r.get().body());
            }
            // every request saw its own increment: the values are exactly 1..N
            assertThat(values).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, requests).mapToObj(Integer::toString).toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter.get("acme", Map.of(), "/parallel").body()).isEqualTo(Integer.toString(requests + 1));
    }
}
