package dev.wharf.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.internal.db.DatabaseConfiguration.DatabaseServer;
import dev.wharf.platform.testing.ApiTest;
import dev.wharf.wasi.config.ConfigSnapshot;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cache invalidation across replicas: a second replica (its own cache, store and LISTEN connection on the same
 * PostgreSQL) sees changes made through the first one's API, and keeps seeing them after its listener's
 * connection is killed and comes back.
 */
class ConfigReplicasTest extends ApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    DatabaseServer database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    ConfigCache replica;
    ConfigChangeListener listener;
    String tenant;
    String key;

    @BeforeEach
    void secondReplica() throws InterruptedException {
        // no expiry to speak of: only notifications (or a reconnect) can make this cache see a change
        replica = new ConfigCache(new ConfigStore(jdbc, tx), Optional.empty(), 100, Duration.ofDays(1));
        listener = new ConfigChangeListener(database.url(), database.username(), database.password(), replica);
        listener.start();
        assertThat(listener.awaitConnected(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        tenant = "r" + System.nanoTime() % 100_000_000;
        key = api.createTenant(ADMIN, tenant);
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    void put(String path, String value) {
        assertThat(api.putJson(path, key, "{\"value\":\"" + value + "\"}").status()).isIn(200, 201);
    }

    static void eventually(Supplier<ConfigSnapshot> read, String key, Optional<String> expected) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!read.get().get(key).equals(expected) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(read.get().get(key)).isEqualTo(expected);
    }

    @Test
    void aChangeThroughAnotherReplicaReachesThisReplicasCache() throws InterruptedException {
        put("/v1/apps/shop/config/color", "red");
        assertThat(replica.snapshot(tenant, "shop").get("color")).contains("red");
        put("/v1/apps/shop/config/color", "blue");
        eventually(() -> replica.snapshot(tenant, "shop"), "color", Optional.of("blue"));
        put("/v1/config/region", "eu");
        eventually(() -> replica.snapshot(tenant, "shop"), "region", Optional.of("eu"));
        assertThat(api.delete("/v1/apps/shop/config/color", key).status()).isEqualTo(204);
        eventually(() -> replica.snapshot(tenant, "shop"), "color", Optional.empty());
    }

    @Test
    void aTenantUnknownWhenCachedIsRefreshedOnceItHasValues() throws InterruptedException {
        String later = "l" + System.nanoTime() % 100_000_000;
        assertThat(replica.snapshot(later, "shop").values()).isEmpty();
        String laterKey = api.createTenant(ADMIN, later);
        api.putJson("/v1/config/greeting", laterKey, "{\"value\":\"hi\"}");
        eventually(() -> replica.snapshot(later, "shop"), "greeting", Optional.of("hi"));
    }

    @Test
    void afterItsConnectionIsKilledTheListenerReconnectsAndDropsTheWholeCache() throws InterruptedException {
        put("/v1/apps/shop/config/color", "red");
        assertThat(replica.snapshot(tenant, "shop").get("color")).contains("red");
        int killed = jdbc.sql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = ? AND datname = current_database()""")
                .param(ConfigChangeListener.APPLICATION_NAME).query(Integer.class).single();
        assertThat(killed).isGreaterThanOrEqualTo(1);
        // written while the listener may be away: only the full invalidation after reconnecting can reveal it
        jdbc.sql("UPDATE config_values SET value = 'changed-behind-its-back' WHERE key = 'color' AND app = 'shop'"
                + " AND tenant_id = (SELECT id FROM tenants WHERE name = ?)").param(tenant).update();
        long end = System.nanoTime() + WAIT.toNanos();
        while (listener.connections() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(listener.connections()).isGreaterThanOrEqualTo(2);
        eventually(() -> replica.snapshot(tenant, "shop"), "color", Optional.of("changed-behind-its-back"));
        put("/v1/apps/shop/config/color", "after-reconnect");
        eventually(() -> replica.snapshot(tenant, "shop"), "color", Optional.of("after-reconnect"));
    }

    @Test
    void aLoadThatReadBeforeAChangeDoesNotLeaveAStaleView() throws Exception {
        put("/v1/apps/shop/config/color", "red");
        long tenantId = jdbc.sql("SELECT id FROM tenants WHERE name = ?").param(tenant).query(Long.class).single();
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the real store, held up between its read and the cache's store of the result
        ConfigStore slow = new ConfigStore(jdbc, tx) {
            @Override
            public Levels levels(String t, String app) {
                Levels levels = super.levels(t, app);
                read.countDown();
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return levels;
            }
        };
        ConfigCache cache = new ConfigCache(slow, Optional.empty(), 100, Duration.ofDays(1));
        CompletableFuture<ConfigSnapshot> loading = CompletableFuture.supplyAsync(() -> cache.snapshot(tenant, "shop"));
        assertThat(read.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // the change commits and is announced while that load still holds the old rows
        jdbc.sql("UPDATE config_values SET value = 'blue' WHERE tenant_id = ? AND app = 'shop' AND key = 'color'")
                .param(tenantId).update();
        cache.invalidateTenant(tenantId);
        release.countDown();
        assertThat(loading.get(WAIT.toSeconds(), TimeUnit.SECONDS).get("color")).contains("red");
        assertThat(cache.snapshot(tenant, "shop").get("color")).contains("blue");
    }
}
