package dev.wharf.engine.core;

/**
 * An exported function, resolved once by name and then called many times: the hot path does no
 * string lookup. Bound to its instance.
 */
public interface CoreFunction {

    String name();

    FuncType type();

    /**
     * Calls the function with raw-bit arguments and returns raw-bit results (an empty array when it
     * returns nothing).
     *
     * @throws dev.wharf.engine.Trap if the guest traps, is interrupted or runs past its deadline;
     *     the instance is then poisoned
     * @throws IllegalStateException if the instance is poisoned or closed
     */
    long[] call(long... args);
}
