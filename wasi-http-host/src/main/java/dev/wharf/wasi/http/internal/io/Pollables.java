package dev.wharf.wasi.http.internal.io;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Factories for the pollables that do not belong to a stream. */
public final class Pollables {
    private static final Pollable READY = new Pollable() {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public Registration onReadinessChange(Runnable waker) {
            return Registration.NONE;
        }
    };

    private Pollables() {}

    /** Always ready (e.g. a closed stream's subscribe). */
    public static Pollable ready() {
        return READY;
    }

    /**
     * Ready when {@code future} completes, normally or not (future-trailers, future-incoming-response). The
     * future is hooked once, through a signal, so repeated polls do not pile callbacks onto it.
     */
    public static Pollable of(CompletableFuture<?> future) {
        ReadinessSignal signal = new ReadinessSignal();
        future.whenComplete((value, failure) -> signal.signal());
        return signal.pollable(future::isDone);
    }

    /** {@code monotonic-clock.subscribe-duration}: ready {@code duration} from now. */
    public static Pollable after(Duration duration) {
        return TimerPollable.after(duration.toNanos());
    }

    /**
     * {@code monotonic-clock.subscribe-instant}: ready at {@code instantNanos} of a clock whose current reading
     * is {@code nowNanos} (the guest-visible monotonic clock); converted to the {@link System#nanoTime()} domain.
     */
    public static Pollable atInstant(long instantNanos, long nowNanos) {
        return TimerPollable.after(Math.max(0, instantNanos - nowNanos));
    }
}
