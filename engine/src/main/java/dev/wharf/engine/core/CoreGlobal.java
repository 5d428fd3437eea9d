package dev.wharf.engine.core;

/** A global variable exported by an instance; the value is a raw bit pattern. */
public interface CoreGlobal {

    ValueType type();

    boolean mutable();

    long get();

    /** @throws IllegalStateException if the global is immutable */
    void set(long value);
}
