package dev.wharf.wasi.http.internal.body;

/**
 * The incoming body went past the configured maximum. Kept as the {@link IoError#cause()} the guest sees,
 * and exposed by {@link IncomingBodyStream#limitExceeded()} so the gateway answers 413 instead of whatever
 * the guest made of the failed read.
 */
public final class BodyTooLargeException extends RuntimeException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
