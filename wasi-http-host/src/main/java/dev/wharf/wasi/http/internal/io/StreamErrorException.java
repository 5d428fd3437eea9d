package dev.wharf.wasi.http.internal.io;

/**
 * Carries a WIT-visible {@link StreamError} out of a stream operation. It is checked on purpose: every
 * caller (the binding glue) must turn it into the {@code err(stream-error)} arm of the WIT result, not let it
 * escape as a trap. No stack trace: it is a value, raised on the hot path at every EOF.
 */
public final class StreamErrorException extends Exception {
    private final StreamError error;

    public StreamErrorException(StreamError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public StreamError error() {
        return error;
    }

    public static StreamErrorException closed() {
        return new StreamErrorException(StreamError.closed());
    }

    public static StreamErrorException failed(IoError error) {
        return new StreamErrorException(StreamError.failed(error));
    }
}
