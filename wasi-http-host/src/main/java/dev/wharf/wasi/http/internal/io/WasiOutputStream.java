package dev.wharf.wasi.http.internal.io;

/**
 * The {@code wasi:io/streams.output-stream} resource, as plumbing. Implementations provide the non-blocking
 * core ({@link #checkWrite()}, {@link #write}, {@link #flush()}, {@link #subscribe()}); the blocking
 * operations and splice are written once here following the WIT's own pseudo-code, so every output stream
 * gets the same semantics.
 */
public interface WasiOutputStream {
    /** The WIT caps {@code blocking-write-and-flush} (and the zeroes variant) at 4096 bytes per call. */
    int BLOCKING_WRITE_MAX = 4096;

    /** How many bytes {@link #write} accepts now; 0 means "wait for {@link #subscribe()}". */
    long checkWrite() throws StreamErrorException;

    /**
     * Non-blocking write within the last permit.
     *
     * @throws WasiTrap if {@code contents} is longer than the current permit (the WIT says this traps)
     */
    void write(byte[] contents) throws StreamErrorException;

    /** Starts flushing what was written; {@link #checkWrite()} stays 0 until the flush is done. */
    void flush() throws StreamErrorException;

    /** Ready when {@link #checkWrite()} would return a non-zero permit or an error. */
    Pollable subscribe();

    /**
     * Ready when everything flushed so far has been handed on (or the stream ended). The blocking operations
     * wait on this after flushing rather than on {@link #subscribe()}: a stream whose permit follows demand
     * may have delivered the flush and still have a 0 permit, and waiting for more demand there would make
     * the guest's last write wait for a request the client has no reason to send.
     */
    default Pollable flushed() {
        return subscribe();
    }

    /** The resource was dropped. Does not finish the body (that is {@code outgoing-body.finish}). */
    void close();

    default void writeZeroes(long len) throws StreamErrorException {
        long n = WasiInputStream.unsignedLen(len);
        if (n > Integer.MAX_VALUE - 8) {
            throw new WasiTrap("write-zeroes: length beyond the write permit");
        }
        write(new byte[(int) n]);
    }

    default void blockingWriteAndFlush(byte[] contents) throws StreamErrorException, InterruptedException {
        if (contents.length > BLOCKING_WRITE_MAX) {
            throw new WasiTrap("blocking-write-and-flush: more than 4096 bytes");
        }
        Pollable ready = subscribe();
        int offset = 0;
        while (offset < contents.length) {
            ready.block();
            long permit = checkWrite();
            int n = (int) Math.min(permit, contents.length - offset);
            if (n > 0) {
                write(java.util.Arrays.copyOfRange(contents, offset, offset + n));
                offset += n;
            }
        }
        flush();
        flushed().block();
        checkWrite(); // surfaces an error that happened while flushing
    }

    default void blockingWriteZeroesAndFlush(long len) throws StreamErrorException, InterruptedException {
        long n = WasiInputStream.unsignedLen(len);
        if (n > BLOCKING_WRITE_MAX) {
            throw new WasiTrap("blocking-write-zeroes-and-flush: more than 4096 bytes");
        }
        blockingWriteAndFlush(new byte[(int) n]);
    }

    default void blockingFlush() throws StreamErrorException, InterruptedException {
        flush();
        flushed().block();
        checkWrite();
    }

    /**
     * Moves up to {@code len} bytes from {@code src} without blocking: bounded by this stream's permit and
     * by what {@code src} has buffered. Errors of {@code src} (closed at EOF included) are reported as the
     * splice's error, as the WIT specifies.
     */
    default long splice(WasiInputStream src, long len) throws StreamErrorException {
        long n = Math.min(WasiInputStream.unsignedLen(len), checkWrite());
        if (n == 0) {
            return 0;
        }
        byte[] data = src.read(n);
        if (data.length > 0) {
            write(data);
        }
        return data.length;
    }

    /** Waits until this stream can take bytes and {@code src} has some, then splices. */
    default long blockingSplice(WasiInputStream src, long len) throws StreamErrorException, InterruptedException {
        long wanted = WasiInputStream.unsignedLen(len);
        if (wanted == 0) {
            return 0;
        }
        subscribe().block();
        long n = Math.min(wanted, checkWrite());
        if (n == 0) {
            return 0; // raced with a disconnect: the next call reports it
        }
        byte[] data = src.blockingRead(n);
        write(data);
        return data.length;
    }
}
