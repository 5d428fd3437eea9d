package dev.wharf.wasi.http.internal.io;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code wasi:io/poll.poll}: blocks the calling (guest) thread until at least one pollable is ready and returns
 * the indices of all ready ones.
 *
 * <p>Waiting parks the thread ({@link LockSupport}) - it is WAITING, or TIMED_WAITING up to the nearest timer
 * deadline - and each source's waker unparks it; no spinning. An unpark that races ahead of the park leaves
 * a permit, so no wake-up is lost, and every wake-up re-checks all pollables, so spurious ones are harmless.
 * {@link Thread#interrupt()} ends the wait with {@link InterruptedException}: that is how the engine's
 * deadline watchdog stops a guest stuck in poll.
 */
public final class Poll {
    private Poll() {}

    /**
     * @return ready indices in ascending order; a pollable listed twice yields both indices
     * @throws WasiTrap on an empty list (the WIT says poll traps then: it would block forever)
     */
    public static int[] poll(List<? extends Pollable> pollables) throws InterruptedException {
        if (pollables.isEmpty()) {
            throw new WasiTrap("poll: empty list of pollables");
        }
        int[] ready = readyIndices(pollables);
        if (ready.length > 0) {
            return ready;
        }
        Thread waiter = Thread.currentThread();
        Runnable waker = () -> LockSupport.unpark(waiter);
        List<Pollable.Registration> registrations = new ArrayList<>();
        IdentityHashMap<Pollable, Boolean> distinct = new IdentityHashMap<>();
        long deadline = Pollable.NO_DEADLINE;
        try {
            for (Pollable p : pollables) {
                if (distinct.put(p, Boolean.TRUE) == null) {
                    registrations.add(p.onReadinessChange(waker));
                    deadline = earlier(deadline, p.deadlineNanos());
                }
            }
            while (true) {
                // Re-check after registering: a signal sent between the first check and registration was
                // missed by the waker, but its state change is visible here.
                ready = readyIndices(pollables);
                if (ready.length > 0) {
                    return ready;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("poll interrupted");
                }
                if (deadline == Pollable.NO_DEADLINE) {
                    LockSupport.park(Poll.class);
                } else {
                    long wait = deadline - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(Poll.class, wait);
                    }
                }
            }
        } finally {
            for (Pollable.Registration r : registrations) {
                r.close();
            }
        }
    }

    /** {@code pollable.block}. */
    public static void block(Pollable pollable) throws InterruptedException {
        poll(List.of(pollable));
    }

    private static long earlier(long a, long b) {
        if (a == Pollable.NO_DEADLINE) {
            return b;
        }
        if (b == Pollable.NO_DEADLINE) {
            return a;
        }
        return b - a < 0 ? b : a;
    }

    private static int[] readyIndices(List<? extends Pollable> pollables) {
        int n = pollables.size();
        int[] out = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (pollables.get(i).isReady()) {
                out[count++] = i;
            }
        }
        return count == n ? out : java.util.Arrays.copyOf(out, count);
    }
}
