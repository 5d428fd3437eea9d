package dev.wharf.engine.core;

/**
 * A deadline armed by {@link Watchdog#arm} for one call. Close it when the call returns (use
 * try-with-resources) so it cannot fire into a later call.
 */
public interface CallDeadline extends AutoCloseable {

    /** True if the deadline passed and interrupted the call it was armed for. */
    boolean expired();

    /** Disarms the deadline; idempotent. */
    @Override
    void close();
}
