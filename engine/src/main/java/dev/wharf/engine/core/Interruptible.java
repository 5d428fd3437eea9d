package dev.wharf.engine.core;

import dev.wharf.engine.TrapReason;

/**
 * Something running guest code that another thread can stop: a {@link CoreInstance} or a
 * component instance. The call running in it, if any, fails with a trap of the given reason; with
 * no call running it does nothing. Safe from any thread.
 *
 * <p>A pooled instance runs one call after another, so an interrupt meant for one call must not
 * reach the next. {@link #callEpoch()} names the call running now (or the next one to start) and
 * {@link #interruptCall} interrupts only that call: the {@link Watchdog} uses the pair, so a
 * deadline that fires as its call returns is dropped instead of stopping a later call.
 */
@FunctionalInterface
public interface Interruptible {
    void interrupt(TrapReason reason);

    /**
     * Names the call running now, or the next one to start if none runs. It changes when a call
     * ends and when the instance is reset. The default (for implementations that do not track
     * calls) is always 0.
     */
    default long callEpoch() {
        return 0;
    }

    /**
     * Interrupts the call named {@code epoch} (from {@link #callEpoch()}) if it is running. Once
     * that call has ended this does nothing, so a late interrupt never reaches a later call.
     * Returns whether the call was interrupted. An interrupt for a call that has not started yet
     * (the epoch names the next call) is kept for it: a component instance fails that call before
     * it runs guest code; a core instance starts it interrupted, so it stops at its first
     * interruption check. The default forwards to {@link #interrupt}.
     */
    default boolean interruptCall(long epoch, TrapReason reason) {
        interrupt(reason);
        return true;
    }
}
