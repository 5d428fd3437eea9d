package dev.wharf.engine.pool;

/** {@link InstancePool#acquire(java.time.Duration)} waited its whole timeout and no instance became free. */
public final class PoolExhaustedException extends RuntimeException {
    public PoolExhaustedException(String message) {
        super(message);
    }
}
