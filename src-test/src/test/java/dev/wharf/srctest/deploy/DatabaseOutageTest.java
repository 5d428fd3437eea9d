package dev.wharf.srctest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.internal.db.EmbeddedPostgres;
import dev.wharf.platform.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The probes the chart and compose file use, during a database outage: readiness goes down (the pod leaves the
 * Service), liveness stays up (the pod is not restarted), and readiness comes back with the database.
 */
class DatabaseOutageTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(String base, String path) throws Exception {
        // A readiness check may wait for a pool connection (up to HikariCP's 30 s connection timeout) before failing.
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void sql(EmbeddedPostgres pg, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--wharf.admin-token=outage-test"));
        List<String> url = new ArrayList<>();
        TestDatabase.register((name, value) -> {
            args.add("--" + name + "=" + value.get());
            if (name.equals("wharf.database.url")) {
                url.add((String) value.get());
            }
        });
        String database = url.get(0).substring(url.get(0).lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        EmbeddedPostgres pg = TestDatabase.server();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WharfApplication.class)
                .run(args.toArray(String[]::new))) {
            // actuator listens on the management port
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
            assertThat(status(base, "/actuator/health/readiness")).isEqualTo(200);

            sql(pg, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            sql(pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            try {
                assertThat(status(base, "/actuator/health/readiness")).isEqualTo(503);
                assertThat(status(base, "/actuator/health/liveness")).isEqualTo(200);
            } finally {
                sql(pg, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            // The pool reconnects on its own; readiness follows within a few probe periods.
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            int ready;
            while ((ready = status(base, "/actuator/health/readiness")) != 200 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(ready).isEqualTo(200);
        }
    }
}
