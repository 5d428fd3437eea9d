package dev.wharf.engine.internal.resources;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;

/** Traps for handle misuse: dangling or mistyped handles, and own/borrow rule violations. */
final class HandleTraps {
    private HandleTraps() {}

    static Trap trap(String message) {
        return new Trap(TrapReason.INVALID_HANDLE, message);
    }
}
