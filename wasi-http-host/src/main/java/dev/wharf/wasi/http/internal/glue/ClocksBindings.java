package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.io.Pollables;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code wasi:clocks/monotonic-clock} ({@link System#nanoTime}; {@code subscribe-*} are timer
 * pollables) and {@code wall-clock} ({@link Instant#now}).
 */
public final class ClocksBindings {
    private ClocksBindings() {}

    public static void register(Binder b) {
        String m = Wasi.MONOTONIC_CLOCK;
        b.fn(m, "now", "func() -> u64", (c, a) -> WitValue.u64(System.nanoTime()));
        b.fn(m, "resolution", "func() -> u64", (c, a) -> WitValue.u64(1));
        b.fn(m, "subscribe-instant", "func(when: u64) -> own<pollable>",
                (c, a) -> c.resources(Wasi.POLLABLE).insert(Pollables.atInstant(Values.u64(a.get(0)), System.nanoTime())));
        b.fn(m, "subscribe-duration", "func(when: u64) -> own<pollable>", (c, a) -> {
            long nanos = Values.u64(a.get(0));
            return c.resources(Wasi.POLLABLE).insert(Pollables.after(Duration.ofNanos(nanos < 0 ? Long.MAX_VALUE : nanos)));
        });
        String w = Wasi.WALL_CLOCK;
        b.fn(w, "now", "func() -> datetime", (c, a) -> {
            Instant now = Instant.now();
            return WitValue.record(WitValue.u64(now.getEpochSecond()), WitValue.u32(now.getNano()));
        });
        b.fn(w, "resolution", "func() -> datetime", (c, a) -> WitValue.record(WitValue.u64(0), WitValue.u32(1000)));
    }
}
