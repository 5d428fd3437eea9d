package dev.wharf.wasi.http.internal.io;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The push side of readiness: a stream (or future) owns one signal and calls {@link #signal()} after every
 * state change that can make one of its pollables ready (data arrived, demand arrived, closed, failed).
 * Wakers are registered only while some thread is inside {@link Poll}, so the list stays tiny; a
 * copy-on-write list lets {@code signal()} run from Netty threads without locking.
 */
public final class ReadinessSignal {
    private final CopyOnWriteArrayList<Runnable> wakers = new CopyOnWriteArrayList<>();

    public Pollable.Registration register(Runnable waker) {
        wakers.add(waker);
        return () -> wakers.remove(waker);
    }

    public void signal() {
        for (Runnable waker : wakers) {
            waker.run();
        }
    }

    /** A pollable that is ready when {@code condition} holds, woken by this signal. */
    public Pollable pollable(java.util.function.BooleanSupplier condition) {
        return new Pollable() {
            @Override
            public boolean isReady() {
                return condition.getAsBoolean();
            }

            @Override
            public Registration onReadinessChange(Runnable waker) {
                return register(waker);
            }
        };
    }
}
