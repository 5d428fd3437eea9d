package dev.wharf.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The guest fixture components built into {@code src-test/fixtures} (small ones only: {@code large/} is
 * not listed). Surefire runs with the module directory as working directory, hence the relative path.
 */
public final class Fixtures {
    public static final Path DIR = Path.of("..", "src-test", "fixtures");

    private Fixtures() {}

    /** Every {@code *.wasm} directly in the fixtures directory, sorted by name. */
    public static List<Path> wasmFiles() {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
