package dev.wharf.wasi.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable view of one app's configuration at one moment: what a guest instance sees for its whole life, so
 * a request never mixes values from before and after a change. Keys are sorted, so {@code get-all} has a stable
 * order.
 */
public record ConfigSnapshot(Map<String, String> values) {
    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(Map.of());

    public ConfigSnapshot {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Values are left out: some of them are secrets. */
    @Override
    public String toString() {
        return "ConfigSnapshot" + values.keySet();
    }
}
