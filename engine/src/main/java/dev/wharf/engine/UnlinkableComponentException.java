package dev.wharf.engine;

/**
 * A component cannot be linked: one of its imports is missing from the {@link Linker} or is
 * defined with another type. The message names the import and prints both types in WIT syntax.
 * Not a {@link ComponentException}: the component itself is fine, the host does not fit it.
 */
public final class UnlinkableComponentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String importName;

    public UnlinkableComponentException(String importName, String message) {
        super(message);
        this.importName = importName;
    }

    /** The import that failed, {@code interface#function} (or the bare function name at top level). */
    public String importName() {
        return importName;
    }
}
