package dev.wharf.engine.core;

/**
 * A core module could not be compiled, linked or instantiated. Distinct from {@link
 * dev.wharf.engine.Trap}, which is a failure of running guest code.
 */
public final class CoreModuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** At which step the module failed. */
    public enum Kind {
        /** The bytes do not decode as a core module. */
        MALFORMED,
        /** The module decodes but breaks a validation rule. */
        INVALID,
        /** An import is missing or has the wrong type. */
        UNLINKABLE,
        /** Instantiation itself failed (data segment out of bounds, memory over the host cap). */
        UNINSTANTIABLE
    }

    private final Kind kind;

    public CoreModuleException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public CoreModuleException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
