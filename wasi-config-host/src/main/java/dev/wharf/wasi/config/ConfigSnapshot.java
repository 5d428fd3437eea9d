package dev.wharf.wasi.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable view of one app's configuration at one moment: what a guest instance sees for its whole life, so
 * a request never mixes values from before and after a change. Keys are sorted, so {@code get-all} has a stable
 * order.
 *
 * @param unreadable keys whose value exists but cannot be read (a secret sealed with a key the platform does not
 *     have), with the reason: a {@code get} of one of them, and any {@code get-all}, answers {@code upstream} with
 *     that reason, while the other keys read normally
 */
public record ConfigSnapshot(Map<String, String> values, Map<String, String> unreadable) {
    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(Map.of());

    public ConfigSnapshot {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
    }

    public ConfigSnapshot(Map<String, String> values) {
        this(values, Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Why {@code key}'s value cannot be read, if it cannot. */
    public Optional<String> unreadable(String key) {
        return Optional.ofNullable(unreadable.get(key));
    }

    /** Values are left out: some of them are secrets. */
    @Override
    public String toString() {
        return "ConfigSnapshot" + values.keySet() + (unreadable.isEmpty() ? "" : " unreadable " + unreadable.keySet());
    }
}
