package dev.wharf.engine.core;

/**
 * The Java side of a host function. Arguments and results are raw bit patterns (see {@link
 * ValueType}). {@code caller} is the instance whose code made the call, so the callback can reach
 * its memory without closing over it.
 *
 * <p>Throw a {@link dev.wharf.engine.Trap} to trap the guest with a chosen reason; any other
 * exception becomes a trap with reason {@code HOST_ERROR}.
 */
@FunctionalInterface
public interface HostCallback {
    long[] apply(CoreInstance caller, long[] args);
}
