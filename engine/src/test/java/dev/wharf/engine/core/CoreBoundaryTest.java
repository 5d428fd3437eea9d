package dev.wharf.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The point of the core-engine layer: only the Chicory backend package may import Chicory, so a
 * second backend can be added without touching anything else. (A source scan rather than
 * ArchUnit, to keep the engine's test dependencies at JUnit and AssertJ.)
 */
class CoreBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path BACKEND = MAIN.resolve("dev/wharf/engine/internal/chicory");

    @Test
    void onlyTheChicoryBackendImportsChicory() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            var offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(BACKEND))
                    .filter(CoreBoundaryTest::mentionsChicory)
                    .toList();
            assertThat(offenders)
                    .as("use dev.wharf.engine.core instead of Chicory types outside internal.chicory")
                    .isEmpty();
        }
    }

    private static boolean mentionsChicory(Path file) {
        try {
            return Files.readString(file).contains("com.dylibso.chicory");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
