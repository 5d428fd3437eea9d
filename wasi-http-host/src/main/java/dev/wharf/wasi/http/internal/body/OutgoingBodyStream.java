package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.IoError;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.ReadinessSignal;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The {@code output-stream} of an {@code outgoing-body}, seen by the gateway as a {@link Flow.Publisher} of
 * response chunks (single subscriber).
 *
 * <p><b>Backpressure.</b> The write permit ({@code check-write}) is derived from downstream demand: each
 * requested chunk allows {@link Limits#chunkSize()} bytes, capped at {@link Limits#maxBufferedBytes()}, minus
 * what is already written and not yet sent. With no demand the permit is 0, so a client that does not read
 * makes the guest wait in {@code subscribe}/{@code blocking-write-and-flush} instead of the host buffering
 * the body. Writes are coalesced into chunks; a full chunk, a {@code flush} or {@code finish} sends them.
 *
 * <p><b>End.</b> {@link #finish(Fields)} sends what is left, completes {@link #trailers()} with the trailer
 * snapshot and then calls {@code onComplete} (so trailers are observable after the last chunk, before
 * completion). {@link #abort(String)} (body dropped without finish, size mismatch, guest trap) sends
 * {@code onError(}{@link ResponseAbortedException}{@code )}: the gateway must abort the HTTP response.
 * A downstream {@code cancel} (client disconnected) makes every later stream operation fail with
 * {@code closed}.
 *
 * <p>Threads: the guest writes on its thread, the subscriber requests on Netty's. Signals to the subscriber
 * are serialised by a drain loop ({@code emitting}) and sent outside the lock, so a subscriber may call
 * {@code request} from inside {@code onNext} without recursion.
 */
public final class OutgoingBodyStream implements WasiOutputStream, Flow.Publisher<ByteBuffer> {

    /**
     * @param chunkSize bytes per emitted chunk and per unit of downstream demand
     * @param maxBufferedBytes the most bytes the guest may have written and not yet handed downstream
     */
    public record Limits(int chunkSize, long maxBufferedBytes) {
        public static final Limits DEFAULT = new Limits(16 * 1024, 64 * 1024);

        public Limits {
            if (chunkSize < 1 || maxBufferedBytes < chunkSize) {
                throw new IllegalArgumentException("need chunkSize >= 1 and maxBufferedBytes >= chunkSize");
            }
        }
    }

    private enum State { OPEN, FINISHING, COMPLETED, ABORTED, CANCELLED }

    /** The first allocation for a chunk: small writes after it double it rather than grow it byte by byte. */
    private static final int MIN_CHUNK_CAPACITY = 256;

    private final Limits limits;
    private final long expectedLength;
    private final boolean requestBody;
    private final ReadinessSignal signal = new ReadinessSignal();
    private final Pollable writable;
    private final Pollable flushed;
    private final CompletableFuture<Optional<Fields>> trailersFuture = new CompletableFuture<>();

    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private byte[] current;
    private int currentLen;
    private final ArrayDeque<ByteBuffer> sealed = new ArrayDeque<>();
    private long written;
    private State state = State.OPEN;
    private ResponseAbortedException abortCause;
    private Throwable terminalError;
    private IoError failureToReport;
    private ErrorCode abortCode;
    private boolean terminalSent;
    private boolean emitting;
    private Fields trailers;

    /** @param expectedLength the declared content-length, or -1 */
    public OutgoingBodyStream(Limits limits, long expectedLength) {
        this(limits, expectedLength, false);
    }

    /**
     * @param expectedLength the declared content-length, or -1
     * @param requestBody the body of an outbound request: a length mismatch is {@code HTTP-request-body-size}
     *     rather than {@code HTTP-response-body-size}
     */
    public OutgoingBodyStream(Limits limits, long expectedLength, boolean requestBody) {
        this.limits = limits;
        this.expectedLength = expectedLength;
        this.requestBody = requestBody;
        this.writable = signal.pollable(this::isWritableOrEnded);
        this.flushed = signal.pollable(this::isFlushedOrEnded);
    }

    public OutgoingBodyStream() {
        this(Limits.DEFAULT, -1);
    }

    // ---- wasi:io output-stream: the guest side ----

    @Override
    public long checkWrite() throws StreamErrorException {
        synchronized (this) {
            throwIfNotOpen();
            return permit();
        }
    }

    @Override
    public void write(byte[] contents) throws StreamErrorException {
        String overflow = null;
        synchronized (this) {
            throwIfNotOpen();
            long permit = permit();
            if (contents.length > permit) {
                throw new WasiTrap("write of " + contents.length + " bytes exceeds the check-write permit of " + permit);
            }
            if (expectedLength >= 0 && written + contents.length > expectedLength) {
                overflow = "body exceeds its content-length of " + expectedLength + " bytes";
                abortLocked(overflow, sizeError(written + contents.length));
                failureToReport = null; // reported right here, later operations see closed
            }
        }
        if (overflow != null) {
            afterUnlock();
            throw StreamErrorException.failed(IoError.of(overflow));
        }
        synchronized (this) {
            if (state != State.OPEN) {
                throw StreamErrorException.closed(); // cancelled between the two blocks
            }
            int offset = 0;
            while (offset < contents.length) {
                int n = Math.min(contents.length - offset, limits.chunkSize() - currentLen);
                ensureCapacityLocked(currentLen + n);
                System.arraycopy(contents, offset, current, currentLen, n);
                currentLen += n;
                offset += n;
                if (currentLen == limits.chunkSize()) {
                    sealLocked();
                }
            }
            written += contents.length;
        }
        drain();
    }

    @Override
    public void flush() throws StreamErrorException {
        synchronized (this) {
            throwIfNotOpen();
            sealLocked();
        }
        drain();
    }

    @Override
    public Pollable subscribe() {
        return writable;
    }

    @Override
    public Pollable flushed() {
        return flushed;
    }

    /** Dropping the stream handle does not end the body; {@code outgoing-body.finish} or its drop does. */
    @Override
    public void close() {}

    // ---- the body state machine's side ----

    /**
     * {@code outgoing-body.finish}: sends what is buffered, then the trailers, then completes.
     *
     * @throws HttpErrorException {@code HTTP-response-body-size} if fewer bytes than content-length were
     *     written (the response is then aborted), or the error that already aborted it
     */
    public void finish(Fields trailersOrNull) throws HttpErrorException {
        try {
            synchronized (this) {
                switch (state) {
                    case CANCELLED, COMPLETED, FINISHING -> {
                        return; // client gone: nothing left to deliver; or a repeated finish (the body guards it)
                    }
                    case ABORTED -> throw new HttpErrorException(abortCode != null ? abortCode
                            : new ErrorCode.InternalError(Optional.of(abortCause.getMessage())));
                    case OPEN -> {}
                }
                if (expectedLength >= 0 && written != expectedLength) {
                    ErrorCode code = sizeError(written);
                    abortLocked("body has " + written + " bytes but content-length says " + expectedLength, code);
                    throw new HttpErrorException(code);
                }
                sealLocked();
                trailers = trailersOrNull == null ? null : trailersOrNull.immutableCopy();
                state = State.FINISHING;
            }
        } finally {
            afterUnlock();
        }
    }

    /**
     * Ends the response as failed (body dropped without finish, guest trap): subscriber gets onError. No
     * effect once the body was finished: its bytes are complete even if still waiting for demand.
     */
    public void abort(String reason) {
        synchronized (this) {
            abortLocked(reason, null);
        }
        afterUnlock();
    }

    /** Completes with the trailers snapshot (empty: none) just before onComplete; fails on abort/cancel. */
    public CompletableFuture<Optional<Fields>> trailers() {
        return trailersFuture;
    }

    public synchronized long bytesWritten() {
        return written;
    }

    public synchronized boolean isCancelled() {
        return state == State.CANCELLED;
    }

    public OptionalLong expectedLength() {
        return expectedLength < 0 ? OptionalLong.empty() : OptionalLong.of(expectedLength);
    }

    // ---- Flow.Publisher: the gateway side ----

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        boolean accepted;
        synchronized (this) {
            accepted = subscriber == null;
            if (accepted) {
                subscriber = s;
            }
        }
        if (!accepted) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            s.onError(new IllegalStateException("a response body has a single subscriber"));
            return;
        }
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                onRequest(n);
            }

            @Override
            public void cancel() {
                onCancel();
            }
        });
        drain();
    }

    private void onRequest(long n) {
        synchronized (this) {
            if (n <= 0) {
                // Reactive Streams 3.9: a non-positive request is a subscriber bug, signalled as onError.
                if (state == State.OPEN || state == State.FINISHING) {
                    state = State.ABORTED;
                    terminalError = new IllegalArgumentException("request(" + n + "): demand must be positive");
                    abortCause = new ResponseAbortedException("subscriber requested " + n);
                    clearLocked();
                }
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        afterUnlock();
    }

    private void onCancel() {
        synchronized (this) {
            if (state == State.OPEN || state == State.FINISHING) {
                state = State.CANCELLED;
                clearLocked();
            }
            terminalSent = true; // after cancel nothing more is signalled downstream
        }
        trailersFuture.completeExceptionally(new CancellationException("client disconnected"));
        signal.signal();
    }

    // ---- internals ----

    private ErrorCode sizeError(long size) {
        return requestBody ? new ErrorCode.HttpRequestBodySize(OptionalLong.of(size))
                : new ErrorCode.HttpResponseBodySize(OptionalLong.of(size));
    }

    /** Under the lock: bytes the guest may write now. */
    private long permit() {
        if (!sealed.isEmpty()) {
            return 0; // a flush is waiting for demand
        }
        long chunks = limits.maxBufferedBytes() / limits.chunkSize() + 1;
        long byDemand = demand >= chunks ? limits.maxBufferedBytes() : demand * limits.chunkSize();
        return Math.max(0, Math.min(limits.maxBufferedBytes(), byDemand) - currentLen);
    }

    private synchronized boolean isWritableOrEnded() {
        return state != State.OPEN || permit() > 0;
    }

    private synchronized boolean isFlushedOrEnded() {
        return state != State.OPEN || sealed.isEmpty();
    }

    private void throwIfNotOpen() throws StreamErrorException {
        if (state == State.OPEN) {
            return;
        }
        if (failureToReport != null) {
            IoError e = failureToReport;
            failureToReport = null;
            throw StreamErrorException.failed(e);
        }
        throw StreamErrorException.closed();
    }

    /**
     * Under the lock: room for {@code needed} bytes in the chunk being filled. The chunk grows by doubling up to
     * the chunk size instead of starting there, so a short body (most responses) does not allocate and zero a
     * whole chunk for a few bytes.
     */
    private void ensureCapacityLocked(int needed) {
        if (current == null) {
            current = new byte[Math.min(limits.chunkSize(), Math.max(needed, MIN_CHUNK_CAPACITY))];
        } else if (current.length < needed) {
            current = Arrays.copyOf(current, Math.min(limits.chunkSize(), Math.max(needed, 2 * current.length)));
        }
    }

    private void sealLocked() {
        if (currentLen > 0) {
            sealed.add(ByteBuffer.wrap(current, 0, currentLen));
            current = null;
            currentLen = 0;
        }
    }

    private void clearLocked() {
        sealed.clear();
        current = null;
        currentLen = 0;
    }

    private void abortLocked(String reason, ErrorCode code) {
        if (state != State.OPEN) {
            return; // finished bodies are complete (even if still draining); cancelled ones are gone
        }
        state = State.ABORTED;
        abortCause = new ResponseAbortedException(reason);
        terminalError = abortCause;
        abortCode = code;
        failureToReport = IoError.of(abortCause);
        clearLocked();
    }

    /** Called without the lock after any state change: fail the trailers on abort, wake waiters, drain. */
    private void afterUnlock() {
        Throwable failed;
        synchronized (this) {
            failed = state == State.ABORTED ? terminalError : null;
        }
        if (failed != null) {
            trailersFuture.completeExceptionally(failed);
        }
        signal.signal();
        drain();
    }

    private void drain() {
        synchronized (this) {
            if (emitting) {
                return; // the thread already draining will see our state change on its next pass
            }
            emitting = true;
        }
        while (true) {
            Flow.Subscriber<? super ByteBuffer> s;
            ByteBuffer next = null;
            Throwable error = null;
            Fields completeWith = null;
            boolean complete = false;
            synchronized (this) {
                s = subscriber;
                if (s == null || terminalSent) {
                    emitting = false;
                    return;
                }
                if (state == State.ABORTED) {
                    error = terminalError;
                    terminalSent = true;
                } else if (demand > 0 && !sealed.isEmpty()) {
                    next = sealed.poll();
                    demand--;
                } else if (state == State.FINISHING && sealed.isEmpty()) {
                    state = State.COMPLETED;
                    completeWith = trailers;
                    complete = true;
                    terminalSent = true;
                } else {
                    emitting = false;
                    return;
                }
            }
            if (next != null) {
                s.onNext(next);
                signal.signal(); // a delivered flush frees the permit
            } else if (complete) {
                trailersFuture.complete(Optional.ofNullable(completeWith));
                s.onComplete();
            } else {
                trailersFuture.completeExceptionally(error);
                s.onError(error);
            }
        }
    }
}
