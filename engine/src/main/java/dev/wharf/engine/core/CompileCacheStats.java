package dev.wharf.engine.core;

/**
 * Counters of an engine's compile caches since it was created. {@code corruptEntries} counts disk
 * entries that could not be loaded and were recompiled instead.
 */
public record CompileCacheStats(long memoryHits, long diskHits, long misses, long corruptEntries) {}
