package dev.wharf.wasi.keyvalue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of its tenant's buckets an app may open: the names in its {@code "keyvalue": {"buckets": [...]}}
 * settings, or only {@code default} without settings. {@code ""} and {@code default} both mean the tenant's
 * bucket {@code default}.
 */
public record BucketAccess(String tenant, Set<String> buckets) {
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public BucketAccess {
        buckets = Set.copyOf(buckets);
    }

    /** Whether {@code name} can name a bucket at all (lower-case letters, digits, '.', '_', '-'; 1 to 63). */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * The access an app's settings grant.
     *
     * @throws IllegalArgumentException the settings are malformed (the message is for the app's author)
     */
    public static BucketAccess of(String tenant, Map<String, Object> settings) {
        for (String field : settings.keySet()) {
            if (!field.equals("buckets")) {
                throw new IllegalArgumentException("keyvalue: unknown setting '" + field + "' (only \"buckets\" is allowed)");
            }
        }
        Object raw = settings.get("buckets");
        if (raw == null) {
            return new BucketAccess(tenant, Set.of(DEFAULT));
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("keyvalue.buckets must be a list of bucket names");
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String name)) {
                throw new IllegalArgumentException("keyvalue.buckets must be a list of bucket names, found " + item);
            }
            String resolved = name.isEmpty() ? DEFAULT : name;
            if (!validName(resolved)) {
                bad.add(name);
            }
            names.add(resolved);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("keyvalue.buckets: invalid bucket name(s) " + bad
                    + " (1 to 63 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
        return new BucketAccess(tenant, names);
    }

    /**
     * The bucket {@code identifier} opens: {@code no-such-store} when no bucket can have that name,
     * {@code access-denied} when the app is not bound to it.
     */
    public BucketId open(String identifier) {
        String name = identifier.isEmpty() ? DEFAULT : identifier;
        if (!validName(name)) {
            throw KeyValueException.noSuchStore("no store is named '" + identifier + "'");
        }
        if (!buckets.contains(name)) {
            throw KeyValueException.accessDenied("this app is not bound to bucket '" + name + "'");
        }
        return new BucketId(tenant, name);
    }
}
