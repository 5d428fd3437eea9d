package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A persistent store of compiled modules, one file per module, implementing Chicory's {@link
 * Cache} contract so it also plugs into {@code MachineFactoryCompiler.builder().withCache()}.
 *
 * <p>Layout: {@code <root>/chicory-<version>/<sha256-hex>.jar}. The Chicory version is a directory
 * level so that an upgrade simply misses (and old directories can be deleted wholesale). Writes go
 * to a temporary file in the same directory and are then renamed into place, so several JVMs may
 * share the directory: a reader sees a complete file or none, and two writers of the same key
 * write the same bytes.
 */
final class DiskCompileCache implements Cache {

    /** System property that overrides the default root directory. */
    static final String DIRECTORY_PROPERTY = "wharf.compileCache.dir";

    private final Path directory;

    DiskCompileCache(Path root, String chicoryVersion) {
        this.directory = root.resolve("chicory-" + sanitize(chicoryVersion));
    }

    /** {@code -Dwharf.compileCache.dir}, else {@code ~/.cache/wharf/compiled}. */
    static Path defaultRoot() {
        var configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wharf", "compiled");
    }

    Path directory() {
        return directory;
    }

    /** The file for a key of the form {@code sha256:<hex>} (Chicory's "algo:digest"). */
    Path fileFor(String key) {
        return directory.resolve(sanitize(key.replace(':', '-')) + ".jar");
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            return Files.readAllBytes(fileFor(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        var target = fileFor(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(directory);
        var temp = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, data);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes an entry that failed to load, so the next compile rewrites it. */
    void evict(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
        } catch (IOException e) {
            // Best effort: a later putIfAbsent will see the file and keep it; we recompile anyway.
        }
    }

    private static String sanitize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
