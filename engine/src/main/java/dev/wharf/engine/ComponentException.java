package dev.wharf.engine;

/**
 * Base class of every error the engine reports about a component binary: it is malformed (cannot be
 * decoded), invalid (decodes, but breaks a validation rule) or uses a feature not supported yet.
 */
public abstract class ComponentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ComponentException(String message) {
        super(message);
    }

    protected ComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
