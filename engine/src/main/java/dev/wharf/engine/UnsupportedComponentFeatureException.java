package dev.wharf.engine;

/**
 * The component is (as far as the engine can tell) valid but uses a Component Model feature this engine
 * does not implement yet. The message reads {@code "not supported yet: <feature>"}.
 */
public final class UnsupportedComponentFeatureException extends InvalidComponentException {
    private static final long serialVersionUID = 1L;
    private final String feature;

    public UnsupportedComponentFeatureException(String feature, String where) {
        super("not supported yet: " + feature + (where == null || where.isEmpty() ? "" : " (" + where + ")"));
        this.feature = feature;
    }

    /** Short name of the unsupported feature, e.g. {@code "async canon lift"}. */
    public String feature() {
        return feature;
    }
}
