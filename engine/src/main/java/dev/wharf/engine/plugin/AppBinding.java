package dev.wharf.engine.plugin;

import dev.wharf.engine.InstanceOptions;

/**
 * A plugin bound to one app revision: prepares each new instance of it. Closed when the revision stops
 * serving (undeployed, replaced, or the platform shuts down).
 */
@FunctionalInterface
public interface AppBinding extends AutoCloseable {

    /** A binding that adds nothing to instances. */
    AppBinding NONE = options -> options;

    /**
     * Adds the plugin's per-instance state to {@code options} (e.g. {@code options.with(KEY, state)}) and
     * returns the result. Called for every instance the platform creates for the revision.
     */
    InstanceOptions prepare(InstanceOptions options);

    @Override
    default void close() {
    }
}
