package dev.wharf.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the small component binaries under {@code src/test/resources/components} (built from the .wat next to them). */
public final class TestComponents {
    /** The valid test components (resource names without .wasm). */
    public static final List<String> VALID = List.of("kitchen-sink", "resources", "nested", "http-proxy-shape");

    /** Well-formed but invalid test components, under {@code invalid/}. */
    public static final List<String> INVALID = List.of("lift-string-without-memory", "lower-string-result-without-realloc",
            "duplicate-export", "alias-missing-export", "core-alias-missing-export", "bad-type-index", "bad-func-index",
            "bad-import-name", "own-of-non-resource", "resource-new-of-import", "duplicate-string-encoding");

    /** Well-formed components using features not supported yet, under {@code unsupported/}. */
    public static final List<String> UNSUPPORTED = List.of("async-lift", "stream-type", "task-return", "fixed-list");

    private TestComponents() {}

    public static byte[] load(String name) {
        try (InputStream in = TestComponents.class.getResourceAsStream("/components/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test component " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
