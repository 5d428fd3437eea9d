package dev.wharf.engine.pool;

/** Why an {@link InstancePool} closed an instance instead of keeping it for reuse. */
public enum DiscardReason {
    /** A call trapped (other than an interruption): the instance's state may be half-updated. */
    TRAPPED,
    /** The guest ended a call with wasi:cli {@code exit} ({@code TrapReason.EXIT}): not a failure, but its stack was unwound. */
    EXITED,
    /** A call was interrupted: a deadline ({@code DEADLINE_EXCEEDED}) or {@code interrupt()}. */
    INTERRUPTED,
    /** Its memories grew beyond their initial size by more than {@link PoolConfig#maxMemoryGrowthBytes}. */
    MEMORY_GREW,
    /** It served {@link PoolConfig#maxUsesPerInstance} leases. */
    MAX_USES,
    /** Resetting it failed (a destructor or a state factory threw). */
    RESET_FAILED,
    /** The lease holder asked for it ({@link InstancePool.Lease#discard}). */
    REQUESTED,
    /** {@link PoolConfig#maxIdle} instances were already idle. */
    IDLE_FULL,
    /** The pool was closed. */
    POOL_CLOSED
}
