package dev.wharf.engine.internal.chicory;

import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Watchdog;
import java.time.Duration;

/**
 * Bounds one instantiation's start function ({@code CoreLimits.startTimeout}): if the instantiating thread is still
 * in it when the time is up, the thread is interrupted, which compiled code and the interpreter's loop listener both
 * notice. Closing it disarms the timer and clears an interrupt that fired too late to matter, so nothing leaks into
 * the thread's next blocking call.
 */
final class StartDeadline implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final Object lock = new Object();
    private final CallDeadline armed;
    private boolean active = true;
    private boolean fired;

    private StartDeadline(Duration timeout) {
        this.armed = Watchdog.shared().arm(reason -> fire(), timeout);
    }

    /** A deadline for a start function about to run on this thread, or null when there is no timeout. */
    static StartDeadline arm(Duration timeout) {
        return timeout == null ? null : new StartDeadline(timeout);
    }

    private void fire() {
        synchronized (lock) {
            if (active) {
                fired = true;
                thread.interrupt();
            }
        }
    }

    /** Whether the time ran out while the start function ran. */
    boolean fired() {
        synchronized (lock) {
            return fired;
        }
    }

    @Override
    public void close() {
        armed.close();
        synchronized (lock) {
            active = false;
            if (fired) {
                Thread.interrupted();
            }
        }
    }
}
