package dev.wharf.platform.config;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * What the config API accepts: key syntax and length, value size, and how many keys one level (a tenant's
 * tenant-wide values, or one app's) may hold.
 *
 * @param maxKeyLength characters ({@code wharf.config.max-key-length}, default 128)
 * @param maxValueBytes UTF-8 bytes of one value ({@code wharf.config.max-value-bytes}, default 65536)
 * @param maxKeys keys per level ({@code wharf.config.max-keys}, default 500)
 */
public record ConfigLimits(int maxKeyLength, int maxValueBytes, int maxKeys) {
    /** Letters, digits, '_', '.', '-': safe in URL paths, shell-free, and the same in every guest language. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    public static ConfigLimits from(Environment env) {
        return new ConfigLimits(env.getProperty("wharf.config.max-key-length", Integer.class, 128),
                env.getProperty("wharf.config.max-value-bytes", Integer.class, 64 * 1024),
                env.getProperty("wharf.config.max-keys", Integer.class, 500));
    }

    /** Why {@code key} is refused, or {@code null} when it is valid. */
    String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "a config key must not be empty";
        }
        if (key.length() > maxKeyLength) {
            return "config key is " + key.length() + " characters long; the limit is " + maxKeyLength;
        }
        if (!KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
            return "invalid config key '" + key + "': use letters, digits, '_', '.' and '-' only";
        }
        return null;
    }

    /** Why {@code value} is refused, or {@code null} when it is valid. Never quotes the value. */
    String valueProblem(String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxValueBytes) {
            return "the value is " + bytes + " bytes (UTF-8); the limit is " + maxValueBytes;
        }
        if (value.indexOf('\0') >= 0) {
            return "the value contains a NUL character, which PostgreSQL text cannot store";
        }
        return null;
    }
}
