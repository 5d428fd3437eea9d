package dev.wharf.engine;

import java.util.Objects;

/**
 * The one exception a guest call raises when the guest stops abnormally, whatever backend runs it.
 *
 * <p>It carries a {@link TrapReason} and a short message. It records no stack trace: the Java
 * frames of generated code say nothing useful to a function author, filling them in costs time on
 * every trap, and logs stay readable. The backend's original exception is kept as the cause only
 * for host errors, where the Java stack matters.
 */
public final class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TrapReason reason;

    public Trap(TrapReason reason, String message) {
        this(reason, message, null);
    }

    public Trap(TrapReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TrapReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Trap[" + reason + "]: " + getMessage();
    }
}
