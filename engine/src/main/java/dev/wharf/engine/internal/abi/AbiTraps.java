package dev.wharf.engine.internal.abi;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;

/**
 * The traps the Canonical ABI raises, in one place so their reasons can be refined later.
 *
 * <p>Invalid values from the guest (bad string encoding, invalid char, discriminant out of range,
 * misaligned pointer) use {@link TrapReason#INVALID_VALUE}, bounds failures
 * {@link TrapReason#MEMORY_OUT_OF_BOUNDS}, and values the host built wrongly {@link TrapReason#HOST_ERROR}.
 * Handle misuse traps come from {@link dev.wharf.engine.internal.resources.HandleTraps}.
 */
public final class AbiTraps {
    private AbiTraps() {}

    /** A value from the guest breaks a Canonical ABI rule. */
    public static Trap invalid(String message) {
        return new Trap(TrapReason.INVALID_VALUE, message);
    }

    public static Trap outOfBounds(String message) {
        return new Trap(TrapReason.MEMORY_OUT_OF_BOUNDS, message);
    }

    /** The host supplied a value that does not fit the type. */
    public static Trap host(String message) {
        return new Trap(TrapReason.HOST_ERROR, message);
    }

    static String hex(int ptr) {
        return "0x" + Integer.toHexString(ptr);
    }

    static String hex(long ptr) {
        return "0x" + Long.toHexString(ptr);
    }
}
