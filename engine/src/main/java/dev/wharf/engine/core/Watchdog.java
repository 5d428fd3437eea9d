package dev.wharf.engine.core;

import dev.wharf.engine.TrapReason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces call deadlines with one shared scheduler thread instead of a thread per call: arming is
 * a scheduled task, and when it fires it interrupts the instance, whose call then fails with a trap
 * of reason {@code DEADLINE_EXCEEDED}.
 *
 * <pre>{@code
 * try (var deadline = watchdog.arm(instance, Duration.ofSeconds(5))) {
 *     handler.call(args);
 * }
 * }</pre>
 *
 * <p>Interruption relies on the backend polling for it at calls and loop back-edges (see
 * docs/engine-core.md for how the Chicory backend covers interpreted functions too). A host
 * function blocked in Java sees an {@link InterruptedException}.
 */
public final class Watchdog implements AutoCloseable {

    private static final class Shared {
        static final Watchdog INSTANCE = new Watchdog("wharf-watchdog");
    }

    private final ScheduledThreadPoolExecutor scheduler;

    public Watchdog(String threadName) {
        scheduler =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            var thread = new Thread(runnable, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        // Most deadlines are disarmed long before they fire: drop them from the queue at once.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** The process-wide watchdog; its thread is a daemon and never needs closing. */
    public static Watchdog shared() {
        return Shared.INSTANCE;
    }

    /**
     * Interrupts {@code instance} with DEADLINE_EXCEEDED unless closed within {@code timeout}, and
     * only the call running when it was armed (or the next one to start if none ran): once that
     * call has returned a late deadline is dropped, even if the instance already runs another. Any
     * {@link Interruptible} can be armed: a {@link CoreInstance}, or a component instance (which
     * interrupts whichever of its core instances is running).
     */
    public CallDeadline arm(Interruptible instance, Duration timeout) {
        Objects.requireNonNull(instance, "instance");
        var deadline = new ArmedDeadline();
        // The call this deadline is for: the one running now, or the next to start. When the
        // deadline fires just as that call returns, the instance may already run its next call
        // (a pooled instance, reset and leased again); the epoch makes the instance drop it.
        long epoch = instance.callEpoch();
        deadline.future =
                scheduler.schedule(
                        () -> {
                            if (!deadline.closed.get() && instance.interruptCall(epoch, TrapReason.DEADLINE_EXCEEDED)) {
                                deadline.expired.set(true);
                            }
                        },
                        Math.max(0, timeout.toNanos()),
                        TimeUnit.NANOSECONDS);
        return deadline;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static final class ArmedDeadline implements CallDeadline {
        final AtomicBoolean expired = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile ScheduledFuture<?> future;

        @Override
        public boolean expired() {
            return expired.get();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                future.cancel(false);
            }
        }
    }
}
