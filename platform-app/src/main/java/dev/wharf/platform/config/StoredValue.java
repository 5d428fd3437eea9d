package dev.wharf.platform.config;

import java.time.OffsetDateTime;

/**
 * A configuration row as stored: a plain {@code value}, or for a secret only its {@code sealed} form.
 * {@code toString} shows no value.
 */
public record StoredValue(String app, String key, boolean secret, String value, SecretCipher.Sealed sealed,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    @Override
    public String toString() {
        return "StoredValue[" + (app.isEmpty() ? "" : app + "/") + key + (secret ? ", secret" : "") + "]";
    }
}
