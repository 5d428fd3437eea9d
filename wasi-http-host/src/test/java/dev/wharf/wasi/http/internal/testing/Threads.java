package dev.wharf.wasi.http.internal.testing;

import java.util.concurrent.TimeUnit;

/** Waits for a thread to be parked: proves a blocking call waits without spinning. */
public final class Threads {
    private Threads() {}

    public static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                // Re-check after a pause: a spinning loop may pass through WAITING briefly, a parked thread stays.
                Thread.sleep(50);
                Thread.State again = t.getState();
                if (again == Thread.State.WAITING || again == Thread.State.TIMED_WAITING) {
                    return;
                }
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError("thread ended instead of blocking");
            }
            Thread.sleep(5);
        }
        throw new AssertionError("thread never parked; state " + t.getState());
    }
}
