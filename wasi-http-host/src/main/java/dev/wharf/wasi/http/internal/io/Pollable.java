package dev.wharf.wasi.http.internal.io;

/**
 * The {@code wasi:io/poll.pollable} resource: something that is ready now or becomes ready later.
 *
 * <p>It is deliberately pull-based ({@link #isReady()}) with a push hint ({@link #onReadinessChange}):
 * {@link Poll} re-checks {@code isReady()} after every wake-up, so sources may wake spuriously and never
 * need to know who is waiting. Time-based pollables also expose a {@link #deadlineNanos() deadline} so a
 * waiting thread parks with a timeout instead of needing a timer thread per subscription.
 */
public interface Pollable {
    /** No deadline: the pollable becomes ready only through {@link #onReadinessChange} wake-ups. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /** Whether the pollable is ready now. Must be cheap and thread-safe; never blocks. */
    boolean isReady();

    /**
     * Registers {@code waker} to be run (on any thread, possibly spuriously) whenever {@link #isReady()}
     * may have turned true. The waker must be cheap and must not block.
     */
    Registration onReadinessChange(Runnable waker);

    /**
     * {@link System#nanoTime()} at which this pollable becomes ready by itself (timers), or
     * {@link #NO_DEADLINE}.
     */
    default long deadlineNanos() {
        return NO_DEADLINE;
    }

    /** {@code pollable.ready}. */
    default boolean ready() {
        return isReady();
    }

    /** {@code pollable.block}: waits until ready; interruptible so the engine's deadline watchdog can stop it. */
    default void block() throws InterruptedException {
        Poll.block(this);
    }

    /** Removes a waker. Idempotent. */
    interface Registration extends AutoCloseable {
        Registration NONE = () -> {};

        @Override
        void close();
    }
}
