package dev.wharf.engine.core;

/**
 * The captured state of one instance, opaque to callers; only the instance that produced it can
 * restore it. Immutable, so one snapshot serves any number of resets.
 */
public interface InstanceSnapshot {

    /** Bytes of memory contents held by the snapshot, for pool accounting. */
    long retainedBytes();
}
