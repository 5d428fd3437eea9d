package dev.wharf.wasi.keyvalue;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Limits applied per tenant by every backend. A write that breaks one stores nothing and fails with
 * {@code other(<reason>)}.
 *
 * @param maxKeyBytes longest key, in UTF-8 bytes
 * @param maxValueBytes largest value
 * @param maxTenantBytes all of a tenant's keys and values together (UTF-8 key bytes + value bytes)
 * @param pageSize most keys one {@code list-keys} call returns
 */
public record KeyValueLimits(int maxKeyBytes, int maxValueBytes, long maxTenantBytes, int pageSize) {
    public static final KeyValueLimits DEFAULT = new KeyValueLimits(256, 1 << 20, 64L << 20, 100);

    public KeyValueLimits {
        if (maxKeyBytes < 1 || maxValueBytes < 0 || maxTenantBytes < 0 || pageSize < 1) {
            throw new IllegalArgumentException("keyvalue limits must be positive");
        }
    }

    /** Limits from {@code wharf.keyvalue.max-key-bytes}, {@code max-value-bytes}, {@code max-tenant-bytes}, {@code page-size}. */
    public static KeyValueLimits from(Function<String, String> properties) {
        return new KeyValueLimits(
                (int) number(properties, "wharf.keyvalue.max-key-bytes", DEFAULT.maxKeyBytes),
                (int) number(properties, "wharf.keyvalue.max-value-bytes", DEFAULT.maxValueBytes),
                number(properties, "wharf.keyvalue.max-tenant-bytes", DEFAULT.maxTenantBytes),
                (int) number(properties, "wharf.keyvalue.page-size", DEFAULT.pageSize));
    }

    private static long number(Function<String, String> properties, String key, long fallback) {
        String value = properties.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, got '" + value + "'");
        }
    }

    /** Checks a key; returns its UTF-8 bytes. */
    public byte[] checkKey(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw KeyValueException.other("the key is empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw KeyValueException.other("the key contains a NUL character");
        }
        if (bytes.length > maxKeyBytes) {
            throw KeyValueException.other(KeyValueException.Reason.KEY_TOO_LONG, "the key is " + bytes.length + " bytes long, the limit is " + maxKeyBytes);
        }
        return bytes;
    }

    /** Checks a value's size. */
    public void checkValue(String key, byte[] value) {
        if (value.length > maxValueBytes) {
            throw KeyValueException.other(KeyValueException.Reason.VALUE_TOO_LARGE, "the value for '" + key + "' is " + value.length + " bytes, the limit is "
                    + maxValueBytes);
        }
    }

    /** The error for a write that would take a tenant past {@link #maxTenantBytes}. */
    public KeyValueException tenantFull(String tenant, long wouldUse) {
        return tenantFull(tenant, wouldUse, maxTenantBytes);
    }

    /** @param limit the tenant's quota: {@link #maxTenantBytes} or the tenant's own, where the backend keeps one */
    public static KeyValueException tenantFull(String tenant, long wouldUse, long limit) {
        return KeyValueException.other(KeyValueException.Reason.TENANT_FULL, "tenant " + tenant + " would store " + wouldUse
                + " bytes, the limit is " + limit);
    }
}
