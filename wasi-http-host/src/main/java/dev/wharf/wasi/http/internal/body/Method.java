package dev.wharf.wasi.http.internal.body;

import java.util.Locale;

/** Mirrors the WIT {@code variant method { get, head, ..., other(string) }}. */
public sealed interface Method {
    enum Standard implements Method { GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH }

    /** Any other token, case preserved (methods are case-sensitive in RFC 9110). */
    record Other(String name) implements Method {}

    /** The gateway's method string: the nine standard methods map to their case, anything else to {@code other}. */
    static Method of(String name) {
        for (Standard s : Standard.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return new Other(name);
    }

    default String wireName() {
        return this instanceof Other o ? o.name() : ((Standard) this).name().toUpperCase(Locale.ROOT);
    }
}
