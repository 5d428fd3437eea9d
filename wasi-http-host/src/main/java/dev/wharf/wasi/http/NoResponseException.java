package dev.wharf.wasi.http;

/**
 * The guest produced no usable response: it set the response-outparam to an {@code error-code}, or dropped it
 * (or returned, or trapped) without setting it. The gateway answers 500 with {@link #getMessage()} as reason.
 */
public final class NoResponseException extends RuntimeException {
    public NoResponseException(String reason) {
        super(reason, null, false, false);
    }
}
