package dev.wharf.engine;

import java.util.Objects;
import java.util.OptionalInt;

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

    private static final int NO_STATUS = Integer.MIN_VALUE;

    private final TrapReason reason;
    private final int exitStatus;

    public Trap(TrapReason reason, String message) {
        this(reason, message, null);
    }

    public Trap(TrapReason reason, String message, Throwable cause) {
        this(reason, message, cause, NO_STATUS);
    }

    private Trap(TrapReason reason, String message, Throwable cause, int exitStatus) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.exitStatus = exitStatus;
    }

    /**
     * The guest asked to end with {@code status} (wasi:cli {@code exit}: 0 for {@code ok}, 1 for
     * {@code err}, or {@code exit-with-code}'s code). A host function throws it to end the call; the
     * caller of the export gets it back with reason {@link TrapReason#EXIT}.
     */
    public static Trap exit(int status) {
        return new Trap(TrapReason.EXIT, "the guest exited with status " + status, null, status);
    }

    /** The status of a {@link #exit} trap; empty for every other trap. */
    public OptionalInt exitStatus() {
        return exitStatus == NO_STATUS ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    public TrapReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Trap[" + reason + "]: " + getMessage();
    }
}
