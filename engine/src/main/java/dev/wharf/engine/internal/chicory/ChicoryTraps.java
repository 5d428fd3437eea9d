package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;

/**
 * Maps whatever Chicory throws out of guest code to one {@link Trap}. Chicory signals most traps
 * with a generic exception class and a spec-test message, so the message is the only reliable
 * discriminator; the strings below are the ones Chicory 1.7.5 uses (the spec test suite's).
 */
final class ChicoryTraps {
    private ChicoryTraps() {}

    /**
     * @param failure what the call threw
     * @param requestedInterrupt the reason given to {@code interrupt()}, or null if nobody asked
     */
    static Trap toTrap(Throwable failure, TrapReason requestedInterrupt) {
        if (requestedInterrupt != null) {
            // Whatever surfaced (Chicory's interrupted exception, or a host function that failed
            // because its blocking I/O was interrupted), the interrupt is what ended the call.
            return new Trap(requestedInterrupt, interruptMessage(requestedInterrupt));
        }
        if (failure instanceof Trap trap) {
            return trap;
        }
        if (failure instanceof ChicoryInterruptedException || failure instanceof InterruptedException) {
            // Interrupted by someone other than CoreInstance.interrupt() (e.g. executor shutdown).
            return new Trap(TrapReason.INTERRUPTED, interruptMessage(TrapReason.INTERRUPTED));
        }
        if (failure instanceof StackOverflowError) {
            return new Trap(TrapReason.STACK_EXHAUSTED, "call stack exhausted");
        }
        if (failure instanceof OutOfMemoryError) {
            return new Trap(TrapReason.OUT_OF_MEMORY, "out of memory");
        }
        var message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        var reason = reasonFor(message);
        if (reason == TrapReason.OTHER && failure.getCause() instanceof StackOverflowError) {
            reason = TrapReason.STACK_EXHAUSTED;
        }
        return new Trap(reason, shorten(message));
    }

    private static String interruptMessage(TrapReason reason) {
        return reason == TrapReason.DEADLINE_EXCEEDED ? "call exceeded its deadline" : "call interrupted";
    }

    static TrapReason reasonFor(String message) {
        if (message.contains("unreachable")) {
            return TrapReason.UNREACHABLE;
        } else if (message.contains("out of bounds memory access")) {
            return TrapReason.MEMORY_OUT_OF_BOUNDS;
        } else if (message.contains("call stack exhausted")) {
            return TrapReason.STACK_EXHAUSTED;
        } else if (message.contains("integer divide by zero")) {
            return TrapReason.INTEGER_DIVIDE_BY_ZERO;
        } else if (message.contains("integer overflow")) {
            return TrapReason.INTEGER_OVERFLOW;
        } else if (message.contains("invalid conversion to integer")) {
            return TrapReason.INVALID_CONVERSION;
        } else if (message.contains("indirect call type mismatch")) {
            return TrapReason.INDIRECT_CALL_TYPE_MISMATCH;
        } else if (message.contains("undefined element")
                || message.contains("uninitialized element")
                || message.contains("null function reference")) {
            return TrapReason.UNDEFINED_ELEMENT;
        } else if (message.contains("out of bounds table access")) {
            return TrapReason.TABLE_OUT_OF_BOUNDS;
        }
        return TrapReason.OTHER;
    }

    /** Keeps the first line and at most 200 characters: messages end up in HTTP error bodies. */
    private static String shorten(String message) {
        int newline = message.indexOf('\n');
        var line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
