package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.io.IoError;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.ReadinessSignal;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The {@code input-stream} of an {@code incoming-body}: a {@link Flow.Subscriber} of the request body chunks
 * the gateway receives from Netty, read by the guest.
 *
 * <p><b>Backpressure.</b> Demand is issued only to refill a bounded buffer: queued chunks plus requested but
 * not yet delivered chunks never exceed {@link Limits#maxBufferedChunks()}, and nothing more is requested
 * while {@link Limits#maxBufferedBytes()} are queued. So a guest that reads slowly (or not at all) stops the
 * upstream read, and Netty stops reading the socket: memory per request stays bounded whatever the body size.
 *
 * <p><b>Errors.</b> Queued data is delivered first; then EOF reads as {@code closed} and an upstream failure
 * as {@code last-operation-failed} once (later operations see {@code closed}). A body beyond
 * {@link Limits#maxTotalBytes()} fails with a {@link BodyTooLargeException} cause and cancels upstream; the
 * gateway checks {@link #limitExceeded()} to answer 413.
 *
 * <p>Threads: {@code onNext}/{@code onComplete}/{@code onError} arrive on a Netty thread, reads on the guest's
 * thread; all state is guarded by {@code this}, and {@code request}/{@code cancel} are called outside the lock
 * so a synchronous publisher may re-enter {@code onNext}.
 */
public final class IncomingBodyStream implements WasiInputStream, Flow.Subscriber<ByteBuffer> {

    /**
     * @param maxBufferedChunks most chunks held or requested at once (at least 1)
     * @param maxBufferedBytes no new demand while this many bytes are queued
     * @param maxTotalBytes body size limit, or -1 for none
     */
    public record Limits(int maxBufferedChunks, long maxBufferedBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(4, 128 * 1024, -1);

        public Limits {
            if (maxBufferedChunks < 1 || maxBufferedBytes < 1) {
                throw new IllegalArgumentException("buffer bounds must be positive");
            }
        }

        public Limits withMaxTotalBytes(long max) {
            return new Limits(maxBufferedChunks, maxBufferedBytes, max);
        }
    }

    private final Limits limits;
    private final ReadinessSignal signal = new ReadinessSignal();
    private final Pollable readable;
    private final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private int outstanding;
    private long received;
    private Flow.Subscription subscription;
    private boolean complete;
    private IoError failure;
    private boolean failureReported;
    private boolean dropped;
    private boolean discarding;
    private BodyTooLargeException tooLarge;

    public IncomingBodyStream(Limits limits) {
        this.limits = limits;
        this.readable = signal.pollable(this::isReadable);
    }

    public IncomingBodyStream() {
        this(Limits.DEFAULT);
    }

    // ---- Flow.Subscriber: the gateway side ----

    @Override
    public void onSubscribe(Flow.Subscription s) {
        long n;
        synchronized (this) {
            if (subscription != null || dropped) {
                n = -1;
            } else {
                subscription = s;
                n = demandToIssue();
            }
        }
        if (n < 0) {
            s.cancel();
        } else if (n > 0) {
            s.request(n);
        }
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        Flow.Subscription cancel = null;
        synchronized (this) {
            if ((dropped && !discarding) || complete || failure != null) {
                return; // late chunk after cancel: drop it
            }
            if (outstanding == 0) {
                failure = IoError.of(new IllegalStateException("publisher sent a chunk that was not requested"));
                cancel = subscription;
            } else {
                outstanding--;
                received += chunk.remaining();
                if (limits.maxTotalBytes() >= 0 && received > limits.maxTotalBytes()) {
                    tooLarge = new BodyTooLargeException(limits.maxTotalBytes());
                    failure = IoError.of(tooLarge);
                    cancel = subscription;
                } else if (discarding) {
                    // finish() is draining the rest of the body to reach the trailers: count it, keep nothing.
                } else if (chunk.hasRemaining()) {
                    // Copy: the gateway may hand us a view of pooled memory it releases after onNext returns.
                    ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
                    copy.put(chunk).flip();
                    queue.add(copy);
                    queuedBytes += copy.remaining();
                }
            }
        }
        if (cancel != null) {
            cancel.cancel();
            endWithFailure();
        } else {
            requestMore(); // an empty chunk used a request without filling the buffer
        }
        signal.signal();
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            if (complete || failure != null) {
                return;
            }
            failure = new IoError("request body failed: " + t, t);
        }
        endWithFailure();
        signal.signal();
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            complete = true;
        }
        ended.complete(null);
        signal.signal();
    }

    // ---- wasi:io input-stream: the guest side ----

    @Override
    public byte[] read(long len) throws StreamErrorException {
        long wanted = WasiInputStream.unsignedLen(len);
        byte[] out;
        synchronized (this) {
            if (queue.isEmpty()) {
                throwIfEnded();
                return new byte[0];
            }
            out = new byte[(int) Math.min(Math.min(wanted, queuedBytes), Integer.MAX_VALUE - 8)];
            int filled = 0;
            while (filled < out.length) {
                ByteBuffer head = queue.peek();
                int n = Math.min(head.remaining(), out.length - filled);
                head.get(out, filled, n);
                filled += n;
                if (!head.hasRemaining()) {
                    queue.poll();
                }
            }
            queuedBytes -= out.length;
        }
        requestMore();
        return out;
    }

    @Override
    public long skip(long len) throws StreamErrorException {
        long wanted = WasiInputStream.unsignedLen(len);
        long skipped = 0;
        synchronized (this) {
            if (queue.isEmpty()) {
                throwIfEnded();
                return 0;
            }
            while (skipped < wanted && !queue.isEmpty()) {
                ByteBuffer head = queue.peek();
                int n = (int) Math.min(head.remaining(), wanted - skipped);
                head.position(head.position() + n);
                skipped += n;
                if (!head.hasRemaining()) {
                    queue.poll();
                }
            }
            queuedBytes -= skipped;
        }
        requestMore();
        return skipped;
    }

    @Override
    public Pollable subscribe() {
        return readable;
    }

    /**
     * The guest dropped the {@code input-stream} child. Buffers are released and no more is requested, but
     * upstream is not cancelled: the parent body may still be finished (and drained for its trailers), or
     * dropped ({@link #cancel()}).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (dropped) {
                return;
            }
            dropped = true;
            queue.clear();
            queuedBytes = 0;
        }
        signal.signal();
    }

    /** {@code incoming-body.finish}: read and discard the rest of the body so its end (and trailers) arrive. */
    public void discardRemaining() {
        synchronized (this) {
            dropped = true;
            discarding = true;
            queue.clear();
            queuedBytes = 0;
        }
        requestMore();
        signal.signal();
    }

    /** The incoming body was dropped unfinished: stop the upstream read. */
    public void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            dropped = true;
            discarding = false;
            queue.clear();
            queuedBytes = 0;
            s = (complete || failure != null) ? null : subscription;
            if (s != null) {
                failure = IoError.of("request body cancelled");
                failureReported = true;
            }
        }
        if (s != null) {
            s.cancel();
            endWithFailure();
        }
        signal.signal();
    }

    /**
     * Completes when upstream completes normally; fails with the upstream error, the
     * {@link BodyTooLargeException}, or the cancellation. The body's future-trailers hang on this.
     */
    public java.util.concurrent.CompletableFuture<Void> ended() {
        return ended;
    }

    private void endWithFailure() {
        IoError f;
        synchronized (this) {
            f = failure;
        }
        if (f != null) {
            ended.completeExceptionally(f.cause() != null ? f.cause() : new java.io.IOException(f.debugString()));
        }
    }

    /** Upstream ended (normally or not): for the body state machine. */
    public synchronized boolean isEnded() {
        return complete || failure != null;
    }

    public synchronized Optional<IoError> failure() {
        return Optional.ofNullable(failure);
    }

    // ---- for the gateway and the body state machine ----

    /** The size limit was exceeded: the gateway answers 413 whatever the guest did with the failed read. */
    public synchronized Optional<BodyTooLargeException> limitExceeded() {
        return Optional.ofNullable(tooLarge);
    }

    /** Bytes received from upstream so far. */
    public synchronized long receivedBytes() {
        return received;
    }

    /** Chunks requested from upstream and not yet delivered (for tests and metrics). */
    public synchronized int outstandingDemand() {
        return outstanding;
    }

    public synchronized boolean isClosed() {
        return dropped;
    }

    private synchronized boolean isReadable() {
        return !queue.isEmpty() || complete || failure != null || dropped;
    }

    private void throwIfEnded() throws StreamErrorException {
        if (failure != null && !failureReported) {
            failureReported = true;
            throw StreamErrorException.failed(failure);
        }
        if (failure != null || complete || dropped) {
            throw StreamErrorException.closed();
        }
    }

    /** Under the lock: how many chunks to request so that queued + outstanding stays within the bounds. */
    private long demandToIssue() {
        if (subscription == null || (dropped && !discarding) || complete || failure != null || queuedBytes >= limits.maxBufferedBytes()) {
            return 0;
        }
        int n = limits.maxBufferedChunks() - queue.size() - outstanding;
        if (n <= 0) {
            return 0;
        }
        outstanding += n;
        return n;
    }

    private void requestMore() {
        long n;
        Flow.Subscription s;
        synchronized (this) {
            n = demandToIssue();
            s = subscription;
        }
        if (n > 0) {
            s.request(n);
        }
    }
}
