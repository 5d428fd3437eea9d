package dev.wharf.wasi.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Developer mode's configuration: one Java properties file (UTF-8) whose values every app sees. Read again when
 * its modification time changes, so edits reach the next request without a restart.
 */
public final class FileConfigSource implements ConfigSource {
    private record Loaded(FileTime modified, ConfigSnapshot snapshot) {}

    private final Path file;
    private volatile Loaded loaded;

    public FileConfigSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public ConfigSnapshot snapshot(String tenant, String app) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded l = loaded;
            if (l == null || !l.modified().equals(modified)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, String> values = new HashMap<>();
                p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
                l = new Loaded(modified, new ConfigSnapshot(values));
                loaded = l;
            }
            return l.snapshot();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigSourceException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
        }
    }
}
