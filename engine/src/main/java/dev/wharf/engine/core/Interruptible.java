package dev.wharf.engine.core;

import dev.wharf.engine.TrapReason;

/**
 * Something running guest code that another thread can stop: a {@link CoreInstance} or a
 * component instance. The call running in it, if any, fails with a trap of the given reason; with
 * no call running it does nothing. Safe from any thread.
 */
@FunctionalInterface
public interface Interruptible {
    void interrupt(TrapReason reason);
}
