package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.values.WitValue;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code wasi:random/random} ({@link SecureRandom}), {@code insecure} ({@link ThreadLocalRandom})
 * and {@code insecure-seed} (a fresh random pair per call: hash-map seeding only).
 */
public final class RandomBindings {
    /** Largest {@code get-*-random-bytes} request served; more traps (the guest asked for an absurd buffer). */
    static final long MAX_BYTES = 1 << 20;
    private static final SecureRandom SECURE = new SecureRandom();

    private RandomBindings() {}

    public static void register(Binder b) {
        b.fn(Wasi.RANDOM, "get-random-bytes", "func(len: u64) -> list<u8>", (c, a) -> {
            byte[] bytes = new byte[size(Values.u64(a.get(0)))];
            SECURE.nextBytes(bytes);
            return WitValue.Bytes.wrap(bytes);
        });
        b.fn(Wasi.RANDOM, "get-random-u64", "func() -> u64", (c, a) -> WitValue.u64(SECURE.nextLong()));
        b.fn(Wasi.INSECURE, "get-insecure-random-bytes", "func(len: u64) -> list<u8>", (c, a) -> {
            byte[] bytes = new byte[size(Values.u64(a.get(0)))];
            ThreadLocalRandom.current().nextBytes(bytes);
            return WitValue.Bytes.wrap(bytes);
        });
        b.fn(Wasi.INSECURE, "get-insecure-random-u64", "func() -> u64", (c, a) -> WitValue.u64(ThreadLocalRandom.current().nextLong()));
        b.fn(Wasi.INSECURE_SEED, "insecure-seed", "func() -> tuple<u64, u64>",
                (c, a) -> WitValue.tuple(WitValue.u64(SECURE.nextLong()), WitValue.u64(SECURE.nextLong())));
    }

    private static int size(long len) {
        if (len < 0 || len > MAX_BYTES) {
            throw new Trap(TrapReason.OTHER, "wasi:random: " + Long.toUnsignedString(len) + " bytes requested, at most " + MAX_BYTES);
        }
        return (int) len;
    }
}
