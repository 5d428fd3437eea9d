package dev.wharf.platform.testing;

import dev.wharf.platform.internal.db.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real embedded PostgreSQL per test JVM, started the way the platform starts its own (as an unprivileged user
 * when the tests run as root), and a fresh database for every Spring context that asks for one.
 */
public final class TestDatabase {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path dir = newDataDir("wharf-test-pg");
            server = EmbeddedPostgres.start(dir, "nobody");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                deleteTree(dir);
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** Points {@code wharf.database.*} at a new, empty database on the shared server. */
    public static void register(DynamicPropertyRegistry registry) {
        EmbeddedPostgres pg = server();
        String name = "test_" + DATABASES.incrementAndGet();
        pg.createDatabase(name);
        String url = pg.jdbcUrl(name);
        registry.add("wharf.database.url", () -> url);
        registry.add("wharf.database.username", pg::username);
        registry.add("wharf.database.password", pg::password);
    }

    /** A temporary directory the unprivileged PostgreSQL user can enter (mode 0755). */
    public static Path newDataDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
