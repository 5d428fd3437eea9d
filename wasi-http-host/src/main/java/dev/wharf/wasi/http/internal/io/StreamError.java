package dev.wharf.wasi.http.internal.io;

/**
 * Mirrors the WIT {@code variant stream-error { last-operation-failed(error), closed }}.
 * {@code Closed} is the normal end (EOF, or the reader went away); {@code LastOperationFailed} carries an
 * {@link IoError}; after it the stream is closed for every later operation, as the WIT requires.
 */
public sealed interface StreamError {
    record Closed() implements StreamError {
        public static final Closed INSTANCE = new Closed();
    }

    record LastOperationFailed(IoError error) implements StreamError {}

    static StreamError closed() {
        return Closed.INSTANCE;
    }

    static StreamError failed(IoError error) {
        return new LastOperationFailed(error);
    }
}
