package dev.wharf.engine;

/**
 * A host function working on the import's flat core arguments, for hot paths such as {@code
 * wasi:io/streams} {@code write(list<u8>)} where lifting the list into a {@code WitValue} and then
 * copying it again is avoidable. Define it with {@code Linker.defineRaw}; the import is still
 * type-checked against the declared component type.
 *
 * <p>{@code args} and the returned array follow the canonical ABI's flattening for a lowered
 * import ({@code canon lower}): an {@code i32} is the low 32 bits of a {@code long}, a string or
 * list is {@code (ptr, len)} into {@link Caller#memory()}, a resource handle is an index into the
 * guest's handle table (resolve it with {@link Caller#handle}); more than 16 flat parameters arrive
 * as one pointer to a tuple, and a result of more than one flat value is written by the function
 * through the trailing return pointer argument (then return an empty array). The function must
 * validate what it reads: out-of-bounds accesses trap, other checks are its own.
 */
@FunctionalInterface
public interface RawHostFunction {
    long[] call(Caller caller, long[] args);
}
