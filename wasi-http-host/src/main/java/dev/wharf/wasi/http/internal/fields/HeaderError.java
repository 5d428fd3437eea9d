package dev.wharf.wasi.http.internal.fields;

/**
 * Mirrors the WIT {@code variant header-error { invalid-syntax, forbidden, immutable }} (no payloads, so an
 * enum is the exact mirror).
 */
public enum HeaderError {
    /** The name is not an RFC 9110 token, or a value holds a forbidden control byte. */
    INVALID_SYNTAX,
    /** The name is on the host's forbidden list (hop-by-hop and connection-level headers). */
    FORBIDDEN,
    /** The fields belong to a request/response handed to the guest, or were already attached to one. */
    IMMUTABLE
}
