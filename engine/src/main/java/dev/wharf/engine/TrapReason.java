package dev.wharf.engine;

/**
 * Why guest code stopped abnormally. The reason decides what the platform does next (a deadline is
 * a 504, an out-of-memory is a 503, a guest bug is a 500), so it must never be inferred from
 * message text outside the engine.
 */
public enum TrapReason {
    /** The guest executed {@code unreachable} (Rust panics and aborts end here). */
    UNREACHABLE,
    /** A load, store or host-side access fell outside the linear memory. */
    MEMORY_OUT_OF_BOUNDS,
    /** A table access or {@code call_indirect} index fell outside the table. */
    TABLE_OUT_OF_BOUNDS,
    /** Recursion went deeper than the JVM thread stack allows. */
    STACK_EXHAUSTED,
    /** Someone called {@code CoreInstance.interrupt()} while the guest was running. */
    INTERRUPTED,
    /** The call ran past the deadline armed by the watchdog. */
    DEADLINE_EXCEEDED,
    /** The JVM or the memory budget could not provide memory the guest needed to continue. */
    OUT_OF_MEMORY,
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO,
    /** Signed division overflow, or a float-to-int conversion out of range. */
    INTEGER_OVERFLOW,
    /** A float-to-int conversion of NaN. */
    INVALID_CONVERSION,
    /** {@code call_indirect} found a function of another type than expected. */
    INDIRECT_CALL_TYPE_MISMATCH,
    /** {@code call_indirect} hit a null or uninitialized table slot. */
    UNDEFINED_ELEMENT,
    /**
     * The guest handed the Canonical ABI an invalid value: malformed UTF-8/UTF-16, a char that is not a
     * Unicode scalar value, a discriminant out of range, a misaligned pointer, a too-long list or string.
     */
    INVALID_VALUE,
    /** A resource handle was misused: dangling, of another type, or dropped while still lent/borrowed. */
    INVALID_HANDLE,
    /**
     * A call tried to enter a component instance that is already running a call (the Component
     * Model's {@code may_enter}): typically a host function calling back into the instance that
     * called it.
     */
    CANNOT_ENTER,
    /**
     * The guest called an import, {@code resource.new} or {@code resource.drop} while it may not
     * leave the instance (the Component Model's {@code may_leave}): from its post-return function
     * or its {@code realloc}.
     */
    CANNOT_LEAVE,
    /**
     * The guest broke a rule of a host resource that its interface says traps, e.g. wasi:http's
     * dropping an {@code incoming-body} while its stream is still alive, or writing past the
     * declared content length. A guest bug, like {@link #INVALID_HANDLE}, but found by the host's
     * rules rather than by the handle table. Host plugins throw it.
     */
    RESOURCE_RULE,
    /**
     * Not a failure: the guest asked to end (wasi:cli {@code exit}) and the host ended the call.
     * Made by {@link Trap#exit(int)}; {@link Trap#exitStatus()} tells success (0) from failure.
     * The guest's stack was unwound, so the instance is poisoned like after any trap (a pool
     * discards it as {@code EXITED}).
     */
    EXIT,
    /** A host function (Java callback) failed. */
    HOST_ERROR,
    /** Any other runtime failure of the underlying engine. */
    OTHER
}
