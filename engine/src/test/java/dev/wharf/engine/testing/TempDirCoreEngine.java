package dev.wharf.engine.testing;

import dev.wharf.engine.core.CompileCacheStats;
import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that is a {@link CoreEngine}: before each test a new Chicory engine with its
 * disk compile cache in a fresh temporary directory, closed and deleted after the test. Replaces the
 * temp-dir field, engine field, set-up and tear-down each core test repeated:
 *
 * <pre>{@code
 * @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();
 * ... engine.compile(bytes) ...
 * }</pre>
 */
public final class TempDirCoreEngine implements CoreEngine, BeforeEachCallback, AfterEachCallback {
    private Path cacheDir;
    private CoreEngine engine;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        cacheDir = Files.createTempDirectory("wharf-core-engine-test");
        engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            engine.close();
        } finally {
            try (Stream<Path> files = Files.walk(cacheDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** The engine's disk cache directory (valid during a test). */
    public Path cacheDir() {
        return cacheDir;
    }

    @Override
    public CoreModule compile(byte[] wasm) {
        return engine().compile(wasm);
    }

    @Override
    public CompileCacheStats cacheStats() {
        return engine().cacheStats();
    }

    /** Closed by the extension after each test; closing it earlier closes the engine early. */
    @Override
    public void close() {
        engine().close();
    }

    private CoreEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("TempDirCoreEngine is used outside a test: register it with @RegisterExtension");
        }
        return engine;
    }
}
