package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreFunction;

/**
 * The guest's {@code cabi_realloc(old_ptr, old_size, align, new_size) -> ptr}, bound by the caller
 * (usually to the exported core function, see {@link #of}). Pointers and sizes are u32 carried in
 * an int. A call may trap; that trap propagates unchanged. {@link LiftLowerContext} checks every
 * returned pointer (alignment, bounds) before using it.
 */
@FunctionalInterface
public interface Realloc {
    int realloc(int oldPtr, int oldSize, int alignment, int newSize);

    /** Binds to a core function of type {@code (i32 i32 i32 i32) -> i32}, such as an exported {@code cabi_realloc}. */
    static Realloc of(CoreFunction function) {
        return (oldPtr, oldSize, alignment, newSize) -> (int) function.call(
                Integer.toUnsignedLong(oldPtr), Integer.toUnsignedLong(oldSize),
                Integer.toUnsignedLong(alignment), Integer.toUnsignedLong(newSize))[0];
    }
}
