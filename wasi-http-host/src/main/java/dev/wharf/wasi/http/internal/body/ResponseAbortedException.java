package dev.wharf.wasi.http.internal.body;

/**
 * Sent to the gateway's subscriber (as {@code onError}) when the guest's response body cannot be completed:
 * the outgoing-body was dropped without {@code finish}, its size contradicts content-length, or the guest
 * trapped. The gateway must then abort the HTTP response (reset the stream / close the connection) rather
 * than end it normally, so the client can tell a truncated body from a complete one.
 */
public final class ResponseAbortedException extends RuntimeException {
    public ResponseAbortedException(String message) {
        super(message, null, false, false);
    }
}
