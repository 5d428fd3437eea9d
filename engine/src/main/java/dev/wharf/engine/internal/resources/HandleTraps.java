package dev.wharf.engine.internal.resources;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;

/**
 * Traps for handle misuse: dangling or mistyped handles, and own/borrow rule violations. The one place that
 * builds {@link TrapReason#INVALID_HANDLE} traps, for the guest handle tables and the host resource tables alike.
 */
public final class HandleTraps {
    private HandleTraps() {}

    public static Trap trap(String message) {
        return new Trap(TrapReason.INVALID_HANDLE, message);
    }
}
