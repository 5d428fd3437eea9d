package dev.wharf.wasi.http.internal.outbound;

import dev.wharf.wasi.http.internal.body.ErrorCode.Kind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Carries an upstream response body from the JDK client ({@code List<ByteBuffer>} items) to the guest's
 * {@code IncomingBodyStream} (one buffer per item), passing the stream's bounded demand straight through, so a
 * guest that does not read stops the socket read. It also enforces {@code between-bytes-timeout}: while some
 * demand is outstanding, the upstream must deliver within the timeout, else the body fails with
 * {@code connection-read-timeout}. Time spent without demand (the guest not reading) never counts.
 * Failures reach the stream as an {@code HttpErrorException} with the mapped {@code error-code}.
 */
public final class UpstreamBody implements Flow.Subscriber<List<ByteBuffer>>, Flow.Subscription {
    private static final ScheduledExecutorService TIMER = timer();

    private final Flow.Subscriber<? super ByteBuffer> downstream;
    private final long betweenBytesNanos;
    private Flow.Subscription upstream;
    private long outstanding;
    private ScheduledFuture<?> timeout;
    private boolean done;

    public UpstreamBody(Flow.Subscriber<? super ByteBuffer> downstream, Duration betweenBytes) {
        this.downstream = downstream;
        this.betweenBytesNanos = betweenBytes.toNanos();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            upstream = s;
        }
        downstream.onSubscribe(this);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        synchronized (this) {
            if (done) {
                return;
            }
            outstanding--;
            rearmLocked();
        }
        int size = 0;
        for (ByteBuffer b : item) {
            size += b.remaining();
        }
        ByteBuffer merged = ByteBuffer.allocate(size);
        item.forEach(merged::put);
        downstream.onNext(merged.flip());
    }

    @Override
    public void onError(Throwable failure) {
        if (end()) {
            downstream.onError(new dev.wharf.wasi.http.internal.body.HttpErrorException(OutboundErrors.map(failure)));
        }
    }

    @Override
    public void onComplete() {
        if (end()) {
            downstream.onComplete();
        }
    }

    @Override
    public void request(long n) {
        Flow.Subscription s;
        synchronized (this) {
            if (done) {
                return;
            }
            outstanding = outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n;
            if (timeout == null) {
                rearmLocked();
            }
            s = upstream;
        }
        s.request(n);
    }

    @Override
    public void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            s = upstream;
        }
        end();
        s.cancel();
    }

    private void timedOut() {
        Flow.Subscription s;
        synchronized (this) {
            s = upstream;
        }
        if (end()) {
            s.cancel();
            downstream.onError(OutboundErrors.of(Kind.CONNECTION_READ_TIMEOUT));
        }
    }

    /** Under the lock: a fresh timeout while demand is outstanding, none otherwise. */
    private void rearmLocked() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        if (outstanding > 0 && !done) {
            timeout = TIMER.schedule(this::timedOut, betweenBytesNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Marks the end once; false if it had already ended. */
    private synchronized boolean end() {
        if (done) {
            return false;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        return true;
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("wharf-outbound-timer").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
