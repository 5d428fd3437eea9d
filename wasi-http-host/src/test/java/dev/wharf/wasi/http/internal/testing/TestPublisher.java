package dev.wharf.wasi.http.internal.testing;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Gateway stand-in for the request body: emits only what was requested, records demand. */
public final class TestPublisher implements Flow.Publisher<ByteBuffer> {
    public final AtomicLong requested = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    private final Object demandMonitor = new Object();

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    throw new AssertionError("non-positive request " + n);
                }
                requested.addAndGet(n);
                synchronized (demandMonitor) {
                    demandMonitor.notifyAll();
                }
            }

            @Override
            public void cancel() {
                cancelled.set(true);
                synchronized (demandMonitor) {
                    demandMonitor.notifyAll();
                }
            }
        });
    }

    /** Emits one chunk; fails the test if it was not requested. */
    public void emit(byte[] bytes) {
        if (delivered.get() >= requested.get()) {
            throw new AssertionError("emitting without demand");
        }
        delivered.incrementAndGet();
        subscriber.onNext(ByteBuffer.wrap(bytes));
    }

    /** Waits for demand (or cancel) then emits; returns false if cancelled. */
    public boolean emitWhenRequested(byte[] bytes) throws InterruptedException {
        synchronized (demandMonitor) {
            while (delivered.get() >= requested.get() && !cancelled.get()) {
                demandMonitor.wait();
            }
        }
        if (cancelled.get()) {
            return false;
        }
        emit(bytes);
        return true;
    }

    public void complete() {
        subscriber.onComplete();
    }

    public void error(Throwable t) {
        subscriber.onError(t);
    }

    public long outstanding() {
        return requested.get() - delivered.get();
    }
}
