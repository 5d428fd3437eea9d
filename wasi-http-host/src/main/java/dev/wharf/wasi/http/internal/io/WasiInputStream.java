package dev.wharf.wasi.http.internal.io;

/**
 * The {@code wasi:io/streams.input-stream} resource, as plumbing. {@code len} arguments are WIT {@code u64}s
 * carried in a {@code long}; a value that is negative as a signed long means "very large" and is treated as
 * {@link Long#MAX_VALUE}. The blocking variants are defined once here, from the non-blocking ones plus
 * {@link #subscribe()}, exactly as the WIT describes them.
 */
public interface WasiInputStream {
    /** Non-blocking: returns what is available now, up to {@code len}, possibly nothing. */
    byte[] read(long len) throws StreamErrorException;

    /** Non-blocking skip: returns how many bytes were skipped, possibly 0. */
    long skip(long len) throws StreamErrorException;

    /** Ready when a read would return data or an error. */
    Pollable subscribe();

    /** The resource was dropped: release buffers and stop the producer. Idempotent. */
    void close();

    /** Blocks until at least one byte (or an error) is available. */
    default byte[] blockingRead(long len) throws StreamErrorException, InterruptedException {
        Pollable ready = subscribe();
        while (true) {
            byte[] data = read(len);
            if (data.length > 0 || len == 0) {
                return data;
            }
            ready.block();
        }
    }

    default long blockingSkip(long len) throws StreamErrorException, InterruptedException {
        Pollable ready = subscribe();
        while (true) {
            long skipped = skip(len);
            if (skipped > 0 || len == 0) {
                return skipped;
            }
            ready.block();
        }
    }

    static long unsignedLen(long len) {
        return len < 0 ? Long.MAX_VALUE : len;
    }
}
