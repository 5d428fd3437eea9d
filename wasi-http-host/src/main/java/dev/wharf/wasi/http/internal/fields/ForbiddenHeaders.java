package dev.wharf.wasi.http.internal.fields;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which header names a guest may not set. The default follows wasmtime's {@code DEFAULT_FORBIDDEN_HEADERS}:
 * connection-level (hop-by-hop) headers that only the host's HTTP stack may decide - letting a guest set
 * {@code transfer-encoding} or {@code connection} would let it desynchronise the framing of the shared
 * connection, and {@code host} belongs to routing. The platform may add names (wasmtime's
 * {@code is_forbidden_header} hook) with {@link #plus}.
 */
public record ForbiddenHeaders(Predicate<String> isForbidden) {
    public static final Set<String> DEFAULT_NAMES = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "transfer-encoding",
            "upgrade",
            "host",
            "http2-settings");

    public static final ForbiddenHeaders DEFAULT = new ForbiddenHeaders(DEFAULT_NAMES::contains);

    /** @param name an already lowercased, valid name */
    public boolean forbids(String name) {
        return isForbidden.test(name);
    }

    public ForbiddenHeaders plus(Set<String> more) {
        Set<String> lower = more.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new ForbiddenHeaders(isForbidden.or(lower::contains));
    }
}
