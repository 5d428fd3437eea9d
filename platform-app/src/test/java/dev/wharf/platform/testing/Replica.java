package dev.wharf.platform.testing;

import dev.wharf.platform.WharfApplication;
import dev.wharf.platform.internal.db.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole platform process (Spring context) on a given database of the shared test PostgreSQL and its own data
 * directory (compile cache), on random ports: several of them on one database behave like replicas.
 */
public final class Replica implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    public final ApiClient api;
    public final int managementPort;

    private Replica(ConfigurableApplicationContext context) {
        this.context = context;
        this.api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
        this.managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    /** A new database on the shared test server; pass it to {@link #start}. */
    public static String newDatabase() {
        String name = "replicas_" + System.nanoTime();
        TestDatabase.server().createDatabase(name);
        return name;
    }

    public static Replica start(String database, Path dataDir, String... extraArgs) {
        EmbeddedPostgres pg = TestDatabase.server();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                "--wharf.admin-token=" + ApiTest.ADMIN, "--wharf.data-dir=" + dataDir,
                "--wharf.database.url=" + pg.jdbcUrl(database), "--wharf.database.username=" + pg.username(),
                "--wharf.database.password=" + pg.password()));
        args.addAll(List.of(extraArgs));
        return new Replica(SpringApplication.run(WharfApplication.class, args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The Prometheus scrape of the management port. */
    public String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label} (0 when none). */
    public static double sample(String scrape, String metric, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        context.close();
    }
}
