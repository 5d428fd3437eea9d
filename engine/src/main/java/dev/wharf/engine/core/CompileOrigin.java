package dev.wharf.engine.core;

/**
 * Where a compiled module came from. Compiling a large module takes seconds, so deployment code
 * reports this (and tests assert it) to prove the caches work.
 */
public enum CompileOrigin {
    /** Compiled now: neither cache had it. */
    COMPILED,
    /** Found in this engine's in-memory cache: nothing was parsed or compiled. */
    MEMORY_CACHE,
    /** Found in the persistent on-disk cache, written by this or an earlier JVM. */
    DISK_CACHE
}
