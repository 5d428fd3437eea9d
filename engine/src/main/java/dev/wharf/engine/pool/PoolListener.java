package dev.wharf.engine.pool;

/**
 * Observes an {@link InstancePool}, e.g. to feed a metrics registry (the engine has none). Called
 * on the thread doing the work, never while the pool's lock is held; implementations must be
 * thread-safe and quick, and must not throw (what they throw is ignored).
 */
public interface PoolListener {

    /** A new instance was created, taking {@code nanos}. */
    default void instantiated(long nanos) {
    }

    /** An instance was reset for reuse, taking {@code nanos}. */
    default void reset(long nanos) {
    }

    /** An instance was closed instead of being kept. */
    default void discarded(DiscardReason reason) {
    }

    /** A lease was handed out after waiting {@code nanos} for a free slot (0 when none was needed). */
    default void acquired(long waitNanos) {
    }

    PoolListener NONE = new PoolListener() {};
}
