package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.wharf.srctest.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every conformance fixture on both servers, started once for the whole test run (in the root store, closed when
 * the run ends): starting 16 servers is most of the cost of these tests, so the classes share them.
 */
final class SharedServers implements BeforeAllCallback {

    /** The fixtures compared; see the test classes for what each is sent, and docs for the ones left out. */
    static final List<String> FIXTURES = List.of("hello-c", "hello-js", "stdio-c", "trailers-c", "echo-c", "echo-js",
            "read-body-c", "stream-response-c", "hello-rust", "echo-rust", "hello-rust-p2", "echo-rust-p2");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServers.class);

    private static volatile Servers servers;

    /** The started servers, closed by JUnit with the root store. */
    record Servers(Map<String, ServedTwice> byFixture) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            for (ServedTwice s : byFixture.values()) {
                s.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Servers.class, k -> {
            try {
                return new Servers(start());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not start the servers", e);
            }
        }, Servers.class);
    }

    /**
     * With the fixture build skipped ({@code -Dwharf.fixtures.skipBuild=true}) jco or the large JS fixtures may be
     * missing: then their tests are skipped. A full {@code ./mvnw verify} installs and builds both, so there a
     * missing one fails.
     */
    private static boolean present(Path path) {
        return Files.exists(path) || !Boolean.getBoolean("wharf.fixtures.skipBuild");
    }

    private static Map<String, ServedTwice> start() throws Exception {
        if (!present(JcoServe.jco())) {
            return Map.of();
        }
        Map<String, Path> fixtures = new LinkedHashMap<>();
        for (String name : FIXTURES) {
            Path path = Fixtures.path(name);
            if (present(path)) {
                fixtures.put(name, path);
            }
        }
        return ServedTwice.start(fixtures);
    }

    /** The fixture on both servers; skips the test when it is not built here (see {@link #present}). */
    static ServedTwice get(String fixture) {
        if (!FIXTURES.contains(fixture)) {
            throw new IllegalArgumentException("not a conformance fixture: " + fixture);
        }
        ServedTwice s = servers == null ? null : servers.byFixture().get(fixture);
        assumeThat(s).as(fixture + " and jco are built (bash src-test/guests/build.sh)").isNotNull();
        return s;
    }
}
