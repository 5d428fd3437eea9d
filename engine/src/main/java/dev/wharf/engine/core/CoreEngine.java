package dev.wharf.engine.core;

/**
 * A WebAssembly core engine: turns core module bytes into {@link CoreModule}s that can be
 * instantiated many times. Implementations cache compiled modules by content digest, in memory and
 * on disk, because compiling a multi-megabyte module takes seconds.
 *
 * <p>Thread-safe: concurrent compiles of the same bytes compile once.
 */
public interface CoreEngine extends AutoCloseable {

    /**
     * Compiles (or fetches from a cache) the core module in {@code wasm}.
     *
     * @throws CoreModuleException if the bytes are not a valid core module
     */
    CoreModule compile(byte[] wasm);

    /** Cache counters, for metrics and tests. */
    CompileCacheStats cacheStats();

    /** Releases the in-memory cache; modules already handed out stay usable. */
    @Override
    void close();
}
