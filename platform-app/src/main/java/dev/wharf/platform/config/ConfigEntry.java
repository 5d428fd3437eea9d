package dev.wharf.platform.config;

import java.time.OffsetDateTime;

/**
 * A configuration value as the API shows it: a secret's value is always {@link #MASK}, never the plaintext.
 *
 * @param level {@code "tenant"} or {@code "app"}
 */
public record ConfigEntry(String key, String value, boolean secret, String level, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt) {
    public static final String MASK = "********";

    static ConfigEntry of(StoredValue row) {
        return new ConfigEntry(row.key(), row.secret() ? MASK : row.value(), row.secret(),
                row.app().isEmpty() ? "tenant" : "app", row.createdAt(), row.updatedAt());
    }
}
