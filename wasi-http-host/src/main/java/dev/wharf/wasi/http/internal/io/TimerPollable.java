package dev.wharf.wasi.http.internal.io;

/**
 * A pollable that becomes ready at a {@link System#nanoTime()} deadline. It has no thread and no scheduled
 * task: {@link Poll} parks with a timeout up to the nearest deadline, so a guest that subscribes to a
 * million timers costs a million small objects, not a million scheduler entries.
 */
public record TimerPollable(long deadline) implements Pollable {
    /** Ready {@code nanos} from now (saturating: huge durations never overflow into the past). */
    public static TimerPollable after(long nanos) {
        long now = System.nanoTime();
        long deadline = nanos >= Long.MAX_VALUE - now - 1 ? NO_DEADLINE - 1 : now + Math.max(0, nanos);
        return new TimerPollable(deadline);
    }

    @Override
    public boolean isReady() {
        return System.nanoTime() - deadline >= 0;
    }

    @Override
    public Registration onReadinessChange(Runnable waker) {
        return Registration.NONE;
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
